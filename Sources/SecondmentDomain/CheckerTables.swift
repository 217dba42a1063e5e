import Foundation

/// The checker's per-district tables and its evaluation, in one reference
/// type so that evaluating never copies the tables.
final class CheckerTables: Sendable {
  let district: District
  private let people: [Person]
  private let townIndex: [String: Int]
  private let zoneIndex: [String: Int]

  // Per-district tables, by index (towns, departments, people, zones in instance order).
  // A posting is a slot (`District.slot(of:)`): -1 no posting, t stationed at
  // town t, townCount + z zoned to zone z.
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
  private let unavailable: [Bool]
  /// What the per-person rules read (`PostingRules.Facts`).
  private let facts: [PostingRules.Facts]
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
  private let policy: Policy
  /// minutes[u][t] between towns by index.
  private let minutes: [[Double]]
  /// [joint-inspection]'s (town, department) pairs (`JointInspectionRule.needs`).
  private let jointNeeds: [(town: Int, department: Int, scenarios: [String])]

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
    unavailable = people.map(\.unavailable)
    facts = people.map { PostingRules.Facts($0, in: district) }
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
    zoneTowns = zones.map { zone in
      district.towns(of: .zoned(zone: zone.id)).compactMap { district.townIndex[$0] }
    }
    minutes = district.minutes
    jointNeeds = JointInspectionRule.needs(in: district)
  }

  // MARK: - Evaluation

  /// The broken rules found so far, in the order they are reported.
  private struct Findings {
    struct Found {
      var violation: RuleViolation
      var town: Int
      var person: Int
    }
    let townIDs: [String]
    let people: [Person]
    var found: [Found] = []

    mutating func add(_ rule: HardRule, town: Int = -1, person: Int = -1, _ message: String) {
      let violation = RuleViolation(
        rule: rule, person: person >= 0 ? people[person].id : nil,
        town: town >= 0 ? townIDs[town] : nil, message: message)
      found.append(Found(violation: violation, town: town, person: person))
    }

    /// By rule (in `HardRule` order), town, person and message.
    func sorted() -> [RuleViolation] {
      found.sorted { a, b in
        let ra = CheckerTables.ruleOrder[a.violation.rule] ?? 0
        let rb = CheckerTables.ruleOrder[b.violation.rule] ?? 0
        if ra != rb { return ra < rb }
        if a.town != b.town { return a.town < b.town }
        if a.person != b.person { return a.person < b.person }
        return a.violation.message < b.violation.message
      }.map(\.violation)
    }
  }

  /// What a roster puts where: per (town, department) at `t * departmentCount + d`, per town at `t`.
  private struct Tally {
    var officers: [Int]
    var certified: [Int]
    var legal: [Int]
    var auxiliaries: [Int]
    var stationedByDepartment: [Int]
    /// FTE, stationed people and zoned officers' splits.
    var supply: [Double]
    var anyonePresent: [Bool]
    var headcount: [Int]
  }

  /// Per-person measures of the objective.
  private struct PersonMeasures {
    var travel = 0.0
    var moves = 0
    var misses = 0
  }

  func evaluate(
    _ postings: [String: Posting], splits given: [String: ZoneSplit],
    claimedDepartments: [String: String]
  ) -> RosterEvaluation {
    var findings = Findings(townIDs: townIDs, people: people)
    let slots = resolve(postings, &findings)
    let splits = completeSplits(slots, postings: postings, given: given)
    let tally = self.tally(slots, splits: splits)
    let measured = checkPeople(
      slots, postings: postings, given: given, claimedDepartments: claimedDepartments, &findings)
    if let row = MovesRule.row(moves: Double(measured.moves), policy: policy), row.unitsBroken > 0 {
      findings.add(.maxMoves, MovesRule.message(moves: measured.moves, policy: policy))
    }
    checkTowns(tally, slots: slots, &findings)
    checkWhistle(tally, slots: slots, &findings)
    return objective(tally, measured, violations: findings.sorted(), splits: splits)
  }

  /// Each person's posting as a slot; a town or zone the district lacks breaks [one-posting].
  private func resolve(_ postings: [String: Posting], _ findings: inout Findings) -> [Int] {
    var slots = Array(repeating: -1, count: personCount)
    for p in 0..<personCount {
      guard let posting = postings[people[p].id] else { continue }
      if let slot = district.slot(of: posting) {
        slots[p] = slot
      } else {
        findings.add(
          .onePosting, person: p,
          PostingRules.message(.onePosting, person: p, posting: posting, in: district))
      }
    }
    return slots
  }

  /// Zoned officers' splits: the roster's, else the best for the rest.
  private func completeSplits(
    _ slots: [Int], postings: [String: Posting], given: [String: ZoneSplit]
  ) -> [String: ZoneSplit] {
    let nT = townCount
    var splits: [String: ZoneSplit] = [:]
    var zoned = 0
    for p in 0..<personCount where slots[p] >= nT && officer[p] {
      zoned += 1
      if let split = given[people[p].id] { splits[people[p].id] = split }
    }
    guard splits.count < zoned else { return splits }
    var resolved: [String: Posting] = [:]
    for p in 0..<personCount where slots[p] >= 0 {
      resolved[people[p].id] = postings[people[p].id]
    }
    return splits.merging(district.bestSplits(for: resolved, given: splits)) { a, _ in a }
  }

  /// Presence and supply of a roster (docs/rules.md, Covered and present).
  private func tally(_ slots: [Int], splits: [String: ZoneSplit]) -> Tally {
    let nT = townCount
    let nD = departmentCount
    let grid = Array(repeating: 0, count: nT * nD)
    var tally = Tally(
      officers: grid, certified: grid, legal: grid, auxiliaries: grid, stationedByDepartment: grid,
      supply: Array(repeating: 0.0, count: nT * nD),
      anyonePresent: Array(repeating: false, count: nT), headcount: Array(repeating: 0, count: nT))
    func officerPresent(_ p: Int, _ k: Int) {
      tally.officers[k] += 1
      if certified[p] { tally.certified[k] += 1 }
      if legal[p] { tally.legal[k] += 1 }
    }
    for p in 0..<personCount {
      let slot = slots[p]
      guard slot >= 0 else { continue }
      let d = personDepartment[p]
      if slot < nT {
        tally.anyonePresent[slot] = true
        tally.headcount[slot] += 1
        guard d >= 0 else { continue }
        let k = slot * nD + d
        tally.stationedByDepartment[k] += 1
        if officer[p] {
          officerPresent(p, k)
          tally.supply[k] += 1
        } else {
          tally.auxiliaries[k] += 1
          tally.supply[k] += policy.auxiliaryFTE
        }
      } else if officer[p] {
        // Auxiliaries are present only where stationed (docs/rules.md).
        let split = splits[people[p].id] ?? [:]
        for t in zoneTowns[slot - nT] {
          tally.anyonePresent[t] = true
          guard d >= 0 else { continue }
          let k = t * nD + d
          officerPresent(p, k)
          if let fte = split[townIDs[t]], fte.isFinite, fte > 0 { tally.supply[k] += fte }
        }
      }
    }
    return tally
  }

  /// The rules of each person's posting (`PostingRules`), the zone split of
  /// each zoned officer (`ZoneSplitRule`), and the per-person measures.
  private func checkPeople(
    _ slots: [Int], postings: [String: Posting], given: [String: ZoneSplit],
    claimedDepartments: [String: String], _ findings: inout Findings
  ) -> PersonMeasures {
    let nT = townCount
    var measured = PersonMeasures()
    for p in 0..<personCount {
      let slot = slots[p]
      let assigned = slot >= 0
      let town = assigned && slot < nT ? slot : -1
      let posting = postings[people[p].id] ?? .unassigned
      if unavailable[p] ? assigned : (!assigned && posting == .unassigned) {
        findings.add(
          .onePosting, town: town, person: p,
          PostingRules.message(.onePosting, person: p, posting: posting, in: district))
      }
      if let claimed = claimedDepartments[people[p].id],
        personDepartment[p] < 0 || claimed != departmentIDs[personDepartment[p]]
      {
        findings.add(
          .ownDepartment, town: town, person: p,
          PostingRules.ownDepartmentMessage(person: p, claimed: claimed, in: district))
      }
      var broken = PostingRules.broken(
        slot: slot, facts: facts[p], avoidsTown: town >= 0 && avoidMask[p * nT + town],
        townCount: nT, policy: policy)
      if unavailable[p] { broken.subtract([.pinned, .tenure]) }
      for rule in broken.rules {
        findings.add(
          rule, town: town, person: p,
          PostingRules.message(rule, person: p, posting: posting, in: district))
      }
      if slot >= nT, officer[p], let split = given[people[p].id] {
        for breach in ZoneSplitRule.breaches(of: split, person: p, zone: slot - nT, in: district) {
          findings.add(.zoneSplit, town: breach.town ?? -1, person: p, breach.message)
        }
      }
      if assigned {
        measured.travel +=
          slot < nT ? stationedMinutes[p * nT + slot] : zonedMinutes[p * zoneTowns.count + slot - nT]
      }
      guard !unavailable[p] else { continue }
      if let current = facts[p].current, current != slot { measured.moves += 1 }
      if hasPreferences[p], !hits(p, slot) { measured.misses += 1 }
    }
    return measured
  }

  /// The rules of each town: `TownPresenceRules`, `AuxiliaryRules`, `DeskRule`.
  private func checkTowns(_ tally: Tally, slots: [Int], _ findings: inout Findings) {
    let nD = departmentCount
    for t in 0..<townCount {
      let name = townNames[t]
      var certifiedTown = 0
      var legalTown = 0
      for d in 0..<nD {
        certifiedTown += tally.certified[t * nD + d]
        legalTown += tally.legal[t * nD + d]
      }
      if let row = TownPresenceRules.certifiedRow(
        certified: Double(certifiedTown), present: tally.anyonePresent[t] ? 1 : 0, policy: policy),
        row.unitsBroken > 0
      {
        findings.add(
          .twoCertified, town: t,
          TownPresenceRules.certifiedMessage(town: name, present: certifiedTown, policy: policy))
      }
      for d in 0..<nD {
        let k = t * nD + d
        guard
          let row = AuxiliaryRules.row(
            auxiliaries: Double(tally.auxiliaries[k]), officers: Double(tally.officers[k]),
            policy: policy), row.unitsBroken > 0
        else { continue }
        if AuxiliaryRules.brokenRule(officersPresent: tally.officers[k]) == .auxiliaryWithOfficer {
          for p in 0..<personCount where !officer[p] && personDepartment[p] == d && slots[p] == t {
            findings.add(
              .auxiliaryWithOfficer, town: t, person: p,
              AuxiliaryRules.aloneMessage(
                auxiliary: personLabels[p], department: departmentNames[d], town: name))
          }
        } else {
          findings.add(
            .auxiliaryRatio, town: t,
            AuxiliaryRules.ratioMessage(
              town: name, department: departmentNames[d], auxiliaries: tally.auxiliaries[k],
              officers: tally.officers[k], policy: policy))
        }
      }
      if let row = DeskRule.row(stationed: Double(tally.headcount[t]), desks: desk[t], policy: policy),
        row.unitsBroken > 0
      {
        findings.add(
          .deskCapacity, town: t,
          DeskRule.message(town: name, stationed: tally.headcount[t], desks: desk[t]))
      }
      if let row = TownPresenceRules.legalRow(legal: Double(legalTown), policy: policy),
        row.unitsBroken > 0
      {
        findings.add(
          .legalAccess, town: t,
          TownPresenceRules.legalMessage(town: name, present: legalTown, policy: policy))
      }
    }
  }

  /// The minutes from slot `slot` to town t: 0 when present, else from the nearest of its towns.
  private func reach(_ slot: Int, _ t: Int) -> Double {
    if slot < townCount { return minutes[slot][t] }
    return zoneTowns[slot - townCount].map { minutes[$0][t] }.min() ?? .infinity
  }

  /// The response of (t, d): the minutes from the nearest of `present`, the
  /// towns where an officer of d is present (nil: none).
  private func response(_ present: [Int], _ t: Int) -> Double? {
    present.map { minutes[$0][t] }.min()
  }

  /// [response-time] (`ResponseTimeRule`) and [joint-inspection] (`JointInspectionRule`).
  private func checkWhistle(_ tally: Tally, slots: [Int], _ findings: inout Findings) {
    let nD = departmentCount
    if policy.responseMinutes != nil {
      for t in 0..<townCount {
        for d in 0..<nD where demand[t * nD + d] > 0 {
          var reaching = 0
          var nearest: (p: Int, minutes: Double)?
          for p in 0..<personCount where officer[p] && personDepartment[p] == d && slots[p] >= 0 {
            let m = reach(slots[p], t)
            if ResponseTimeRule.inTime(m, policy: policy) { reaching += 1 }
            if nearest.map({ m < $0.minutes }) ?? true { nearest = (p, m) }
          }
          guard let row = ResponseTimeRule.row(reaching: Double(reaching), policy: policy), row.unitsBroken > 0
          else { continue }
          let from = nearest.map { n in
            slots[n.p] < townCount
              ? slots[n.p] : zoneTowns[slots[n.p] - townCount].min { minutes[$0][t] < minutes[$1][t] } ?? t
          }
          findings.add(
            .responseTime, town: t,
            ResponseTimeRule.message(
              town: townNames[t], department: departmentNames[d],
              nearest: nearest.map { (personLabels[$0.p], $0.minutes, townNames[from ?? t]) }, policy: policy))
        }
      }
    }
    for need in jointNeeds {
      let k = need.town * nD + need.department
      guard let row = JointInspectionRule.row(officers: Double(tally.officers[k]), policy: policy), row.unitsBroken > 0
      else { continue }
      findings.add(
        .jointInspection, town: need.town,
        JointInspectionRule.message(
          town: townNames[need.town], department: departmentNames[need.department], scenarios: need.scenarios))
    }
  }

  /// Coverage per (town, department), the measures and the weighted objective.
  private func objective(
    _ tally: Tally, _ measured: PersonMeasures, violations: [RuleViolation],
    splits: [String: ZoneSplit]
  ) -> RosterEvaluation {
    let nD = departmentCount
    let weights = policy.weights
    var coverage: [TownCoverage] = []
    coverage.reserveCapacity(townCount * nD)
    var uncovered = 0
    var unmetTotal = 0.0
    var unmetPilot = 0.0
    var imbalance = 0.0
    var responseSum = 0.0
    var responseWorst = 0.0
    var answered = 0
    let present = (0..<nD).map { d in (0..<townCount).filter { tally.officers[$0 * nD + d] > 0 } }
    for t in 0..<townCount {
      var unmetTown = 0.0
      for d in 0..<nD {
        let k = t * nD + d
        let r = demand[k] > 0 ? response(present[d], t) : nil
        if let r {
          responseSum += r
          responseWorst = max(responseWorst, r)
          answered += 1
        }
        let unmet = max(0, demand[k] - tally.supply[k])
        if demand[k] > 0 && tally.officers[k] == 0 { uncovered += 1 }
        unmetTown += unmet
        coverage.append(
          TownCoverage(
            town: townIDs[t], department: departmentIDs[d], demand: demand[k],
            supply: tally.supply[k], unmet: unmet, officersPresent: tally.officers[k],
            certifiedPresent: tally.certified[k], legalPresent: tally.legal[k],
            stationedHeadcount: tally.stationedByDepartment[k], responseMinutes: r))
      }
      unmetTotal += unmetTown
      if pilot[t] { unmetPilot += unmetTown }
      if townDemand[t] > 0 { imbalance = max(imbalance, unmetTown / townDemand[t]) }
    }
    let measures = RosterMeasures(
      uncoveredPairs: uncovered, unmetDemandFTE: unmetTotal, pilotUnmetDemandFTE: unmetPilot,
      travelMinutes: measured.travel, moves: measured.moves, preferenceMisses: measured.misses,
      imbalance: imbalance, responseMinutes: responseSum, worstResponseMinutes: responseWorst,
      meanResponseMinutes: answered > 0 ? responseSum / Double(answered) : 0)
    let objective = ObjectiveBreakdown(
      uncoveredPairs: Double(uncovered) * weights.uncoveredPair,
      unmetDemand: (unmetTotal - unmetPilot) * weights.unmetDemand
        + unmetPilot * weights.pilotUnmetDemand,
      travel: measured.travel * weights.travelMinute,
      moves: Double(measured.moves) * weights.move,
      preferenceMisses: Double(measured.misses) * weights.preferenceMiss,
      imbalance: imbalance * weights.imbalance, response: responseSum * weights.responseMinute)
    return RosterEvaluation(
      violations: violations, objective: objective, measures: measures, coverage: coverage,
      splits: splits)
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
}
