import Foundation
import SecondmentDomain
import GLPKBackend
import GreedySolver
import MIPModel
import Randomness
import Testing

@testable import DeploymentFormulation
@testable import SecondmentPlanner

/// Price cuts on a pooled model (`DeploymentFormulation.addPriceCuts`) and
/// the transportation prices they come from.
@Suite("Price cuts on a pooled district")
struct PriceCutTests {
  static func pooled(seed: UInt64, towns: Int = 8) throws -> DeploymentFormulation {
    let district = District(try PlannerFixtures.generated(seed: seed, towns: towns))
    var options = FormulationOptions()
    options.poolGroups = true
    return DeploymentFormulation(district: district, options: options)
  }

  /// Greedy rosters of the district, one per seed, each keeping every rule.
  static func rosters(_ district: District, seeds: ClosedRange<UInt64>) -> [[String: Posting]] {
    seeds.map { seed in
      DeploymentGreedy(district: district, options: DeploymentGreedyOptions(seed: seed, iterationLimit: 2_000))
        .solve()
    }.filter(\.isFeasible).map(\.postings)
  }

  static func price(_ district: District, _ roster: [String: Posting]) -> Double {
    RosterChecker(district).evaluate(roster).objective.total
  }

  /// Every roster is a point of the cut model, priced no higher than the checker prices it.
  static func expectKept(
    _ rosters: some Sequence<[String: Posting]>, by formulation: DeploymentFormulation
  ) throws {
    for roster in rosters {
      let point = try #require(formulation.point(for: roster))
      #expect(formulation.model.isFeasible(point))
      #expect(
        formulation.model.objective.value(at: point)
          <= price(formulation.district, roster) + 1e-6)
    }
  }

  /// The exact (unpooled) model's optimum and its roster, proven by GLPK.
  static func exactOptimum(_ district: District) throws -> (
    optimum: Double, roster: [String: Posting]
  ) {
    var options = PlanOptions(timeLimit: 120)
    options.formulation.poolGroups = false
    let exact = try Planner().plan(district, options: options)
    #expect(exact.status == .optimal)
    return (try #require(exact.evaluation?.objective.total), try #require(exact.postings))
  }

  @Test("transportation prices: class and posting prices never exceed a person's cost, and add up to the least cost")
  func transportationPricesAreDual() throws {
    let costs: [[Double]] = [[1, 4, 6], [2, 3, 9], [5, 1, 2]]
    let arcs = [[0, 1, 2], [0, 1, 2], [0, 1, 2]]
    let supplies = [2, 1, 1]
    let capacities = [0: 1, 1: 2, 2: 1]
    let dual = try #require(
      Transportation.prices(supplies: supplies, arcs: arcs, costs: costs, capacities: capacities))
    // Least cost by hand: class 0 takes posting 0 and 1 (1 + 4), class 1
    // posting 1 (3), class 2 posting 2 (2) = 10; nothing cheaper fits.
    #expect(abs(dual.cost - 10) < 1e-9)
    var postingPrice = [Double](repeating: .infinity, count: 3)
    for c in 0..<3 {
      for k in 0..<3 { postingPrice[k] = min(postingPrice[k], costs[c][k] - dual.classPrice[c]) }
    }
    let lower =
      zip(supplies, dual.classPrice).reduce(0) { $0 + Double($1.0) * $1.1 }
      + capacities.reduce(0) { $0 + Double($1.value) * postingPrice[$1.key] }
    #expect(abs(lower - dual.cost) < 1e-9, "the prices prove the least cost")
  }

  @Test("transportation: on random districts of classes and postings, the least cost is proven by its prices")
  func transportationIsLeastCostOnRandomProblems() throws {
    var random = SeededRandom(seed: 11)
    for _ in 0..<40 {
      let classes = Int.random(in: 1...12, using: &random)
      let postings = Int.random(in: 1...15, using: &random)
      let supplies = (0..<classes).map { _ in Int.random(in: 1...10, using: &random) }
      // Each class may take a random half of the postings (at least one), at costs on a 0.05 grid.
      let arcs = (0..<classes).map { _ in
        let some = (0..<postings).filter { _ in Bool.random(using: &random) }
        return some.isEmpty ? [Int.random(in: 0..<postings, using: &random)] : some
      }
      let costs = arcs.map { $0.map { _ in Double(Int.random(in: 0...400, using: &random)) * 0.05 } }
      // Headcounts from one random assignment of every person, so they fit exactly.
      var capacities: [Int: Int] = [:]
      for (c, supply) in supplies.enumerated() {
        for _ in 0..<supply { capacities[arcs[c].randomElement(using: &random)!, default: 0] += 1 }
      }
      let sent = try #require(
        Transportation.solve(supplies: supplies, arcs: arcs, costs: costs, capacities: capacities))
      let dual = try #require(
        Transportation.prices(supplies: supplies, arcs: arcs, costs: costs, capacities: capacities))
      // The assignment sends every person and fills every headcount exactly.
      #expect(zip(sent, supplies).allSatisfy { $0.reduce(0, +) == $1 })
      var filled: [Int: Int] = [:]
      for (c, list) in arcs.enumerated() {
        for (j, k) in list.enumerated() { filled[k, default: 0] += sent[c][j] }
      }
      #expect(filled.filter { $0.value > 0 } == capacities.filter { $0.value > 0 })
      let cost = arcs.indices.reduce(0.0) { total, c in
        total + zip(sent[c], costs[c]).reduce(0) { $0 + Double($1.0) * $1.1 }
      }
      #expect(abs(cost - dual.cost) < 1e-6)
      // Weak duality: prices u_c + v_k at most each arc's cost, summing to the cost, prove it least.
      var postingPrice: [Int: Double] = [:]
      for (c, list) in arcs.enumerated() {
        for (j, k) in list.enumerated() {
          postingPrice[k] = min(postingPrice[k] ?? .infinity, costs[c][j] - dual.classPrice[c])
        }
      }
      let lower =
        zip(supplies, dual.classPrice).reduce(0) { $0 + Double($1.0) * $1.1 }
        + capacities.reduce(0) { $0 + Double($1.value) * (postingPrice[$1.key] ?? 0) }
      #expect(abs(lower - dual.cost) < 1e-6)
    }
  }

  @Test("headcounts that do not fit the people: as many fit as can, the rest take their cheapest posting")
  func closestAssignmentKeepsWhatFits() {
    // Class 0 may only take posting 0, which has no headcount; class 1 may take 1 or 2.
    let supplies = [1, 1]
    let arcs = [[0], [1, 2]]
    let costs: [[Double]] = [[5], [2, 1]]
    let capacities = [1: 1, 2: 1]
    #expect(Transportation.solve(supplies: supplies, arcs: arcs, costs: costs, capacities: capacities) == nil)
    // One headcount can be filled: class 1 on posting 2, its cheaper; class 0
    // is left over and takes posting 0, its cheapest.
    let shares = Transportation.closest(
      supplies: supplies, arcs: arcs, costs: costs, capacities: capacities)
    #expect(shares == [[1], [0, 1]])
    // When they fit, the same as the least-cost assignment.
    let fitting = [0: 1, 1: 1]
    #expect(
      Transportation.closest(supplies: supplies, arcs: arcs, costs: costs, capacities: fitting)
        == Transportation.solve(supplies: supplies, arcs: arcs, costs: costs, capacities: fitting))
  }

  @Test("a pooled group's headcounts fit its people: no class's missing postings hold more than the others can fill")
  func pooledHeadcountsKeepHallsCondition() throws {
    var checked = 0
    for seed: UInt64 in 1...6 {
      let formulation = try Self.pooled(seed: seed, towns: 10)
      let model = formulation.model
      for (g, members) in formulation.groups.enumerated() where members.count > 1 {
        let feeds = formulation.groupHeadcounts[g]
        let own = Set(feeds.values)
        // The rows on this group's headcounts alone.
        let rows = model.constraints.filter { row in
          row.terms.allSatisfy { own.contains($0.variable) }
        }
        for c in members {
          let options = Set(formulation.classOptions[c].map(\.posting))
          let outside = feeds.keys.filter { !options.contains($0) }.sorted()
          let able = members.filter { other in
            formulation.classOptions[other].contains { !options.contains($0.posting) }
          }.reduce(0) { $0 + formulation.classes[$1].count }
          let size = members.reduce(0) { $0 + formulation.classes[$1].count }
          // Fill the postings class c cannot take first, then its own.
          var point = [Double](repeating: 0, count: model.variables.count)
          var left = Double(size)
          for k in outside + options.sorted() {
            guard let v = feeds[k], left > 0 else { continue }
            let n = min(left, model.variables[v.index].upper)
            point[v.index] = n
            left -= n
          }
          let placed = outside.reduce(0.0) { $0 + point[feeds[$1]!.index] }
          guard left == 0, placed > Double(able) else { continue }
          checked += 1
          #expect(
            rows.contains { !$0.holds(at: point) },
            "group \(g): \(Int(placed)) on postings class \(c) cannot take, only \(able) who can")
        }
      }
    }
    #expect(checked > 0, "the generated districts have classes missing some of their group's postings")
  }

  @Test("a price cut prices the headcounts it was made at as the checker prices their least-cost roster")
  func cutIsExactWhereItWasMade() throws {
    var formulation = try Self.pooled(seed: 4)
    let district = formulation.district
    let roster = try #require(Self.rosters(district, seeds: 1...1).first)
    let before = try #require(formulation.point(for: roster))
    let pooledPrice = formulation.model.objective.value(at: before)
    let price = Self.price(district, roster)
    #expect(pooledPrice < price - 1e-6, "pooling prices people at the cheapest member")
    #expect(formulation.addPriceCuts(at: before) > 0)
    let after = try #require(formulation.point(for: roster))
    #expect(formulation.model.isFeasible(after))
    // The cut is the least cost of giving the groups' own people these
    // headcounts: the price of the roster the formulation assigns to them,
    // which is no more than the greedy's own assignment of the same headcounts.
    let assigned = formulation.postings(from: after)
    let assignedPrice = Self.price(district, assigned)
    #expect(abs(formulation.model.objective.value(at: after) - assignedPrice) < 1e-3)
    #expect(assignedPrice <= price + 1e-6)
    // Made twice at the same roster: nothing left to add.
    #expect(formulation.addPriceCuts(at: after) == 0)
  }

  @Test("price cuts never cut off a roster: every other roster keeps them, priced no higher than the checker prices it")
  func cutsKeepEveryRoster() throws {
    var formulation = try Self.pooled(seed: 5)
    let district = formulation.district
    let rosters = Self.rosters(district, seeds: 1...4)
    #expect(rosters.count >= 3)
    let first = try #require(formulation.point(for: rosters[0]))
    #expect(formulation.addPriceCuts(at: first) > 0)
    try Self.expectKept(rosters.dropFirst(), by: formulation)
  }

  @Test(
    "price cuts raise a pooled bound and never above the exact optimum",
    .enabled(if: GLPKSolver.isAvailable, "this build has no GLPK"))
  func cutsRaiseTheBoundValidly() throws {
    var formulation = try Self.pooled(seed: 1, towns: 6)
    let district = formulation.district
    let (optimum, exactRoster) = try Self.exactOptimum(district)

    let options = SolveOptions(timeLimit: 60, relativeGap: 1e-9)
    let plain = try GLPKSolver().solve(formulation.model, options: options)
    #expect(plain.termination == .optimal)
    let plainOptimum = try #require(plain.objective)
    // Cuts at the pooled optimum and at the exact optimum's roster.
    let pooledOptimum = try #require(plain.values)
    let exactPoint = try #require(formulation.point(for: exactRoster))
    _ = formulation.addPriceCuts(at: pooledOptimum)
    _ = formulation.addPriceCuts(at: exactPoint)
    #expect(formulation.priceCutCount > 0)
    let cut = try GLPKSolver().solve(formulation.model, options: options)
    #expect(cut.termination == .optimal)
    let cutOptimum = try #require(cut.objective)
    let tolerance = 1e-6 * max(1, optimum)
    #expect(cutOptimum > plainOptimum + tolerance, "\(cutOptimum) vs \(plainOptimum)")
    #expect(cutOptimum <= optimum + tolerance)
  }

  @Test("a person-by-person descent never raises a roster's price and keeps every rule")
  func descentOnlyLowersThePrice() throws {
    let formulation = try Self.pooled(seed: 6)
    let district = formulation.district
    let greedy = DeploymentGreedy(district: district)
    for roster in Self.rosters(district, seeds: 1...3) {
      let descended = greedy.descend(from: roster, timeLimit: 10)
      let evaluation = RosterChecker(district).evaluate(descended)
      #expect(evaluation.isFeasible, "\(evaluation.violations)")
      #expect(evaluation.objective.total <= Self.price(district, roster) + 1e-6)
    }
  }

  @Test(
    "price cuts at the departments' linear relaxations keep every roster and raise the relaxation",
    .enabled(if: GLPKSolver.isAvailable, "this build has no GLPK"))
  func relaxationCutsKeepEveryRoster() throws {
    var formulation = try Self.pooled(seed: 5)
    let district = formulation.district
    let solver = GLPKSolver()
    let before = try #require(
      try solver.solve(formulation.model.linearRelaxation, options: SolveOptions()).objective)
    let rounds = try formulation.addRelaxationPriceCuts(solver: solver, timeLimit: 30, shouldStop: nil)
    #expect(rounds.rounds >= 2, "a first round's cuts, then a round that confirms or adds more")
    #expect(formulation.priceCutCount > 0)
    let after = try #require(
      try solver.solve(formulation.model.linearRelaxation, options: SolveOptions()).objective)
    #expect(after > before + 1e-6, "\(after) vs \(before)")
    let rosters = Self.rosters(district, seeds: 1...4)
    #expect(rosters.count >= 3)
    try Self.expectKept(rosters, by: formulation)
  }

  @Test(
    "price cuts slack at the departments' last relaxations can be left out of their searches: same departments, same relaxation optimum",
    .enabled(if: GLPKSolver.isAvailable, "this build has no GLPK"))
  func slackCutsLeaveTheRelaxationAlone() throws {
    var formulation = try Self.pooled(seed: 5)
    let solver = GLPKSolver()
    let rounds = try formulation.addRelaxationPriceCuts(solver: solver, timeLimit: 30, shouldStop: nil)
    let point = try #require(rounds.point)
    let slack = formulation.slackPriceCuts(at: point)
    #expect(!slack.isEmpty, "Kelley's rounds leave cuts behind that later rounds made slack")
    #expect(slack.count < formulation.priceCutCount)
    for r in slack {
      let row = formulation.model.constraints[r]
      #expect(row.name.hasPrefix("cut_g"), "only price cuts: \(row.name)")
      let lhs = row.terms.reduce(0.0) { $0 + $1.coefficient * point[$1.variable.index] }
      #expect(lhs > row.rhs + 1e-3)
    }
    let all = DepartmentSolve(formulation: formulation, solver: solver)
    var lighter = all
    lighter.dropping = slack
    #expect(lighter.split.blocks.count == all.split.blocks.count)
    // The rounds ran until one added no cut, so the point is the
    // relaxations' optimum with every cut: rows slack there can go without
    // moving it, and each department's relaxation stays as high.
    var again = formulation
    #expect(again.addPriceCuts(at: point) == 0)
    let rows = { (d: DepartmentSolve) in d.split.blocks.reduce(0) { $0 + $1.model.constraints.count } }
    #expect(rows(lighter) == rows(all) - slack.count)
    for (full, light) in zip(all.split.blocks, lighter.split.blocks) {
      let a = try #require(try solver.solve(full.model.linearRelaxation, options: SolveOptions()).objective)
      let b = try #require(try solver.solve(light.model.linearRelaxation, options: SolveOptions()).objective)
      #expect(b <= a + 1e-6 * max(1, abs(a)), "leaving rows out relaxes")
      #expect(abs(a - b) <= 1e-4 * max(1, abs(a)), "\(b) vs \(a)")
    }
  }

  @Test(
    "auto's bound lane on a pooled district: a bound from the departments with price cuts, never above the exact optimum",
    .enabled(if: GLPKSolver.isAvailable, "this build has no GLPK"))
  func boundLaneIsValid() throws {
    let formulation = try Self.pooled(seed: 1, towns: 6)
    let district = formulation.district
    let optimum = try Self.exactOptimum(district).optimum

    let options = PlanOptions(timeLimit: 10)
    let greedy = Planner().planGreedy(district, options: options, timeLimit: 2)
    let board = SharedSearch(progress: nil)
    // A roster the other lane would post: the greedy's own, descended.
    let descended = DeploymentGreedy(district: district).descend(
      from: try #require(greedy.postings), timeLimit: 2)
    board.post(try #require(formulation.point(for: descended)))
    let result = try Planner().priceBound(
      formulation, greedy: greedy, board: board, timeLimit: 4, options: options, shouldStop: nil)
    let bound = try #require(result.bound)
    #expect(bound <= optimum + 1e-6 * max(1, optimum), "\(bound) vs \(optimum)")
    #expect(result.postings == greedy.postings, "the lane keeps the greedy roster")
    #expect(
      result.stages.contains {
        if case .priceCuts(let passes, let cuts, let stageBound) = $0 {
          passes > 0 && cuts > 0 && stageBound == bound
        } else {
          false
        }
      })
  }
}

