import Foundation
import SecondmentDomain

/// A scenario given as an edited copy of the base: a changed workbook,
/// instance or staff list instead of a scenario file.
///
/// The differences are the scenario: people only in the copy are hires,
/// people only in the base leave, edited cells (demand, desks, a person's
/// attributes, policy values) are changes. Each becomes one line in the
/// planner's words, with names rather than ids.
public enum EditedCopy {
  /// Every difference from `base` to `edited`, one line each, in the order
  /// hires, leavers, people changed, towns changed, policy.
  public static func differences(from base: Instance, to edited: Instance) -> [String] {
    var lines: [String] = []
    let towns = Dictionary(base.towns.map { ($0.id, $0) } + edited.towns.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let departments = Dictionary(
      base.departments.map { ($0.id, $0.name) } + edited.departments.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    func town(_ id: String?) -> String { id.map { towns[$0]?.name ?? $0 } ?? "—" }
    func department(_ id: String) -> String { departments[id] ?? id }
    func role(_ r: Role) -> String { r == .officer ? "officer" : "auxiliary" }
    func yes(_ b: Bool) -> String { b ? "yes" : "no" }
    func posting(_ p: Posting?) -> String {
      switch p {
      case .stationed(let t)?: return "stationed at \(town(t))"
      case .zoned(let z)?: return "zoned to \(z)"
      case .unassigned?: return "unassigned"
      case nil: return "none"
      }
    }
    let before = Dictionary(base.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let after = Dictionary(edited.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for p in edited.people where before[p.id] == nil {
      var traits = [department(p.department), role(p.role)]
      if p.certified { traits.append("certified") }
      if p.legal { traits.append("legal background") }
      if p.drives { traits.append("drives") }
      if let home = p.homeTown { traits.append("home \(town(home))") }
      lines.append("hire: \(p.name) (\(traits.joined(separator: ", ")))")
    }
    for p in base.people where after[p.id] == nil {
      lines.append("leaves: \(p.name) (\(department(p.department)), \(role(p.role)))")
    }
    for p in edited.people {
      guard let q = before[p.id] else { continue }
      var changed: [String] = []
      if p.name != q.name { changed.append("name \(q.name) → \(p.name)") }
      if p.department != q.department { changed.append("department \(department(q.department)) → \(department(p.department))") }
      if p.role != q.role { changed.append("role \(role(q.role)) → \(role(p.role))") }
      if p.certified != q.certified { changed.append("certified \(yes(q.certified)) → \(yes(p.certified))") }
      if p.legal != q.legal { changed.append("legal background \(yes(q.legal)) → \(yes(p.legal))") }
      if p.drives != q.drives { changed.append("drives \(yes(q.drives)) → \(yes(p.drives))") }
      if p.homeTown != q.homeTown { changed.append("home town \(town(q.homeTown)) → \(town(p.homeTown))") }
      if p.unavailable != q.unavailable { changed.append(p.unavailable ? "on leave" : "back from leave") }
      if p.pinned != q.pinned { changed.append("pinned \(posting(q.pinned)) → \(posting(p.pinned))") }
      if p.preferredTowns != q.preferredTowns {
        changed.append(
          "preferred towns \(q.preferredTowns.map(town).joined(separator: "、")) → \(p.preferredTowns.map(town).joined(separator: "、"))")
      }
      if p.currentPosting != q.currentPosting { changed.append("current posting \(posting(q.currentPosting)) → \(posting(p.currentPosting))") }
      if p.tenure != q.tenure { changed.append("tenure \(q.tenure) → \(p.tenure)") }
      if !changed.isEmpty { lines.append("changed: \(p.name): " + changed.joined(separator: "; ")) }
    }
    let baseTowns = Dictionary(base.towns.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for t in edited.towns {
      guard let b = baseTowns[t.id] else {
        lines.append("new town: \(t.name)")
        continue
      }
      for d in Set(t.demand.keys).union(b.demand.keys).sorted() where t.demand[d] != b.demand[d] {
        lines.append(
          "demand: \(t.name) \(department(d)) \(fte(b.demand[d])) → \(fte(t.demand[d])) FTE")
      }
      if t.deskCapacity != b.deskCapacity { lines.append("desks: \(t.name) \(b.deskCapacity) → \(t.deskCapacity)") }
      if t.pilot != b.pilot { lines.append("pilot: \(t.name) \(yes(b.pilot)) → \(yes(t.pilot))") }
    }
    for t in base.towns where !edited.towns.contains(where: { $0.id == t.id }) {
      lines.append("town removed: \(t.name)")
    }
    if (base.zones ?? []) != (edited.zones ?? []) { lines.append("zones changed") }
    if base.travel != edited.travel { lines.append("travel times changed") }
    lines += policyDifferences(base.policy, edited.policy)
    return lines
  }

  static func fte(_ x: Double?) -> String {
    guard let x else { return "0" }
    return x == x.rounded() ? String(Int(x)) : "\(Rounding.round(x, Rounding.displayStep))"
  }

  /// `policy: key a → b` for each policy value that differs.
  static func policyDifferences(_ a: Policy, _ b: Policy) -> [String] {
    guard a != b else { return [] }
    func fields(_ p: Policy) -> [String: String] {
      guard let data = try? JSONEncoder().encode(p),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
      else { return [:] }
      var out: [String: String] = [:]
      for (k, v) in object {
        if let nested = v as? [String: Any] {
          for (ik, iv) in nested { out["\(k).\(ik)"] = "\(iv)" }
        } else {
          out[k] = "\(v)"
        }
      }
      return out
    }
    let x = fields(a)
    let y = fields(b)
    return Set(x.keys).union(y.keys).sorted().compactMap { k in
      x[k] == y[k] ? nil : "policy: \(k) \(x[k] ?? "none") → \(y[k] ?? "none")"
    }
  }
}
