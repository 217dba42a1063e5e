import MIPModel
import Randomness
import Testing

@testable import GAPBenchmark

/// The knapsack Lagrangian bound and the branch and bound on it, checked
/// against known optima and against every assignment of small instances.
@Suite("GAP knapsack Lagrangian and its search")
struct GAPLagrangianSearchTests {
  /// The optimum of a small instance by trying every assignment (minimisation
  /// form); jobs in `held` stay at the agent given there.
  private func enumerated(_ cells: GAPCells, held: [Int: Int] = [:]) -> (cost: Int, agentOf: [Int])? {
    var agentOf = [Int](repeating: 0, count: cells.n)
    var best: (cost: Int, agentOf: [Int])?
    func visit(_ j: Int, _ load: [Int], _ cost: Int) {
      if j == cells.n {
        if cost < best?.cost ?? Int.max { best = (cost, agentOf) }
        return
      }
      for i in 0..<cells.m where load[i] + cells.res[j * cells.m + i] <= cells.cap[i] && (held[j] ?? i) == i {
        var next = load
        next[i] += cells.res[j * cells.m + i]
        agentOf[j] = i
        visit(j + 1, next, cost + cells.cost[j * cells.m + i])
      }
    }
    visit(0, [Int](repeating: 0, count: cells.m), 0)
    return best
  }

  /// Small tight instances: 3 agents, 9 jobs, types C and D, several seeds.
  private var small: [GAPInstance] {
    [GAPType.c, .d].flatMap { type in
      (1...6).map { GAPGenerator.generate(type: type, agents: 3, jobs: 9, seed: UInt64($0)) }
    }
  }

  @Test("the knapsack bound never passes the optimum and is at least the capacity relaxation's")
  func boundBetweenRelaxationAndOptimum() throws {
    for file in ["gap1.txt", "gapc.txt"] {
      let instances = try GAPReader.read(path: gapPath(file))
      for (k, instance) in instances.enumerated() where instance.jobs <= 100 {
        for sense in [ObjectiveSense.minimize, .maximize] {
          guard let known = GAPKnownValue.lookup(file: file, index: k + 1, sense: sense) else { continue }
          let capacity = GAPLagrangian.solve(instance, sense: sense)
          let knapsack = GAPKnapsackLagrangian.solve(instance, sense: sense, prices: capacity.prices)
          if sense == .minimize {
            #expect(knapsack.bound <= Double(known.value) + 1e-6, "\(instance.name)")
            #expect(knapsack.bound >= capacity.bound - 1e-6, "\(instance.name)")
          } else {
            #expect(knapsack.bound >= Double(known.value) - 1e-6, "\(instance.name)")
            #expect(knapsack.bound <= capacity.bound + 1e-6, "\(instance.name)")
          }
        }
      }
    }
  }

  @Test("on the tight instances of gapc the knapsack bound is above the capacity relaxation's")
  func boundAboveRelaxationOnTightInstances() throws {
    for instance in try GAPReader.read(path: gapPath("gapc.txt")) where instance.jobs == 100 {
      let capacity = GAPLagrangian.solve(instance, sense: .minimize)
      let knapsack = GAPKnapsackLagrangian.solve(instance, sense: .minimize, prices: capacity.prices)
      #expect(knapsack.bound > capacity.bound + 1, "\(instance.name): \(knapsack.bound) against \(capacity.bound)")
    }
  }

  @Test("reduced-cost fixings keep every pair of an optimal assignment and force only its pairs")
  func fixingsAreSound() throws {
    var fixedSomething = false
    for instance in small {
      let cells = GAPCells(instance, sense: .minimize)
      guard let optimum = enumerated(cells) else { continue }
      let capacity = GAPLagrangian.solve(instance, sense: .minimize)
      let knapsack = GAPKnapsackLagrangian.solve(instance, sense: .minimize, prices: capacity.prices)
      // Assignments as good as the optimum stay possible: limit = optimum.
      let found = GAPNode(cells).fixings(
        cells, multipliers: knapsack.multipliers, bound: knapsack.bound, limit: Double(optimum.cost))
      for pair in found.excluded {
        #expect(optimum.agentOf[pair.job] != pair.agent, "\(instance.name): job \(pair.job) excluded")
      }
      for pair in found.forced {
        #expect(optimum.agentOf[pair.job] == pair.agent, "\(instance.name): job \(pair.job) forced elsewhere")
      }
      fixedSomething = fixedSomething || !found.excluded.isEmpty
    }
    #expect(fixedSomething, "the bound rules out no pair at all")
  }

  @Test("the Lagrangian search finds and proves the optimum of every assignment tried one by one")
  func searchMatchesEnumeration() throws {
    for instance in small {
      for sense in [ObjectiveSense.minimize, .maximize] {
        let cells = GAPCells(instance, sense: sense)
        let optimum = enumerated(cells)
        let knapsack = GAPKnapsackLagrangian.solve(instance, sense: sense)
        var search = GAPLagrangianSearch(cells, incumbent: nil)
        let closed = search.run(from: knapsack.multipliers, deadline: nil)
        #expect(closed, "\(instance.name) \(sense)")
        #expect(search.best.map { GAPLagrangianSearch.cost(cells, $0) } == optimum?.cost, "\(instance.name) \(sense)")
        if let found = search.best { #expect(instance.isFeasible(found)) }
      }
    }
  }

  @Test("the Lagrangian search closes an instance with no assignment without one")
  func searchOfInfeasibleInstance() {
    var instance = GAPGenerator.generate(type: .c, agents: 3, jobs: 9, seed: 1)
    instance.capacity = instance.capacity.map { $0 / 4 }
    let cells = GAPCells(instance, sense: .minimize)
    #expect(enumerated(cells) == nil)
    var search = GAPLagrangianSearch(cells, incumbent: nil)
    let closed = search.run(from: GAPKnapsackLagrangian.solve(instance, sense: .minimize).multipliers, deadline: nil)
    #expect(closed)
    #expect(search.best == nil)
  }

  @Test("a sub-problem's search keeps its held jobs and finds the best assignment that keeps them")
  func subProblemMatchesEnumeration() throws {
    var differs = false
    for instance in small {
      let cells = GAPCells(instance, sense: .minimize)
      guard let start = GAPGreedySolver(seed: 1, iterationLimit: 0).solve(instance, sense: .minimize) else { continue }
      // The first four jobs held at the greedy's agents, the other five free.
      let held = Dictionary(uniqueKeysWithValues: (0..<4).map { ($0, start.agentOfJob[$0]) })
      let optimum = enumerated(cells, held: held)
      var root = GAPNode(cells)
      for (j, i) in held { root.fix(cells, agent: i, job: j) }
      var search = GAPLagrangianSearch(cells, incumbent: nil)
      let closed = search.run(
        from: GAPKnapsackLagrangian.solve(instance, sense: .minimize).multipliers, root: root, deadline: nil)
      #expect(closed, "\(instance.name)")
      #expect(search.best.map { GAPLagrangianSearch.cost(cells, $0) } == optimum?.cost, "\(instance.name)")
      if let found = search.best {
        #expect(held.allSatisfy { found[$0.key] == $0.value }, "\(instance.name): a held job moved")
        #expect(instance.isFeasible(found))
      }
      differs = differs || optimum?.cost != enumerated(cells)?.cost
    }
    #expect(differs, "holding the jobs never cost anything: the check cannot tell a sub-problem from the whole")
  }

  @Test("the neighbourhood search improves the greedy's construction to the optimum of small tight instances and proves it")
  func neighbourhoodSearchReachesOptimum() throws {
    var improved = false
    for seed in 1...4 {
      let instance = GAPGenerator.generate(type: .d, agents: 4, jobs: 16, seed: UInt64(seed))
      let cells = GAPCells(instance, sense: .minimize)
      let start = try #require(GAPGreedySolver(seed: 1, iterationLimit: 0).solve(instance, sense: .minimize))
      let knapsack = GAPKnapsackLagrangian.solve(instance, sense: .minimize)
      var exact = GAPLagrangianSearch(cells, incumbent: nil)
      let closed = exact.run(from: knapsack.multipliers, deadline: nil)
      #expect(closed)
      let optimum = try #require(exact.best.map { GAPLagrangianSearch.cost(cells, $0) })
      var search = GAPLagrangianSearch(cells, incumbent: start.agentOfJob)
      let outcome = search.searchNeighbourhoods(
        from: knapsack.multipliers, seed: 1, deadline: ContinuousClock().now + .seconds(30))
      let found = try #require(search.best)
      #expect(instance.isFeasible(found))
      #expect(GAPLagrangianSearch.cost(cells, found) == optimum, "\(instance.name)")
      #expect(outcome.proven, "\(instance.name): \(outcome.tried) sub-problems, the last freed \(outcome.freed) of 16 jobs")
      improved = improved || start.objective > optimum
    }
    #expect(improved, "the greedy's construction was already optimal on every instance")
  }

  @Test("a neighbourhood search whose stop flag another lane raised searches nothing and keeps its best")
  func raisedStopEndsNeighbourhoodSearch() throws {
    let instance = GAPGenerator.generate(type: .d, agents: 4, jobs: 16, seed: 1)
    let cells = GAPCells(instance, sense: .minimize)
    let start = try #require(GAPGreedySolver(seed: 1, iterationLimit: 0).solve(instance, sense: .minimize))
    let knapsack = GAPKnapsackLagrangian.solve(instance, sense: .minimize)
    let stop = StopFlag()
    stop.raise()
    var search = GAPLagrangianSearch(cells, incumbent: start.agentOfJob)
    let outcome = search.searchNeighbourhoods(
      from: knapsack.multipliers, seed: 1, deadline: ContinuousClock().now + .seconds(30), stop: stop)
    #expect(outcome.tried == 0)
    #expect(search.best == start.agentOfJob)
    // The same search without the flag raised works, proves, and raises it.
    let open = StopFlag()
    var again = GAPLagrangianSearch(cells, incumbent: start.agentOfJob)
    let proof = again.searchNeighbourhoods(
      from: knapsack.multipliers, seed: 1, deadline: ContinuousClock().now + .seconds(30), stop: open)
    #expect(proof.tried > 0)
    #expect(proof.proven)
    #expect(open.isRaised)
  }

  @Test("a guided neighbourhood frees the jobs the knapsacks do not give to their agent first")
  func guidedNeighbourhoodFreesDisagreementFirst() {
    // 40 jobs, all at agent 0. The knapsacks give jobs 0-4 to agent 1, jobs
    // 5-7 to agents 0 and 2, jobs 8-9 to none: those ten disagree.
    let incumbent = [Int](repeating: 0, count: 40)
    let owners: [[Int]] = (0..<40).map { j in j < 5 ? [1] : j < 8 ? [0, 2] : j < 10 ? [] : [0] }
    let disagree = Set(0..<10)
    var rng = SeededRandom(seed: 7)
    var weighted = 0
    var uniform = 0
    for _ in 0..<20 {
      let free = GAPLagrangianSearch.guidedJobs(
        incumbent: incumbent, owners: owners, count: 10, weight: 1_000, rng: &rng)
      #expect(free.filter { $0 }.count == 10)
      weighted += disagree.filter { free[$0] }.count
      // More jobs than disagree: every one that disagrees is among them.
      let more = GAPLagrangianSearch.guidedJobs(
        incumbent: incumbent, owners: owners, count: 15, weight: 1_000, rng: &rng)
      #expect(more.filter { $0 }.count == 15)
      #expect(disagree.allSatisfy { more[$0] })
      let even = GAPLagrangianSearch.guidedJobs(
        incumbent: incumbent, owners: owners, count: 10, weight: 1, rng: &rng)
      uniform += disagree.filter { even[$0] }.count
    }
    // 200 jobs freed each way: nearly all disagreeing ones at weight 1,000;
    // about a quarter (10 of 40) when every job is as likely.
    #expect(weighted >= 190, "\(weighted) of 200 freed jobs disagree at weight 1,000")
    #expect(uniform < 100, "\(uniform) of 200 freed jobs disagree at weight 1")
  }

  @Test("the Lagrangian search proves the known optima of gapc's 100-job instances from the greedy's")
  func searchProvesGapc() throws {
    let instances = try GAPReader.read(path: gapPath("gapc.txt"))
    for (k, instance) in instances.enumerated() where instance.jobs == 100 {
      let known = try #require(GAPKnownValue.lookup(file: "gapc.txt", index: k + 1, sense: .minimize))
      let greedy = try #require(GAPGreedySolver(seed: 1, iterationLimit: 0).solve(instance, sense: .minimize))
      let capacity = GAPLagrangian.solve(instance, sense: .minimize)
      let knapsack = GAPKnapsackLagrangian.solve(
        instance, sense: .minimize, prices: capacity.prices, target: greedy.objective)
      var search = GAPLagrangianSearch(GAPCells(instance, sense: .minimize), incumbent: greedy.agentOfJob)
      let closed = search.run(from: knapsack.multipliers, deadline: nil)
      #expect(closed, "\(instance.name)")
      let found = try #require(search.best)
      #expect(instance.isFeasible(found))
      #expect(instance.cost(of: found) == known.value, "\(instance.name)")
    }
  }
}
