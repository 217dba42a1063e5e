import Foundation
import SecondmentDomain
import GLPKBackend
import DeploymentFormulation
import GreedySolver
import MIPModel
import Randomness
import Testing

@testable import SecondmentPlanner

/// The neighbourhood search `auto` runs on the greedy's roster, and on large (pooled) districts' joined roster; skipped without GLPK.
@Suite("Neighbourhood search on a pooled district", .enabled(if: GLPKSolver.isAvailable, "this build has no GLPK"))
struct NeighbourhoodSearchTests {
  static func pooledDistrict() throws -> (District, DeploymentFormulation) {
    let district = District(try PlannerFixtures.generated(seed: 3, towns: 10))
    var options = FormulationOptions()
    options.poolGroups = true
    return (district, DeploymentFormulation(district: district, options: options))
  }

  /// A construction with almost no local search (room to improve), as a
  /// point of the pooled district's model.
  static func poorStart() throws -> (District, DeploymentFormulation, [Double]) {
    let (district, formulation) = try pooledDistrict()
    let poor = DeploymentGreedy(
      district: district, options: DeploymentGreedyOptions(seed: 1, iterationLimit: 1)
    ).solve()
    #expect(poor.isFeasible)
    let start = try #require(formulation.point(for: poor.postings, splits: poor.splits))
    #expect(formulation.model.isFeasible(start))
    return (district, formulation, start)
  }

  static func price(_ formulation: DeploymentFormulation, _ values: [Double]) -> Double {
    let postings = formulation.postings(from: values)
    let evaluation = RosterChecker(formulation.district).evaluate(
      postings, splits: formulation.splits(from: values, postings: postings))
    return evaluation.isFeasible ? evaluation.objective.total : .infinity
  }

  @Test(
    "from a poor roster it finds a cheaper one, and every roster it keeps keeps every rule",
    arguments: NeighbourhoodSearch.Order.allCases)
  func improvesAPoorStart(order: NeighbourhoodSearch.Order) throws {
    let (_, formulation, start) = try Self.poorStart()
    var search = NeighbourhoodSearch(formulation: formulation, solver: GLPKSolver())
    search.regionSize = 4
    search.secondsPerDepartment = 2
    search.secondsPerRegion = 2
    search.order = order
    let outcome = try search.improve(from: start, timeLimit: 8) { Self.price(formulation, $0) }
    #expect(outcome.rounds >= 1)
    #expect(outcome.improvements >= 1)
    #expect(outcome.price < Self.price(formulation, start) - 1e-6)
    #expect(formulation.model.isFeasible(outcome.values))
    // The price it reports is the checker's objective of the roster it returns.
    #expect(abs(outcome.price - Self.price(formulation, outcome.values)) <= 1e-6)
  }

  @Test(
    "on a pooled model, a sub-problem's roster the model prices below its people's cost is cut off and solved again; the roster returned is priced at what its people cost"
  )
  func pooledSubProblemsArePricedAgain() throws {
    let district = District(try PlannerFixtures.generated(seed: 3, towns: 20))
    var options = FormulationOptions()
    options.poolGroups = true
    let formulation = DeploymentFormulation(district: district, options: options)
    let poor = DeploymentGreedy(
      district: district, options: DeploymentGreedyOptions(seed: 1, iterationLimit: 1)
    ).solve()
    let start = try #require(formulation.point(for: poor.postings, splits: poor.splits))
    // The start's groups are priced at their cheapest member: below what its people cost.
    #expect(formulation.model.objective.value(at: start) < Self.price(formulation, start) - 1e-6)
    var search = NeighbourhoodSearch(formulation: formulation, solver: GLPKSolver())
    search.regionSize = 4
    search.order = .costliestRegions
    let outcome = try search.improve(from: start, timeLimit: 8) { Self.price(formulation, $0) }
    #expect(outcome.repriced >= 1)
    #expect(outcome.improvements >= 1)
    #expect(formulation.model.isFeasible(outcome.values))
    // Its prices hold the rows of the model without the search's cuts, and are what the people cost.
    #expect(abs(formulation.model.objective.value(at: outcome.values) - outcome.price) <= 1e-3)
  }

  @Test("a neighbourhood proven to hold nothing better grows; one that reaches its time shrinks; within its range")
  func breadthAdapts() {
    var region = NeighbourhoodSearch.Breadth(start: 20, range: 2...50, factor: 1.5)
    region.adapt(closed: true, timedOut: false)
    #expect(region.value == 30)
    region.adapt(closed: false, timedOut: true)
    #expect(region.value == 20)
    // An improving or interrupted sub-problem leaves it as it is.
    region.adapt(closed: false, timedOut: false)
    #expect(region.value == 20)
    for _ in 0..<10 { region.widen() }
    #expect(region.value == 50)
    for _ in 0..<20 { region.narrow() }
    #expect(region.value == 2)
    var departments = NeighbourhoodSearch.Breadth(start: 1, range: 1...8)
    departments.widen()
    #expect(departments.value == 2)
    departments.narrow()
    departments.narrow()
    #expect(departments.value == 1)
    // A start outside the range is brought into it.
    #expect(NeighbourhoodSearch.Breadth(start: 20, range: 2...10, factor: 1.5).value == 10)
  }

  @Test(
    "on the exact model too, from a poor roster it finds a cheaper one that keeps every rule",
    arguments: NeighbourhoodSearch.Order.allCases)
  func improvesAPoorStartOnTheExactModel(order: NeighbourhoodSearch.Order) throws {
    let district = District(try PlannerFixtures.generated(seed: 3, towns: 10))
    let formulation = DeploymentFormulation(district: district)
    #expect(!formulation.pooled)
    let poor = DeploymentGreedy(
      district: district, options: DeploymentGreedyOptions(seed: 1, iterationLimit: 1)
    ).solve()
    let start = try #require(formulation.point(for: poor.postings, splits: poor.splits))
    var search = NeighbourhoodSearch(formulation: formulation, solver: GLPKSolver())
    search.regionSize = 3
    search.order = order
    let outcome = try search.improve(from: start, timeLimit: 8) { Self.price(formulation, $0) }
    #expect(outcome.improvements >= 1)
    #expect(outcome.price < Self.price(formulation, start) - 1e-6)
    #expect(formulation.model.isFeasible(outcome.values))
    #expect(abs(outcome.price - Self.price(formulation, outcome.values)) <= 1e-6)
  }

  @Test("a better roster offered from elsewhere is searched on from, and the result is no worse than it")
  func adoptsABetterRoster() throws {
    let district = District(try PlannerFixtures.generated(seed: 3, towns: 10))
    let formulation = DeploymentFormulation(district: district)
    let poor = DeploymentGreedy(
      district: district, options: DeploymentGreedyOptions(seed: 1, iterationLimit: 1)
    ).solve()
    let start = try #require(formulation.point(for: poor.postings, splits: poor.splits))
    let exact = try Planner().plan(district, options: PlanOptions(solver: .glpk, timeLimit: 60))
    let postings = try #require(exact.postings)
    let offered = try #require(formulation.point(for: postings, splits: exact.splits))
    #expect(Self.price(formulation, offered) < Self.price(formulation, start) - 1e-6)
    var search = NeighbourhoodSearch(formulation: formulation, solver: GLPKSolver())
    search.regionSize = 3
    let model = formulation.model
    let outcome = try search.improve(
      from: start, timeLimit: 2, adopt: { (offered, model.objective.value(at: offered)) }
    ) {
      Self.price(formulation, $0)
    }
    #expect(outcome.adopted == 1)
    #expect(outcome.price <= Self.price(formulation, offered) + 1e-6)
    #expect(formulation.model.isFeasible(outcome.values))
    // An offer no better than its own roster is left alone.
    let kept = try search.improve(
      from: offered, timeLimit: 1, adopt: { (start, model.objective.value(at: start)) }
    ) {
      Self.price(formulation, $0)
    }
    #expect(kept.adopted == 0)
  }

  @Test("people move only among the postings a neighbourhood frees: a person's column is held unless the group's headcount there is free")
  func peopleMoveOnlyAmongFreedPostings() throws {
    let district = District(try PlannerFixtures.generated(seed: 3, towns: 10))
    let formulation = DeploymentFormulation(district: district)
    var search = NeighbourhoodSearch(formulation: formulation, solver: GLPKSolver())
    search.regionSize = 3
    let holding = search.holding
    let members = holding.memberColumns
    for free in [search.department(0), search.region(around: 0)] {
      let held = holding.held(freeing: free)
      #expect(held.isDisjoint(with: free))
      for (g, columns) in members.enumerated() {
        for (k, x) in columns {
          let headcountFree = formulation.groupHeadcounts[g][k].map(free.contains) ?? false
          #expect(held.contains(x) == !headcountFree, "group \(g), posting \(k)")
        }
      }
    }
    // The exact model has per-person columns to hold.
    #expect(members.contains { !$0.isEmpty })
  }

  @Test("a region frees the headcounts of postings touching its towns, and only those")
  func regionFreesNearbyPostings() throws {
    let (district, formulation) = try Self.pooledDistrict()
    var search = NeighbourhoodSearch(formulation: formulation, solver: GLPKSolver())
    search.regionSize = 1
    let free = search.region(around: 0)
    let town = district.towns[0].id
    for feeds in formulation.groupHeadcounts {
      for (k, v) in feeds {
        let touches = district.towns(of: formulation.postings[k]).contains(town)
        #expect(free.contains(v) == touches, "\(formulation.postings[k])")
      }
    }
  }

  @Test("regions are centred on the costliest town first; towns of equal cost come in an order the seed draws")
  func regionCentresBreakTiesBySeed() throws {
    let (district, formulation) = try Self.pooledDistrict()
    let roster = DeploymentGreedy(
      district: district, options: DeploymentGreedyOptions(seed: 1, iterationLimit: 1)
    ).solve()
    let values = try #require(formulation.point(for: roster.postings, splits: roster.splits))
    let search = NeighbourhoodSearch(formulation: formulation, solver: GLPKSolver())
    // What each town's uncovered, unmet and split variables cost at the roster.
    let cost = search.townCosts(at: values)
    #expect(cost.count == district.towns.count)
    #expect(Set(cost).count < cost.count, "the fixture needs towns of equal cost")
    var orders: Set<[Int]> = []
    for seed in UInt64(1)...4 {
      var generator = SeededRandom(seed: seed)
      let order = search.costliestLast(at: values, using: &generator)
      #expect(order.sorted() == Array(district.towns.indices))
      #expect(zip(order, order.dropFirst()).allSatisfy { cost[$0] <= cost[$1] })
      var again = SeededRandom(seed: seed)
      #expect(search.costliestLast(at: values, using: &again) == order)
      orders.insert(order)
    }
    #expect(orders.count > 1)
  }

  @Test("a department frees every headcount of its groups and its own pair variables, and only those")
  func departmentFreesItsGroups() throws {
    let (district, formulation) = try Self.pooledDistrict()
    let search = NeighbourhoodSearch(formulation: formulation, solver: GLPKSolver())
    for d in district.departments.indices {
      let free = search.department(d)
      for (g, members) in formulation.groups.enumerated() {
        let ours = formulation.classes[members[0]].representative.department == district.departments[d].id
        for v in formulation.groupHeadcounts[g].values { #expect(free.contains(v) == ours) }
      }
      // Its own uncovered, unmet and split variables move with it; other departments' are held.
      for t in district.towns.indices {
        for other in district.departments.indices {
          for v in formulation.pairVariables(town: t, department: other) {
            #expect(free.contains(v) == (other == d))
          }
        }
      }
    }
  }

  @Test("auto on a pooled district: a roster lane and a bound lane; a roster that keeps every rule, with a bound below it")
  func autoRunsTheRegionSearch() throws {
    let (district, _) = try Self.pooledDistrict()
    var options = PlanOptions(solver: .auto, timeLimit: 10)
    options.formulation.poolGroups = true
    let result = try Planner().plan(district, options: options)
    #expect(result.status == .feasible || result.status == .optimal)
    let evaluation = try #require(result.evaluation)
    #expect(evaluation.isFeasible)
    PlannerFixtures.expectSame(try #require(result.objective), evaluation.objective)
    let bound = try #require(result.bound)
    #expect(bound <= evaluation.objective.total + 1e-6)
  }
}
