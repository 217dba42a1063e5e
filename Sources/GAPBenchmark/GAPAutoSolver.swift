import Foundation
import MIPModel
import Randomness

/// How `GAPAutoSolver` divides a time limit between its steps.
///
/// Shares are of the time left when the step begins, each in 0…1. They are
/// the only tuning numbers of the auto mode; Benchmarks/README.md ("Large GAP
/// instances") has the measurements behind them.
public struct GAPAutoTuning: Sendable, Hashable {
  /// Most of the limit the Lagrangian relaxation may take (default 0.1).
  public var lagrangianShare: Double = 0.1
  /// Subgradient steps of the Lagrangian relaxation (default
  /// `GAPLagrangian.defaultSteps`, 3,000).
  public var lagrangianSteps: Int = GAPLagrangian.defaultSteps
  /// Most of what is left the linear relaxation may take (default 0.3);
  /// without it the steps go on from the Lagrangian assignment.
  public var relaxationShare: Double = 0.3
  /// The tabu search's share of what is left after the relaxation (default
  /// 0.4).
  public var tabuShare: Double = 0.4
  /// The relaxation induced neighbourhood search's share of what is left
  /// after the tabu search (default 0.5); the exact search, warm-started from
  /// the best assignment, has the rest.
  public var neighbourhoodShare: Double = 0.5
  /// Rounds of the neighbourhood search, each from the last better
  /// assignment (default 4).
  public var neighbourhoodRounds: Int = 4
  /// The agent-subset search's share of what is left after the
  /// neighbourhood search (default 0.3); the last search has the rest: the
  /// Lagrangian search again or, where the knapsack bound is too slow to
  /// settle, the exact search on the pairs the Lagrangian reduced costs leave.
  public var subsetShare: Double = 0.3
  /// Agents whose jobs the first sub-problem of the agent-subset search
  /// re-assigns (default 3, at least 2); the size grows by one after a
  /// sub-problem solved in under `subsetQuickSeconds` and shrinks by one
  /// after one that reached its limit.
  public var subsetAgents: Int = 3
  /// Seconds under which a sub-problem counts as quick (default 0.2).
  public var subsetQuickSeconds: Double = 0.2
  /// Seconds one sub-problem may take (default 2).
  public var subsetSeconds: Double = 2
  /// Sweeps over all agents in a row without a better assignment after
  /// which the agent-subset search ends early (default 3, at least 1).
  public var subsetIdleSweeps: Int = 3
  /// Most of what is left after the tabu search the knapsack Lagrangian
  /// relaxation may take (default 0.2); it ends earlier when its steps no
  /// longer raise the bound.
  public var knapsackShare: Double = 0.2
  /// Subgradient steps of the knapsack Lagrangian relaxation (default
  /// `GAPKnapsackLagrangian.defaultSteps`, 20,000).
  public var knapsackSteps: Int = GAPKnapsackLagrangian.defaultSteps
  /// The Lagrangian search's share of what is left after the knapsack
  /// Lagrangian relaxation (default 0.05; 0.02 to 0.5): the branch and
  /// bound that proves most of the tight instances (gapa-c) within it;
  /// where it does not close, the Lagrangian neighbourhood search and then
  /// the Lagrangian search again, from the best assignment, have the rest.
  /// At 0.3 it spent 8.9 of gapd's 30 s improving its first assignment less
  /// than the neighbourhood search does in the same time.
  public var searchShare: Double = 0.05
  /// Neighbourhood searches run side by side on their own threads, each
  /// from the same best assignment with its own random draws (default 2;
  /// 1 to the cores there are); the best of their assignments stands. A
  /// search settles in about 10 s of gapd's 30 s and where it ends varies
  /// with its draws, so two of them end lower than one
  /// (Benchmarks/reports/2026-12-07-gap-neighbourhoods-side-by-side.md).
  public var neighbourhoodLanes: Int = 2
  /// With the knapsack bound: the Lagrangian neighbourhood search's share of
  /// what is left after the first Lagrangian search (default 0.9; 0.5 to
  /// 0.95); the Lagrangian search from the best assignment has the rest.
  public var lagrangianNeighbourhoodShare: Double = 0.9
  /// Without a time limit: seconds of the knapsack Lagrangian relaxation
  /// (default 30).
  public var unlimitedKnapsackSeconds: Double = 30
  /// Without a time limit: seconds of the neighbourhood search, relaxation
  /// induced or Lagrangian (default 60), and of the agent-subset search
  /// (default 30) before the exact search.
  public var unlimitedNeighbourhoodSeconds: Double = 60
  public var unlimitedSubsetSeconds: Double = 30

  public init() {}
}

/// What `GAPAutoSolver` found: the best assignment, a bound and how each step did.
public struct GAPAutoResult: Sendable {
  /// The best assignment found; nil only when no step found one (the
  /// instance may be infeasible, or the limit too short for any).
  public var solution: GAPSolution?
  /// A bound on the optimum in the objective's sense: the best of the
  /// relaxations' (linear, capacity and knapsack Lagrangian) and the exact
  /// search's, rounded to an integer (costs are integers).
  public var bound: Double?
  /// Whether a step proved `solution` optimal: a bound reached, the
  /// Lagrangian search closed, or the exact search's proof.
  public var proven: Bool
  /// One line per step: its name, its objective or outcome and its seconds.
  public var steps: [String]
}

/// The GAP's auto mode: relaxation, greedy, neighbourhood search, exact search.
///
/// 1. The Lagrangian relaxation of the capacities (`GAPLagrangian`): a
///    bound and an assignment at the best prices within a tenth of the
///    limit; then the linear relaxation (at most `relaxationShare` of the
///    rest). In a basic optimum at most one job per agent is split between
///    agents, so giving each job its agent of largest value is nearly an
///    assignment; when the simplex method does not finish in time, the
///    Lagrangian assignment stands in for it.
/// 2. The tabu search of `GAPGreedySolver` from that rounding (the greedy's
///    own constructions compete), which repairs overloads by strategic
///    oscillation.
/// 2b. The knapsack Lagrangian relaxation (`GAPKnapsackLagrangian`), aimed
///    at the best assignment: on tight instances a bound several units above
///    the linear relaxation's. When it settles within its share, the
///    Lagrangian search (`GAPLagrangianSearch`, branch and bound on that
///    bound) runs for `searchShare` of what is left; it closes most of
///    gapa-gapc.
/// 3. With the knapsack bound, the Lagrangian neighbourhood search
///    (`GAPLagrangianSearch.searchNeighbourhoods`) for
///    `lagrangianNeighbourhoodShare` of what is left: part of the best
///    assignment's jobs freed (first those the knapsacks at the
///    multipliers, aimed again at each better assignment, give to another
///    agent), the rest held, and the freed ones
///    re-assigned by the same branch and bound, as many sub-problems as the
///    time allows; `neighbourhoodLanes` such searches side by side on their
///    own threads, each with its own draws, the best of them kept. Without
///    it, relaxation induced neighbourhood search
///    (`Solver.improveByRelaxation`) from the best assignment: the jobs on
///    which it agrees with the relaxation are held and the exact solver
///    re-assigns the others;
/// 4. and then the agent-subset search: the jobs of a few agents re-assigned among
///    them, exactly, agents in a random order, the size adapting to how fast
///    the sub-problems close.
/// 5. With the knapsack bound, the Lagrangian search again from the best
///    assignment to the limit (its closing proves the best optimal).
///    Without it, the exact search, warm-started from the best assignment, to the
///    limit, on the job-agent pairs that could still be part of a better
///    assignment by their Lagrangian reduced costs (`excluded`): its proof,
///    or its finding nothing, proves the best assignment optimal.
///
/// Returns the best assignment any step found, so never less than the
/// greedy's. Without a time limit the tabu search runs its default
/// iterations and the last search runs to its proof.
public struct GAPAutoSolver<S: Solver>: Sendable {
  /// The exact solver (GLPK in the command-line tool).
  public var solver: S
  /// Seed of the greedy's and the exact solver's random choices.
  public var seed: UInt64
  /// Wall-clock limit in seconds for all steps together; nil for none.
  public var timeLimit: Double?
  /// How the limit is divided.
  public var tuning = GAPAutoTuning()

  public init(solver: S, seed: UInt64 = 1, timeLimit: Double? = nil) {
    self.solver = solver
    self.seed = seed
    self.timeLimit = timeLimit
  }

  /// Solves `instance` in `sense`; throws only when the exact solver rejects the model.
  public func solve(_ instance: GAPInstance, sense: ObjectiveSense) throws -> GAPAutoResult {
    let clock = ContinuousClock()
    let began = clock.now
    func elapsed() -> Double { (clock.now - began).inSeconds }
    func left() -> Double? { timeLimit.map { max(0, $0 - elapsed()) } }
    let better: (Double, Double) -> Bool = sense == .minimize ? { $0 < $1 } : { $0 > $1 }
    let gap = GAPModel(instance, sense: sense)
    var steps: [String] = []
    var stepStart = elapsed()
    func log(_ text: String) {
      let now = elapsed()
      steps.append("\(text) (\(String(format: "%.2f", now - stepStart)) s)")
      stepStart = now
    }
    var best: GAPSolution?
    var bound: Double?
    /// Whether the best assignment meets the bound, which proves it optimal.
    func reachedBound() -> Bool {
      guard let b = best, let bound else { return false }
      return Double(b.objective) == bound
    }
    /// Takes a step's point as the best assignment when it is one and better.
    func adopt(_ values: [Double]?) -> Bool {
      guard let values, let s = gap.solution(from: values), instance.isFeasible(s.agentOfJob),
        best.map({ better(Double(s.objective), Double($0.objective)) }) ?? true
      else { return false }
      best = s
      return true
    }

    // 1. The Lagrangian relaxation, then the linear relaxation.
    let lagrangian = GAPLagrangian.solve(
      instance, sense: sense, steps: tuning.lagrangianSteps,
      seconds: left().map { $0 * tuning.lagrangianShare })
    bound = integral(lagrangian.bound, sense)
    log("Lagrangian \(String(format: "%.2f", lagrangian.bound)) in \(lagrangian.steps) steps")
    var relaxation: [Double]?
    let lp = try solver.solve(
      gap.model.linearRelaxation,
      options: SolveOptions(timeLimit: left().map { $0 * tuning.relaxationShare }, seed: seed))
    if lp.termination == .optimal, let values = lp.values, let value = lp.objective {
      relaxation = values
      let lpBound = integral(value, sense)
      if bound.map({ better($0, lpBound) }) ?? true { bound = lpBound }
      log("relaxation \(String(format: "%.2f", value))")
    } else {
      log("relaxation \(lp.status)")
    }

    // 2. The tabu search from the rounded relaxation.
    var greedy = GAPGreedySolver(seed: seed, timeLimit: left().map { $0 * tuning.tabuShare })
    // The rounded linear relaxation splits few jobs: the search starts from
    // it. Without it, the construction by Lagrangian prices is the start
    // (the Lagrangian assignment itself overloads too many agents).
    greedy.start = relaxation.map { Self.rounded($0, agents: instance.agents, jobs: instance.jobs) }
    greedy.prices = lagrangian.prices
    best = greedy.solve(instance, sense: sense)
    log("tabu search \(best.map { "\($0.objective)" } ?? "no assignment")")
    var proven = reachedBound()

    // 2b. The knapsack Lagrangian relaxation, aimed at the best assignment:
    //     a bound above the linear relaxation's on tight instances.
    var knapsack: GAPKnapsackLagrangian?
    if !proven, let b = best, (left() ?? 1) > 0.05 {
      let k = GAPKnapsackLagrangian.solve(
        instance, sense: sense, prices: lagrangian.prices, target: b.objective, steps: tuning.knapsackSteps,
        seconds: left().map { $0 * tuning.knapsackShare } ?? tuning.unlimitedKnapsackSeconds)
      // An ascent that could not settle in its share leaves the search out.
      if k.settled { knapsack = k }
      let kBound = integral(k.bound, sense)
      if bound.map({ better($0, kBound) }) ?? true { bound = kBound }
      log("knapsack Lagrangian \(String(format: "%.2f", k.bound)) in \(k.steps) steps\(k.settled ? "" : ", too slow to settle")")
      proven = reachedBound()
    }

    //     Then the Lagrangian search: branch and bound on the knapsack
    //     bound, which closes the tight instances whose linear relaxation
    //     (GLPK's) is ten or more units below their optimum.
    if !proven, let knapsack, (left() ?? 1) > 0.05 {
      proven = lagrangianSearch(
        instance, sense: sense, from: knapsack, seconds: left().map { $0 * tuning.searchShare }, best: &best)
      log("Lagrangian search \(proven ? "closed" : "open"): \(best.map { "\($0.objective)" } ?? "-")")
    }

    // 3. With the knapsack bound: the Lagrangian neighbourhood search, parts
    //    of the best assignment re-assigned by the same branch and bound.
    if !proven, let knapsack, best != nil, (left() ?? 1) > 0.05 {
      let outcome = lagrangianNeighbourhoods(
        instance, sense: sense, from: knapsack,
        seconds: left().map { $0 * tuning.lagrangianNeighbourhoodShare } ?? tuning.unlimitedNeighbourhoodSeconds,
        best: &best)
      log(
        "Lagrangian neighbourhood search, \(outcome.tried) sub-problems, \(outcome.improved) better, "
          + "\(outcome.closed) closed\(outcome.proven ? ", the last the whole problem" : ""): "
          + "\(best.map { "\($0.objective)" } ?? "-")")
      proven = outcome.proven || reachedBound()
    }

    // 3. Without it: relaxation induced neighbourhood search around the best assignment.
    let guide =
      relaxation
      ?? gap.values(of: GAPSolution(agentOfJob: lagrangian.agentOfJob, objective: 0))
    if !proven, knapsack == nil, let b = best, (left() ?? 1) > 0.05 {
      let found = SolveResult(
        termination: .limit(.time), values: gap.values(of: b), objective: Double(b.objective),
        bound: bound, seconds: 0, solver: solver.name)
      let limit = left().map { $0 * tuning.neighbourhoodShare } ?? tuning.unlimitedNeighbourhoodSeconds
      let improved = try solver.improveByRelaxation(
        gap.model, from: found, timeLimit: limit, rounds: tuning.neighbourhoodRounds, seed: seed,
        relaxation: guide, shouldStop: nil)
      _ = adopt(improved.values)
      log("neighbourhood search \(best.map { "\($0.objective)" } ?? "-")")
      proven = reachedBound()
    }

    // 4. Without it: the agent-subset search.
    if !proven, knapsack == nil, let b = best, (left() ?? 1) > 0.05 {
      let limit = left().map { $0 * tuning.subsetShare } ?? tuning.unlimitedSubsetSeconds
      let found = try subsetSearch(instance, sense: sense, from: b, seconds: limit, bound: bound)
      _ = adopt(found.map(gap.values(of:)))
      log("agent-subset search \(best.map { "\($0.objective)" } ?? "-")")
      proven = reachedBound()
    }

    // 5. With the knapsack bound: the Lagrangian search again, from the best
    //    assignment, to the limit (its reduced costs now rule out more).
    if !proven, let knapsack, (left() ?? 1) > 0.05 {
      proven = lagrangianSearch(instance, sense: sense, from: knapsack, seconds: left(), best: &best)
      log("Lagrangian search from the best \(proven ? "closed" : "open"): \(best.map { "\($0.objective)" } ?? "-")")
    }
    // 5. Without it: the exact search, warm-started, to the limit, on the assignments
    //    that could still beat the best one by the Lagrangian reduced costs;
    //    again, with fewer of them, each time it finds a better one.
    while !proven, (left() ?? 1) > 0.05 {
      let fixed = best.map { Self.excluded(instance, sense: sense, by: lagrangian, beating: $0.objective) } ?? []
      let restriction = gap.model.restricted(
        fixing: fixed, at: [Double](repeating: 0, count: gap.model.variables.count))
      let openJobs = Set(restriction.original.map { $0.index % instance.jobs })
      if let b = best, openJobs.count < instance.jobs {
        // Some job has no assignment left that could beat the best: it is optimal.
        proven = true
        log("exact search: \(fixed.count) of \(gap.model.variables.count) assignments excluded, \(b.objective) optimal")
        break
      }
      var options = SolveOptions(timeLimit: left(), seed: seed)
      let incumbent = best.map { Double($0.objective) }
      if let b = best {
        let start = gap.values(of: b)
        // A start the restriction cannot hold is no start: then GLPK presolves.
        if fixed.allSatisfy({ start[$0.index] == 0 }) { options.warmStart = restriction.project(start) }
      }
      // A better assignment excludes more pairs: stop and restrict again.
      let found = StopFlag()
      if let incumbent {
        let minimizing = sense == .minimize
        options.progress = { p in
          guard let x = p.incumbent else { return }
          if minimizing ? x < incumbent - 0.5 : x > incumbent + 0.5 { found.raise() }
        }
        options.shouldStop = { found.isRaised }
      }
      let exact = try solver.solve(restriction.model, options: options)
      let improved = adopt(exact.values.map(restriction.expand))
      // Nothing better than the best outside the restriction: its proof is the whole model's.
      let closed = exact.termination == .optimal || exact.termination == .infeasible
      if closed, best != nil { proven = true }
      if let b = exact.bound, let incumbent = best.map({ Double($0.objective) }), !found.isRaised {
        let global = integral(sense == .minimize ? min(incumbent, b) : max(incumbent, b), sense)
        if bound.map({ better($0, global) }) ?? true { bound = global }
      }
      if reachedBound() { proven = true }
      log("exact search on \(restriction.model.variables.count) of \(gap.model.variables.count) assignments \(exact.status) \(best.map { "\($0.objective)" } ?? "-")")
      if !(improved && found.isRaised) { break }
    }
    if proven, let b = best { bound = Double(b.objective) }
    return GAPAutoResult(solution: best, bound: bound, proven: proven, steps: steps)
  }

  /// Runs `GAPLagrangianSearch` from the knapsack multipliers and the best
  /// assignment for at most `seconds`; true when it closed every node.
  func lagrangianSearch(
    _ instance: GAPInstance, sense: ObjectiveSense, from knapsack: GAPKnapsackLagrangian, seconds: Double?,
    best: inout GAPSolution?
  ) -> Bool {
    var search = GAPLagrangianSearch(GAPCells(instance, sense: sense), incumbent: best?.agentOfJob)
    let clock = ContinuousClock()
    let closed = search.run(from: knapsack.multipliers, deadline: seconds.map { clock.now + .seconds($0) })
    take(search.best, of: instance, sense: sense, into: &best)
    return closed && best != nil
  }

  /// Runs `GAPLagrangianSearch.searchNeighbourhoods` from the knapsack
  /// multipliers and the best assignment (which it needs) for `seconds`.
  func lagrangianNeighbourhoods(
    _ instance: GAPInstance, sense: ObjectiveSense, from knapsack: GAPKnapsackLagrangian, seconds: Double,
    best: inout GAPSolution?
  ) -> GAPLagrangianSearch.NeighbourhoodOutcome {
    let cells = GAPCells(instance, sense: sense)
    let start = best?.agentOfJob
    let multipliers = knapsack.multipliers
    let deadline = ContinuousClock().now + .seconds(seconds)
    let seed = self.seed
    let lanes = max(1, tuning.neighbourhoodLanes)
    let results = LaneResults<(best: [Int]?, outcome: GAPLagrangianSearch.NeighbourhoodOutcome)>()
    let proven = StopFlag()
    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
      var search = GAPLagrangianSearch(cells, incumbent: start)
      // Lane 0 draws as a single search does; the others from seeds of their own.
      let laneSeed = seed ^ (UInt64(lane) &* 0x9E37_79B9_7F4A_7C15)
      let outcome = search.searchNeighbourhoods(
        from: multipliers, seed: laneSeed, deadline: deadline, stop: proven)
      results.set(lane, (search.best, outcome))
    }
    var outcome = GAPLagrangianSearch.NeighbourhoodOutcome()
    for lane in 0..<lanes {
      guard let result = results.get(lane) else { continue }
      take(result.best, of: instance, sense: sense, into: &best)
      outcome.tried += result.outcome.tried
      outcome.improved += result.outcome.improved
      outcome.closed += result.outcome.closed
      outcome.freed = max(outcome.freed, result.outcome.freed)
      outcome.proven = outcome.proven || result.outcome.proven
    }
    return outcome
  }

  /// Makes a search's assignment the best when it is one and better.
  private func take(_ found: [Int]?, of instance: GAPInstance, sense: ObjectiveSense, into best: inout GAPSolution?) {
    guard let found, instance.isFeasible(found) else { return }
    let objective = instance.cost(of: found)
    let improves = best.map { sense == .minimize ? objective < $0.objective : objective > $0.objective } ?? true
    if improves { best = GAPSolution(agentOfJob: found, objective: objective) }
  }

  /// Re-assigns the jobs of a few agents at a time among those agents, exactly.
  ///
  /// Sweeps the agents in a random order, `size` at a time; each sub-problem
  /// is a GAP of its own (the agents' jobs, the agents' capacities) that the
  /// exact solver solves from the current assignment. Stops after `seconds`,
  /// at the bound, after a sweep with every sub-problem proven and nothing
  /// improved at the largest size tried, or after `subsetIdleSweeps` sweeps
  /// in a row that improved nothing.
  func subsetSearch(
    _ instance: GAPInstance, sense: ObjectiveSense, from start: GAPSolution, seconds: Double,
    bound: Double?
  ) throws -> GAPSolution? {
    let m = instance.agents
    guard m >= 2 else { return nil }
    let clock = ContinuousClock()
    let began = clock.now
    func left() -> Double { seconds - (clock.now - began).inSeconds }
    var rng = SeededRandom(seed: seed ^ 0x5AB5_E7)
    var agentOfJob = start.agentOfJob
    var objective = start.objective
    var size = min(m, max(2, tuning.subsetAgents))
    var idleSweeps = 0
    while left() > 0.05 {
      var improved = false
      var allProven = true
      let order = rng.shuffled(Array(0..<m))
      var k = 0
      while k < m, left() > 0.05 {
        var agents = Array(order[k..<min(m, k + size)])
        // The last group of a sweep takes agents from the front to keep its size.
        var f = 0
        while agents.count < size, f < k {
          agents.append(order[f])
          f += 1
        }
        k += size
        let jobs = agentOfJob.indices.filter { agents.contains(agentOfJob[$0]) }
        guard !jobs.isEmpty else { continue }
        let sub = GAPInstance(
          name: instance.name,
          cost: agents.map { i in jobs.map { instance.cost[i][$0] } },
          resource: agents.map { i in jobs.map { instance.resource[i][$0] } },
          capacity: agents.map { instance.capacity[$0] })
        let model = GAPModel(sub, sense: sense)
        let current = jobs.map { j in agents.firstIndex(of: agentOfJob[j]) ?? 0 }
        let before = sub.cost(of: current)
        var options = SolveOptions(timeLimit: min(tuning.subsetSeconds, left()), seed: seed)
        options.warmStart = model.values(of: GAPSolution(agentOfJob: current, objective: before))
        let subStart = clock.now
        let result = try solver.solve(model.model, options: options)
        let took = (clock.now - subStart).inSeconds
        if result.termination == .optimal {
          if took < tuning.subsetQuickSeconds { size = min(m, size + 1) }
        } else {
          allProven = false
          if took >= tuning.subsetSeconds * 0.9 { size = max(2, size - 1) }
        }
        guard let values = result.values, let s = model.solution(from: values),
          sub.isFeasible(s.agentOfJob)
        else { continue }
        let gain = sense == .minimize ? before - s.objective : s.objective - before
        guard gain > 0 else { continue }
        for (position, j) in jobs.enumerated() { agentOfJob[j] = agents[s.agentOfJob[position]] }
        objective += sense == .minimize ? -gain : gain
        improved = true
        if let bound, Double(objective) == bound { return GAPSolution(agentOfJob: agentOfJob, objective: objective) }
      }
      idleSweeps = improved ? 0 : idleSweeps + 1
      if !improved && allProven && size == m { break }
      // Sweeps that change nothing leave the time to the exact search.
      if idleSweeps >= tuning.subsetIdleSweeps { break }
      if !improved && allProven { size = min(m, size + 1) }
    }
    return GAPSolution(agentOfJob: agentOfJob, objective: objective)
  }

  /// The assignments no assignment better than `incumbent` can use.
  ///
  /// With the Lagrangian prices λ, every assignment that gives job j to
  /// agent i costs at least `L(λ) + rc[i][j]`, where rc is the reduced cost
  /// `c[i][j] + λ[i] r[i][j] − min_k (c[k][j] + λ[k] r[k][j])` (minimisation
  /// form). Costs are integers, so one better than `incumbent` costs at most
  /// `incumbent − 1`: the pairs above that cannot be in it.
  static func excluded(
    _ instance: GAPInstance, sense: ObjectiveSense, by lagrangian: GAPLagrangian, beating incumbent: Int
  ) -> Set<Variable> {
    let m = instance.agents
    let n = instance.jobs
    guard lagrangian.prices.count == m, m > 0 else { return [] }
    let sign = sense == .maximize ? -1.0 : 1.0
    let bound = sign * lagrangian.bound
    let limit = sign * Double(incumbent) - 1 + 1e-6
    var fixed = Set<Variable>()
    for j in 0..<n {
      let priced = (0..<m).map { sign * Double(instance.cost[$0][j]) + lagrangian.prices[$0] * Double(instance.resource[$0][j]) }
      let least = priced.min() ?? 0
      for i in 0..<m where bound + (priced[i] - least) > limit { fixed.insert(Variable(index: i * n + j)) }
    }
    return fixed
  }

  /// A bound rounded to the integer on its side (costs are integers).
  private func integral(_ value: Double, _ sense: ObjectiveSense) -> Double {
    sense == .minimize ? (value - 1e-6).rounded(.up) : (value + 1e-6).rounded(.down)
  }

  /// Each job's agent of largest relaxation value (the lowest agent on ties).
  static func rounded(_ values: [Double], agents m: Int, jobs n: Int) -> [Int] {
    (0..<n).map { j in
      var best = 0
      for i in 1..<max(m, 1) where values[i * n + j] > values[best * n + j] + 1e-9 { best = i }
      return best
    }
  }
}

/// Each lane's result of searches run side by side on their threads.
final class LaneResults<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Int: Value] = [:]
  func set(_ lane: Int, _ value: Value) { lock.withLock { values[lane] = value } }
  func get(_ lane: Int) -> Value? { lock.withLock { values[lane] } }
}
