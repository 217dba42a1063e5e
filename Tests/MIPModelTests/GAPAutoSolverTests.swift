import GLPKBackend
import MIPModel
import Testing

@testable import GAPBenchmark

/// The GAP's auto mode: relaxation, greedy, neighbourhood searches, exact search.
@Suite("GAP auto mode", needsGLPK)
struct GAPAutoSolverTests {
  @Test("auto mode proves every known optimum of gap1 in both senses")
  func provesGap1() throws {
    let instances = try GAPReader.read(path: gapPath("gap1.txt"))
    for sense in [ObjectiveSense.maximize, .minimize] {
      for (k, instance) in instances.enumerated() {
        let known = try #require(GAPKnownValue.lookup(file: "gap1.txt", index: k + 1, sense: sense))
        let result = try GAPAutoSolver(solver: GLPKSolver(), timeLimit: 30).solve(instance, sense: sense)
        let solution = try #require(result.solution, "\(instance.name)")
        #expect(instance.isFeasible(solution.agentOfJob))
        #expect(solution.objective == known.value, "\(instance.name) \(sense)")
        #expect(result.proven, "\(instance.name) \(sense): \(result.steps)")
        #expect(result.bound == Double(known.value))
      }
    }
  }

  @Test("a generated type E instance gets a feasible assignment with a bound on its side of it")
  func typeEWithinLimit() throws {
    let instance = GAPGenerator.generate(type: .e, agents: 10, jobs: 200, seed: 1)
    let result = try GAPAutoSolver(solver: GLPKSolver(), timeLimit: 3).solve(instance, sense: .minimize)
    let solution = try #require(result.solution)
    #expect(instance.isFeasible(solution.agentOfJob))
    #expect(solution.objective == instance.cost(of: solution.agentOfJob))
    let bound = try #require(result.bound)
    #expect(bound <= Double(solution.objective))
    #expect(result.steps.first?.hasPrefix("Lagrangian") == true)
  }

  @Test("the Lagrangian bound never passes the optimum and comes within 0.1% of the linear relaxation")
  func lagrangianBound() throws {
    let instances = try GAPReader.read(path: gapPath("gap1.txt"))
    for (k, instance) in instances.enumerated() {
      let known = try #require(GAPKnownValue.lookup(file: "gap1.txt", index: k + 1, sense: .minimize))
      #expect(GAPLagrangian.solve(instance, sense: .minimize).bound <= Double(known.value) + 1e-6)
      let max = try #require(GAPKnownValue.lookup(file: "gap1.txt", index: k + 1, sense: .maximize))
      #expect(GAPLagrangian.solve(instance, sense: .maximize).bound >= Double(max.value) - 1e-6)
    }
    let instance = GAPGenerator.generate(type: .d, agents: 10, jobs: 200, seed: 5)
    let lp = try GLPKSolver().solve(
      GAPModel(instance, sense: .minimize).model.linearRelaxation, options: SolveOptions())
    let relaxation = try #require(lp.objective)
    let lagrangian = GAPLagrangian.solve(instance, sense: .minimize).bound
    #expect(lagrangian <= relaxation + 1e-6)
    #expect(lagrangian >= relaxation - 0.001 * abs(relaxation), "\(lagrangian) against \(relaxation)")
  }

  @Test("reduced-cost exclusion keeps every pair of an optimal assignment, in both senses")
  func exclusionIsSound() throws {
    let instances = try GAPReader.read(path: gapPath("gap2.txt"))
    for sense in [ObjectiveSense.minimize, .maximize] {
      var excludedSomething = false
      for instance in instances {
        let gap = GAPModel(instance, sense: sense)
        let optimum = try #require(
          gap.solution(from: try GLPKSolver().solve(gap.model, options: SolveOptions()).values ?? []))
        let lagrangian = GAPLagrangian.solve(instance, sense: sense)
        // Assignments as good as the optimum stay possible: beating optimum ∓ 1.
        let beating = optimum.objective + (sense == .minimize ? 1 : -1)
        let excluded = GAPAutoSolver<GLPKSolver>.excluded(instance, sense: sense, by: lagrangian, beating: beating)
        for (j, i) in optimum.agentOfJob.enumerated() {
          #expect(!excluded.contains(gap.variable(agent: i, job: j)), "\(instance.name) \(sense): job \(j)")
        }
        excludedSomething = excludedSomething || !excluded.isEmpty
      }
      #expect(excludedSomething, "\(sense): the bound excludes no pair at all")
    }
  }

  @Test("neighbourhood searches side by side: the best assignment of the lanes stands, and a proof ends them all")
  func neighbourhoodLanes() throws {
    for seed in 1...3 {
      let instance = GAPGenerator.generate(type: .d, agents: 4, jobs: 16, seed: UInt64(seed))
      let cells = GAPCells(instance, sense: .minimize)
      var exact = GAPLagrangianSearch(cells, incumbent: nil)
      let knapsack = GAPKnapsackLagrangian.solve(instance, sense: .minimize)
      let closed = exact.run(from: knapsack.multipliers, deadline: nil)
      #expect(closed)
      let optimum = try #require(exact.best.map { GAPLagrangianSearch.cost(cells, $0) })
      let start = try #require(GAPGreedySolver(seed: 1, iterationLimit: 0).solve(instance, sense: .minimize))
      var auto = GAPAutoSolver(solver: GLPKSolver(), seed: UInt64(seed), timeLimit: nil)
      auto.tuning.neighbourhoodLanes = 2
      var best: GAPSolution? = start
      let clock = ContinuousClock()
      let began = clock.now
      let outcome = auto.lagrangianNeighbourhoods(
        instance, sense: .minimize, from: knapsack, seconds: 120, best: &best)
      let found = try #require(best)
      #expect(instance.isFeasible(found.agentOfJob))
      #expect(found.objective == optimum, "\(instance.name)")
      #expect(outcome.proven, "\(instance.name): \(outcome.tried) sub-problems")
      // One lane's proof stops the other after its sub-problem, long before the 120 s.
      #expect((clock.now - began) < .seconds(60), "\(instance.name)")
    }
  }

  @Test("rounding gives each job its agent of largest relaxation value")
  func rounding() {
    // Two agents, three jobs; values agent-major: x[0][0..2], then x[1][0..2].
    let values: [Double] = [1, 0.3, 0, 0, 0.7, 1]
    #expect(GAPAutoSolver<GLPKSolver>.rounded(values, agents: 2, jobs: 3) == [0, 1, 1])
  }

  @Test("the agent-subset search improves a construction and keeps every capacity")
  func subsetSearchImproves() throws {
    let instance = GAPGenerator.generate(type: .c, agents: 8, jobs: 80, seed: 2)
    // Construction and one descent only: far from the optimum on type C.
    let start = try #require(GAPGreedySolver(seed: 1, iterationLimit: 0).solve(instance, sense: .minimize))
    let auto = GAPAutoSolver(solver: GLPKSolver(), timeLimit: nil)
    let found = try #require(
      try auto.subsetSearch(instance, sense: .minimize, from: start, seconds: 3, bound: nil))
    #expect(instance.isFeasible(found.agentOfJob))
    #expect(found.objective == instance.cost(of: found.agentOfJob))
    #expect(found.objective < start.objective)
  }
}
