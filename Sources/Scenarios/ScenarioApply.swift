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

  mutating func apply(_ settings: [PolicySetting], line: Int?) throws {
    let encoder = JSONEncoder()
    let decoder = JSONDecoder()
    var full = instance.policy
    // Encode once with the optional rules set, to learn every key Policy knows.
    full.maxTenureQuarters = full.maxTenureQuarters ?? 0
    full.maxMoves = full.maxMoves ?? 0
    full.responseMinutes = full.responseMinutes ?? 0
    guard
      let known = try? JSONSerialization.jsonObject(with: encoder.encode(full)) as? [String: Any],
      let knownWeights = known["weights"] as? [String: Any],
      var current = try? JSONSerialization.jsonObject(with: encoder.encode(instance.policy))
        as? [String: Any]
    else {
      throw fail(line, "the base instance's policy cannot be read")
    }
    var words: [String] = []
    for setting in settings {
      let top = setting.path[0]
      let keys = known.keys.sorted()
      guard known[top] != nil else {
        let hint = closest(top, among: keys).map { "did you mean `\($0)`? " } ?? ""
        throw fail(
          setting.line, "unknown policy key `\(top)`", fix: "\(hint)policy keys: \(listing(keys))")
      }
      var value: Any
      switch setting.value {
      case .bool(let b): value = b
      case .int(let i): value = i
      case .double(let d): value = d
      case .string(let s): value = s
      case .null: value = NSNull()
      }
      if top == "weights" {
        let weightKeys = knownWeights.keys.sorted()
        guard setting.path.count == 2, knownWeights[setting.path[1]] != nil else {
          let key = setting.path.count > 1 ? setting.path[1] : ""
          let hint = closest(key, among: weightKeys).map { "did you mean `\($0)`? " } ?? ""
          throw fail(
            setting.line, "unknown weight `\(setting.key)`",
            fix: "\(hint)weights: \(listing(weightKeys))")
        }
        guard case .double = setting.value.numeric, let w = setting.value.number, w >= 0 else {
          throw fail(
            setting.line, "weight `\(setting.path[1])` must be a number ≥ 0, not `\(setting.value)`")
        }
        var weights = current["weights"] as? [String: Any] ?? [:]
        weights[setting.path[1]] = w
        current["weights"] = weights
      } else {
        guard setting.path.count == 1 else {
          throw fail(setting.line, "policy key `\(top)` takes a single value, not a mapping")
        }
        if case .null = setting.value {
          guard ["maxTenureQuarters", "maxMoves", "responseMinutes"].contains(top) else {
            throw fail(
              setting.line, "only `maxTenureQuarters`, `maxMoves` and `responseMinutes` can be switched off with null",
              fix: "switch `\(top)` off with false or 0")
          }
          current.removeValue(forKey: top)
        } else {
          current[top] = value
        }
      }
      guard
        let data = try? JSONSerialization.data(withJSONObject: current),
        let policy = try? decoder.decode(Policy.self, from: data)
      else {
        let expected = known[top] is Bool
        throw fail(
          setting.line, "policy key `\(setting.key)` cannot be `\(setting.value)`",
          fix: expected ? "use true or false" : "use a number of the kind the key takes")
      }
      if let problem = Self.rangeProblem(setting.key, policy) {
        throw fail(
          setting.line, "policy key `\(setting.key)` = \(setting.value): \(problem)",
          fix: "give `\(setting.key)` a value in range")
      }
      instance.policy = policy
      words.append("\(setting.key) = \(setting.value)")
    }
    log.append("policy: \(words.joined(separator: ", "))")
  }

  /// Why a policy value is out of range, or nil when it is fine.
  static func rangeProblem(_ key: String, _ p: Policy) -> String? {
    switch key {
    case "avoidanceRadiusMinutes": p.avoidanceRadiusMinutes < 0 ? "must be ≥ 0" : nil
    case "minCertifiedPerTown": p.minCertifiedPerTown < 0 ? "must be ≥ 0 (0 switches it off)" : nil
    case "auxiliariesPerOfficer": p.auxiliariesPerOfficer < 0 ? "must be ≥ 0" : nil
    case "minLegalPerTown": p.minLegalPerTown < 0 ? "must be ≥ 0 (0 switches it off)" : nil
    case "maxTenureQuarters": (p.maxTenureQuarters ?? 1) < 1 ? "must be ≥ 1 (null: no rule)" : nil
    case "maxMoves": (p.maxMoves ?? 0) < 0 ? "must be ≥ 0 (null: no budget)" : nil
    case "responseMinutes": (p.responseMinutes ?? 0) < 0 ? "must be ≥ 0 (null: no limit)" : nil
    case "hoursPerFTE": p.hoursPerFTE < 1 ? "must be ≥ 1" : nil
    case "basePresenceFTE": (0...1).contains(p.basePresenceFTE) ? nil : "must be between 0 and 1"
    case "zoneTravelOverhead":
      (0...1).contains(p.zoneTravelOverhead) ? nil : "must be between 0 and 1"
    case "auxiliaryFTE": (0...1).contains(p.auxiliaryFTE) ? nil : "must be between 0 and 1"
    case "minZonedShare": (0...1).contains(p.minZonedShare) ? nil : "must be between 0 and 1 (0 switches it off)"
    case "zoneRadiusMinutes": p.zoneRadiusMinutes < 0 ? "must be ≥ 0" : nil
    case "zoneMaxTowns": p.zoneMaxTowns < 1 ? "must be ≥ 1" : nil
    case "travelSpeedKmh": p.travelSpeedKmh <= 0 ? "must be > 0" : nil
    default: nil
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

extension PolicyValue {
  /// The value as a number, when it is one.
  var number: Double? {
    switch self {
    case .int(let i): Double(i)
    case .double(let d): d
    default: nil
    }
  }

  /// `.double` for any number (used to check a weight's kind).
  var numeric: PolicyValue? { number.map { .double($0) } }
}

func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

func fmt(_ x: Double) -> String {
  let r = (x * 100).rounded() / 100
  return r == r.rounded() ? String(Int(r)) : String(format: "%.2f", r)
}

// MARK: - Workload

extension ScenarioApplier {
  /// Derives every town's demand from the workload, its counts scaled first.
  mutating func apply(_ change: WorkloadChange, line: Int?) throws {
    guard let read = change.workload else {
      throw fail(line, "the workload \(change.file.value) was not read", fix: "load the scenario with Scenario.load(path:)")
    }
    let (resolved, unresolved) = read.resolved(in: instance)
    if let first = unresolved.first {
      throw fail(
        change.file.line ?? line, "the workload names \(first), which the instance does not have"
          + (unresolved.count > 1 ? " (and \(unresolved.count - 1) more)" : ""),
        fix: "write towns and departments as the instance names them (id, Chinese name or pinyin)")
    }
    var workload = resolved
    let index = NameIndex(instance)
    let before = instance.towns.reduce(0) { $0 + $1.demand.values.reduce(0, +) }
    let hoursBefore = workload.totals.hours
    var said: [String] = []
    for scaling in change.scalings {
      for id in scaling.items + scaling.except where workload.item(id.value) == nil {
        throw fail(id.line ?? scaling.line, "no item `\(id.value)` in the catalogue", fix: "use an item id of the catalogue (事项编号)")
      }
      var towns = Set<String>()
      for town in scaling.towns {
        guard case .id(let t) = index.town(town.value) else {
          throw unknown("town", town, known: instance.towns.map(\.id))
        }
        towns.insert(t)
      }
      let listed = Set(scaling.items.map(\.value))
      let excepted = Set(scaling.except.map(\.value))
      let category = Dictionary(workload.items.map { ($0.id, $0.category) }, uniquingKeysWith: { a, _ in a })
      var touched = Set<String>()
      for r in workload.records.indices {
        let record = workload.records[r]
        guard scaling.category.map({ category[record.item] == $0 }) ?? true,
          listed.isEmpty || listed.contains(record.item), !excepted.contains(record.item),
          towns.isEmpty || towns.contains(record.town)
        else { continue }
        let f = scaling.factor.value
        workload.records[r].invocations = Int((Double(record.invocations) * f).rounded())
        workload.records[r].cases = Int((Double(record.cases) * f).rounded())
        workload.records[r].inspections = Int((Double(record.inspections) * f).rounded())
        touched.insert(record.item)
      }
      let what = [
        scaling.category.map { "\($0.rawValue) items" } ?? (listed.isEmpty ? "all items" : "items \(listing(scaling.items.map(\.value)))"),
        excepted.isEmpty ? nil : "except \(excepted.count)",
        towns.isEmpty ? nil : "in \(listing(scaling.towns.map(\.value)))",
      ].compactMap { $0 }.joined(separator: " ")
      let f = scaling.factor.value
      said.append("\(what) × \(f == f.rounded() ? String(Int(f)) : String(f)) (\(touched.count) items)")
    }
    let demand = DemandDerivation.derive(
      workload, towns: instance.towns.map(\.id), departments: instance.departments.map(\.id), policy: instance.policy)
    instance = DemandDerivation.apply(demand, workload: workload, to: instance)
    let after = instance.towns.reduce(0) { $0 + $1.demand.values.reduce(0, +) }
    let hours = workload.totals.hours
    log.append(
      "demand from the workload \(change.file.value)"
        + (said.isEmpty ? "" : ", " + said.joined(separator: "; "))
        + ": \(Int(hoursBefore.rounded())) → \(Int(hours.rounded())) working hours; demand "
        + "\(Rounding.round(before, 0.1)) → \(Rounding.round(after, 0.1)) FTE over \(demand.filter { $0.fte > 0 }.count) pairs")
  }
}
