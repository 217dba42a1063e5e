import Foundation
import MIPModel
import Randomness

/// A pure-Swift heuristic for the generalized assignment problem (GAP).
///
/// Two phases:
/// 1. **Construction** in the manner of Martello and Toth (MTH): for several
///    desirability measures (cost, cost × resource, resource, resource over
///    capacity, cost per unit of resource), jobs are placed in decreasing order
///    of *regret* — the difference between the best and second-best agent that
///    still has room — so the job with the fewest good options goes first;
///    each construction is then improved by single shifts. The best feasible
///    construction is kept; if none is feasible, the least-overloaded one seeds
///    the search.
/// 2. **Tabu search** over shift (one job to another agent) and swap (two jobs
///    of different agents trade places) moves, with strategic oscillation:
///    capacity overload is allowed at an adaptive penalty per unit, raised
///    while the current assignment is infeasible and lowered while it is
///    feasible. Moving a job back to an agent it just left is tabu for a
///    randomised tenure, unless the move yields a new best feasible assignment.
///    After a long run without improvement the search restarts from the best
///    assignment with a short random perturbation.
///
/// The search stops at the iteration limit, at the time limit, or when it
/// reaches the trivial bound (every job at its cheapest agent). The same
/// instance, seed and iteration limit give the same solution; a time limit can
/// only cut the search short.
public struct GAPGreedySolver: Sendable {
  /// Seed of the search's pseudo-random choices (tabu tenure, ties, restarts).
  public var seed: UInt64
  /// Wall-clock limit in seconds for the whole solve; nil for none.
  public var timeLimit: Double?
  /// Tabu-search iterations; nil picks a default from the instance's size
  /// (`defaultIterations(agents:jobs:)`).
  public var iterationLimit: Int?
  /// An assignment (agent per job, 0-based) the tabu search starts from
  /// instead of the best construction, e.g. the linear relaxation rounded;
  /// it may overload agents (the search repairs it). Ignored unless it gives
  /// every job a valid agent.
  public var start: [Int]?
  /// Prices per unit of each agent's resource (e.g. the Lagrangian
  /// relaxation's, in minimisation form): when given, the construction ranks
  /// agents by cost plus priced resource and by cost alone only, instead of
  /// the five measures. Ignored unless there is one per agent.
  public var prices: [Double]?

  /// A solver with a seed and an optional wall-clock limit in seconds.
  public init(seed: UInt64 = 1, timeLimit: Double? = nil) {
    self.seed = seed
    self.timeLimit = timeLimit
    self.iterationLimit = nil
  }

  /// A solver with a seed, an optional wall-clock limit in seconds and a fixed
  /// number of tabu-search iterations (0: construction and shift descent only).
  public init(seed: UInt64 = 1, timeLimit: Double? = nil, iterationLimit: Int) {
    self.seed = seed
    self.timeLimit = timeLimit
    self.iterationLimit = max(0, iterationLimit)
  }

  /// The default number of tabu-search iterations for an instance size:
  /// `30 × jobs + 1,500`, so 1,950-3,300 on gap1-12 and 4,500-7,500 on gapa-d.
  public static func defaultIterations(agents: Int, jobs: Int) -> Int {
    30 * jobs + 1_500
  }

  /// Solves `instance` in `sense` (OR-Library gap1-12 are maximised, gapa-d
  /// minimised). Returns nil only when no feasible assignment was found: every
  /// job at exactly one agent, no agent over capacity.
  public func solve(_ instance: GAPInstance, sense: ObjectiveSense) -> GAPSolution? {
    let m = instance.agents
    let n = instance.jobs
    guard m > 0 else { return n == 0 ? GAPSolution(agentOfJob: [], objective: 0) : nil }
    guard n > 0 else { return GAPSolution(agentOfJob: [], objective: 0) }
    guard instance.cost.count == m, instance.resource.count == m,
      instance.cost.allSatisfy({ $0.count == n }),
      instance.resource.allSatisfy({ $0.count == n })
    else { return nil }
    var search = GAPSearch(instance: instance, sense: sense, seed: seed)
    let iterations = iterationLimit ?? Self.defaultIterations(agents: m, jobs: n)
    let deadline = timeLimit.map { DispatchTime.now().uptimeNanoseconds + UInt64(max(0, $0) * 1e9) }
    let start = self.start.flatMap { s in
      s.count == n && s.allSatisfy { (0..<m).contains($0) } ? s : nil
    }
    let prices = self.prices.flatMap { $0.count == m ? $0 : nil }
    guard
      let best = search.run(
        iterations: iterations, deadline: deadline, start: start,
        startFits: start.map(instance.isFeasible) ?? false, prices: prices)
    else {
      return nil
    }
    var objective = 0
    for j in 0..<n { objective += instance.cost[best[j]][j] }
    return GAPSolution(agentOfJob: best, objective: objective)
  }
}

/// An instance in minimisation form, job-major: what the greedy and the
/// Lagrangian relaxation read, one cell after another.
struct GAPCells {
  let m: Int
  let n: Int
  /// `cost[j * m + i]`, negated when maximising, so lower is always better.
  let cost: [Int]
  /// `res[j * m + i]`.
  let res: [Int]
  let cap: [Int]

  init(_ instance: GAPInstance, sense: ObjectiveSense) {
    m = instance.agents
    n = instance.jobs
    var c = [Int](repeating: 0, count: m * n)
    var r = [Int](repeating: 0, count: m * n)
    let sign = sense == .maximize ? -1 : 1
    for i in 0..<m {
      for j in 0..<n {
        c[j * m + i] = sign * instance.cost[i][j]
        r[j * m + i] = instance.resource[i][j]
      }
    }
    cost = c
    res = r
    cap = instance.capacity
  }
}

/// The GAP search state, in minimisation form and job-major flat arrays.
struct GAPSearch {
  let m: Int
  let n: Int
  /// `cost[j * m + i]`, negated when maximising, so lower is always better.
  let cost: [Int]
  /// `res[j * m + i]`.
  let res: [Int]
  let cap: [Int]
  var rng: SeededRandom

  init(instance: GAPInstance, sense: ObjectiveSense, seed: UInt64) {
    let cells = GAPCells(instance, sense: sense)
    m = cells.m
    n = cells.n
    cost = cells.cost
    res = cells.res
    cap = cells.cap
    rng = SeededRandom(seed: seed ^ 0x5EC0_4D3E_47A1_0001)
  }

  private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

  // MARK: - Construction

  /// One MTH construction with desirability `f(j, i)` (lower is better).
  /// Returns nil when some job finds no agent with room.
  func construct(_ f: (Int, Int) -> Double) -> [Int]? {
    var residual = cap
    var agent = [Int](repeating: -1, count: n)
    var unassigned = Array(0..<n)
    while !unassigned.isEmpty {
      var pickPos = -1
      var pickAgent = -1
      var pickRegret = -Double.infinity
      for (pos, j) in unassigned.enumerated() {
        var best = Double.infinity
        var second = Double.infinity
        var bestAgent = -1
        for i in 0..<m where res[j * m + i] <= residual[i] {
          let v = f(j, i)
          if v < best {
            second = best
            best = v
            bestAgent = i
          } else if v < second {
            second = v
          }
        }
        if bestAgent < 0 { return nil }
        let regret = second == .infinity ? Double.greatestFiniteMagnitude : second - best
        if regret > pickRegret {
          pickRegret = regret
          pickPos = pos
          pickAgent = bestAgent
        }
      }
      let j = unassigned[pickPos]
      agent[j] = pickAgent
      residual[pickAgent] -= res[j * m + pickAgent]
      unassigned.remove(at: pickPos)
    }
    // MTH improvement: move each job to the cheapest agent that has room.
    for j in 0..<n {
      let i = agent[j]
      var bestAgent = i
      var bestCost = cost[j * m + i]
      for k in 0..<m where k != i && res[j * m + k] <= residual[k] && cost[j * m + k] < bestCost {
        bestCost = cost[j * m + k]
        bestAgent = k
      }
      if bestAgent != i {
        residual[i] += res[j * m + i]
        residual[bestAgent] -= res[j * m + bestAgent]
        agent[j] = bestAgent
      }
    }
    return agent
  }

  /// A start for the search when no construction is feasible: each job, in
  /// decreasing order of its smallest resource, to the agent where it
  /// overloads least (then cheapest).
  func leastOverload() -> [Int] {
    var load = [Int](repeating: 0, count: m)
    var agent = [Int](repeating: 0, count: n)
    let order = (0..<n).sorted { a, b in
      let ra = (0..<m).map { res[a * m + $0] }.min() ?? 0
      let rb = (0..<m).map { res[b * m + $0] }.min() ?? 0
      return ra != rb ? ra > rb : a < b
    }
    for j in order {
      var best = 0
      var bestKey = (Int.max, Int.max)
      for i in 0..<m {
        let over = max(0, load[i] + res[j * m + i] - cap[i])
        let key = (over, cost[j * m + i])
        if key < bestKey {
          bestKey = key
          best = i
        }
      }
      agent[j] = best
      load[best] += res[j * m + best]
    }
    return agent
  }

  func totalCost(_ agent: [Int]) -> Int {
    var s = 0
    for j in 0..<n { s += cost[j * m + agent[j]] }
    return s
  }

  // MARK: - Tabu search

  /// Runs construction and tabu search; returns the best feasible assignment.
  mutating func run(
    iterations: Int, deadline: UInt64?, start given: [Int]? = nil, startFits: Bool = false,
    prices: [Double]? = nil
  ) -> [Int]? {
    // Trivial bound: every job at its cheapest agent.
    var bound = 0
    for j in 0..<n {
      var b = Int.max
      for i in 0..<m { b = min(b, cost[j * m + i]) }
      bound += b
    }
    let c = cost
    let r = res
    let b = cap
    let mm = m
    var measures: [(Int, Int) -> Double] = [
      { j, i in Double(c[j * mm + i]) },
      { j, i in Double(c[j * mm + i]) * Double(max(r[j * mm + i], 1)) },
      { j, i in Double(r[j * mm + i]) },
      { j, i in Double(r[j * mm + i]) / Double(max(b[i], 1)) },
      { j, i in
        // Cost per unit of resource, made sign-safe: shift costs to be positive.
        Double(c[j * mm + i] + 1_000_000) / Double(max(r[j * mm + i], 1))
      },
    ]
    if let prices {
      measures = [
        { j, i in Double(c[j * mm + i]) + prices[i] * Double(r[j * mm + i]) },
        measures[0],
      ]
    }
    var bestAgent: [Int]? = nil
    var bestCost = Int.max
    for f in measures {
      if let a = construct(f) {
        let v = totalCost(a)
        if v < bestCost {
          bestCost = v
          bestAgent = a
        }
      }
    }
    if let given, startFits, totalCost(given) < bestCost {
      bestCost = totalCost(given)
      bestAgent = given
    }
    if bestCost == bound || iterations == 0 { return bestAgent }
    let start = given ?? bestAgent ?? leastOverload()
    return tabu(start: start, bestFeasible: bestAgent, bestFeasibleCost: bestCost, bound: bound,
      iterations: iterations, deadline: deadline)
  }

  /// Whether a candidate of `delta` replaces the one chosen so far (`best`):
  /// a better one always, a tie with probability 1/ties, so every tied
  /// candidate is equally likely to be kept.
  @inline(__always)
  mutating func prefer(_ delta: Double, over best: inout Double, ties: inout Int) -> Bool {
    if delta < best - 1e-9 {
      best = delta
      ties = 1
      return true
    }
    ties += 1
    return rng.below(ties) == 0
  }

  /// The tabu search's state: an assignment (agent per job), each agent's
  /// load, the total overload and cost, the tabu list and the overload penalty.
  struct TabuState {
    var agent: [Int]
    var load: [Int]
    var excess: Int
    var current: Int
    /// tabuUntil[j * m + i]: the iteration until which moving job j back to agent i is tabu.
    var tabuUntil: [Int]
    /// Penalty per unit of overload (strategic oscillation).
    var alpha: Double
  }

  /// A move of the tabu search.
  enum TabuMove {
    /// Job `job` to agent `agent`.
    case shift(job: Int, agent: Int)
    /// Two jobs of different agents trade places.
    case swap(Int, Int)
  }

  /// The best move of a scan so far: its delta (cost plus penalised
  /// overload) and how many moves tied at it.
  struct MoveChoice {
    var move: TabuMove?
    var delta = Double.infinity
    var ties = 0
  }

  /// Jobs grouped by agent (`members[start[i]..<start[i + 1]]`) and the swap scan's buffers.
  struct TabuBuffers {
    var start: [Int]
    var fill: [Int]
    var members: [Int]
    var a2: [Int]
    var x2: [Int]
    var y2: [Int]

    init(m: Int, n: Int) {
      start = [Int](repeating: 0, count: m + 1)
      fill = [Int](repeating: 0, count: m)
      members = [Int](repeating: 0, count: n)
      a2 = [Int](repeating: 0, count: n)
      x2 = a2
      y2 = a2
    }

    /// Groups the jobs by agent (counting sort).
    mutating func group(_ agent: [Int], m: Int) {
      for i in 0..<m { start[i + 1] = 0 }
      for j in agent.indices { start[agent[j] + 1] += 1 }
      for i in 0..<m { start[i + 1] += start[i] }
      for i in 0..<m { fill[i] = start[i] }
      for j in agent.indices {
        members[fill[agent[j]]] = j
        fill[agent[j]] += 1
      }
    }
  }

  /// The tabu state of an assignment: loads, overload and cost from scratch.
  func tabuState(_ agent: [Int], alpha: Double) -> TabuState {
    var load = [Int](repeating: 0, count: m)
    for j in 0..<n { load[agent[j]] += res[j * m + agent[j]] }
    var excess = 0
    for i in 0..<m { excess += max(0, load[i] - cap[i]) }
    return TabuState(
      agent: agent, load: load, excess: excess, current: totalCost(agent),
      tabuUntil: [Int](repeating: 0, count: n * m), alpha: alpha)
  }

  /// The first penalty per unit of overload: the mean cost spread per unit resource.
  func initialPenalty() -> Double {
    var spread = 0.0
    var resSum = 0.0
    for j in 0..<n {
      var lo = Int.max
      var hi = Int.min
      for i in 0..<m {
        lo = min(lo, cost[j * m + i])
        hi = max(hi, cost[j * m + i])
        resSum += Double(res[j * m + i])
      }
      spread += Double(hi - lo)
    }
    return max(0.01, (spread / Double(n)) / max(1, resSum / Double(n * m)))
  }

  mutating func tabu(
    start: [Int], bestFeasible: [Int]?, bestFeasibleCost: Int, bound: Int, iterations: Int,
    deadline: UInt64?
  ) -> [Int]? {
    let alpha0 = initialPenalty()
    var state = tabuState(start, alpha: alpha0)
    var best = bestFeasible
    var bestCost = bestFeasibleCost
    if state.excess == 0 && state.current < bestCost {
      best = state.agent
      bestCost = state.current
    }
    let alphaMin = alpha0 * 0.01
    let alphaMax = alpha0 * 100
    let tenureBase = max(3, m / 2 + n / 20)
    let tenureSpread = max(2, n / 10)
    var buffers = TabuBuffers(m: m, n: n)
    var sinceImprovement = 0
    let restartAfter = max(500, 10 * n)

    var iter = 0
    while iter < iterations {
      iter += 1
      if let deadline, iter & 15 == 0, Self.now() >= deadline { break }
      if bestCost == bound { break }
      buffers.group(state.agent, m: m)
      var choice = MoveChoice()
      bestShift(state, iteration: iter, bestCost: bestCost, &choice)
      bestSwap(state, iteration: iter, bestCost: bestCost, &buffers, &choice)
      guard let move = choice.move else { break }  // Everything tabu and nothing aspirates: stop.
      let tenure = iter + tenureBase
      switch move {
      case .shift(let j, let k):
        shift(j, to: k, &state, tabuUntil: tenure + rng.below(tenureSpread))
      case .swap(let j1, let j2):
        let i1 = state.agent[j1]
        let i2 = state.agent[j2]
        shift(j1, to: i2, &state, tabuUntil: tenure + rng.below(tenureSpread))
        shift(j2, to: i1, &state, tabuUntil: tenure + rng.below(tenureSpread))
      }

      if state.excess == 0 && state.current < bestCost {
        bestCost = state.current
        best = state.agent
        sinceImprovement = 0
      } else {
        sinceImprovement += 1
      }
      // Strategic oscillation: make overload dearer while infeasible.
      state.alpha =
        state.excess > 0 ? min(alphaMax, state.alpha * 1.1) : max(alphaMin, state.alpha / 1.1)

      if sinceImprovement >= restartAfter, let b = best {
        // Restart from the best assignment, perturbed by a few random shifts.
        sinceImprovement = 0
        var agent = b
        for _ in 0..<max(2, n / 20) {
          let j = rng.below(n)
          let k = rng.below(m)
          agent[j] = k
        }
        state = tabuState(agent, alpha: alpha0)
      }
    }
    return best
  }

  /// Moves job j to agent k and makes moving it back tabu until iteration `until`.
  private func shift(_ j: Int, to k: Int, _ state: inout TabuState, tabuUntil until: Int) {
    let i = state.agent[j]
    state.excess -= max(0, state.load[i] - cap[i]) + max(0, state.load[k] - cap[k])
    state.load[i] -= res[j * m + i]
    state.load[k] += res[j * m + k]
    state.excess += max(0, state.load[i] - cap[i]) + max(0, state.load[k] - cap[k])
    state.current += cost[j * m + k] - cost[j * m + i]
    state.agent[j] = k
    state.tabuUntil[j * m + i] = until
  }

  /// The best shift (one job to another agent) by cost plus penalised
  /// overload, not tabu unless it gives a new best feasible assignment,
  /// into `choice`.
  private mutating func bestShift(
    _ state: TabuState, iteration it: Int, bestCost bc: Int, _ choice: inout MoveChoice
  ) {
    let m = self.m
    let a = state.alpha
    let agent = state.agent
    let load = state.load
    cost.withUnsafeBufferPointer { cost in
      res.withUnsafeBufferPointer { res in
        cap.withUnsafeBufferPointer { cap in
          state.tabuUntil.withUnsafeBufferPointer { tabu in
            for j in 0..<n {
              let i = agent[j]
              let base = j * m
              let ci = cost[base + i]
              let li = load[i]
              let dOutI = max(0, li - res[base + i] - cap[i]) - max(0, li - cap[i])
              for k in 0..<m where k != i {
                let dCost = cost[base + k] - ci
                let lk = load[k]
                let dPen = dOutI + max(0, lk + res[base + k] - cap[k]) - max(0, lk - cap[k])
                let delta = Double(dCost) + a * Double(dPen)
                if delta > choice.delta + 1e-9 { continue }
                if tabu[base + k] > it {
                  // Aspiration: a new best feasible assignment.
                  guard state.excess + dPen == 0, state.current + dCost < bc else { continue }
                }
                guard prefer(delta, over: &choice.delta, ties: &choice.ties) else { continue }
                choice.move = .shift(job: j, agent: k)
              }
            }
          }
        }
      }
    }
  }

  /// The best swap (two jobs of different agents trade places), scanned one
  /// pair of agents at a time, into `choice` when better than its move (or tied and drawn).
  private mutating func bestSwap(
    _ state: TabuState, iteration it: Int, bestCost bc: Int, _ buffers: inout TabuBuffers,
    _ choice: inout MoveChoice
  ) {
    let load = state.load
    let start = buffers.start
    let m = self.m
    let a = state.alpha
    // The scan's buffers, taken out of `buffers` (no copy) and put back after.
    var a2Buf: [Int] = []
    var x2Buf: [Int] = []
    var y2Buf: [Int] = []
    swap(&a2Buf, &buffers.a2)
    swap(&x2Buf, &buffers.x2)
    swap(&y2Buf, &buffers.y2)
    cost.withUnsafeBufferPointer { cost in
      res.withUnsafeBufferPointer { res in
        cap.withUnsafeBufferPointer { cap in
          state.tabuUntil.withUnsafeBufferPointer { tabu in
            buffers.members.withUnsafeBufferPointer { members in
              for i1 in 0..<m {
                let s1 = start[i1]
                let e1 = start[i1 + 1]
                if s1 == e1 { continue }
                for i2 in (i1 + 1)..<m {
                  let s2 = start[i2]
                  let e2 = start[i2 + 1]
                  if s2 == e2 { continue }
                  let l1 = load[i1]
                  let l2 = load[i2]
                  let b1 = cap[i1]
                  let b2 = cap[i2]
                  let overNow = max(0, l1 - b1) + max(0, l2 - b2)
                  // Second agent's jobs: cost change, resource into i1, out of i2.
                  var minA2 = Int.max
                  var q = 0
                  for x in s2..<e2 {
                    let j2 = members[x]
                    let a2 = cost[j2 * m + i1] - cost[j2 * m + i2]
                    a2Buf[q] = a2
                    x2Buf[q] = res[j2 * m + i1]
                    y2Buf[q] = res[j2 * m + i2]
                    minA2 = min(minA2, a2)
                    q += 1
                  }
                  let penFloor = -a * Double(overNow)
                  for x in s1..<e1 {
                    let j1 = members[x]
                    let a1 = cost[j1 * m + i2] - cost[j1 * m + i1]
                    if Double(a1 + minA2) + penFloor > choice.delta + 1e-9 { continue }
                    let base1 = l1 - res[j1 * m + i1]
                    let base2 = l2 + res[j1 * m + i2]
                    let tabu1 = tabu[j1 * m + i2] > it
                    for y in 0..<q {
                      let dCost = a1 + a2Buf[y]
                      let dPen =
                        max(0, base1 + x2Buf[y] - b1) + max(0, base2 - y2Buf[y] - b2) - overNow
                      let delta = Double(dCost) + a * Double(dPen)
                      if delta > choice.delta + 1e-9 { continue }
                      let j2 = members[s2 + y]
                      if tabu1 || tabu[j2 * m + i1] > it {
                        guard state.excess + dPen == 0, state.current + dCost < bc else { continue }
                      }
                      guard prefer(delta, over: &choice.delta, ties: &choice.ties) else { continue }
                      choice.move = .swap(j1, j2)
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    swap(&a2Buf, &buffers.a2)
    swap(&x2Buf, &buffers.x2)
    swap(&y2Buf, &buffers.y2)
  }
}
