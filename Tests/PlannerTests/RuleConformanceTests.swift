import DeploymentFormulation
import Foundation
@testable import GreedySolver
import SecondmentDomain
import Testing

/// One case per hard rule of docs/rules.md: a roster that keeps it and one
/// that breaks it (and nothing else), on `PlannerFixtures.tiny` with every
/// other switchable rule off.
struct RuleCase: Sendable, CustomTestStringConvertible {
  /// How the exact model meets the rule.
  enum ModelStance: Sendable {
    /// A row family with slack in the elastic model: the strict model refuses
    /// the broken roster, the elastic one holds it and names the rule.
    case slack
    /// A column the elastic model keeps, penalised: the strict model has no
    /// such column, the elastic one holds it and names the rule.
    case penalisedColumn
    /// Neither model can hold the broken roster (no column, or a row without slack).
    case forbidden
    /// Not a property of the model's points (a roster file's department field).
    case notInTheModel
  }

  /// How the greedy meets the rule.
  enum GreedyStance: Sendable {
    /// Its search state prices the broken roster above the checker's objective by a hard penalty.
    case priced
    /// Its rosters keep the rule by construction (asserted on a solve).
    case construction
  }

  var rule: HardRule
  var instance: Instance
  var kept: [String: Posting]
  var broken: [String: Posting]
  var brokenSplits: [String: ZoneSplit] = [:]
  var brokenDepartments: [String: String] = [:]
  var model: ModelStance
  var greedy: GreedyStance

  var testDescription: String { rule.rawValue }
}

enum RuleCases {
  /// `tiny` with every switchable rule off; each case turns its own on.
  static func base() -> Instance {
    var policy = Policy()
    policy.avoidance = false
    policy.minCertifiedPerTown = 0
    policy.minLegalPerTown = 0
    policy.auxiliariesNeedOfficer = false
    policy.deskCapacity = false
    policy.zonedMustDrive = false
    return PlannerFixtures.tiny(policy: policy)
  }

  static func with(_ edit: (inout Instance) -> Void) -> Instance {
    var instance = base()
    edit(&instance)
    return instance
  }

  /// `handRoster` with some postings changed.
  static func hand(_ changes: [String: Posting]) -> [String: Posting] {
    PlannerFixtures.handRoster.merging(changes) { $1 }
  }

  static let hand = PlannerFixtures.handRoster

  static let all: [RuleCase] = [
    RuleCase(
      rule: .onePosting, instance: base(), kept: hand, broken: hand(["m3": .unassigned]),
      model: .forbidden, greedy: .construction),
    RuleCase(
      rule: .ownDepartment, instance: base(), kept: hand, broken: hand,
      brokenDepartments: ["m3": "e"], model: .notInTheModel, greedy: .construction),
    RuleCase(
      rule: .auxiliaryStationed, instance: base(), kept: hand, broken: hand(["ma1": .zoned(zone: "z1")]),
      model: .forbidden, greedy: .priced),
    RuleCase(
      rule: .avoidance, instance: with { $0.policy.avoidance = true }, kept: hand,
      broken: hand(["m3": .stationed(town: "tc")]), model: .penalisedColumn, greedy: .priced),
    RuleCase(
      rule: .twoCertified, instance: with { $0.policy.minCertifiedPerTown = 2 }, kept: hand,
      broken: hand(["e2": .stationed(town: "td")]), model: .slack, greedy: .priced),
    RuleCase(
      rule: .auxiliaryWithOfficer,
      instance: with {
        $0.policy.auxiliariesNeedOfficer = true
        $0.policy.auxiliariesPerOfficer = 5
      },
      kept: hand, broken: hand(["m2": .stationed(town: "td"), "ma1": .stationed(town: "tc")]),
      model: .slack, greedy: .priced),
    RuleCase(
      rule: .auxiliaryRatio,
      instance: with {
        $0.policy.auxiliariesNeedOfficer = true
        $0.policy.auxiliariesPerOfficer = 1
        $0.people.append(Person(id: "ma2", name: "MA2", department: "m", role: .auxiliary, homeTown: "td"))
      },
      kept: hand(["ma2": .stationed(town: "tb")]),
      broken: hand(["ma1": .stationed(town: "tb"), "ma2": .stationed(town: "tb")]),
      model: .slack, greedy: .priced),
    RuleCase(
      rule: .deskCapacity, instance: with { $0.policy.deskCapacity = true }, kept: hand,
      broken: hand(["e3": .stationed(town: "ta"), "m2": .stationed(town: "ta")]), model: .slack,
      greedy: .priced),
    RuleCase(
      rule: .zonedMustDrive, instance: with { $0.policy.zonedMustDrive = true }, kept: hand,
      broken: hand(["m3": .zoned(zone: "z1")]), model: .penalisedColumn, greedy: .priced),
    RuleCase(
      rule: .zoneSplit, instance: base(), kept: hand, broken: hand,
      brokenSplits: ["m1": ["ta": 0.8, "tb": 0.5]], model: .forbidden, greedy: .construction),
    RuleCase(
      rule: .legalAccess, instance: with { $0.policy.minLegalPerTown = 1 }, kept: hand,
      broken: hand(["e1": .stationed(town: "tc")]), model: .slack, greedy: .priced),
    RuleCase(
      rule: .pinned,
      instance: with { $0.people[2].pinned = .stationed(town: "ta") },
      kept: hand, broken: hand(["m3": .stationed(town: "tb")]), model: .penalisedColumn, greedy: .priced),
    RuleCase(
      rule: .forbidden,
      instance: with { $0.people[2].forbidden = [.stationed(town: "ta")] },
      kept: hand(["m3": .stationed(town: "tb")]), broken: hand, model: .penalisedColumn, greedy: .priced),
    RuleCase(
      rule: .tenure,
      instance: with {
        $0.policy.maxTenureQuarters = 2
        $0.people[2].currentPosting = .stationed(town: "ta")
        $0.people[2].tenure = 2
      },
      kept: hand(["m3": .stationed(town: "tb")]), broken: hand, model: .penalisedColumn, greedy: .priced),
    RuleCase(
      rule: .maxMoves,
      instance: with {
        $0.policy.maxMoves = 0
        for i in $0.people.indices { $0.people[i].currentPosting = PlannerFixtures.handRoster[$0.people[i].id] }
      },
      kept: hand, broken: hand(["m3": .stationed(town: "tb")]), model: .slack, greedy: .priced),
    RuleCase(
      rule: .responseTime, instance: with { $0.policy.responseMinutes = 5 }, kept: hand,
      broken: hand(["e2": .stationed(town: "ta")]), model: .slack, greedy: .priced),
    RuleCase(
      rule: .jointInspection,
      instance: with {
        $0.jointInspections = [JointInspection(id: "j1", name: "沿街商铺", departments: ["m", "e"], towns: ["tc"])]
      },
      kept: hand, broken: hand(["e1": .stationed(town: "td")]), model: .slack, greedy: .priced),
  ]
}

/// Every hard rule, kept and broken, through the checker, the exact model
/// (strict and elastic) and the greedy's search state: they agree on the one
/// definition of docs/rules.md, as MathOptInterface's tests hold every
/// solver to one definition.
@Suite("Hard rules: checker, model and greedy agree")
struct RuleConformanceTests {
  @Test("every hard rule has a conformance case")
  func everyRuleHasACase() {
    #expect(Set(RuleCases.all.map(\.rule)) == Set(HardRule.allCases))
  }

  @Test("the checker finds nothing in the kept roster and exactly the rule in the broken one", arguments: RuleCases.all)
  func checker(_ rule: RuleCase) {
    let checker = RosterChecker(District(rule.instance))
    #expect(checker.evaluate(rule.kept).violations.map(\.rule) == [])
    let broken = checker.evaluate(
      ResolvedRoster(postings: rule.broken, departments: rule.brokenDepartments, splits: rule.brokenSplits))
    #expect(Set(broken.violations.map(\.rule)) == [rule.rule], "\(broken.violations.map(\.description))")
  }

  @Test("the exact model holds the kept roster and refuses, or names, the broken one", arguments: RuleCases.all)
  func model(_ rule: RuleCase) throws {
    let district = District(rule.instance)
    let strict = DeploymentFormulation(district: district)
    let elastic = DeploymentFormulation(district: district, options: FormulationOptions().elasticVariant)
    let kept = try #require(strict.point(for: rule.kept), "the strict model cannot hold the kept roster")
    let holdsKept = strict.model.isFeasible(kept)
    #expect(holdsKept)
    if let point = elastic.point(for: rule.kept) {
      let holds = elastic.model.isFeasible(point)
      #expect(holds)
      #expect(elastic.brokenRules(at: point).isEmpty)
    }
    switch rule.model {
    case .notInTheModel:
      return
    case .forbidden:
      for formulation in [strict, elastic] {
        if let point = formulation.point(for: rule.broken, splits: rule.brokenSplits) {
          let holds = formulation.model.isFeasible(point)
          #expect(!holds, "a model holds a roster breaking \(rule.rule)")
        }
      }
    case .slack, .penalisedColumn:
      if let point = strict.point(for: rule.broken, splits: rule.brokenSplits) {
        let holds = strict.model.isFeasible(point)
        #expect(!holds, "the strict model holds a roster breaking \(rule.rule)")
      } else {
        #expect(rule.model == .penalisedColumn, "no strict column for a roster a row should refuse")
      }
      let point = try #require(elastic.point(for: rule.broken, splits: rule.brokenSplits))
      let holds = elastic.model.isFeasible(point)
      #expect(holds)
      #expect(Set(elastic.brokenRules(at: point).map(\.rule)) == [rule.rule])
      #expect(elastic.rulePenalty(at: point) > 0)
    }
  }

  @Test("response minutes priced: the checker, the model and the greedy give every roster the same response term")
  func responseMinutesAgree() throws {
    let instance = RuleCases.with { $0.policy.weights.responseMinute = 3 }
    let district = District(instance)
    let checker = RosterChecker(district)
    let formulation = DeploymentFormulation(district: district)
    var search = DeploymentSearch(district: district, seed: 1)
    let rosters = [
      RuleCases.hand, RuleCases.hand(["e2": .stationed(town: "ta")]),
      RuleCases.hand(["e2": .stationed(town: "ta"), "e1": .stationed(town: "tc"), "e3": .stationed(town: "tc")]),
    ]
    var seen = Set<Double>()
    for roster in rosters {
      let checked = checker.evaluate(roster)
      seen.insert(checked.measures.responseMinutes)
      let point = try #require(formulation.point(for: roster))
      #expect(formulation.model.isFeasible(point))
      #expect(abs(formulation.breakdown(at: point).response - checked.objective.response) < 1e-6)
      #expect(abs(checked.objective.response - 3 * checked.measures.responseMinutes) < 1e-9)
      search.load(search.codes(of: roster))
      #expect(abs(search.computeTotal() - checked.objective.total) < 1e-6)
    }
    #expect(seen.count == 3, "the rosters answer calls in different minutes: \(seen)")
  }

  @Test("the greedy prices the kept roster as the checker does and the broken one a hard penalty above", arguments: RuleCases.all)
  func greedy(_ rule: RuleCase) {
    let district = District(rule.instance)
    let checker = RosterChecker(district)
    var search = DeploymentSearch(district: district, seed: 1)
    search.load(search.codes(of: rule.kept))
    #expect(abs(search.computeTotal() - checker.evaluate(rule.kept).objective.total) < 1e-6)
    switch rule.greedy {
    case .priced:
      search.load(search.codes(of: rule.broken))
      let checked = checker.evaluate(rule.broken).objective.total
      #expect(search.computeTotal() >= checked + search.hardPenalty - 1e-6, "the greedy does not price \(rule.rule)")
    case .construction:
      let result = DeploymentGreedy(district: district, options: DeploymentGreedyOptions(seed: 1, iterationLimit: 1_000))
        .solve()
      let checked = checker.evaluate(result.postings, splits: result.splits)
      #expect(!checked.violations.contains { $0.rule == rule.rule })
    }
  }
}
