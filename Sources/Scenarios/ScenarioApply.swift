// Applying a scenario: the outcome and the applier with its id helpers and
// the changes of people, demand, quotas, zones and merges. Policy settings
// are in ScenarioApply+Policy.swift, workload changes in
// ScenarioApply+Workload.swift.
import Foundation
import SecondmentDomain

/// A scenario applied to a base instance: the new instance and what each change did.
public struct ScenarioOutcome: Sendable, Hashable {
  /// The changed instance (name `<base>+<scenario>`, title the scenario's).
  public var instance: Instance
  /// One line per change in the planner's words, e.g. `hired 10 officers for market: …`.
  public var log: [String]
  /// Ids of people the scenario added.
  public var hired: [String]
  /// Ids of people the scenario removed from the staff list.
  public var removed: [String]
  /// Ids of people the scenario made unavailable.
  public var madeUnavailable: [String]

  public init(
    instance: Instance, log: [String], hired: [String], removed: [String],
    madeUnavailable: [String]
  ) {
    self.instance = instance
    self.log = log
    self.hired = hired
    self.removed = removed
    self.madeUnavailable = madeUnavailable
  }
}

extension Scenario {
  /// The base instance with this scenario's changes applied, in order.
  ///
  /// A pure, deterministic function of the scenario and the base.
  /// - Throws: `ScenarioError` naming the file and line of a change that names
  ///   an unknown id or cannot be made.
  public func apply(to base: Instance) throws -> Instance {
    try outcome(of: base).instance
  }

  /// Applies the scenario and reports what each change did.
  public func outcome(of base: Instance) throws -> ScenarioOutcome {
    var applier = ScenarioApplier(scenario: self, instance: base)
    for step in changes { try applier.apply(step) }
    var instance = applier.instance
    instance.name = "\(base.name)+\(name)"
    instance.title = title
    instance.notes.append("Scenario \(name) (\(file)): \(title)")
    instance.notes += applier.log
    return ScenarioOutcome(
      instance: instance, log: applier.log, hired: applier.hired, removed: applier.removed,
      madeUnavailable: applier.madeUnavailable)
  }
}

/// Applies changes one by one to a working copy of the instance.
struct ScenarioApplier {
  let scenario: Scenario
  var instance: Instance
  var log: [String] = []
  var hired: [String] = []
  var removed: [String] = []
  var madeUnavailable: [String] = []

  init(scenario: Scenario, instance: Instance) {
    self.scenario = scenario
    self.instance = instance
  }

  func fail(_ line: Int?, _ message: String, fix: String? = nil) -> ScenarioError {
    ScenarioError(file: scenario.file, line: line, message: message, fix: fix)
  }

  // MARK: - Ids

  func listing(_ ids: [String]) -> String {
    ids.count <= 12
      ? ids.joined(separator: ", ")
      : ids.prefix(12).joined(separator: ", ") + " … (\(ids.count) in all)"
  }

  func unknown(_ what: String, _ id: Located<String>, known: [String]) -> ScenarioError {
    let hint = closest(id.value, among: known).map { "did you mean `\($0)`? " } ?? ""
    return fail(id.line, "unknown \(what) `\(id.value)`", fix: "\(hint)use one of \(listing(known))")
  }

  func departmentIndex(_ id: Located<String>) throws -> Int {
    guard let i = instance.departments.firstIndex(where: { $0.id == id.value }) else {
      throw unknown("department", id, known: instance.departments.map(\.id))
    }
    return i
  }

  func checkTown(_ id: Located<String>) throws {
    guard instance.towns.contains(where: { $0.id == id.value }) else {
      throw unknown("town", id, known: instance.towns.map(\.id))
    }
  }

  func personIndex(_ id: Located<String>) throws -> Int {
    guard let i = instance.people.firstIndex(where: { $0.id == id.value }) else {
      throw unknown("person", id, known: instance.people.map(\.id))
    }
    return i
  }

  // MARK: - Changes

  mutating func apply(_ step: ScenarioStep) throws {
    switch step.change {
    case .hire(let hire): try apply(hire, line: step.line)
    case .remove(let selection): try remove(selection, line: step.line)
    case .makeUnavailable(let selection): try makeUnavailable(selection, line: step.line)
    case .demand(let change): try apply(change, line: step.line)
    case .quota(let change): try apply(change, line: step.line)
    case .policy(let settings): try apply(settings, line: step.line)
    case .zone(let change): try apply(change)
    case .removeZone(let id): try removeZone(id)
    case .merge(let merge): try apply(merge)
    case .workload(let change): try apply(change, line: step.line)
    }
  }

  mutating func apply(_ hire: Hire, line: Int?) throws {
    let room = InstanceLimits.people - instance.people.count
    guard hire.count.value <= room else {
      throw fail(
        hire.count.line, "hiring \(hire.count.value) people makes more than \(InstanceLimits.people) in the district",
        fix: "hire at most \(max(0, room))")
    }
    let d = try departmentIndex(hire.department)
    let ids = try add(
      count: hire.count.value, department: d, attributes: hire.attributes, ids: hire.ids,
      names: hire.names.map(\.value), line: hire.count.line)
    let a = hire.attributes
    var traits = [a.certified ? "certified" : "not certified"]
    if a.legal { traits.append("legal background") }
    traits.append(a.drives ? "drives" : "does not drive")
    log.append(
      "hired \(ids.count) \(a.role.rawValue)\(ids.count == 1 ? "" : "s") for "
        + "\(instance.departments[d].id) (\(traits.joined(separator: ", "))): \(listing(ids))")
  }

  /// Adds `count` people to department `d`, keeping its quota in step; returns their ids.
  mutating func add(
    count: Int, department d: Int, attributes a: HireAttributes, ids given: [Located<String>],
    names: [String], line: Int?
  ) throws -> [String] {
    for town in a.homeTowns + a.preferredTowns { try checkTown(town) }
    var existing = Set(instance.people.map(\.id))
    var ids: [String] = []
    if given.isEmpty {
      let department = instance.departments[d].id
      var n = 1
      while ids.count < count {
        let id = "\(department)-new-\(n)"
        if !existing.contains(id) { ids.append(id) }
        n += 1
      }
    } else {
      for id in given {
        guard !existing.contains(id.value) else {
          throw fail(
            id.line, "person id `\(id.value)` is already taken",
            fix: "choose another id, or leave `ids` out to have them generated")
        }
        existing.insert(id.value)
        ids.append(id.value)
      }
    }
    let department = instance.departments[d]
    for (k, id) in ids.enumerated() {
      let home = a.homeTowns.isEmpty ? nil : a.homeTowns[k % a.homeTowns.count].value
      let name =
        k < names.count
        ? names[k] : "New \(a.role.rawValue) \(k + 1), \(department.displayName)"
      instance.people.append(
        Person(
          id: id, name: name, department: department.id, role: a.role, certified: a.certified,
          legal: a.legal, drives: a.drives, homeTown: home,
          preferredTowns: a.preferredTowns.map(\.value)))
    }
    adjustQuota(d, role: a.role, by: ids.count)
    hired += ids
    return ids
  }

  mutating func adjustQuota(_ d: Int, role: Role, by delta: Int) {
    switch role {
    case .officer:
      if let q = instance.departments[d].officers { instance.departments[d].officers = q + delta }
    case .auxiliary:
      if let q = instance.departments[d].auxiliaries {
        instance.departments[d].auxiliaries = q + delta
      }
    }
  }

  /// The people a selection names, as indices into the staff list, in staff order.
  func select(_ selection: PeopleSelection, what: String) throws -> [Int] {
    switch selection {
    case .people(let ids):
      var seen = Set<String>()
      var result: [Int] = []
      for id in ids {
        guard seen.insert(id.value).inserted else {
          throw fail(id.line, "`\(id.value)` is named twice", fix: "name each person once")
        }
        result.append(try personIndex(id))
      }
      return result.sorted()
    case .fromDepartment(let department, let count, let role):
      let d = try departmentIndex(department)
      let id = instance.departments[d].id
      let candidates = instance.people.indices.filter {
        let p = instance.people[$0]
        return p.department == id && p.role == role && !p.unavailable
      }
      guard candidates.count >= count.value else {
        throw fail(
          count.line,
          "\(id) has only \(candidates.count) available \(role.rawValue)s; cannot \(what) \(count.value)",
          fix: "lower `count` to at most \(candidates.count)")
      }
      return Array(candidates.suffix(count.value))
    }
  }

  mutating func remove(_ selection: PeopleSelection, line: Int?) throws {
    let indices = try select(selection, what: "remove")
    let people = indices.map { instance.people[$0] }
    for person in people {
      if let d = instance.departments.firstIndex(where: { $0.id == person.department }) {
        adjustQuota(d, role: person.role, by: -1)
      }
    }
    let gone = Set(indices)
    instance.people = instance.people.enumerated().filter { !gone.contains($0.offset) }.map(\.element)
    removed += people.map(\.id)
    log.append("removed \(people.count) from the secondment: \(describe(people))")
  }

  mutating func makeUnavailable(_ selection: PeopleSelection, line: Int?) throws {
    let indices = try select(selection, what: "make unavailable")
    for i in indices { instance.people[i].unavailable = true }
    let people = indices.map { instance.people[$0] }
    madeUnavailable += people.map(\.id)
    log.append("made \(people.count) unavailable: \(describe(people))")
  }

  func describe(_ people: [Person]) -> String {
    listing(people.map { "\($0.id) (\($0.department) \($0.role.rawValue))" })
  }

  mutating func apply(_ change: DemandChange, line: Int?) throws {
    var departments: [String] = []
    for d in change.departments {
      departments.append(instance.departments[try departmentIndex(d)].id)
    }
    var towns: [Int]
    var townWords: String
    switch change.towns {
    case .all:
      towns = Array(instance.towns.indices)
      townWords = "every town"
    case .towns(let ids):
      towns = []
      for id in ids {
        try checkTown(id)
        if let i = instance.towns.firstIndex(where: { $0.id == id.value }), !towns.contains(i) {
          towns.append(i)
        }
      }
      townWords = listing(towns.map { instance.towns[$0].id })
    case .pilot(let pilot):
      towns = instance.towns.indices.filter { instance.towns[$0].pilot == pilot.value }
      guard !towns.isEmpty else {
        throw fail(
          pilot.line, "the base instance has no \(pilot.value ? "pilot" : "non-pilot") towns",
          fix: "name the towns with `towns: [...]`")
      }
      townWords = "\(towns.count) \(pilot.value ? "pilot" : "non-pilot") towns"
    }
    var before = 0.0
    var after = 0.0
    for t in towns {
      let keys = departments.isEmpty ? instance.towns[t].demand.keys.sorted() : departments
      for d in keys {
        let old = instance.towns[t].demand[d]
        let new: Double?
        switch change.operation.value {
        case .factor(let f): new = old.map { round4($0 * f) }
        case .set(let v): new = v
        case .add(let v): new = max(0, round4((old ?? 0) + v))
        }
        before += old ?? 0
        after += new ?? 0
        instance.towns[t].demand[d] = (new ?? 0) > 0 ? new : nil
      }
    }
    let what: String
    switch change.operation.value {
    case .factor(let f): what = "scaled by \(f)"
    case .set(let v): what = "set to \(v) FTE"
    case .add(let v): what = "changed by \(v) FTE"
    }
    let depts = departments.isEmpty ? "every department" : departments.joined(separator: ", ")
    log.append(
      "demand of \(depts) in \(townWords) \(what): \(fmt(before)) → \(fmt(after)) FTE")
  }

  mutating func apply(_ change: QuotaChange, line: Int?) throws {
    let d = try departmentIndex(change.department)
    let id = instance.departments[d].id
    for (target, role) in [(change.officers, Role.officer), (change.auxiliaries, .auxiliary)] {
      guard let target else { continue }
      let staff = instance.people.indices.filter {
        instance.people[$0].department == id && instance.people[$0].role == role
      }
      switch role {
      case .officer: instance.departments[d].officers = staff.count
      case .auxiliary: instance.departments[d].auxiliaries = staff.count
      }
      if target.value > staff.count {
        var attributes = change.newHires
        attributes.role = role
        let ids = try add(
          count: target.value - staff.count, department: d, attributes: attributes, ids: [],
          names: [], line: target.line)
        log.append(
          "quota of \(id) \(role.rawValue)s raised from \(staff.count) to \(target.value): hired \(listing(ids))"
        )
      } else if target.value < staff.count {
        let available = staff.filter { !instance.people[$0].unavailable }
        let unavailable = staff.filter { instance.people[$0].unavailable }
        // Unavailable people leave first, then the last available ones in staff order.
        let leaving = Array((unavailable + available.reversed()).prefix(staff.count - target.value))
        let people = leaving.sorted().map { instance.people[$0] }
        let gone = Set(leaving)
        instance.people = instance.people.enumerated().filter { !gone.contains($0.offset) }
          .map(\.element)
        adjustQuota(d, role: role, by: -people.count)
        removed += people.map(\.id)
        log.append(
          "quota of \(id) \(role.rawValue)s lowered from \(staff.count) to \(target.value): \(describe(people)) leave"
        )
      } else {
        log.append("quota of \(id) \(role.rawValue)s stays at \(target.value)")
      }
    }
  }

  /// Zones in force, made explicit: a zone change fixes generated zones in place.
  mutating func materializeZones() -> [Zone] {
    if let zones = instance.zones { return zones }
    return District(instance).zones
  }

  mutating func apply(_ change: ZoneChange) throws {
    var seen = Set<String>()
    for town in change.towns {
      try checkTown(town)
      guard seen.insert(town.value).inserted else {
        throw fail(
          town.line, "zone `\(change.id.value)` names `\(town.value)` twice",
          fix: "name each town once, hub first")
      }
    }
    var zones = materializeZones()
    let zone = Zone(id: change.id.value, name: change.name, towns: change.towns.map(\.value))
    if let i = zones.firstIndex(where: { $0.id == zone.id }) {
      zones[i] = zone
      log.append("zone \(zone.id) now covers \(zone.towns.joined(separator: ", "))")
    } else {
      zones.append(zone)
      log.append("new zone \(zone.id): \(zone.towns.joined(separator: ", "))")
    }
    instance.zones = zones
  }

  mutating func removeZone(_ id: Located<String>) throws {
    var zones = materializeZones()
    guard let i = zones.firstIndex(where: { $0.id == id.value }) else {
      throw unknown("zone", id, known: zones.map(\.id))
    }
    for person in instance.people {
      for (posting, what) in [(person.pinned, "is pinned to"), (person.currentPosting, "is posted to")]
      where posting == .zoned(zone: id.value) {
        throw fail(
          id.line, "\(person.id) \(what) zone `\(id.value)`",
          fix: "change \(person.id)'s posting first, or keep the zone")
      }
    }
    zones.remove(at: i)
    instance.zones = zones
    log.append("zone \(id.value) dropped")
  }

  mutating func apply(_ merge: Merge) throws {
    let f = try departmentIndex(merge.from)
    let i = try departmentIndex(merge.into)
    guard f != i else {
      throw fail(merge.into.line, "a department cannot merge into itself", fix: "name two departments")
    }
    let from = instance.departments[f]
    let into = instance.departments[i]
    var moved = 0
    for k in instance.people.indices where instance.people[k].department == from.id {
      instance.people[k].department = into.id
      moved += 1
    }
    var demand = 0.0
    for t in instance.towns.indices {
      guard let extra = instance.towns[t].demand.removeValue(forKey: from.id) else { continue }
      demand += extra
      instance.towns[t].demand[into.id] = round4((instance.towns[t].demand[into.id] ?? 0) + extra)
    }
    let staff = instance.people.filter { $0.department == into.id }
    if into.officers != nil { instance.departments[i].officers = staff.filter(\.isOfficer).count }
    if into.auxiliaries != nil {
      instance.departments[i].auxiliaries = staff.filter { !$0.isOfficer }.count
    }
    if let name = merge.englishName { instance.departments[i].englishName = name }
    instance.departments.remove(at: f)
    log.append(
      "\(from.id) merged into \(into.id): \(moved) people and \(fmt(demand)) FTE of demand move")
  }
}

func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

func fmt(_ x: Double) -> String {
  let r = (x * 100).rounded() / 100
  return r == r.rounded() ? String(Int(r)) : String(format: "%.2f", r)
}
