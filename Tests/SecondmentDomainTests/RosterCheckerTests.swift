import Foundation
import Testing

@testable import SecondmentDomain

/// Evaluates postings against the fixture district, optionally changed first.
private func check(
  _ postings: [String: Posting], splits: [String: ZoneSplit] = [:],
  _ change: (inout Instance) -> Void = { _ in }
) -> RosterEvaluation {
  RosterChecker(Fixture.district(change)).evaluate(postings, splits: splits)
}

private func rules(_ evaluation: RosterEvaluation) -> [HardRule] {
  evaluation.violations.map(\.rule)
}

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
  abs(a - b) <= tolerance
}

// MARK: - Hard rules, one test each

@Suite("RosterChecker hard rules")
struct RosterCheckerRuleTests {
  @Test func validRosterKeepsEveryRule() {
    let evaluation = check(Fixture.valid)
    #expect(evaluation.violations == [])
    #expect(evaluation.isFeasible)
  }

  @Test func onePostingRequiresAPostingForEveryAvailablePerson() {
    let evaluation = check(Fixture.valid(["t4": .unassigned]))
    #expect(rules(evaluation) == [.onePosting])
    #expect(evaluation.violations.first?.person == "t4")
    #expect(evaluation.violations.first?.message.contains("Zhou Jie (t4)") == true)
  }

  @Test func onePostingTreatsAMissingPersonAsUnassigned() {
    var postings = Fixture.valid
    postings["t4"] = nil
    #expect(rules(check(postings)) == [.onePosting])
  }

  @Test func onePostingForbidsPostingAnUnavailablePerson() {
    let evaluation = check(Fixture.valid(["m5": .stationed(town: Fixture.delta)]))
    #expect(rules(evaluation) == [.onePosting])
    #expect(evaluation.violations.first?.person == "m5")
    #expect(evaluation.violations.first?.town == Fixture.delta)
    #expect(evaluation.violations.first?.message.contains("unavailable") == true)
  }

  @Test func onePostingReportsAnUnknownTownInPostings() {
    let evaluation = check(Fixture.valid(["t4": .stationed(town: "omega")]))
    // t4 gone from gamma breaks nothing else there.
    #expect(rules(evaluation) == [.onePosting])
    #expect(evaluation.violations.first?.message.contains("omega") == true)
  }

  @Test func ownDepartmentRejectsALineUnderAnotherDepartment() throws {
    var roster = Fixture.roster(Fixture.valid)
    roster.postings[0].department = "trn"
    let checker = RosterChecker(Fixture.district())
    let evaluation = try checker.evaluate(roster)
    #expect(rules(evaluation) == [.ownDepartment])
    #expect(evaluation.violations.first?.person == "m1")
    #expect(evaluation.violations.first?.message.contains("Market regulation") == true)
    roster.postings[0].department = "mkt"
    #expect(try checker.evaluate(roster).violations == [])
  }

  @Test func auxiliaryStationedForbidsZoningAnAuxiliary() {
    let evaluation = check(Fixture.valid(["x2": .zoned(zone: "ridge")]))
    #expect(rules(evaluation) == [.auxiliaryStationed])
    #expect(evaluation.violations.first?.person == "x2")
  }

  @Test func avoidanceForbidsStationingInHomeTown() {
    let evaluation = check(Fixture.valid(["t4": .stationed(town: Fixture.delta)]))
    #expect(rules(evaluation) == [.avoidance])
    #expect(evaluation.violations.first?.person == "t4")
    #expect(evaluation.violations.first?.town == Fixture.delta)
    #expect(
      evaluation.violations.first?.message == "Zhou Jie (t4) is stationed in Delta, their home town")
  }

  @Test func avoidanceAllowsZoningOverHomeTown() {
    // t1 lives in gamma and is zoned to ridge (beta, gamma) in the valid roster.
    let district = Fixture.district()
    #expect(district.zone("ridge")?.towns.contains(district.person("t1")?.homeTown ?? "") == true)
    #expect(check(Fixture.valid).violations == [])
  }

  @Test func avoidanceRadiusKeepsPeopleFromNearbyTowns() {
    let evaluation = check(Fixture.valid) { $0.policy.avoidanceRadiusMinutes = 12 }
    // t4 and x2 (home delta) at gamma: 12 min; m2 (home gamma) at beta is 15 min away.
    #expect(rules(evaluation) == [.avoidance, .avoidance])
    #expect(evaluation.violations.map(\.person) == ["t4", "x2"])
    #expect(evaluation.violations.map(\.town) == [Fixture.gamma, Fixture.gamma])
    #expect(
      evaluation.violations.first?.message
        == "Zhou Jie (t4) is stationed in Gamma, within 12 minutes of their home town")
    let wider = check(Fixture.valid) { $0.policy.avoidanceRadiusMinutes = 15 }
    #expect(wider.violations.map(\.person) == ["m2", "t4", "x2"])
  }

  @Test func avoidanceSwitchedOffAllowsHomeTown() {
    let evaluation = check(Fixture.valid(["t4": .stationed(town: Fixture.delta)])) {
      $0.policy.avoidance = false
    }
    #expect(evaluation.violations == [])
  }

  @Test func twoCertifiedNeedsTwoCertifiedOfficersWhereAnyoneIsPresent() {
    let evaluation = check(Fixture.valid(["m2": .stationed(town: Fixture.delta)]))
    #expect(rules(evaluation) == [.twoCertified])
    #expect(evaluation.violations.first?.town == Fixture.beta)
    #expect(
      evaluation.violations.first?.message == "Beta: 1 certified officer present, needs 2")
  }

  @Test func twoCertifiedCountsOnlyCertifiedOfficers() {
    let evaluation = check(Fixture.valid) { instance in
      instance.people[1].certified = false  // m2, stationed at beta
    }
    #expect(rules(evaluation) == [.twoCertified])
    #expect(evaluation.violations.first?.town == Fixture.beta)
  }

  @Test func twoCertifiedSwitchedOffOrLowered() {
    let postings = Fixture.valid(["m2": .stationed(town: Fixture.delta)])
    #expect(check(postings) { $0.policy.minCertifiedPerTown = 0 }.violations == [])
    #expect(check(postings) { $0.policy.minCertifiedPerTown = 1 }.violations == [])
  }

  @Test func auxiliaryWithOfficerNeedsAnOfficerOfItsDepartment() {
    // x2 (transport auxiliary) at alpha, where no transport officer is present.
    let evaluation = check(
      Fixture.valid([
        "x2": .stationed(town: Fixture.alpha), "x3": .stationed(town: Fixture.delta),
      ]))
    #expect(rules(evaluation) == [.auxiliaryWithOfficer])
    #expect(evaluation.violations.first?.person == "x2")
    #expect(evaluation.violations.first?.town == Fixture.alpha)
    #expect(evaluation.violations.first?.message.contains("no Transport officer") == true)
  }

  @Test func auxiliaryWithOfficerSwitchedOff() {
    let evaluation = check(
      Fixture.valid([
        "x2": .stationed(town: Fixture.alpha), "x3": .stationed(town: Fixture.delta),
      ])
    ) { $0.policy.auxiliariesNeedOfficer = false }
    #expect(evaluation.violations == [])
  }

  @Test func auxiliaryRatioLimitsAuxiliariesPerOfficer() {
    let postings = Fixture.valid([
      "x1": .stationed(town: Fixture.beta), "x3": .stationed(town: Fixture.beta),
    ])
    // Two market auxiliaries for one market officer (m2): fine at 2 per officer, not at 1.
    #expect(check(postings).violations == [])
    let evaluation = check(postings) { $0.policy.auxiliariesPerOfficer = 1 }
    #expect(rules(evaluation) == [.auxiliaryRatio])
    #expect(evaluation.violations.first?.town == Fixture.beta)
    #expect(
      evaluation.violations.first?.message
        == "Beta: 2 Market regulation auxiliaries for 1 officer present; at most 1 per officer")
    #expect(check(Fixture.valid) { $0.policy.auxiliariesPerOfficer = 1 }.violations == [])
  }

  @Test func auxiliaryRatioSwitchedOffWithAuxiliariesNeedOfficer() {
    let postings = Fixture.valid([
      "x1": .stationed(town: Fixture.beta), "x3": .stationed(town: Fixture.beta),
    ])
    let evaluation = check(postings) {
      $0.policy.auxiliariesPerOfficer = 1
      $0.policy.auxiliariesNeedOfficer = false
    }
    #expect(evaluation.violations == [])
  }

  @Test func deskCapacityLimitsStationedHeadcount() {
    let evaluation = check(Fixture.valid(["t4": .stationed(town: Fixture.alpha)]))
    #expect(rules(evaluation) == [.deskCapacity])
    #expect(evaluation.violations.first?.town == Fixture.alpha)
    #expect(
      evaluation.violations.first?.message == "Alpha: 5 people stationed, desk capacity 4")
  }

  @Test func deskCapacityIgnoresZonedOfficers() {
    // gamma (desk 3) has t2, t4, x2 stationed plus t1 and m3 zoned over it: 5 present, 3 desks.
    let evaluation = check(Fixture.valid)
    let gamma = evaluation.coverage.filter { $0.town == Fixture.gamma }
    #expect(gamma.reduce(0) { $0 + $1.stationedHeadcount } == 3)
    #expect(gamma.reduce(0) { $0 + $1.officersPresent } == 4)
    #expect(evaluation.violations == [])
  }

  @Test func deskCapacitySwitchedOff() {
    let evaluation = check(Fixture.valid(["t4": .stationed(town: Fixture.alpha)])) {
      $0.policy.deskCapacity = false
    }
    #expect(evaluation.violations == [])
  }

  @Test func zonedMustDriveForbidsZoningANonDriver() {
    let evaluation = check(Fixture.valid(["t4": .zoned(zone: "valley")]))
    #expect(rules(evaluation) == [.zonedMustDrive])
    #expect(evaluation.violations.first?.person == "t4")
    #expect(
      evaluation.violations.first?.message
        == "Zhou Jie (t4) is zoned to Valley (Gamma, Delta) but cannot drive")
  }

  @Test func zonedMustDriveSwitchedOff() {
    let evaluation = check(Fixture.valid(["t4": .zoned(zone: "valley")])) {
      $0.policy.zonedMustDrive = false
    }
    #expect(evaluation.violations == [])
  }

  @Test func zoneSplitForbidsMoreThanTheZonedOfficersFTE() {
    let evaluation = check(
      Fixture.valid, splits: ["m3": [Fixture.gamma: 0.5, Fixture.delta: 0.5]])
    #expect(rules(evaluation) == [.zoneSplit])
    #expect(evaluation.violations.first?.person == "m3")
    #expect(evaluation.violations.first?.message.contains("1 FTE split") == true)
    // 0.8 (1 − the default 0.2 overhead) is allowed, and less is allowed.
    #expect(check(Fixture.valid, splits: ["m3": [Fixture.gamma: 0.5, Fixture.delta: 0.3]]).isFeasible)
    #expect(check(Fixture.valid, splits: ["m3": [Fixture.delta: 0.1]]).isFeasible)
  }

  @Test func zoneSplitForbidsTownsOutsideTheZone() {
    let evaluation = check(Fixture.valid, splits: ["m3": [Fixture.alpha: 0.4, Fixture.delta: 0.4]])
    #expect(rules(evaluation) == [.zoneSplit])
    #expect(evaluation.violations.first?.message.contains("outside the zone") == true)
    // The time given outside the zone counts nowhere.
    let alpha = evaluation.coverage.first { $0.town == Fixture.alpha && $0.department == "mkt" }
    #expect(close(alpha?.supply ?? -1, 3))
  }

  @Test func zoneSplitForbidsNegativeShares() {
    let evaluation = check(Fixture.valid, splits: ["m3": [Fixture.gamma: 1.2, Fixture.delta: -0.4]])
    // Two violations: the negative share, and 1.2 FTE over 0.8.
    #expect(rules(evaluation) == [.zoneSplit, .zoneSplit])
  }

  @Test func legalAccessNeedsALegalOfficerInEveryTown() {
    // Swap m1 (legal) and m2: alpha keeps two certified officers but no legal one.
    let evaluation = check(
      Fixture.valid(["m1": .stationed(town: Fixture.beta), "m2": .stationed(town: Fixture.alpha)]))
    #expect(rules(evaluation) == [.legalAccess])
    #expect(evaluation.violations.first?.town == Fixture.alpha)
    #expect(
      evaluation.violations.first?.message
        == "Alpha: no officer with legal background present (needs 1)")
  }

  @Test func legalAccessCoversTownsWithNobodyPresent() {
    // Only t3 posted: beta, gamma and alpha have nobody and no legal officer.
    let evaluation = check(["t3": .stationed(town: Fixture.delta)]) {
      $0.policy.minCertifiedPerTown = 0
      $0.people = $0.people.filter { $0.id == "t3" }
    }
    #expect(rules(evaluation) == [.legalAccess, .legalAccess, .legalAccess])
    #expect(evaluation.violations.map(\.town) == [Fixture.alpha, Fixture.beta, Fixture.gamma])
  }

  @Test func legalAccessSwitchedOff() {
    let evaluation = check(
      Fixture.valid(["m1": .stationed(town: Fixture.beta), "m2": .stationed(town: Fixture.alpha)])
    ) { $0.policy.minLegalPerTown = 0 }
    #expect(evaluation.violations == [])
  }

  @Test func pinnedPostingsAreKept() {
    let pinDelta: (inout Instance) -> Void = {
      $0.people[8].pinned = .stationed(town: Fixture.delta)  // t4
    }
    let evaluation = check(Fixture.valid, pinDelta)
    #expect(rules(evaluation) == [.pinned])
    #expect(evaluation.violations.first?.person == "t4")
    #expect(evaluation.violations.first?.town == Fixture.gamma)
    #expect(
      evaluation.violations.first?.message
        == "Zhou Jie (t4) is pinned stationed in Delta but the roster has them stationed in Gamma")
    let kept = check(Fixture.valid) { $0.people[8].pinned = .stationed(town: Fixture.gamma) }
    #expect(kept.violations == [])
  }

  @Test func tenureLimitsQuartersAtOnePosting() {
    // m1 has served 4 quarters at alpha and stays: 5 quarters.
    let evaluation = check(Fixture.valid) { $0.policy.maxTenureQuarters = 4 }
    #expect(rules(evaluation) == [.tenure])
    #expect(evaluation.violations.first?.person == "m1")
    #expect(evaluation.violations.first?.town == Fixture.alpha)
    #expect(check(Fixture.valid) { $0.policy.maxTenureQuarters = 5 }.violations == [])
    #expect(check(Fixture.valid) { $0.policy.maxTenureQuarters = nil }.violations == [])
  }

  @Test func tenureExemptsAPinnedPosting() {
    let evaluation = check(Fixture.valid) {
      $0.policy.maxTenureQuarters = 4
      $0.people[0].pinned = .stationed(town: Fixture.alpha)
    }
    #expect(evaluation.violations == [])
  }

  @Test func maxMovesLimitsChangedPostings() {
    // The valid roster moves m2 from gamma to beta: one move.
    let evaluation = check(Fixture.valid) { $0.policy.maxMoves = 0 }
    #expect(rules(evaluation) == [.maxMoves])
    #expect(evaluation.violations.first?.person == nil)
    #expect(evaluation.violations.first?.town == nil)
    #expect(check(Fixture.valid) { $0.policy.maxMoves = 1 }.violations == [])
  }

  @Test func violationsComeInRuleThenTownThenPersonOrder() {
    let evaluation = check(
      Fixture.valid([
        "t4": .stationed(town: Fixture.delta), "x2": .zoned(zone: "ridge"),
        "m2": .stationed(town: Fixture.alpha),
      ]))
    // avoidance (t4 at delta), auxiliary-stationed (x2), two-certified (beta: t1 only),
    // desk-capacity (alpha: 5), legal? no: alpha has m1.
    #expect(
      rules(evaluation) == [.auxiliaryStationed, .avoidance, .twoCertified, .deskCapacity])
    let again = check(
      Fixture.valid([
        "m2": .stationed(town: Fixture.alpha), "x2": .zoned(zone: "ridge"),
        "t4": .stationed(town: Fixture.delta),
      ]))
    #expect(again.violations == evaluation.violations)
  }
}

// MARK: - Objective terms against hand-computed values

@Suite("RosterChecker objective")
struct RosterCheckerObjectiveTests {
  // Valid roster, by hand (docs/rules.md), zoned time split for the least
  // weighted unmet demand (District.bestSplits):
  // market    alpha 2 + 2 × 0.5 = 3 (demand 2), beta 1; m3 zoned to valley
  //           (gamma 1, delta 0.5 left) gives its 0.8 to gamma: unmet gamma 0.2, delta 0.5
  // transport alpha 0 (demand 1: uncovered, unmet 1), gamma 2 + 0.5, delta 1; t1 zoned to
  //           ridge (beta 1 left, gamma met) gives its 0.8 to beta: unmet beta 0.2
  // unmet 1 (pilot alpha) + 0.9; imbalance max(1/3, 0.2/2, 0.2/1.5, 0.5/1.5) = 1/3
  // travel 30+15+(20+12)+30+(15+15)+20+30+12+20+12+20 = 251 min
  @Test func validRosterMeasures() {
    let m = check(Fixture.valid).measures
    #expect(m.uncoveredPairs == 1)
    #expect(close(m.unmetDemandFTE, 1.9))
    #expect(close(m.pilotUnmetDemandFTE, 1))
    #expect(close(m.travelMinutes, 251))
    #expect(m.moves == 1)
    #expect(m.preferenceMisses == 1)
    #expect(close(m.imbalance, 1.0 / 3))
  }

  @Test func validRosterWeightedTerms() {
    let o = check(Fixture.valid) { $0.policy.weights.imbalance = 200 }.objective
    #expect(close(o.uncoveredPairs, 1000))
    #expect(close(o.unmetDemand, 0.9 * 100 + 1 * 150))
    #expect(close(o.travel, 251 * 0.05))
    #expect(close(o.moves, 10))
    #expect(close(o.preferenceMisses, 2))
    #expect(close(o.imbalance, 200.0 / 3))
    #expect(close(o.total, 1000 + 240 + 12.55 + 12 + 200.0 / 3))
    #expect(o.terms.map(\.name) == [
      "uncoveredPairs", "unmetDemand", "travel", "moves", "preferenceMisses", "imbalance", "response",
    ])
  }

  @Test func imbalanceWeighsNothingByDefault() {
    let evaluation = check(Fixture.valid)
    #expect(close(evaluation.measures.imbalance, 1.0 / 3))
    #expect(evaluation.objective.imbalance == 0)
  }

  private func supply(
    _ evaluation: RosterEvaluation, _ town: String, _ department: String
  ) -> Double {
    evaluation.coverage.first { $0.town == town && $0.department == department }?.supply ?? -1
  }

  @Test func zonedTimeGoesWhereDemandIsLeft() {
    let evaluation = check(Fixture.valid)
    #expect(close(supply(evaluation, Fixture.gamma, "mkt"), 0.8))
    #expect(close(supply(evaluation, Fixture.delta, "mkt"), 0))
    #expect(close(supply(evaluation, Fixture.beta, "trn"), 0.8))
    #expect(close(supply(evaluation, Fixture.gamma, "trn"), 2.5))
    #expect(evaluation.splits["m3"] == [Fixture.gamma: 0.8])
    #expect(evaluation.splits["t1"] == [Fixture.beta: 0.8])
    #expect(evaluation.splits["m1"] == nil)  // stationed officers have no split
  }

  @Test func zonedTimeServesPilotTownsFirst() {
    // t1 zoned over beta and the pilot town alpha (beta first in the zone):
    // both have 1 FTE of transport demand left; the pilot town weighs more.
    let change: (inout Instance) -> Void = {
      $0.zones?.append(Zone(id: "plain", name: "Plain", towns: [Fixture.beta, Fixture.alpha]))
    }
    let evaluation = check(Fixture.valid(["t1": .zoned(zone: "plain")]), change)
    #expect(evaluation.splits["t1"] == [Fixture.alpha: 0.8])
    #expect(close(supply(evaluation, Fixture.alpha, "trn"), 0.8))
    // With pilot towns weighing less than the others, beta comes first.
    let lighter = check(Fixture.valid(["t1": .zoned(zone: "plain")])) {
      change(&$0)
      $0.policy.weights.pilotUnmetDemand = 50
    }
    #expect(lighter.splits["t1"] == [Fixture.beta: 0.8])
  }

  @Test func zonedTimeWithNothingToCoverStaysSpare() {
    let evaluation = check(Fixture.valid) { instance in
      instance.towns[2].demand["mkt"] = 0
      instance.towns[3].demand["mkt"] = 0
    }
    #expect(evaluation.splits["m3"] == [:])
    #expect(close(supply(evaluation, Fixture.gamma, "mkt"), 0))
  }

  @Test func aGivenSplitIsUsedAsWritten() {
    let evaluation = check(Fixture.valid, splits: ["m3": [Fixture.gamma: 0.3, Fixture.delta: 0.5]])
    #expect(evaluation.isFeasible)
    #expect(close(supply(evaluation, Fixture.gamma, "mkt"), 0.3))
    #expect(close(supply(evaluation, Fixture.delta, "mkt"), 0.5))
    #expect(close(evaluation.measures.unmetDemandFTE, 1.2 + 0.7))
    #expect(evaluation.splits["m3"] == [Fixture.gamma: 0.3, Fixture.delta: 0.5])
    // Officers without a given split still get the best one (t1: beta 0.8).
    #expect(evaluation.splits["t1"] == [Fixture.beta: 0.8])
  }

  @Test func zoneTravelOverheadReducesZonedFTE() {
    let evaluation = check(Fixture.valid) { $0.policy.zoneTravelOverhead = 0.5 }
    let gamma = evaluation.coverage.first { $0.town == Fixture.gamma && $0.department == "mkt" }
    #expect(close(gamma?.supply ?? -1, 0.5))
    #expect(close(gamma?.unmet ?? -1, 0.5))
  }

  @Test func auxiliaryFTECountsForItsDepartment() {
    let alpha = { (evaluation: RosterEvaluation) in
      evaluation.coverage.first { $0.town == Fixture.alpha && $0.department == "mkt" }
    }
    #expect(close(alpha(check(Fixture.valid))?.supply ?? -1, 3))
    #expect(close(alpha(check(Fixture.valid) { $0.policy.auxiliaryFTE = 0.25 })?.supply ?? -1, 2.5))
  }

  @Test func travelIsCommutePlusZoneTour() {
    // m3 (home alpha) zoned to valley: alpha→gamma 20 + gamma→delta 12.
    #expect(check(["m3": .zoned(zone: "valley")]).measures.travelMinutes == 32)
    // t1 (home gamma) zoned to ridge: gamma→beta 15 + beta→gamma 15.
    #expect(check(["t1": .zoned(zone: "ridge")]).measures.travelMinutes == 30)
    // m1 (home delta) stationed at alpha: 30; m5 has no home town: 0.
    #expect(check(["m1": .stationed(town: Fixture.alpha)]).measures.travelMinutes == 30)
    let noHome = check(["m5": .stationed(town: Fixture.alpha)]) { $0.people[4].unavailable = false }
    #expect(noHome.measures.travelMinutes == 0)
    let weighted = check(["m3": .zoned(zone: "valley")]) { $0.policy.weights.travelMinute = 2 }
    #expect(weighted.objective.travel == 64)
  }

  @Test func imbalanceIsTheLargestUnmetShare() {
    // Station t4 in alpha: alpha transport is met, the largest share is delta's market 0.5/1.5.
    let m = check(Fixture.valid(["t4": .stationed(town: Fixture.alpha)])).measures
    #expect(close(m.imbalance, 0.5 / 1.5))
    #expect(close(check(Fixture.valid) { $0.policy.weights.imbalance = 30 }.objective.imbalance, 10))
  }

  @Test func imbalanceIsZeroWithoutDemand() {
    let evaluation = check(Fixture.valid) { instance in
      for i in instance.towns.indices { instance.towns[i].demand = [:] }
    }
    #expect(evaluation.measures.imbalance == 0)
    #expect(evaluation.measures.unmetDemandFTE == 0)
    #expect(evaluation.measures.uncoveredPairs == 0)
  }

  @Test func movesCountOnlyAvailablePeopleWithACurrentPosting() {
    #expect(check(Fixture.valid).measures.moves == 1)  // m2: gamma → beta
    // Unavailable m5 with a current posting is no move; m1 leaving alpha is.
    let evaluation = check(Fixture.valid(["m1": .stationed(town: Fixture.beta)])) {
      $0.people[4].currentPosting = .stationed(town: Fixture.alpha)
    }
    #expect(evaluation.measures.moves == 2)
    #expect(evaluation.objective.moves == 20)
  }

  @Test func preferenceMissesUseThePostingsTowns() {
    #expect(check(Fixture.valid).measures.preferenceMisses == 1)  // t2 in gamma wants delta
    #expect(
      check(Fixture.valid(["t2": .stationed(town: Fixture.delta)])).measures.preferenceMisses == 0)
    // m3 zoned to ridge (beta, gamma) no longer reaches delta.
    let ridge = check(Fixture.valid(["m3": .zoned(zone: "ridge")]))
    #expect(ridge.measures.preferenceMisses == 2)
    #expect(ridge.objective.preferenceMisses == 4)
  }

  @Test func uncoveredPairsNeedAnOfficerOfTheDepartment() {
    #expect(check(Fixture.valid).measures.uncoveredPairs == 1)  // alpha, transport
    let covered = check(Fixture.valid(["t4": .stationed(town: Fixture.alpha)]))
    #expect(covered.measures.uncoveredPairs == 0)
    #expect(covered.objective.uncoveredPairs == 0)
    let uncovered = check(Fixture.valid).coverage.filter(\.isUncovered)
    #expect(uncovered.map(\.town) == [Fixture.alpha])
    #expect(uncovered.map(\.department) == ["trn"])
  }

  @Test func pilotTownsWeighUnmetDemandMore() {
    let base = check(Fixture.valid).objective.unmetDemand
    #expect(close(base, 0.9 * 100 + 150))
    let heavier = check(Fixture.valid) { $0.policy.weights.pilotUnmetDemand = 300 }
    #expect(close(heavier.objective.unmetDemand, 0.9 * 100 + 300))
    let noPilot = check(Fixture.valid) { $0.towns[0].pilot = false }
    #expect(close(noPilot.objective.unmetDemand, 1.9 * 100))
    #expect(noPilot.measures.pilotUnmetDemandFTE == 0)
  }

  @Test func coverageListsEveryTownAndDepartment() {
    let coverage = check(Fixture.valid).coverage
    #expect(coverage.count == 8)
    #expect(coverage.map(\.town) == [
      "alpha", "alpha", "beta", "beta", "gamma", "gamma", "delta", "delta",
    ])
    let alpha = coverage[0]
    #expect(alpha.department == "mkt")
    #expect(alpha.officersPresent == 2)
    #expect(alpha.certifiedPresent == 2)
    #expect(alpha.legalPresent == 1)
    #expect(alpha.stationedHeadcount == 4)
    #expect(alpha.unmet == 0)
  }
}

// MARK: - Roster lines that are bad input

@Suite("RosterChecker bad roster input")
struct RosterCheckerInputTests {
  let checker = RosterChecker(Fixture.district())

  private func error(_ roster: Roster) -> InputError? {
    do {
      _ = try checker.evaluate(roster, file: "plan.json")
      return nil
    } catch let error as InputError {
      return error
    } catch {
      return nil
    }
  }

  @Test func validRosterLinesAreAccepted() throws {
    #expect(try checker.evaluate(Fixture.roster(Fixture.valid)).violations == [])
  }

  @Test func unknownPersonIsBadInput() {
    var roster = Fixture.roster(Fixture.valid)
    roster.postings.append(RosterEntry(person: "p99", mode: "unassigned"))
    let e = error(roster)
    #expect(e?.file == "plan.json")
    #expect(e?.location == "postings[12]")
    #expect(e?.message == "unknown person 'p99'")
    #expect(e?.description.hasPrefix("plan.json: postings[12]: unknown person 'p99'") == true)
  }

  @Test func missingPersonIsBadInput() {
    var roster = Fixture.roster(Fixture.valid)
    roster.postings.remove(at: 8)
    let e = error(roster)
    #expect(e?.message.contains("Zhou Jie (t4)") == true)
    #expect(e?.hint?.contains("unassigned") == true)
  }

  @Test func duplicatePersonIsBadInput() {
    var roster = Fixture.roster(Fixture.valid)
    roster.postings.append(roster.postings[8])
    let e = error(roster)
    #expect(e?.location == "postings[12]")
    #expect(e?.message.contains("listed twice (first at postings[8])") == true)
  }

  @Test func unknownTownIsBadInput() {
    var roster = Fixture.roster(Fixture.valid)
    roster.postings[8].town = "omega"
    let e = error(roster)
    #expect(e?.location == "postings[8]")
    #expect(e?.message == "unknown town 'omega'")
  }

  @Test func splitOnALineThatIsNotZonedIsBadInput() {
    var roster = Fixture.roster(Fixture.valid)
    roster.postings[8].split = [Fixture.gamma: 0.5]  // t4, stationed
    let e = error(roster)
    #expect(e?.location == "postings[8]")
    #expect(e?.message == "t4 is stationed but the line gives a split")
  }

  @Test func splitNamingAnUnknownTownIsBadInput() {
    var roster = Fixture.roster(Fixture.valid)
    roster.postings[2].split = ["omega": 0.5]  // m3, zoned to valley
    let e = error(roster)
    #expect(e?.location == "postings[2]")
    #expect(e?.message == "the split names unknown town 'omega'")
    #expect(e?.hint?.contains("gamma, delta") == true)
  }

  @Test func splitOnAZonedLineIsChecked() throws {
    var roster = Fixture.roster(Fixture.valid)
    roster.postings[2].split = [Fixture.gamma: 0.3, Fixture.delta: 0.5]
    let evaluation = try RosterChecker(Fixture.district()).evaluate(roster)
    #expect(evaluation.isFeasible)
    #expect(evaluation.splits["m3"] == [Fixture.gamma: 0.3, Fixture.delta: 0.5])
    roster.postings[2].split = [Fixture.gamma: 0.9]
    let over = try RosterChecker(Fixture.district()).evaluate(roster)
    #expect(over.violations.map(\.rule) == [.zoneSplit])
  }

  @Test func stationedLineWithoutTownIsBadInput() {
    var roster = Fixture.roster(Fixture.valid)
    roster.postings[8].town = nil
    #expect(error(roster)?.location == "postings[8]")
  }

  @Test func unknownZoneIsBadInput() {
    var roster = Fixture.roster(Fixture.valid)
    roster.postings[2].zone = "hills"
    let e = error(roster)
    #expect(e?.location == "postings[2]")
    #expect(e?.message == "unknown zone 'hills'")
  }

  @Test func zoneTownsThatDifferFromTheZoneAreBadInput() throws {
    var roster = Fixture.roster(Fixture.valid)
    roster.postings[2].towns = [Fixture.gamma, Fixture.beta]
    let e = error(roster)
    #expect(e?.location == "postings[2]")
    #expect(e?.message.contains("zone 'valley' covers gamma, delta") == true)
    // The same towns in another order are accepted: the zone fixes the hub.
    roster.postings[2].towns = [Fixture.delta, Fixture.gamma]
    #expect(try checker.evaluate(roster).violations == [])
  }

  @Test func invalidModeIsBadInput() {
    var roster = Fixture.roster(Fixture.valid)
    roster.postings[3].mode = "posted"
    let e = error(roster)
    #expect(e?.location == "postings[3]")
    #expect(e?.message.contains("'posted'") == true)
  }

  @Test func locationsNameCSVLines() {
    var roster = Fixture.roster(Fixture.valid)
    roster.postings[0].person = "nobody"
    let locations = roster.postings.indices.map { "line \($0 + 2)" }
    do {
      _ = try checker.evaluate(roster, file: "plan.csv", locations: locations)
      Issue.record("expected an error")
    } catch let error as InputError {
      #expect(error.description.hasPrefix("plan.csv: line 2: unknown person 'nobody'"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}

// MARK: - Speed

@Suite("RosterChecker speed")
struct RosterCheckerSpeedTests {
  /// A district of 21 towns, 4 departments, 80 officers and 25 auxiliaries,
  /// drawn with a fixed seed.
  static func largeDistrict() -> (District, [String: Posting]) {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    let departments = (0..<4).map { Department(id: "d\($0)", name: "部门\($0)") }
    let towns = (0..<21).map { i in
      Town(
        id: "t\(i)", name: "镇\(i)", kind: i < 6 ? .subdistrict : .town, pilot: i % 3 == 0,
        x: Double(next(40)), y: Double(next(40)), deskCapacity: 8,
        demand: Dictionary(uniqueKeysWithValues: departments.map { ($0.id, Double(next(4))) }))
    }
    var people: [Person] = []
    for i in 0..<105 {
      people.append(
        Person(
          id: "p\(i)", name: "Person \(i)", department: "d\(next(4))",
          role: i < 80 ? .officer : .auxiliary, certified: next(4) > 0, legal: next(3) == 0,
          drives: true, homeTown: "t\(next(21))",
          currentPosting: next(2) == 0 ? .stationed(town: "t\(next(21))") : nil,
          preferredTowns: ["t\(next(21))"]))
    }
    let district = District(
      Instance(name: "speed", departments: departments, towns: towns, people: people))
    var postings: [String: Posting] = [:]
    for person in people {
      if person.isOfficer && next(4) == 0 && !district.zones.isEmpty {
        postings[person.id] = .zoned(zone: district.zones[next(district.zones.count)].id)
      } else {
        postings[person.id] = .stationed(town: "t\(next(21))")
      }
    }
    return (district, postings)
  }

  @Test func evaluateIsFastOnADistrictOfAHundredPeople() {
    let (district, postings) = Self.largeDistrict()
    let checker = RosterChecker(district)
    var total = 0.0
    let rounds = 200
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      for _ in 0..<rounds { total += checker.evaluate(postings).objective.total }
    }
    let perCall =
      Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    let perCallMs = perCall / Double(rounds)
    print("RosterChecker.evaluate: \(perCallMs) ms per call (105 people, 21 towns)")
    #expect(total > 0)
    // Measured: about 1 ms in a debug build, 0.06-0.2 ms in release. The bound
    // is loose so that a busy machine (tests run in parallel) cannot make it flaky;
    // it catches a change of complexity, not a few percent.
    #expect(perCallMs < 25)
  }
}
