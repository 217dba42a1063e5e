/// A hard rule of the deployment model, as `docs/rules.md` defines it.
public enum HardRule: String, Codable, Sendable, CaseIterable {
  /// Every available person has exactly one posting; unavailable people have none.
  case onePosting = "one-posting"
  /// A roster line's department must be the person's own (officers serve only their own department).
  case ownDepartment = "own-department"
  /// Auxiliaries are stationed, never zoned.
  case auxiliaryStationed = "auxiliary-stationed"
  /// Nobody is stationed in (or near, per policy) their home town.
  case avoidance
  /// A town with any seconded presence has at least `minCertifiedPerTown` certified officers present.
  case twoCertified = "two-certified"
  /// An auxiliary needs an officer of its department present at its town.
  case auxiliaryWithOfficer = "auxiliary-with-officer"
  /// At most `auxiliariesPerOfficer` auxiliaries per officer of the department present.
  case auxiliaryRatio = "auxiliary-ratio"
  /// Stationed headcount at most the town's desk capacity.
  case deskCapacity = "desk-capacity"
  /// Zoned officers can drive.
  case zonedMustDrive = "zoned-must-drive"
  /// Every town has at least `minLegalPerTown` officers with legal background present.
  case legalAccess = "legal-access"
  /// Pinned postings are kept.
  case pinned
  /// Nobody stays at one posting beyond `maxTenureQuarters`.
  case tenure
  /// At most `maxMoves` postings change from the current roster.
  case maxMoves = "max-moves"
}

/// One broken hard rule, in the planner's words.
public struct RuleViolation: Sendable, Hashable, Codable, CustomStringConvertible {
  public var rule: HardRule
  /// The person concerned, when the rule is about one person.
  public var person: String?
  /// The town concerned, when the rule is about one town.
  public var town: String?
  /// What is wrong and where, e.g. "Qingliu: no officer with legal background present (needs 1)".
  public var message: String

  public init(rule: HardRule, person: String? = nil, town: String? = nil, message: String) {
    self.rule = rule
    self.person = person
    self.town = town
    self.message = message
  }

  public var description: String { "[\(rule.rawValue)] \(message)" }
}

/// What the checker found: broken rules and the objective, recomputed from the rules.
public struct RosterEvaluation: Sendable {
  public var violations: [RuleViolation]
  public var objective: ObjectiveBreakdown
  public var measures: RosterMeasures
  /// Coverage of every (town, department) pair, towns in instance order, then
  /// departments in instance order (empty when built by hand without it).
  public var coverage: [TownCoverage]
  public var isFeasible: Bool { violations.isEmpty }

  public init(
    violations: [RuleViolation], objective: ObjectiveBreakdown, measures: RosterMeasures,
    coverage: [TownCoverage] = []
  ) {
    self.violations = violations
    self.objective = objective
    self.measures = measures
    self.coverage = coverage
  }

  /// The hard rules broken, each once, in `HardRule` order.
  public var brokenRules: [HardRule] {
    let broken = Set(violations.map(\.rule))
    return HardRule.allCases.filter { broken.contains($0) }
  }
}

/// How one department is covered in one town under a roster (`docs/rules.md`, Capacity).
public struct TownCoverage: Sendable, Hashable, Codable {
  /// Town id.
  public var town: String
  /// Department id.
  public var department: String
  /// The department's demand in this town, FTE.
  public var demand: Double
  /// FTE the roster gives the department here: stationed officers, zoned
  /// officers' shares and auxiliaries (`docs/rules.md`, Capacity).
  public var supply: Double
  /// `max(0, demand - supply)`, FTE.
  public var unmet: Double
  /// Officers of the department present here (stationed, or zoned over the town).
  public var officersPresent: Int
  /// Of those, officers holding an enforcement certificate.
  public var certifiedPresent: Int
  /// Of those, officers with a legal background.
  public var legalPresent: Int
  /// People of the department stationed here, officers and auxiliaries.
  public var stationedHeadcount: Int

  public init(
    town: String, department: String, demand: Double, supply: Double, unmet: Double,
    officersPresent: Int, certifiedPresent: Int, legalPresent: Int, stationedHeadcount: Int
  ) {
    self.town = town
    self.department = department
    self.demand = demand
    self.supply = supply
    self.unmet = unmet
    self.officersPresent = officersPresent
    self.certifiedPresent = certifiedPresent
    self.legalPresent = legalPresent
    self.stationedHeadcount = stationedHeadcount
  }

  /// The pair has demand and no officer of the department present (an uncovered pair).
  public var isUncovered: Bool { demand > 0 && officersPresent == 0 }
}

/// A roster file that cannot be checked: names the file, the place and the fix.
///
/// Bad input, not a broken rule: the `check` command exits 2 on it.
public struct RosterFileError: Error, CustomStringConvertible, Sendable, Hashable {
  /// The file, as the planner named it (or `roster` when there is none).
  public var file: String
  /// Where in the file: a JSON path like `postings[4].town`, or `line 7` in a CSV.
  public var location: String
  /// What is wrong, in planner's words.
  public var message: String
  /// What to do about it.
  public var fix: String

  public init(file: String, location: String, message: String, fix: String) {
    self.file = file
    self.location = location
    self.message = message
    self.fix = fix
  }

  /// One line, like `InputError`: `file: location: message (fix: fix)`.
  public var description: String {
    var text = file
    if !location.isEmpty { text += ": \(location)" }
    text += ": \(message)"
    if !fix.isEmpty { text += " (fix: \(fix))" }
    return text
  }
}

/// A roster file's lines resolved against the instance, ready for `RosterChecker.evaluate`.
public struct ResolvedRoster: Sendable, Hashable {
  /// One posting per instance person, by person id.
  public var postings: [String: Posting]
  /// Department ids written on roster lines, by person id (only lines that give one).
  public var departments: [String: String]

  public init(postings: [String: Posting], departments: [String: String] = [:]) {
    self.postings = postings
    self.departments = departments
  }
}

/// The independent roster checker: every hard rule and objective term of
/// `docs/rules.md`, recomputed from the district's data, never from a solver.
///
/// Build one per district (the constructor precomputes lookup tables) and call
/// `evaluate` as often as needed; it is cheap enough for local search.
public struct RosterChecker: Sendable {
  /// The district rosters are checked against.
  public let district: District

  // Per-district tables, by index (towns, departments, people, zones in instance order).
  private let townCount: Int
  private let departmentCount: Int
  /// demand[t * departmentCount + d], FTE.
  private let demand: [Double]
  /// Σ_d demand(t, d).
  private let townDemand: [Double]
  private let pilot: [Bool]
  private let desk: [Int]
  private let townNames: [String]
  private let departmentNames: [String]
  private let personDepartment: [Int]
  private let personLabels: [String]
  private let preferred: [[Int]]
  private let zoneTowns: [[Int]]
  /// zoneFTE[z][d][k]: FTE one officer of d zoned to z gives zone z's k-th town.
  private let zoneFTE: [[[Double]]]
  private let zoneLabels: [String]

  /// Prepares the checker for one district.
  public init(_ district: District) {
    self.district = district
    let towns = district.towns
    let departments = district.departments
    let nT = towns.count
    let nD = departments.count
    townCount = nT
    departmentCount = nD
    var demand = Array(repeating: 0.0, count: nT * nD)
    var townDemand = Array(repeating: 0.0, count: nT)
    for (t, town) in towns.enumerated() {
      for (d, department) in departments.enumerated() {
        let value = town.demand(of: department.id)
        demand[t * nD + d] = value
        townDemand[t] += value
      }
    }
    self.demand = demand
    self.townDemand = townDemand
    pilot = towns.map(\.pilot)
    desk = towns.map(\.deskCapacity)
    townNames = towns.map(\.displayName)
    departmentNames = departments.map(\.displayName)
    personDepartment = district.people.map { district.departmentIndex[$0.department] ?? -1 }
    personLabels = district.people.map { "\($0.name) (\($0.id))" }
    preferred = district.people.map { person in
      person.preferredTowns.compactMap { district.townIndex[$0] }
    }
    var zoneTowns: [[Int]] = []
    var zoneFTE: [[[Double]]] = []
    var zoneLabels: [String] = []
    for zone in district.zones {
      let posting = Posting.zoned(zone: zone.id)
      let ids = district.towns(of: posting)
      zoneTowns.append(ids.compactMap { district.townIndex[$0] })
      zoneFTE.append(
        departments.map { department in
          ids.filter { district.townIndex[$0] != nil }.map {
            district.officerFTE(posting, department: department.id, town: $0)
          }
        })
      let names = ids.map { district.town($0)?.displayName ?? $0 }.joined(separator: ", ")
      zoneLabels.append("\(zone.name ?? zone.id) (\(names))")
    }
    self.zoneTowns = zoneTowns
    self.zoneFTE = zoneFTE
    self.zoneLabels = zoneLabels
  }

  // MARK: - Roster files

  /// Resolves a roster's lines against the instance, or throws the first bad line.
  ///
  /// Errors (bad input, exit 2): a line naming an unknown person, a person
  /// listed twice, an invalid mode, a stationed line without a known town, a
  /// zoned line without a known zone or whose `towns` are not the zone's towns
  /// (order aside), and instance people with no line at all.
  /// - Parameters:
  ///   - file: the file name for messages.
  ///   - locations: where each line came from (e.g. `line 5` for CSV); by
  ///     default `postings[i]`.
  public func resolve(
    _ roster: Roster, file: String = "roster", locations: [String]? = nil
  ) throws -> ResolvedRoster {
    func place(_ i: Int) -> String {
      if let locations, i < locations.count { return locations[i] }
      return "postings[\(i)]"
    }
    func fail(_ i: Int, _ message: String, _ fix: String) -> RosterFileError {
      RosterFileError(file: file, location: place(i), message: message, fix: fix)
    }
    var postings: [String: Posting] = [:]
    var departments: [String: String] = [:]
    var firstLine: [String: Int] = [:]
    let exampleTown = district.towns.first?.id ?? "a town id"
    for (i, entry) in roster.postings.enumerated() {
      let id = entry.person.trimmingCharacters(in: .whitespaces)
      guard !id.isEmpty else {
        throw fail(i, "the line names no person", "Give the person's id from the instance")
      }
      guard district.personIndex[id] != nil else {
        throw fail(
          i, "unknown person '\(id)'",
          "Use a person id from the instance's people list, or remove the line")
      }
      if let first = firstLine[id] {
        throw fail(
          i, "person '\(id)' is listed twice (first at \(place(first)))",
          "Keep exactly one line per person")
      }
      firstLine[id] = i
      let posting: Posting
      switch entry.mode.trimmingCharacters(in: .whitespaces).lowercased() {
      case "stationed":
        guard let town = entry.town, !town.isEmpty else {
          throw fail(
            i, "\(id) is stationed but the line gives no town",
            "Set town to a town id, e.g. '\(exampleTown)'")
        }
        guard district.townIndex[town] != nil else {
          throw fail(
            i, "unknown town '\(town)'",
            "Use a town id from the instance, e.g. '\(exampleTown)'")
        }
        posting = .stationed(town: town)
      case "zoned":
        guard let zoneID = entry.zone, !zoneID.isEmpty else {
          throw fail(
            i, "\(id) is zoned but the line gives no zone",
            "Set zone to a zone id from the instance\(zoneExample)")
        }
        guard let zone = district.zone(zoneID) else {
          throw fail(
            i, "unknown zone '\(zoneID)'", "Use a zone id from the instance\(zoneExample)")
        }
        if let towns = entry.towns, !towns.isEmpty, Set(towns) != Set(zone.towns) {
          throw fail(
            i,
            "zone '\(zoneID)' covers \(zone.towns.joined(separator: ", ")) "
              + "but the line lists \(towns.joined(separator: ", "))",
            "List the zone's towns exactly, or leave towns out")
        }
        posting = .zoned(zone: zoneID)
      case "unassigned":
        posting = .unassigned
      default:
        throw fail(
          i, "mode '\(entry.mode)' is not a posting mode",
          "Use stationed, zoned or unassigned")
      }
      postings[id] = posting
      if let department = entry.department, !department.isEmpty {
        departments[id] = department
      }
    }
    let missing = district.people.filter { postings[$0.id] == nil }
    if !missing.isEmpty {
      let names = missing.prefix(5).map { "\($0.name) (\($0.id))" }.joined(separator: ", ")
      let more = missing.count > 5 ? " and \(missing.count - 5) more" : ""
      throw RosterFileError(
        file: file, location: "postings",
        message:
          "\(missing.count) \(missing.count == 1 ? "person has" : "people have") no line: \(names)\(more)",
        fix: "Add one line per person; use mode unassigned for people on leave")
    }
    return ResolvedRoster(postings: postings, departments: departments)
  }

  private var zoneExample: String {
    district.zones.first.map { ", e.g. '\($0.id)'" } ?? ""
  }

  /// Checks a roster file's lines: resolves them (throwing `RosterFileError` on
  /// bad input), then evaluates every rule, including [own-department] for
  /// lines whose `department` is not the person's.
  public func evaluate(
    _ roster: Roster, file: String = "roster", locations: [String]? = nil
  ) throws -> RosterEvaluation {
    let resolved = try resolve(roster, file: file, locations: locations)
    return evaluate(resolved)
  }

  /// Evaluates resolved roster lines, including [own-department].
  public func evaluate(_ resolved: ResolvedRoster) -> RosterEvaluation {
    evaluate(resolved.postings, claimedDepartments: resolved.departments)
  }

  // MARK: - Evaluation

  private enum Slot {
    case none
    case stationed(Int)
    case zoned(Int)
  }

  private struct Found {
    var violation: RuleViolation
    var town: Int
    var person: Int
  }

  /// Evaluates postings by person id against every hard rule and objective term.
  ///
  /// A person missing from `postings` counts as `unassigned`; ids that are not
  /// instance people are ignored; a posting to an unknown town or zone counts
  /// as no posting and is reported under [one-posting]. Violations come in
  /// `HardRule` order, then town, then person (instance order).
  public func evaluate(_ postings: [String: Posting]) -> RosterEvaluation {
    evaluate(postings, claimedDepartments: [:])
  }

  private func evaluate(
    _ postings: [String: Posting], claimedDepartments: [String: String]
  ) -> RosterEvaluation {
    let district = self.district
    let policy = district.policy
    let weights = policy.weights
    let people = district.people
    let nT = townCount
    let nD = departmentCount
    var found: [Found] = []

    func add(_ rule: HardRule, town: Int = -1, person: Int = -1, _ message: String) {
      let violation = RuleViolation(
        rule: rule, person: person >= 0 ? people[person].id : nil,
        town: town >= 0 ? district.towns[town].id : nil, message: message)
      found.append(Found(violation: violation, town: town, person: person))
    }

    // Resolve postings to indices.
    var slots = Array(repeating: Slot.none, count: people.count)
    var given = Array(repeating: Posting.unassigned, count: people.count)
    for (p, person) in people.enumerated() {
      let posting = postings[person.id] ?? .unassigned
      given[p] = posting
      switch posting {
      case .unassigned: break
      case .stationed(let town):
        if let t = district.townIndex[town] {
          slots[p] = .stationed(t)
        } else {
          add(.onePosting, person: p, "\(personLabels[p]) is posted to unknown town '\(town)'")
        }
      case .zoned(let zone):
        if let z = district.zoneIndex[zone] {
          slots[p] = .zoned(z)
        } else {
          add(.onePosting, person: p, "\(personLabels[p]) is posted to unknown zone '\(zone)'")
        }
      }
    }

    // Presence and supply.
    var officers = Array(repeating: 0, count: nT * nD)
    var certified = Array(repeating: 0, count: nT * nD)
    var legal = Array(repeating: 0, count: nT * nD)
    var auxiliaries = Array(repeating: 0, count: nT * nD)
    var stationedByDepartment = Array(repeating: 0, count: nT * nD)
    var supply = Array(repeating: 0.0, count: nT * nD)
    var anyonePresent = Array(repeating: false, count: nT)
    var headcount = Array(repeating: 0, count: nT)
    for (p, person) in people.enumerated() {
      let d = personDepartment[p]
      switch slots[p] {
      case .none: break
      case .stationed(let t):
        anyonePresent[t] = true
        headcount[t] += 1
        guard d >= 0 else { continue }
        let k = t * nD + d
        stationedByDepartment[k] += 1
        if person.isOfficer {
          officers[k] += 1
          if person.certified { certified[k] += 1 }
          if person.legal { legal[k] += 1 }
          supply[k] += 1
        } else {
          auxiliaries[k] += 1
          supply[k] += policy.auxiliaryFTE
        }
      case .zoned(let z):
        // Auxiliaries are present only where stationed (docs/rules.md).
        guard person.isOfficer else { continue }
        let towns = zoneTowns[z]
        for (i, t) in towns.enumerated() {
          anyonePresent[t] = true
          guard d >= 0 else { continue }
          let k = t * nD + d
          officers[k] += 1
          if person.certified { certified[k] += 1 }
          if person.legal { legal[k] += 1 }
          supply[k] += zoneFTE[z][d][i]
        }
      }
    }

    // Per-person rules and measures.
    var travel = 0.0
    var moves = 0
    var misses = 0
    for (p, person) in people.enumerated() {
      let posting = given[p]
      let slot = slots[p]
      let label = personLabels[p]
      var assigned = true
      if case .none = slot { assigned = false }
      if person.unavailable {
        if assigned {
          add(
            .onePosting, town: townOf(slot), person: p,
            "\(label) is unavailable but is \(describe(slot))")
        }
      } else if !assigned, posting == .unassigned {
        add(.onePosting, person: p, "\(label) is available but has no posting")
      }
      if let claimed = claimedDepartments[person.id], claimed != person.department {
        let own = district.departmentIndex[person.department].map { departmentNames[$0] }
        add(
          .ownDepartment, town: townOf(slot), person: p,
          "\(label) belongs to \(own ?? person.department) but the roster line puts them "
            + "under department '\(claimed)'")
      }
      switch slot {
      case .none: break
      case .stationed(let t):
        if district.avoids(person, town: district.towns[t].id) {
          let why =
            person.homeTown == district.towns[t].id
            ? "their home town"
            : "within \(format(policy.avoidanceRadiusMinutes)) minutes of their home town"
          add(.avoidance, town: t, person: p, "\(label) is stationed in \(townNames[t]), \(why)")
        }
      case .zoned(let z):
        if !person.isOfficer {
          add(
            .auxiliaryStationed, person: p,
            "\(label) is an auxiliary but is zoned to \(zoneLabels[z]); auxiliaries are only stationed")
        } else if policy.zonedMustDrive, !person.drives {
          add(
            .zonedMustDrive, person: p,
            "\(label) is zoned to \(zoneLabels[z]) but cannot drive")
        }
      }
      if !person.unavailable, let pin = person.pinned, pin != posting {
        add(
          .pinned, town: townOf(slot), person: p,
          "\(label) is pinned \(describe(pin)) but the roster has them \(describe(posting))")
      }
      if let limit = policy.maxTenureQuarters, !person.unavailable, assigned,
        let current = person.currentPosting, current == posting, person.pinned != posting,
        person.tenure + 1 > limit
      {
        add(
          .tenure, town: townOf(slot), person: p,
          "\(label) would serve \(person.tenure + 1) quarters in a row \(describe(slot)); "
            + "at most \(limit) allowed")
      }
      if assigned { travel += district.travelMinutes(of: person, posting) }
      if !person.unavailable {
        if let current = person.currentPosting, current != posting { moves += 1 }
        if !preferred[p].isEmpty || !person.preferredTowns.isEmpty {
          if !hits(slot, preferred[p]) { misses += 1 }
        }
      }
    }
    if let limit = policy.maxMoves, moves > limit {
      add(
        .maxMoves,
        "\(moves) postings change from the current roster; at most \(limit) allowed")
    }

    // Per-town rules.
    for t in 0..<nT {
      let name = townNames[t]
      var certifiedHere = 0
      var legalHere = 0
      for d in 0..<nD {
        certifiedHere += certified[t * nD + d]
        legalHere += legal[t * nD + d]
      }
      if policy.minCertifiedPerTown > 0, anyonePresent[t], certifiedHere < policy.minCertifiedPerTown {
        add(
          .twoCertified, town: t,
          "\(name): \(certifiedHere) certified \(certifiedHere == 1 ? "officer" : "officers") present, "
            + "needs \(policy.minCertifiedPerTown)")
      }
      if policy.auxiliariesNeedOfficer {
        for d in 0..<nD {
          let k = t * nD + d
          guard auxiliaries[k] > 0 else { continue }
          if officers[k] == 0 {
            for (p, person) in people.enumerated()
            where !person.isOfficer && personDepartment[p] == d && isStationed(slots[p], at: t) {
              add(
                .auxiliaryWithOfficer, town: t, person: p,
                "\(personLabels[p]), auxiliary of \(departmentNames[d]) stationed in \(name), "
                  + "has no \(departmentNames[d]) officer present there")
            }
          } else if auxiliaries[k] > policy.auxiliariesPerOfficer * officers[k] {
            add(
              .auxiliaryRatio, town: t,
              "\(name): \(auxiliaries[k]) \(departmentNames[d]) auxiliaries for \(officers[k]) "
                + "\(officers[k] == 1 ? "officer" : "officers") present; at most "
                + "\(policy.auxiliariesPerOfficer) per officer")
          }
        }
      }
      if policy.deskCapacity, headcount[t] > desk[t] {
        add(
          .deskCapacity, town: t,
          "\(name): \(headcount[t]) people stationed, desk capacity \(desk[t])")
      }
      if policy.minLegalPerTown > 0, legalHere < policy.minLegalPerTown {
        add(
          .legalAccess, town: t,
          legalHere == 0
            ? "\(name): no officer with legal background present (needs \(policy.minLegalPerTown))"
            : "\(name): \(legalHere) officers with legal background present, needs \(policy.minLegalPerTown)"
        )
      }
    }

    // Objective.
    var coverage: [TownCoverage] = []
    coverage.reserveCapacity(nT * nD)
    var uncovered = 0
    var unmetTotal = 0.0
    var unmetPilot = 0.0
    var imbalance = 0.0
    for t in 0..<nT {
      var unmetTown = 0.0
      for d in 0..<nD {
        let k = t * nD + d
        let unmet = max(0, demand[k] - supply[k])
        if demand[k] > 0 && officers[k] == 0 { uncovered += 1 }
        unmetTown += unmet
        coverage.append(
          TownCoverage(
            town: district.towns[t].id, department: district.departments[d].id,
            demand: demand[k], supply: supply[k], unmet: unmet, officersPresent: officers[k],
            certifiedPresent: certified[k], legalPresent: legal[k],
            stationedHeadcount: stationedByDepartment[k]))
      }
      unmetTotal += unmetTown
      if pilot[t] { unmetPilot += unmetTown }
      if townDemand[t] > 0 { imbalance = max(imbalance, unmetTown / townDemand[t]) }
    }
    let measures = RosterMeasures(
      uncoveredPairs: uncovered, unmetDemandFTE: unmetTotal, pilotUnmetDemandFTE: unmetPilot,
      travelMinutes: travel, moves: moves, preferenceMisses: misses, imbalance: imbalance)
    let objective = ObjectiveBreakdown(
      uncoveredPairs: Double(uncovered) * weights.uncoveredPair,
      unmetDemand: (unmetTotal - unmetPilot) * weights.unmetDemand
        + unmetPilot * weights.pilotUnmetDemand,
      travel: travel * weights.travelMinute,
      moves: Double(moves) * weights.move,
      preferenceMisses: Double(misses) * weights.preferenceMiss,
      imbalance: imbalance * weights.imbalance)

    found.sort { a, b in
      let ra = RosterChecker.ruleOrder[a.violation.rule] ?? 0
      let rb = RosterChecker.ruleOrder[b.violation.rule] ?? 0
      if ra != rb { return ra < rb }
      if a.town != b.town { return a.town < b.town }
      if a.person != b.person { return a.person < b.person }
      return a.violation.message < b.violation.message
    }
    return RosterEvaluation(
      violations: found.map(\.violation), objective: objective, measures: measures,
      coverage: coverage)
  }

  private static let ruleOrder: [HardRule: Int] = Dictionary(
    uniqueKeysWithValues: HardRule.allCases.enumerated().map { ($1, $0) })

  private func townOf(_ slot: Slot) -> Int {
    if case .stationed(let t) = slot { return t }
    return -1
  }

  private func isStationed(_ slot: Slot, at town: Int) -> Bool {
    if case .stationed(let t) = slot { return t == town }
    return false
  }

  /// Whether a posting's towns (`District.towns(of:)`) include a preferred town.
  private func hits(_ slot: Slot, _ towns: [Int]) -> Bool {
    switch slot {
    case .none: return false
    case .stationed(let t): return towns.contains(t)
    case .zoned(let z): return zoneTowns[z].contains { towns.contains($0) }
    }
  }

  private func describe(_ slot: Slot) -> String {
    switch slot {
    case .none: return "unassigned"
    case .stationed(let t): return "stationed in \(townNames[t])"
    case .zoned(let z): return "zoned to \(zoneLabels[z])"
    }
  }

  /// A posting in planner's words, e.g. `stationed in Anfu`.
  private func describe(_ posting: Posting) -> String {
    switch posting {
    case .unassigned: return "unassigned"
    case .stationed(let town):
      return "stationed in \(district.townIndex[town].map { townNames[$0] } ?? town)"
    case .zoned(let zone):
      return "zoned to \(district.zoneIndex[zone].map { zoneLabels[$0] } ?? zone)"
    }
  }

  private func format(_ value: Double) -> String {
    let text = String(value)
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }
}
