import Foundation

/// Where an instance's people came from, so problems about a person point at
/// the right file and position.
///
/// People read from the instance JSON are located by JSON path
/// (`people[4].homeTown`); people read from a staff CSV by line and column
/// (`line 6, column homeTown`).
public struct StaffSource: Sendable, Hashable {
  /// The staff file as the planner named it.
  public var file: String
  /// Physical CSV line of each person, in `people` order.
  public var lines: [Int]
  /// The CSV column a person field was read from, when its header differs
  /// from the field name (e.g. `currentPosting` read from `currentTown`).
  public var columns: [String: String]

  public init(file: String, lines: [Int], columns: [String: String] = [:]) {
    self.file = file
    self.lines = lines
    self.columns = columns
  }

  /// The CSV place of an error located at a person's JSON path
  /// (`people[4].homeTown` → `line 6, column homeTown`); others unchanged.
  public func relocate(_ error: InputError) -> InputError {
    guard let location = error.location, location.hasPrefix("people["),
      let close = location.firstIndex(of: "]"),
      let i = Int(location[location.index(location.startIndex, offsetBy: 7)..<close]), i < lines.count
    else { return error }
    var field = String(location[location.index(after: close)...].drop { $0 == "." })
    if let cut = field.firstIndex(where: { $0 == "." || $0 == "[" }) { field = String(field[..<cut]) }
    let column = field.isEmpty ? "" : ", column \(columns[field] ?? field)"
    return InputError(file: file, location: "line \(lines[i])" + column, message: error.message, hint: error.hint)
  }
}

/// Checks an instance for everything a planner can get wrong in it.
///
/// It collects every problem rather than stopping at the first: unknown or
/// duplicate ids, negative or non-finite figures, zones and travel matrices
/// that do not fit the towns, people that name unknown departments or towns,
/// policy values out of range, and department quotas that do not match the
/// staff list.
public enum InstanceValidation {
  /// Every problem in `instance`, in file order; empty when it is valid.
  ///
  /// - Parameters:
  ///   - file: the instance file as the planner named it.
  ///   - staff: where the people came from when they were read from a staff
  ///     CSV instead of the instance file.
  public static func problems(
    in instance: Instance, file: String, staff: StaffSource? = nil, peopleFile: String? = nil
  ) -> [InputError] {
    var v = Validator(instance: instance, file: file, staff: staff)
    v.peopleFile = peopleFile ?? staff?.file
    v.run()
    return v.errors
  }

  /// Throws `InputErrors` listing every problem in `instance`, if any.
  public static func validate(
    _ instance: Instance, file: String, staff: StaffSource? = nil
  ) throws {
    let found = problems(in: instance, file: file, staff: staff)
    if !found.isEmpty { throw InputErrors(found) }
  }
}

private struct Validator {
  let instance: Instance
  let file: String
  let staff: StaffSource?
  /// The file the people came from, when it is not the instance file.
  var peopleFile: String?
  var errors: [InputError] = []

  var townIDs = Set<String>()
  var departmentIDs = Set<String>()
  var zoneIDs = Set<String>()

  init(instance: Instance, file: String, staff: StaffSource?) {
    self.instance = instance
    self.file = file
    self.staff = staff
  }

  mutating func fail(_ location: String?, _ message: String, fix hint: String? = nil) {
    errors.append(InputError(file: file, location: location, message: message, hint: hint))
  }

  /// A problem with person `i`'s `field`; `detail` refines a JSON path (e.g. `[2]`, `.town`).
  mutating func failPerson(
    _ i: Int, _ field: String, detail: String = "", _ message: String, fix hint: String? = nil
  ) {
    if let staff {
      let line = i < staff.lines.count ? "line \(staff.lines[i])" : "row \(i + 1)"
      let column = field.isEmpty ? "" : ", column \(staff.columns[field] ?? field)"
      errors.append(
        InputError(file: staff.file, location: line + column, message: message, hint: hint))
    } else {
      let path = "people[\(i)]" + (field.isEmpty ? "" : ".\(field)") + detail
      errors.append(InputError(file: file, location: path, message: message, hint: hint))
    }
  }

  func list(_ ids: some Collection<String>, limit: Int = 12) -> String {
    let sorted = ids.sorted()
    let shown = sorted.prefix(limit).joined(separator: ", ")
    return sorted.count > limit ? shown + ", …" : shown
  }

  mutating func run() {
    checkHeader()
    for (what, count, maximum) in [
      ("towns", instance.towns.count, InstanceLimits.towns),
      ("people", instance.people.count, InstanceLimits.people),
      ("departments", instance.departments.count, InstanceLimits.departments),
    ] where count > maximum {
      fail(what, "\(count) \(what); an instance has at most \(maximum)", fix: "split the instance into districts")
    }
    guard errors.isEmpty else { return }
    checkIDCharacters()
    checkDepartments()
    checkTowns()
    checkZones()
    checkJointInspections()
    checkTravel()
    checkPeople()
    checkQuotas()
    checkPolicy()
    if errors.isEmpty { checkGeneratedZoneReferences() }
    if errors.isEmpty { checkZoneVisitsFit() }
  }

  // MARK: - Header

  mutating func checkHeader() {
    if instance.format != Instance.formatTag {
      fail(
        "format", "format is '\(instance.format)', not '\(Instance.formatTag)'",
        fix: "is this the right file? an instance starts with \"format\": \"\(Instance.formatTag)\"")
    }
    if instance.version < 1 || instance.version > Instance.currentVersion {
      fail(
        "version", "unsupported version \(instance.version)",
        fix: "this build reads versions 1 to \(Instance.currentVersion)")
    }
    if instance.name.trimmingCharacters(in: .whitespaces).isEmpty {
      fail("name", "the instance has an empty name", fix: "give it a short id such as rongchang-2024")
    }
  }

  // MARK: - Ids

  /// Ids with control characters (a NUL byte, a tab from a pasted cell) look
  /// like other ids on screen but never match them.
  mutating func checkIDCharacters() {
    func bad(_ id: String) -> Bool {
      id.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
    let fix = "remove the control character (often a tab or an invisible character pasted with the text)"
    for (i, d) in instance.departments.enumerated() where bad(d.id) {
      fail("departments[\(i)].id", "department id \(d.id.debugDescription) holds a control character", fix: fix)
    }
    for (i, t) in instance.towns.enumerated() where bad(t.id) {
      fail("towns[\(i)].id", "town id \(t.id.debugDescription) holds a control character", fix: fix)
    }
    for (i, z) in (instance.zones ?? []).enumerated() where bad(z.id) {
      fail("zones[\(i)].id", "zone id \(z.id.debugDescription) holds a control character", fix: fix)
    }
    for (i, p) in instance.people.enumerated() where bad(p.id) {
      failPerson(i, "id", "person id \(p.id.debugDescription) holds a control character", fix: fix)
    }
  }

  // MARK: - Departments

  mutating func checkDepartments() {
    if instance.departments.isEmpty {
      fail("departments", "no departments", fix: "list the departments that second staff")
    }
    for (i, department) in instance.departments.enumerated() {
      let path = "departments[\(i)]"
      if department.id.isEmpty {
        fail("\(path).id", "empty department id", fix: "give every department a short id")
      } else if !departmentIDs.insert(department.id).inserted {
        fail("\(path).id", "duplicate department id '\(department.id)'", fix: "ids must be unique")
      }
      if let n = department.officers, n < 0 {
        fail("\(path).officers", "negative officer quota \(n)", fix: "use 0 or more")
      } else if let n = department.officers, n > InstanceLimits.headcount {
        fail("\(path).officers", "officer quota \(n) is too large", fix: "use at most \(InstanceLimits.headcount)")
      }
      if let n = department.auxiliaries, n < 0 {
        fail("\(path).auxiliaries", "negative auxiliary quota \(n)", fix: "use 0 or more")
      } else if let n = department.auxiliaries, n > InstanceLimits.headcount {
        fail("\(path).auxiliaries", "auxiliary quota \(n) is too large", fix: "use at most \(InstanceLimits.headcount)")
      }
    }
  }

  // MARK: - Towns

  mutating func checkTowns() {
    if instance.towns.isEmpty {
      fail("towns", "no towns", fix: "list the towns and sub-districts that receive staff")
    }
    for (i, town) in instance.towns.enumerated() {
      let path = "towns[\(i)]"
      if town.id.isEmpty {
        fail("\(path).id", "empty town id", fix: "give every town a short id")
      } else if !townIDs.insert(town.id).inserted {
        fail("\(path).id", "duplicate town id '\(town.id)'", fix: "ids must be unique")
      }
      if town.deskCapacity > InstanceLimits.headcount {
        fail(
          "\(path).deskCapacity", "desk capacity \(town.deskCapacity) is too large",
          fix: "use at most \(InstanceLimits.headcount) desks")
      }
      if town.deskCapacity < 0 {
        fail(
          "\(path).deskCapacity", "negative desk capacity \(town.deskCapacity)",
          fix: "use 0 or more desks")
      }
      for (label, value) in [("x", town.x), ("y", town.y)] {
        if let value, !value.isFinite {
          fail("\(path).\(label)", "coordinate is not a finite number", fix: "use kilometres")
        } else if let value, abs(value) > InstanceLimits.kilometres {
          fail(
            "\(path).\(label)", "coordinate \(value) km is too far",
            fix: "use kilometres from the district's reference point, at most \(Int(InstanceLimits.kilometres)) either way")
        }
      }
      for key in town.demand.keys.sorted() {
        let value = town.demand[key] ?? 0
        let at = "\(path).demand.\(key)"
        if !departmentIDs.contains(key) {
          fail(
            at, "unknown department '\(key)'",
            fix: "use a department id or Chinese name; the ids: \(list(departmentIDs))")
        }
        if !value.isFinite {
          fail(at, "demand is not a finite number", fix: "give FTE as a number such as 1.5")
        } else if value < 0 {
          fail(at, "negative demand \(value) FTE", fix: "use 0 or more FTE, or leave the department out")
        } else if value > InstanceLimits.demandFTE {
          fail(at, "demand \(value) FTE is too large", fix: "use at most \(Int(InstanceLimits.demandFTE)) FTE")
        }
      }
    }
  }

  // MARK: - Zones

  mutating func checkZones() {
    guard let zones = instance.zones else { return }
    for (i, zone) in zones.enumerated() {
      let path = "zones[\(i)]"
      if zone.id.isEmpty {
        fail("\(path).id", "empty zone id", fix: "give every zone a short id")
      } else if !zoneIDs.insert(zone.id).inserted {
        fail("\(path).id", "duplicate zone id '\(zone.id)'", fix: "ids must be unique")
      }
      if zone.towns.isEmpty {
        fail("\(path).towns", "zone '\(zone.id)' has no towns", fix: "list its towns, hub first")
      }
      var seen = Set<String>()
      for (j, town) in zone.towns.enumerated() {
        if !townIDs.contains(town) {
          fail(
            "\(path).towns[\(j)]", "unknown town '\(town)' in zone '\(zone.id)'",
            fix: "use a town id, Chinese name or pinyin; the ids: \(list(townIDs))")
        } else if !seen.insert(town).inserted {
          fail(
            "\(path).towns[\(j)]", "town '\(town)' appears twice in zone '\(zone.id)'",
            fix: "list each town once")
        }
      }
    }
  }

  mutating func checkJointInspections() {
    var ids = Set<String>()
    for (i, scenario) in (instance.jointInspections ?? []).enumerated() {
      let path = "jointInspections[\(i)]"
      if scenario.id.isEmpty || !ids.insert(scenario.id).inserted {
        fail("\(path).id", "joint inspection id '\(scenario.id)' is empty or used twice", fix: "give every scenario its own short id")
      }
      if scenario.departments.isEmpty {
        fail("\(path).departments", "joint inspection '\(scenario.id)' has no departments", fix: "list the departments that inspect together")
      }
      for (j, department) in scenario.departments.enumerated() where !departmentIDs.contains(department) {
        fail(
          "\(path).departments[\(j)]", "unknown department '\(department)' in joint inspection '\(scenario.id)'",
          fix: "use a department id or name; the ids: \(list(departmentIDs))")
      }
      for (j, town) in scenario.towns.enumerated() where !townIDs.contains(town) {
        fail(
          "\(path).towns[\(j)]", "unknown town '\(town)' in joint inspection '\(scenario.id)'",
          fix: "use a town id, Chinese name or pinyin; the ids: \(list(townIDs))")
      }
    }
  }

  // MARK: - Travel

  mutating func checkTravel() {
    guard let travel = instance.travel else {
      for (i, town) in instance.towns.enumerated() where town.x == nil || town.y == nil {
        fail(
          "towns[\(i)]", "town '\(town.id)' has no coordinates and the instance has no travel matrix",
          fix: "give x and y in kilometres, or add a travel matrix")
      }
      return
    }
    var seen = Set<String>()
    for (j, town) in travel.towns.enumerated() {
      if !townIDs.contains(town) {
        fail(
          "travel.towns[\(j)]", "unknown town '\(town)' in the travel matrix",
          fix: "use a town id, Chinese name or pinyin; the ids: \(list(townIDs))")
      } else if !seen.insert(town).inserted {
        fail("travel.towns[\(j)]", "town '\(town)' appears twice", fix: "list each town once")
      }
    }
    let missing = instance.towns.map(\.id).filter { !seen.contains($0) && !$0.isEmpty }
    if !missing.isEmpty {
      fail(
        "travel.towns", "the travel matrix lacks towns: \(list(missing))",
        fix: "add a row and a column for every town")
    }
    let n = travel.towns.count
    if travel.minutes.count != n {
      fail(
        "travel.minutes", "\(travel.minutes.count) rows for \(n) towns",
        fix: "give one row per town in travel.towns order")
    }
    var shapeOK = travel.minutes.count == n
    for (i, row) in travel.minutes.enumerated() where row.count != n {
      fail(
        "travel.minutes[\(i)]", "row has \(row.count) entries for \(n) towns",
        fix: "give one entry per town in travel.towns order")
      shapeOK = false
    }
    for (i, row) in travel.minutes.enumerated() {
      for (j, value) in row.enumerated() {
        let at = "travel.minutes[\(i)][\(j)]"
        if !value.isFinite {
          fail(at, "travel time is not a finite number", fix: "give minutes")
        } else if value < 0 {
          fail(at, "negative travel time \(value) minutes", fix: "use 0 or more minutes")
        } else if value > InstanceLimits.minutes {
          fail(at, "travel time \(value) minutes is too long", fix: "use at most \(Int(InstanceLimits.minutes)) minutes")
        } else if i == j && value != 0 {
          let town = i < n ? travel.towns[i] : "?"
          fail(at, "travel time from '\(town)' to itself is \(value), not 0", fix: "put 0 on the diagonal")
        }
      }
    }
    guard shapeOK else { return }
    for i in 0..<n {
      for j in (i + 1)..<max(n, i + 1) {
        let a = travel.minutes[i][j]
        let b = travel.minutes[j][i]
        if a.isFinite && b.isFinite && a != b {
          fail(
            "travel.minutes[\(i)][\(j)]",
            "asymmetric: \(travel.towns[i])→\(travel.towns[j]) is \(a) minutes but the way back (travel.minutes[\(j)][\(i)]) is \(b)",
            fix: "make the matrix symmetric")
        }
      }
    }
  }

  // MARK: - People

  mutating func checkPeople() {
    var personIDs = Set<String>()
    let townList = list(townIDs)
    for (i, person) in instance.people.enumerated() {
      if person.id.isEmpty {
        failPerson(i, "id", "empty person id", fix: "give every person a unique id")
      } else if !personIDs.insert(person.id).inserted {
        failPerson(i, "id", "duplicate person id '\(person.id)'", fix: "ids must be unique")
      }
      let who = person.id.isEmpty ? "person" : "'\(person.id)'"
      if person.department.trimmingCharacters(in: .whitespaces).isEmpty {
        failPerson(
          i, "department", "\(who) has no department",
          fix: "give the id of the department that seconds them: \(list(departmentIDs))")
      } else if !departmentIDs.contains(person.department) {
        failPerson(
          i, "department", "\(who) names unknown department '\(person.department)'",
          fix: "use one of: \(list(departmentIDs))")
      }
      if let home = person.homeTown, !townIDs.contains(home) {
        failPerson(
          i, "homeTown", "\(who) has unknown home town '\(home)'",
          fix: "use a town id, Chinese name or pinyin; the ids: \(townList)")
      }
      for (j, town) in person.preferredTowns.enumerated() where !townIDs.contains(town) {
        failPerson(
          i, "preferredTowns", detail: "[\(j)]", "\(who) prefers unknown town '\(town)'",
          fix: "use a town id, Chinese name or pinyin; the ids: \(townList)")
      }
      if person.tenure < 0 {
        failPerson(i, "tenure", "\(who) has negative tenure \(person.tenure)", fix: "use 0 or more quarters")
      } else if person.tenure > InstanceLimits.quarters {
        failPerson(
          i, "tenure", "\(who) has tenure \(person.tenure) quarters, too many",
          fix: "use at most \(InstanceLimits.quarters) quarters")
      }
      checkPosting(person.currentPosting, of: person, index: i, field: "currentPosting")
      checkPosting(person.pinned, of: person, index: i, field: "pinned")
      for (k, posting) in (person.forbidden ?? []).enumerated() {
        checkPosting(posting, of: person, index: i, field: "forbidden[\(k)]")
      }
    }
  }

  mutating func checkPosting(_ posting: Posting?, of person: Person, index i: Int, field: String) {
    guard let posting else { return }
    let who = person.id.isEmpty ? "person" : "'\(person.id)'"
    let forbidden = field.hasPrefix("forbidden")
    switch posting {
    case .stationed(let town):
      if !townIDs.contains(town) {
        let verb = field == "pinned" ? "is pinned to" : forbidden ? "is forbidden" : "is posted to"
        failPerson(
          i, field, detail: ".town", "\(who) \(verb) unknown town '\(town)'",
          fix: "use a town id, Chinese name or pinyin; the ids: \(list(townIDs))")
      }
    case .zoned(let zone):
      if person.role == .auxiliary && !forbidden {
        failPerson(
          i, field, detail: ".zone", "auxiliary \(who) has a zoned \(field == "pinned" ? "pin" : "posting") ('\(zone)')",
          fix: "auxiliaries are only ever stationed; give a town")
      }
      if instance.zones != nil && !zoneIDs.contains(zone) {
        failPerson(
          i, field, detail: ".zone", "\(who) names unknown zone '\(zone)'",
          fix: "use one of the zone ids: \(list(zoneIDs))")
      }
    case .unassigned:
      break
    }
  }

  /// With no zones in the instance, postings may name generated zones; check them once the rest is sound.
  mutating func checkGeneratedZoneReferences() {
    guard instance.zones == nil else { return }
    let district = District(instance)
    let ids = Set(district.zones.map(\.id))
    for (i, person) in instance.people.enumerated() {
      let forbidden = (person.forbidden ?? []).enumerated().map { ("forbidden[\($0)]", Optional($1)) }
      for (field, posting) in [("currentPosting", person.currentPosting), ("pinned", person.pinned)] + forbidden {
        guard case .zoned(let zone)? = posting, !ids.contains(zone) else { continue }
        failPerson(
          i, field, detail: ".zone", "'\(person.id)' names zone '\(zone)', which is not among the generated zones",
          fix: ids.isEmpty
            ? "the instance generates no zones; list zones in the instance"
            : "use one of the generated zone ids: \(list(ids)), or list zones in the instance")
      }
    }
  }

  /// Zone visits must fit a zoned officer's time: `minZonedShare` × the
  /// towns of a zone where one department has demand ≤ 1 − overhead.
  mutating func checkZoneVisitsFit() {
    let share = instance.policy.minZonedShare
    guard share > 0 else { return }
    let district = District(instance)
    let capacity = district.zonedOfficerFTE
    var worst: (zone: Zone, towns: Int)?
    for zone in district.zones {
      for department in instance.departments {
        let towns = zone.towns.filter { (district.town($0)?.demand(of: department.id) ?? 0) > 0 }.count
        if Double(towns) * share > capacity + 1e-9, towns > (worst?.towns ?? 0) { worst = (zone, towns) }
      }
    }
    if let worst {
      fail(
        "policy.minZonedShare",
        "zone '\(worst.zone.id)' has \(worst.towns) towns to visit at \(share) FTE each, more than a zoned officer's \(capacity) FTE",
        fix: "lower minZonedShare to at most \(Rounding.round(capacity / Double(worst.towns), 0.001)), or use smaller zones")
    }
  }

  // MARK: - Quotas

  mutating func checkQuotas() {
    var officers: [String: Int] = [:]
    var auxiliaries: [String: Int] = [:]
    for person in instance.people {
      switch person.role {
      case .officer: officers[person.department, default: 0] += 1
      case .auxiliary: auxiliaries[person.department, default: 0] += 1
      }
    }
    for (i, department) in instance.departments.enumerated() {
      let source = peopleFile.map { "the staff list \($0)" } ?? "the people listed in \(file)"
      let fix =
        "correct the quota in \(file) or the staff list, or leave the quota out so the staff list decides"
      let name = "\(department.name) (\(department.id))"
      if let quota = department.officers, quota >= 0, quota != officers[department.id, default: 0] {
        fail(
          "departments[\(i)].officers",
          "\(name) seconds \(quota) officers in \(file), but \(source) has \(officers[department.id, default: 0])",
          fix: fix)
      }
      if let quota = department.auxiliaries, quota >= 0,
        quota != auxiliaries[department.id, default: 0]
      {
        fail(
          "departments[\(i)].auxiliaries",
          "\(name) seconds \(quota) auxiliaries in \(file), but \(source) has \(auxiliaries[department.id, default: 0])",
          fix: fix)
      }
    }
  }

  // MARK: - Policy

  mutating func checkPolicy() {
    let p = instance.policy
    func fraction(_ key: String, _ value: Double) {
      if !(value.isFinite && value >= 0 && value <= 1) {
        fail("policy.\(key)", "\(key) is \(value), not between 0 and 1", fix: "use a share from 0 to 1")
      }
    }
    func nonNegative(_ key: String, _ value: Double, atMost maximum: Double = InstanceLimits.minutes) {
      if !(value.isFinite && value >= 0 && value <= maximum) {
        fail("policy.\(key)", "\(key) is \(value)", fix: "use 0 to \(Int(maximum))")
      }
    }
    func count(_ key: String, _ value: Int, atLeast minimum: Int = 0, atMost maximum: Int = InstanceLimits.policyCount) {
      if value < minimum || value > maximum {
        fail("policy.\(key)", "\(key) is \(value)", fix: "use \(minimum) to \(maximum)")
      }
    }
    fraction("zoneTravelOverhead", p.zoneTravelOverhead)
    fraction("minZonedShare", p.minZonedShare)
    fraction("auxiliaryFTE", p.auxiliaryFTE)
    fraction("basePresenceFTE", p.basePresenceFTE)
    if !(p.hoursPerFTE.isFinite && p.hoursPerFTE >= 1 && p.hoursPerFTE <= 8760) {
      fail("policy.hoursPerFTE", "hoursPerFTE is \(p.hoursPerFTE)", fix: "use the working hours of a year, 1 to 8760 (1760: 220 days of 8 hours)")
    }
    if let r = p.responseMinutes { nonNegative("responseMinutes", r) }
    nonNegative("avoidanceRadiusMinutes", p.avoidanceRadiusMinutes)
    nonNegative("zoneRadiusMinutes", p.zoneRadiusMinutes)
    if !(p.travelSpeedKmh.isFinite && p.travelSpeedKmh > 0 && p.travelSpeedKmh <= InstanceLimits.speedKmh) {
      fail(
        "policy.travelSpeedKmh", "travelSpeedKmh is \(p.travelSpeedKmh)",
        fix: "use a speed above 0 and at most \(Int(InstanceLimits.speedKmh)) km/h")
    }
    count("minCertifiedPerTown", p.minCertifiedPerTown)
    count("auxiliariesPerOfficer", p.auxiliariesPerOfficer)
    count("minLegalPerTown", p.minLegalPerTown)
    count("zoneMaxTowns", p.zoneMaxTowns, atLeast: 1)
    if let t = p.maxTenureQuarters { count("maxTenureQuarters", t, atLeast: 1, atMost: InstanceLimits.quarters) }
    if let m = p.maxMoves { count("maxMoves", m, atMost: InstanceLimits.moves) }
    let w = p.weights
    for (key, value) in [
      ("uncoveredPair", w.uncoveredPair), ("unmetDemand", w.unmetDemand),
      ("pilotUnmetDemand", w.pilotUnmetDemand), ("travelMinute", w.travelMinute),
      ("move", w.move), ("preferenceMiss", w.preferenceMiss), ("imbalance", w.imbalance),
      ("responseMinute", w.responseMinute),
    ] where !(value.isFinite && value >= 0 && value <= InstanceLimits.weight) {
      fail("policy.weights.\(key)", "weight \(key) is \(value)", fix: "weights are 0 to 1e9")
    }
  }
}
