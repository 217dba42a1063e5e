import Foundation
import MIPModel

/// The GAP's Lagrangian relaxation of the assignments: one knapsack per agent.
///
/// With a multiplier `u[j]` per job (free in sign), each agent keeps the
/// jobs of most `Σ (u[j] − c[i][j])` that fit its capacity (a 0-1 knapsack,
/// solved exactly by dynamic programming over the integer capacity), and
/// `L(u) = Σ_j u[j] − Σ_i K_i(u)`, where `K_i(u)` is agent i's most profit,
/// is a lower bound for every u (in minimisation form). Its maximum equals
/// the linear relaxation of the set-partitioning model (one column per
/// feasible set of jobs of an agent): at least the linear relaxation's
/// optimum of the assignment model and, on tight instances (types B to D),
/// above it.
///
/// Starting from the capacity prices of `GAPLagrangian` (each job's
/// multiplier its least priced cost), the first bound is already at least
/// that relaxation's.
public struct GAPKnapsackLagrangian: Sendable {
  /// The best bound found, in the instance's sense, not rounded.
  public var bound: Double
  /// The multipliers `u[j]` at the best bound, in minimisation form.
  public var multipliers: [Double]
  /// Subgradient steps taken.
  public var steps: Int
  /// Whether the ascent settled (its step size fell to its end, or the
  /// bound met the target) rather than running out of steps or time; false
  /// also when one step was too slow for the ascent to settle within
  /// `seconds` (`settlingSteps` steps), and it stopped after that step.
  public var settled: Bool

  /// The subgradient steps `solve` takes at most unless told otherwise.
  public static let defaultSteps = 20_000
  /// Steps the ascent takes to settle on the OR-Library's instances (500 to
  /// 900 on gapa-d): with a time limit, an ascent whose first step shows it
  /// cannot take this many stops there.
  public static let settlingSteps = 800

  /// Maximises L(u) by subgradient steps towards `target`.
  ///
  /// - Parameters:
  ///   - prices: capacity prices (minimisation form, ≥ 0) to start from, as
  ///     `GAPLagrangian.prices`; nil starts from each job's least cost.
  ///   - target: the objective of a known assignment (in the instance's
  ///     sense); Polyak's step aims at it, and the search ends when the
  ///     bound rounded to an integer reaches it (that assignment is then
  ///     optimal). Without one, the step aims 1% above the best bound.
  ///   - steps: at most this many steps; `seconds`: at most this long.
  ///
  /// The step's factor θ starts at 1 and halves after 30 steps without a
  /// better bound; the search ends when it falls below 1e-3.
  public static func solve(
    _ instance: GAPInstance, sense: ObjectiveSense, prices: [Double]? = nil, target: Int? = nil,
    steps limit: Int = defaultSteps, seconds: Double? = nil
  ) -> GAPKnapsackLagrangian {
    let cells = GAPCells(instance, sense: sense)
    let m = cells.m
    let n = cells.n
    let sign = sense == .maximize ? -1.0 : 1.0
    guard m > 0, n > 0 else { return GAPKnapsackLagrangian(bound: 0, multipliers: [], steps: 0, settled: true) }
    var u = [Double](repeating: 0, count: n)
    for j in 0..<n {
      var least = Double.infinity
      for i in 0..<m {
        let price = prices.map { $0.count == m ? $0[i] : 0 } ?? 0
        least = min(least, Double(cells.cost[j * m + i]) + price * Double(cells.res[j * m + i]))
      }
      u[j] = least
    }
    let clock = ContinuousClock()
    let began = clock.now
    let deadline = seconds.map { began + .seconds($0) }
    let goal = target.map { sign * Double($0) }
    let node = GAPNode(cells)
    var schedule = GAPAscent.Schedule(theta: 1, patience: 30, smallestTheta: 1e-3, steps: 1)
    // One step first: its time tells whether the ascent can settle at all.
    guard let first = GAPAscent.climb(cells, node: node, from: u, goal: goal, schedule: schedule, deadline: nil)
    else { return GAPKnapsackLagrangian(bound: sign * .infinity, multipliers: u, steps: 1, settled: true) }
    if let seconds, (clock.now - began).inSeconds * Double(settlingSteps) > seconds {
      return GAPKnapsackLagrangian(bound: sign * first.bound, multipliers: first.multipliers, steps: 1, settled: false)
    }
    schedule.steps = limit
    let ascent = GAPAscent.climb(cells, node: node, from: u, goal: goal, schedule: schedule, deadline: deadline)
    guard let ascent else { return GAPKnapsackLagrangian(bound: sign * .infinity, multipliers: u, steps: 1, settled: true) }
    return GAPKnapsackLagrangian(
      bound: sign * ascent.bound, multipliers: ascent.multipliers, steps: ascent.steps, settled: ascent.settled)
  }
}

/// A sub-problem of the GAP: which agents each job may still go to.
///
/// A job with one agent left is fixed there; its resource comes off that
/// agent's capacity and its cost is a constant of every bound below.
struct GAPNode {
  /// `allowed[j * m + i]`: job j may go to agent i.
  var allowed: [Bool]
  /// Each job's agent when it has one left, else −1.
  var agentOf: [Int]

  /// The whole problem: every pair allowed.
  init(_ cells: GAPCells) {
    allowed = [Bool](repeating: true, count: cells.m * cells.n)
    agentOf = [Int](repeating: -1, count: cells.n)
    for j in 0..<cells.n where cells.m == 1 { agentOf[j] = 0 }
  }

  /// Agent i's capacity left by its fixed jobs (negative: the node is infeasible).
  func room(_ cells: GAPCells, agent i: Int) -> Int {
    var room = cells.cap[i]
    for j in 0..<cells.n where agentOf[j] == i { room -= cells.res[j * cells.m + i] }
    return room
  }

  /// Takes agent i out of job j's choices; false when the job has none left.
  mutating func exclude(_ cells: GAPCells, agent i: Int, job j: Int) -> Bool {
    let m = cells.m
    allowed[j * m + i] = false
    var left = -1
    var count = 0
    for k in 0..<m where allowed[j * m + k] {
      count += 1
      left = k
    }
    if count == 1 { agentOf[j] = left }
    return count > 0
  }

  /// Fixes job j at agent i.
  mutating func fix(_ cells: GAPCells, agent i: Int, job j: Int) {
    let m = cells.m
    for k in 0..<m { allowed[j * m + k] = k == i }
    agentOf[j] = i
  }

  /// The pairs no assignment of this node costing at most `limit` can use
  /// (`excluded`), and those it must use (`forced`), at the multipliers
  /// whose bound is `bound` (minimisation form).
  ///
  /// Forcing job j onto agent i changes only agent i's knapsack: the bound
  /// of the assignments that use the pair is `L(u) + K_i(u) − K_i(u | j in)`,
  /// and of those that do not, `L(u) + K_i(u) − K_i(u | j out)`. Costs are
  /// integers, so an assignment better than one of cost C costs at most
  /// `limit` = C − 1: a pair whose bound with it is above that is excluded,
  /// one whose bound without it is above that is forced.
  func fixings(
    _ cells: GAPCells, multipliers: [Double], bound: Double, limit: Double,
    deadline: ContinuousClock.Instant? = nil
  ) -> (excluded: [(agent: Int, job: Int)], forced: [(agent: Int, job: Int)]) {
    var excluded: [(agent: Int, job: Int)] = []
    var forced: [(agent: Int, job: Int)] = []
    var knapsack = AgentKnapsack(cells)
    let edge = limit + 1e-6
    let clock = ContinuousClock()
    for i in 0..<cells.m {
      // Past the deadline, the agents done so far: fewer fixings, all sound.
      if let deadline, clock.now >= deadline { break }
      let room = room(cells, agent: i)
      guard room >= 0 else { continue }
      let change = knapsack.changes(agent: i, room: room, node: self, multipliers: multipliers)
      for j in 0..<cells.n where agentOf[j] < 0 && allowed[j * cells.m + i] {
        if bound + change.with[j] > edge { excluded.append((i, j)) }
        if bound + change.without[j] > edge { forced.append((i, j)) }
      }
    }
    return (excluded, forced)
  }
}

/// Subgradient ascent of the knapsack Lagrangian bound at one node.
enum GAPAscent {
  /// How θ, the factor of Polyak's step, moves.
  struct Schedule {
    var theta: Double
    /// Steps without a better bound after which θ halves.
    var patience: Int
    /// θ under which the ascent ends.
    var smallestTheta: Double
    /// Most steps.
    var steps: Int
  }

  /// Where an ascent ended.
  struct Outcome {
    /// The best bound, minimisation form, not rounded.
    var bound: Double
    var multipliers: [Double]
    /// Each agent's jobs (free jobs only) at the best multipliers.
    var chosen: [[Int]]
    var steps: Int
    /// Whether the knapsacks at the best multipliers take every free job
    /// exactly once: an assignment whose cost is `bound`.
    var exact: Bool
    /// Whether the ascent ended by θ, the goal or an exact cover rather
    /// than by its steps or the deadline.
    var settled = false
  }

  /// Climbs from `u`; nil when the node's fixed jobs overload an agent.
  ///
  /// Ends at `schedule`'s limits, at `deadline`, when the bound rounded up
  /// reaches `goal` (the node cannot beat it), or at an exact cover.
  static func climb(
    _ cells: GAPCells, node: GAPNode, from start: [Double], goal: Double?, schedule: Schedule,
    deadline: ContinuousClock.Instant?
  ) -> Outcome? {
    let m = cells.m
    let n = cells.n
    var rooms = [Int](repeating: 0, count: m)
    for i in 0..<m {
      rooms[i] = node.room(cells, agent: i)
      if rooms[i] < 0 { return nil }
    }
    var constant = 0.0
    for j in 0..<n where node.agentOf[j] >= 0 { constant += Double(cells.cost[j * m + node.agentOf[j]]) }
    var knapsack = AgentKnapsack(cells)
    var u = start
    var best = Outcome(bound: -.infinity, multipliers: u, chosen: [], steps: 0, exact: false)
    var theta = schedule.theta
    var sinceBetter = 0
    var steps = 0
    var covered = [Int](repeating: 0, count: n)
    let clock = ContinuousClock()
    var settled = false
    while steps < schedule.steps {
      if theta < schedule.smallestTheta {
        settled = true
        break
      }
      if let deadline, clock.now >= deadline { break }
      steps += 1
      for j in 0..<n { covered[j] = 0 }
      var value = constant
      for j in 0..<n where node.agentOf[j] < 0 { value += u[j] }
      var chosen: [[Int]] = []
      chosen.reserveCapacity(m)
      for i in 0..<m {
        let (profit, jobs) = knapsack.best(agent: i, room: rooms[i], node: node, multipliers: u)
        value -= profit
        for j in jobs { covered[j] += 1 }
        chosen.append(jobs)
      }
      var norm = 0.0
      for j in 0..<n where node.agentOf[j] < 0 {
        let g = Double(1 - covered[j])
        norm += g * g
      }
      if value > best.bound + 1e-9 || norm == 0 {
        best = Outcome(bound: value, multipliers: u, chosen: chosen, steps: steps, exact: norm == 0)
        sinceBetter = 0
        // Costs are integers: a bound within one of the goal reaches it.
        if norm == 0 || goal.map({ (value - 1e-6).rounded(.up) >= $0 }) == true {
          settled = true
          break
        }
      } else {
        sinceBetter += 1
        if sinceBetter >= schedule.patience {
          theta /= 2
          sinceBetter = 0
        }
      }
      let aim = goal ?? (best.bound + max(1, 0.01 * abs(best.bound)))
      let t = theta * max(aim - value, 1e-3 * max(1, abs(value))) / norm
      for j in 0..<n where node.agentOf[j] < 0 { u[j] += t * Double(1 - covered[j]) }
    }
    best.steps = steps
    best.settled = settled
    return best
  }
}

/// One agent's 0-1 knapsack at the multipliers: the free jobs of most
/// `u[j] − c[i][j]` it may take within its room, by dynamic programming
/// over the capacity (resources and capacities are integers). Buffers are
/// reused from agent to agent and step to step.
struct AgentKnapsack {
  let cells: GAPCells
  /// `table[c]`: most profit of the items so far within capacity c.
  private var table: [Double] = []
  /// `taken[k * (room + 1) + c]`: whether item k is in the best set of the
  /// first k + 1 items within capacity c.
  private var taken: [Bool] = []
  private var items: [(job: Int, profit: Double, weight: Int)] = []

  init(_ cells: GAPCells) { self.cells = cells }

  /// The jobs worth taking: free, allowed, positive profit, fitting the room.
  private mutating func collect(agent i: Int, room: Int, node: GAPNode, multipliers u: [Double]) {
    let m = cells.m
    items.removeAll(keepingCapacity: true)
    for j in 0..<cells.n where node.agentOf[j] < 0 && node.allowed[j * m + i] {
      let profit = u[j] - Double(cells.cost[j * m + i])
      let weight = cells.res[j * m + i]
      if profit > 1e-12, weight <= room { items.append((j, profit, weight)) }
    }
  }

  /// Agent i's most profit within `room` and the jobs that make it.
  ///
  /// Two rows of the table, the items so far and the items with one more,
  /// written side by side: each cell of the new row reads only the old one,
  /// so the compiler can work on several capacities at once (the one-row
  /// form, read and written in place from the top down, cannot be).
  mutating func best(agent i: Int, room: Int, node: GAPNode, multipliers u: [Double]) -> (Double, [Int]) {
    collect(agent: i, room: room, node: node, multipliers: u)
    let width = room + 1
    if table.count < 2 * width { table = [Double](repeating: 0, count: 2 * width) }
    if taken.count < items.count * width { taken = [Bool](repeating: false, count: items.count * width) }
    var current = 0
    table.withUnsafeMutableBufferPointer { table in
      taken.withUnsafeMutableBufferPointer { taken in
        guard let base = table.baseAddress, let marks = taken.baseAddress else { return }
        for c in 0..<width { base[c] = 0 }
        for (k, item) in items.enumerated() {
          let old = base + current * width
          let new = base + (1 - current) * width
          let row = marks + k * width
          let w = min(item.weight, width)
          let p = item.profit
          for c in 0..<w {
            new[c] = old[c]
            row[c] = false
          }
          for c in w..<width {
            let v = old[c - w] + p
            let kept = old[c]
            let better = v > kept
            new[c] = better ? v : kept
            row[c] = better
          }
          current = 1 - current
        }
      }
    }
    let value = table[current * width + room]
    var chosen: [Int] = []
    var c = room
    for k in stride(from: items.count - 1, through: 0, by: -1) where taken[k * width + c] {
      chosen.append(items[k].job)
      c -= items[k].weight
    }
    return (value, chosen)
  }

  /// How much agent i's most profit falls when each job is forced in (`with`)
  /// or out (`without`); +∞ when a job cannot go in at all. Jobs not free
  /// or not allowed at agent i get 0.
  mutating func changes(
    agent i: Int, room: Int, node: GAPNode, multipliers u: [Double]
  ) -> (with: [Double], without: [Double]) {
    let m = cells.m
    let n = cells.n
    let width = room + 1
    collect(agent: i, room: room, node: node, multipliers: u)
    // Prefix tables over items 0..<k and suffix tables over items k..<count.
    var prefix = [[Double]](repeating: [Double](repeating: 0, count: width), count: items.count + 1)
    var suffix = prefix
    for (k, item) in items.enumerated() {
      prefix[k + 1] = prefix[k]
      var c = room
      while c >= item.weight {
        prefix[k + 1][c] = max(prefix[k + 1][c], prefix[k][c - item.weight] + item.profit)
        c -= 1
      }
    }
    for k in stride(from: items.count - 1, through: 0, by: -1) {
      let item = items[k]
      suffix[k] = suffix[k + 1]
      var c = room
      while c >= item.weight {
        suffix[k][c] = max(suffix[k][c], suffix[k + 1][c - item.weight] + item.profit)
        c -= 1
      }
    }
    let full = prefix[items.count]
    let most = full[room]
    var with = [Double](repeating: 0, count: n)
    var without = [Double](repeating: 0, count: n)
    var position = [Int](repeating: -1, count: n)
    for (k, item) in items.enumerated() { position[item.job] = k }
    for j in 0..<n where node.agentOf[j] < 0 && node.allowed[j * m + i] {
      let weight = cells.res[j * m + i]
      let profit = u[j] - Double(cells.cost[j * m + i])
      guard weight <= room else {
        with[j] = .infinity
        continue
      }
      let k = position[j]
      if k < 0 {
        // Not an item: leaving it out changes nothing; putting it in costs
        // its own (non-positive) profit and its room.
        with[j] = most - (profit + full[room - weight])
        continue
      }
      // The best without item k within capacity c, from the tables on either side.
      func apart(_ c: Int) -> Double {
        var v = 0.0
        for a in 0...c { v = max(v, prefix[k][a] + suffix[k + 1][c - a]) }
        return v
      }
      with[j] = most - (profit + apart(room - weight))
      without[j] = most - apart(room)
    }
    return (with, without)
  }
}
