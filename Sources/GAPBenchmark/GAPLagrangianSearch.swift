import Foundation
import MIPModel

/// Depth-first branch and bound on the GAP with the knapsack Lagrangian bound at every node.
///
/// A node is the jobs' remaining agents (`GAPNode`). At each node the
/// multipliers of its parent climb a few subgradient steps
/// (`GAPAscent.climb`, aimed at the best assignment); the node is closed
/// when its bound rounded up reaches the best assignment's cost, or when the
/// knapsacks take every job once (an assignment of that cost). Otherwise the
/// knapsacks are repaired into an assignment, the pairs its reduced costs
/// rule out are removed and the ones they force are fixed
/// (`GAPNode.fixings`), and the search branches on a job the knapsacks take
/// twice or not at all: first that job at one agent, then without it. The
/// set-partitioning bound is within a few units of the optimum on the
/// OR-Library's tight types, where the linear relaxation of the assignment
/// model (GLPK's) is ten or more below it.
struct GAPLagrangianSearch {
  /// Subgradient steps at the root and at every other node, and θ's start
  /// at a node (the root's ascent has been done by `GAPKnapsackLagrangian`).
  struct Tuning {
    var rootSteps = 200
    var nodeSteps = 40
    var nodeTheta = 0.25
    var nodePatience = 8
  }

  let cells: GAPCells
  var tuning = Tuning()
  /// The best assignment (each job's agent) and its cost, minimisation form.
  private(set) var best: [Int]?
  private(set) var bestCost: Int
  /// Nodes searched.
  private(set) var nodes = 0

  init(_ cells: GAPCells, incumbent: [Int]?) {
    self.cells = cells
    best = incumbent
    bestCost = incumbent.map { Self.cost(cells, $0) } ?? Int.max
  }

  static func cost(_ cells: GAPCells, _ agentOf: [Int]) -> Int {
    var total = 0
    for (j, i) in agentOf.enumerated() { total += cells.cost[j * cells.m + i] }
    return total
  }

  /// Searches from the root with multipliers `u` until `deadline`; true when
  /// every node was closed (the best assignment, if any, is optimal; none
  /// means the instance has no assignment).
  /// `root` narrows the search to a sub-problem (some jobs fixed): its
  /// closing then says only that the sub-problem holds nothing better.
  mutating func run(from u: [Double], root: GAPNode? = nil, deadline: ContinuousClock.Instant?) -> Bool {
    let clock = ContinuousClock()
    var stack: [(node: GAPNode, multipliers: [Double])] = [(root ?? GAPNode(cells), u)]
    var first = true
    while let (node, multipliers) = stack.popLast() {
      if let deadline, clock.now >= deadline { return false }
      nodes += 1
      let schedule =
        first
        ? GAPAscent.Schedule(theta: 0.5, patience: 20, smallestTheta: 1e-3, steps: tuning.rootSteps)
        : GAPAscent.Schedule(
          theta: tuning.nodeTheta, patience: tuning.nodePatience, smallestTheta: 1e-3, steps: tuning.nodeSteps)
      first = false
      stack.append(contentsOf: expand(node, from: multipliers, schedule: schedule, deadline: deadline))
    }
    return true
  }

  /// Bounds one node and returns its children, the one to search first last.
  private mutating func expand(
    _ start: GAPNode, from u: [Double], schedule: GAPAscent.Schedule, deadline: ContinuousClock.Instant?
  ) -> [(node: GAPNode, multipliers: [Double])] {
    let m = cells.m
    let n = cells.n
    var node = start
    let goal = bestCost == Int.max ? nil : Double(bestCost)
    guard let ascent = GAPAscent.climb(cells, node: node, from: u, goal: goal, schedule: schedule, deadline: deadline)
    else { return [] }
    let owners = Self.owners(of: ascent.chosen, jobs: n)
    if ascent.exact {
      var agentOf = node.agentOf
      for j in 0..<n where agentOf[j] < 0 { agentOf[j] = owners[j][0] }
      offer(agentOf)
      return []
    }
    if closed(ascent.bound) { return [] }
    if var repaired = repair(node, owners: owners) {
      // Within reach of the best: worth a descent by shifts and swaps.
      let cost = Self.cost(cells, repaired)
      if bestCost == Int.max || cost - bestCost < max(1, abs(bestCost) / 100) { descend(&repaired) }
      offer(repaired)
    }
    if closed(ascent.bound) { return [] }
    // The pairs the reduced costs rule out or force, against the best assignment.
    if bestCost != Int.max {
      let found = node.fixings(
        cells, multipliers: ascent.multipliers, bound: ascent.bound, limit: Double(bestCost) - 1, deadline: deadline)
      for pair in found.excluded where node.agentOf[pair.job] < 0 {
        guard node.exclude(cells, agent: pair.agent, job: pair.job) else { return [] }
      }
      var forcedJob = [Int](repeating: -1, count: n)
      for pair in found.forced {
        if forcedJob[pair.job] >= 0 && forcedJob[pair.job] != pair.agent { return [] }
        forcedJob[pair.job] = pair.agent
      }
      for j in 0..<n where forcedJob[j] >= 0 {
        guard node.allowed[j * m + forcedJob[j]] else { return [] }
        node.fix(cells, agent: forcedJob[j], job: j)
      }
      for i in 0..<m where node.room(cells, agent: i) < 0 { return [] }
    }
    // Branch on the free job the knapsacks disagree on most, fewest agents left first.
    var pick = -1
    var pickKey = (Int.min, Int.min)
    for j in 0..<n where node.agentOf[j] < 0 {
      let conflict = abs(owners[j].count - 1)
      let choices = (0..<m).reduce(0) { $0 + (node.allowed[j * m + $1] ? 1 : 0) }
      let key = (conflict, -choices)
      if key > pickKey {
        pickKey = key
        pick = j
      }
    }
    guard pick >= 0 else {
      // Every job fixed: the node is one assignment.
      offer(node.agentOf)
      return []
    }
    let j = pick
    // The agent: a knapsack's that holds it, cheapest; else the cheapest allowed.
    let candidates = owners[j].filter { node.allowed[j * m + $0] }
    let pool = candidates.isEmpty ? (0..<m).filter { node.allowed[j * m + $0] } : candidates
    guard let agent = pool.min(by: { cells.cost[j * m + $0] < cells.cost[j * m + $1] }) else { return [] }
    var without = node
    var children: [(node: GAPNode, multipliers: [Double])] = []
    if without.exclude(cells, agent: agent, job: j) { children.append((without, ascent.multipliers)) }
    var with = node
    with.fix(cells, agent: agent, job: j)
    children.append((with, ascent.multipliers))
    return children
  }

  /// Each job's agents among the knapsacks' chosen jobs (`chosen[i]`: agent i's).
  static func owners(of chosen: [[Int]], jobs n: Int) -> [[Int]] {
    var owners = [[Int]](repeating: [], count: n)
    for (i, jobs) in chosen.enumerated() { for j in jobs { owners[j].append(i) } }
    return owners
  }

  /// Whether a node of this bound cannot hold an assignment better than the best.
  func closed(_ bound: Double) -> Bool {
    bestCost != Int.max && (bound - 1e-6).rounded(.up) >= Double(bestCost)
  }

  /// Takes an assignment as the best when it fits every capacity and costs less.
  private mutating func offer(_ agentOf: [Int]) {
    guard agentOf.count == cells.n, agentOf.allSatisfy({ $0 >= 0 && $0 < cells.m }) else { return }
    var load = [Int](repeating: 0, count: cells.m)
    for (j, i) in agentOf.enumerated() { load[i] += cells.res[j * cells.m + i] }
    guard zip(load, cells.cap).allSatisfy({ $0 <= $1 }) else { return }
    let cost = Self.cost(cells, agentOf)
    if cost < bestCost {
      bestCost = cost
      best = agentOf
    }
  }

  /// Improves a feasible assignment by moving a job to a cheaper agent with
  /// room, or swapping two jobs' agents when both fit and the cost falls,
  /// best move first, until no move lowers the cost.
  private func descend(_ agentOf: inout [Int]) {
    let m = cells.m
    let n = cells.n
    var load = [Int](repeating: 0, count: m)
    for (j, i) in agentOf.enumerated() { load[i] += cells.res[j * m + i] }
    while true {
      var gain = 0
      var move: (j: Int, k: Int, other: Int)?
      for j in 0..<n {
        let i = agentOf[j]
        let c = cells.cost[j * m + i]
        for k in 0..<m where k != i {
          let g = c - cells.cost[j * m + k]
          if g > gain && load[k] + cells.res[j * m + k] <= cells.cap[k] {
            gain = g
            move = (j, k, -1)
          }
        }
        for o in (j + 1)..<n where agentOf[o] != i {
          let k = agentOf[o]
          let g = c + cells.cost[o * m + k] - cells.cost[j * m + k] - cells.cost[o * m + i]
          guard g > gain else { continue }
          if load[k] - cells.res[o * m + k] + cells.res[j * m + k] <= cells.cap[k]
            && load[i] - cells.res[j * m + i] + cells.res[o * m + i] <= cells.cap[i]
          {
            gain = g
            move = (j, k, o)
          }
        }
      }
      guard let (j, k, o) = move else { return }
      let i = agentOf[j]
      load[i] -= cells.res[j * m + i]
      load[k] += cells.res[j * m + k]
      agentOf[j] = k
      if o >= 0 {
        load[k] -= cells.res[o * m + k]
        load[i] += cells.res[o * m + i]
        agentOf[o] = i
      }
    }
  }

  /// An assignment of the whole problem from a node's knapsacks: fixed jobs
  /// first, then jobs one knapsack holds, then the others at their cheapest
  /// agent with room; then each job moved to a cheaper agent with room.
  /// Nil when some job finds no room.
  private func repair(_ node: GAPNode, owners: [[Int]]) -> [Int]? {
    let m = cells.m
    let n = cells.n
    var agentOf = [Int](repeating: -1, count: n)
    var load = [Int](repeating: 0, count: m)
    func place(_ j: Int, _ i: Int) -> Bool {
      let r = cells.res[j * m + i]
      guard load[i] + r <= cells.cap[i] else { return false }
      load[i] += r
      agentOf[j] = i
      return true
    }
    for j in 0..<n where node.agentOf[j] >= 0 { guard place(j, node.agentOf[j]) else { return nil } }
    for j in 0..<n where node.agentOf[j] < 0 && owners[j].count == 1 { _ = place(j, owners[j][0]) }
    // The rest, largest resource first.
    let rest = (0..<n).filter { agentOf[$0] < 0 }.sorted {
      cells.res[$0 * m + (owners[$0].first ?? 0)] > cells.res[$1 * m + (owners[$1].first ?? 0)]
    }
    for j in rest {
      let order = (0..<m).sorted { a, b in
        let ka = (node.allowed[j * m + a] ? 0 : 1, cells.cost[j * m + a])
        let kb = (node.allowed[j * m + b] ? 0 : 1, cells.cost[j * m + b])
        return ka < kb
      }
      guard order.contains(where: { place(j, $0) }) else { return nil }
    }
    for j in 0..<n {
      let i = agentOf[j]
      var target = i
      for k in 0..<m where k != i && cells.cost[j * m + k] < cells.cost[j * m + target]
        && load[k] + cells.res[j * m + k] <= cells.cap[k]
      { target = k }
      if target != i {
        load[i] -= cells.res[j * m + i]
        load[target] += cells.res[j * m + target]
        agentOf[j] = target
      }
    }
    return agentOf
  }
}
