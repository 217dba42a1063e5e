import Foundation

/// The checker's per-district tables and its evaluation, in one reference
/// type so that evaluating never copies the tables.
final class CheckerTables: Sendable {
  let district: District
  private let people: [Person]
  private let townIndex: [String: Int]
  private let zoneIndex: [String: Int]

  // Per-district tables, by index (towns, departments, people, zones in instance order).
  // A posting is coded as an Int: -1 no posting, t stationed at town t,
  // townCount + z zoned to zone z; -2 stands for "none given" (no current/pinned posting).
  private let townCount: Int
  private let departmentCount: Int
  private let personCount: Int
  /// demand[t * departmentCount + d], FTE.
  private let demand: [Double]
  /// Σ_d demand(t, d).
  private let townDemand: [Double]
  private let pilot: [Bool]
  private let desk: [Int]
  private let townIDs: [String]
  private let departmentIDs: [String]
  private let townNames: [String]
  private let departmentNames: [String]
  private let personDepartment: [Int]
  private let personLabels: [String]
  private let officer: [Bool]
  private let certified: [Bool]
  private let legal: [Bool]
  private let drives: [Bool]
  private let unavailable: [Bool]
  private let tenure: [Int]
  private let currentCode: [Int]
  private let pinnedCode: [Int]
  private let hasPreferences: [Bool]
  /// preferredMask[p * townCount + t]: t is among p's preferred towns.
  private let preferredMask: [Bool]
  /// avoidMask[p * townCount + t]: `District.avoids(p, town: t)`.
  private let avoidMask: [Bool]
  /// stationedMinutes[p * townCount + t]: `District.travelMinutes(of: p, .stationed(t))`.
  private let stationedMinutes: [Double]
  /// zonedMinutes[p * zoneCount + z]: `District.travelMinutes(of: p, .zoned(z))`.
  private let zonedMinutes: [Double]
  private let zoneTowns: [[Int]]
  private let zoneLabels: [String]
  private let policy: Policy

  init(_ district: District) {
    self.district = district
    people = district.people
    townIndex = district.townIndex
    zoneIndex = district.zoneIndex
    let towns = district.towns
    let departments = district.departments
    let people = district.people
    let zones = district.zones
    let nT = towns.count
    let nD = departments.count
    let nP = people.count
    let nZ = zones.count
    townCount = nT
    departmentCount = nD
    personCount = nP
    policy = district.policy
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
    townIDs = towns.map(\.id)
    departmentIDs = departments.map(\.id)
    townNames = towns.map(\.displayName)
    departmentNames = departments.map(\.displayName)
    personDepartment = people.map { district.departmentIndex[$0.department] ?? -1 }
    personLabels = people.map { "\($0.name) (\($0.id))" }
    officer = people.map(\.isOfficer)
    certified = people.map(\.certified)
    legal = people.map(\.legal)
    drives = people.map(\.drives)
    unavailable = people.map(\.unavailable)
    tenure = people.map(\.tenure)
    func code(_ posting: Posting?) -> Int {
      switch posting {
      case nil: return -2
      case .unassigned: return -1
      case .stationed(let town): return district.townIndex[town] ?? -3
      case .zoned(let zone): return district.zoneIndex[zone].map { nT + $0 } ?? -3
      }
    }
    currentCode = people.map { code($0.currentPosting) }
    pinnedCode = people.map { code($0.pinned) }
    hasPreferences = people.map { !$0.preferredTowns.isEmpty }
    var preferredMask = Array(repeating: false, count: nP * nT)
    var avoidMask = Array(repeating: false, count: nP * nT)
    var stationedMinutes = Array(repeating: 0.0, count: nP * nT)
    var zonedMinutes = Array(repeating: 0.0, count: nP * nZ)
    for (p, person) in people.enumerated() {
      for town in person.preferredTowns {
        if let t = district.townIndex[town] { preferredMask[p * nT + t] = true }
      }
      for t in 0..<nT {
        avoidMask[p * nT + t] = district.avoids(person: p, town: t)
        stationedMinutes[p * nT + t] = district.travelMinutes(person: p, stationedAt: t)
      }
      for z in 0..<nZ {
        zonedMinutes[p * nZ + z] = district.travelMinutes(person: p, zonedIn: z)
      }
    }
    self.preferredMask = preferredMask
    self.avoidMask = avoidMask
    self.stationedMinutes = stationedMinutes
    self.zonedMinutes = zonedMinutes
    var zoneTowns: [[Int]] = []
    var zoneLabels: [String] = []
    for zone in zones {
      let posting = Posting.zoned(zone: zone.id)
      let ids = district.towns(of: posting).filter { district.townIndex[$0] != nil }
      zoneTowns.append(ids.compactMap { district.townIndex[$0] })
      let names = ids.map { district.town($0)?.displayName ?? $0 }.joined(separator: ", ")
      zoneLabels.append("\(zone.name ?? zone.id) (\(names))")
    }
    self.zoneTowns = zoneTowns
    self.zoneLabels = zoneLabels
  }

  // MARK: - Evaluation

  private struct Found {
    var violation: RuleViolation
    var town: Int
    var person: Int
  }

  func evaluate(
    _ postings: [String: Posting], splits given: [String: ZoneSplit],
    claimedDepartments: [String: String]
  ) -> RosterEvaluation {
    let policy = self.policy
    let weights = policy.weights
    let people = self.people
    let nT = townCount
    let nD = departmentCount
    let nP = personCount
    let nZ = zoneLabels.count
    var found: [Found] = []

    func add(_ rule: HardRule, town: Int = -1, person: Int = -1, _ message: String) {
      let violation = RuleViolation(
        rule: rule, person: person >= 0 ? people[person].id : nil,
        town: town >= 0 ? townIDs[town] : nil, message: message)
      found.append(Found(violation: violation, town: town, person: person))
    }

    // Resolve postings to codes.
    var slots = Array(repeating: -1, count: nP)
    for p in 0..<nP {
      let id = people[p].id
      guard let posting = postings[id] else { continue }
      switch posting {
      case .unassigned: break
      case .stationed(let town):
        if let t = townIndex[town] {
          slots[p] = t
        } else {
          add(.onePosting, person: p, "\(personLabels[p]) is posted to unknown town '\(town)'")
        }
      case .zoned(let zone):
        if let z = zoneIndex[zone] {
          slots[p] = nT + z
        } else {
          add(.onePosting, person: p, "\(personLabels[p]) is posted to unknown zone '\(zone)'")
        }
      }
    }

    // Zoned officers' splits: the roster's, else the best for the rest.
    var splits: [String: ZoneSplit] = [:]
    var zonedPostings: [String: Posting] = [:]
    for p in 0..<nP where slots[p] >= nT && officer[p] {
      let id = people[p].id
      if let split = given[id] { splits[id] = split }
      zonedPostings[id] = postings[id]
    }
    if splits.count < zonedPostings.count {
      var resolved: [String: Posting] = [:]
      for p in 0..<nP where slots[p] >= 0 {
        resolved[people[p].id] =
          slots[p] < nT ? .stationed(town: townIDs[slots[p]]) : zonedPostings[people[p].id]
      }
      splits.merge(district.bestSplits(for: resolved, given: splits)) { a, _ in a }
    }

    // Presence and supply.
    var officers = Array(repeating: 0, count: nT * nD)
    var certifiedHere = Array(repeating: 0, count: nT * nD)
    var legalHere = Array(repeating: 0, count: nT * nD)
    var auxiliaries = Array(repeating: 0, count: nT * nD)
    var stationedByDepartment = Array(repeating: 0, count: nT * nD)
    var supply = Array(repeating: 0.0, count: nT * nD)
    var anyonePresent = Array(repeating: false, count: nT)
    var headcount = Array(repeating: 0, count: nT)
    for p in 0..<nP {
      let slot = slots[p]
      guard slot >= 0 else { continue }
      let d = personDepartment[p]
      if slot < nT {
        let t = slot
        anyonePresent[t] = true
        headcount[t] += 1
        guard d >= 0 else { continue }
        let k = t * nD + d
        stationedByDepartment[k] += 1
        if officer[p] {
          officers[k] += 1
          if certified[p] { certifiedHere[k] += 1 }
          if legal[p] { legalHere[k] += 1 }
          supply[k] += 1
        } else {
          auxiliaries[k] += 1
          supply[k] += policy.auxiliaryFTE
        }
      } else {
        // Auxiliaries are present only where stationed (docs/rules.md).
        guard officer[p] else { continue }
        let z = slot - nT
        let split = splits[people[p].id] ?? [:]
        for t in zoneTowns[z] {
          anyonePresent[t] = true
          guard d >= 0 else { continue }
          let k = t * nD + d
          officers[k] += 1
          if certified[p] { certifiedHere[k] += 1 }
          if legal[p] { legalHere[k] += 1 }
          if let fte = split[townIDs[t]], fte.isFinite, fte > 0 { supply[k] += fte }
        }
      }
    }

    // Per-person rules and measures.
    var travel = 0.0
    var moves = 0
    var misses = 0
    for p in 0..<nP {
      let slot = slots[p]
      let assigned = slot >= 0
      let stationedTown = assigned && slot < nT ? slot : -1
      if unavailable[p] {
        if assigned {
          add(
            .onePosting, town: stationedTown, person: p,
            "\(personLabels[p]) is unavailable but is \(describe(slot))")
        }
      } else if !assigned, postings[people[p].id].map({ $0 == .unassigned }) ?? true {
        add(.onePosting, person: p, "\(personLabels[p]) is available but has no posting")
      }
      if !claimedDepartments.isEmpty, let claimed = claimedDepartments[people[p].id],
        personDepartment[p] < 0 || claimed != departmentIDs[personDepartment[p]]
      {
        let d = personDepartment[p]
        add(
          .ownDepartment, town: stationedTown, person: p,
          "\(personLabels[p]) belongs to \(d >= 0 ? departmentNames[d] : people[p].department) "
            + "but the roster line puts them under department '\(claimed)'")
      }
      if stationedTown >= 0 {
        let t = stationedTown
        if avoidMask[p * nT + t] {
          let why =
            people[p].homeTown == townIDs[t]
            ? "their home town"
            : "within \(format(policy.avoidanceRadiusMinutes)) minutes of their home town"
          add(.avoidance, town: t, person: p, "\(personLabels[p]) is stationed in \(townNames[t]), \(why)")
        }
        travel += stationedMinutes[p * nT + t]
      } else if assigned {
        let z = slot - nT
        if !officer[p] {
          add(
            .auxiliaryStationed, person: p,
            "\(personLabels[p]) is an auxiliary but is zoned to \(zoneLabels[z]); "
              + "auxiliaries are only stationed")
        } else {
          if policy.zonedMustDrive, !drives[p] {
            add(
              .zonedMustDrive, person: p,
              "\(personLabels[p]) is zoned to \(zoneLabels[z]) but cannot drive")
          }
          if let split = given[people[p].id] {
            checkSplit(split, person: p, zone: z, add)
          }
        }
        travel += zonedMinutes[p * nZ + z]
      }
      guard !unavailable[p] else { continue }
      let pin = pinnedCode[p]
      if pin != -2, pin != slot {
        add(
          .pinned, town: stationedTown, person: p,
          "\(personLabels[p]) is pinned \(describe(pin, people[p].pinned)) but the roster has them "
            + "\(describe(slot))")
      }
      let current = currentCode[p]
      if let limit = policy.maxTenureQuarters, assigned, current == slot, pin != slot,
        tenure[p] + 1 > limit
      {
        add(
          .tenure, town: stationedTown, person: p,
          "\(personLabels[p]) would serve \(tenure[p] + 1) quarters in a row \(describe(slot)); "
            + "at most \(limit) allowed")
      }
      if current != -2, current != slot { moves += 1 }
      if hasPreferences[p], !hits(p, slot) { misses += 1 }
    }
    if let limit = policy.maxMoves, moves > limit {
      add(
        .maxMoves,
        "\(moves) postings change from the current roster; at most \(limit) allowed")
    }

    // Per-town rules.
    for t in 0..<nT {
      let name = townNames[t]
      var certifiedTown = 0
      var legalTown = 0
      for d in 0..<nD {
        certifiedTown += certifiedHere[t * nD + d]
        legalTown += legalHere[t * nD + d]
      }
      let minCertified = policy.minCertifiedPerTown
      if minCertified > 0, anyonePresent[t], certifiedTown < minCertified {
        add(
          .twoCertified, town: t,
          "\(name): \(certifiedTown) certified \(certifiedTown == 1 ? "officer" : "officers") "
            + "present, needs \(minCertified)")
      }
      if policy.auxiliariesNeedOfficer {
        for d in 0..<nD {
          let k = t * nD + d
          guard auxiliaries[k] > 0 else { continue }
          if officers[k] == 0 {
            for p in 0..<nP where !officer[p] && personDepartment[p] == d && slots[p] == t {
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
      let minLegal = policy.minLegalPerTown
      if minLegal > 0, legalTown < minLegal {
        add(
          .legalAccess, town: t,
          legalTown == 0
            ? "\(name): no officer with legal background present (needs \(minLegal))"
            : "\(name): \(legalTown) officers with legal background present, needs \(minLegal)")
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
            town: townIDs[t], department: departmentIDs[d], demand: demand[k], supply: supply[k],
            unmet: unmet, officersPresent: officers[k], certifiedPresent: certifiedHere[k],
            legalPresent: legalHere[k], stationedHeadcount: stationedByDepartment[k]))
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

    if found.count > 1 {
      found.sort { a, b in
        let ra = CheckerTables.ruleOrder[a.violation.rule] ?? 0
        let rb = CheckerTables.ruleOrder[b.violation.rule] ?? 0
        if ra != rb { return ra < rb }
        if a.town != b.town { return a.town < b.town }
        if a.person != b.person { return a.person < b.person }
        return a.violation.message < b.violation.message
      }
    }
    return RosterEvaluation(
      violations: found.map(\.violation), objective: objective, measures: measures,
      coverage: coverage, splits: splits)
  }

  /// [zone-split]: only the zone's towns, no negative share, at most the officer's FTE.
  private func checkSplit(
    _ split: ZoneSplit, person p: Int, zone z: Int,
    _ add: (HardRule, Int, Int, String) -> Void
  ) {
    let inZone = Set(zoneTowns[z].map { townIDs[$0] })
    for (town, fte) in split.sorted(by: { $0.key < $1.key }) {
      if !inZone.contains(town) {
        let name = townIndex[town].map { townNames[$0] } ?? "'\(town)'"
        add(
          .zoneSplit, -1, p,
          "\(personLabels[p]) is zoned to \(zoneLabels[z]) but the split gives time to \(name), "
            + "outside the zone")
      } else if !fte.isFinite || fte < 0 {
        add(
          .zoneSplit, -1, p,
          "\(personLabels[p]) has a split of \(fte) FTE for \(town); a share is 0 or more")
      }
    }
    // Zone visits: every town of the zone where the department has demand gets its minimum.
    let share = district.policy.minZonedShare
    let d = personDepartment[p]
    if share > 0, d >= 0 {
      for t in zoneTowns[z] where demand[t * departmentCount + d] > 0 {
        let given = split[townIDs[t]] ?? 0
        if !(given >= share - 1e-6) {
          add(
            .zoneSplit, t, p,
            "\(personLabels[p]) is zoned to \(zoneLabels[z]) but gives \(townNames[t]) \(format(given)) FTE; "
              + "a zoned officer gives each town of the zone at least \(format(share)) FTE (minZonedShare)")
        }
      }
    }
    let total = split.values.reduce(0) { $0 + ($1.isFinite ? max($1, 0) : 0) }
    let capacity = district.zonedOfficerFTE
    if total > capacity + 1e-6 {
      add(
        .zoneSplit, -1, p,
        "\(personLabels[p]) is zoned to \(zoneLabels[z]) with \(format(total)) FTE split over "
          + "its towns; a zoned officer has \(format(capacity)) FTE (1 − zone travel overhead)")
    }
  }

  private static let ruleOrder: [HardRule: Int] = Dictionary(
    uniqueKeysWithValues: HardRule.allCases.enumerated().map { ($1, $0) })

  /// Whether a posting's towns (`District.towns(of:)`) include one of p's preferred towns.
  private func hits(_ p: Int, _ slot: Int) -> Bool {
    let nT = townCount
    if slot < 0 { return false }
    if slot < nT { return preferredMask[p * nT + slot] }
    return zoneTowns[slot - nT].contains { preferredMask[p * nT + $0] }
  }

  /// A coded posting in planner's words, e.g. `stationed in Anfu`.
  private func describe(_ code: Int, _ posting: Posting? = nil) -> String {
    if code >= townCount { return "zoned to \(zoneLabels[code - townCount])" }
    if code >= 0 { return "stationed in \(townNames[code])" }
    if code == -3, let posting { return posting.description }
    return "unassigned"
  }

  private func format(_ value: Double) -> String {
    let text = String(value)
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }
}
