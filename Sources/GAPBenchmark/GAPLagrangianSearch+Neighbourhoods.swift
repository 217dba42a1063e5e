import Foundation
import Randomness

/// Large neighbourhood search with the Lagrangian branch and bound as its
/// sub-solver: most jobs held at the best assignment's agents, the others
/// re-assigned exactly.
extension GAPLagrangianSearch {
  /// How the neighbourhoods are drawn and sized.
  struct NeighbourhoodTuning {
    /// The part of the jobs the first sub-problem frees (0.2; 0.05 to 0.5).
    var firstShare = 0.2
    /// Seconds one sub-problem may take (0.5; 0.1 to 5). Shorter gives more
    /// sub-problems and no better assignment on gapd (0.05 and 0.15 s
    /// measured), longer fewer.
    var subSeconds = 0.5
    /// A sub-problem closed within this part of `subSeconds` frees more
    /// jobs next time; one that reaches `subSeconds` frees fewer (0.2; 0.05
    /// to 0.5). Jobs are added or taken away a fiftieth of all at a time.
    var quickShare = 0.2
    /// How much likelier a job the knapsacks give to another agent than
    /// the best assignment is to be freed in a guided neighbourhood (4; 1
    /// to 10).
    var disagreementWeight = 4.0
  }

  /// What the neighbourhood search did.
  struct NeighbourhoodOutcome {
    /// Sub-problems searched.
    var tried = 0
    /// Sub-problems that found a better assignment.
    var improved = 0
    /// Sub-problems closed within their time: nothing better there.
    var closed = 0
    /// Jobs the last sub-problem freed.
    var freed = 0
    /// Whether a sub-problem that freed every job closed: the best
    /// assignment is then optimal, and the search ended there.
    var proven = false
  }

  /// The kinds of neighbourhood, drawn in turn with equal chances.
  private enum Neighbourhood: CaseIterable {
    /// Jobs drawn with weights: heavier where the knapsacks at the
    /// multipliers disagree with the best assignment.
    case guided
    /// The jobs of agents drawn one after another.
    case agents
    /// Jobs drawn over all agents, each as likely.
    case scattered
  }

  /// Re-assigns part of the best assignment's jobs exactly, the others held
  /// at their agents, one sub-problem after another until `deadline`.
  ///
  /// A sub-problem is a branch and bound (`run(from:root:deadline:)`) on a
  /// node whose held jobs are fixed: it closes when nothing in it beats the
  /// best assignment, and any better assignment it finds becomes the best
  /// at once. The number of jobs freed adapts: more after sub-problems that
  /// close quickly, fewer after ones that reach `subSeconds`; once every job
  /// is freed and the sub-problem closes, the best assignment is proven
  /// optimal and the search ends. Needs a best assignment (the search does
  /// nothing without one); never makes it worse.
  mutating func searchNeighbourhoods(
    from u: [Double], seed: UInt64, deadline: ContinuousClock.Instant,
    tuning: NeighbourhoodTuning = NeighbourhoodTuning()
  ) -> NeighbourhoodOutcome {
    var outcome = NeighbourhoodOutcome()
    let m = cells.m
    let n = cells.n
    guard best != nil, n > 1, m > 1 else { return outcome }
    let clock = ContinuousClock()
    var rng = SeededRandom(seed: seed ^ 0x1A5_0B0B)
    var freeCount = max(2, Int((Double(n) * tuning.firstShare).rounded()))
    let step = max(1, n / 50)
    // Each job's agents in the knapsacks at the multipliers.
    var owners = [[Int]](repeating: [], count: n)
    var knapsack = AgentKnapsack(cells)
    let whole = GAPNode(cells)
    for i in 0..<m {
      let (_, jobs) = knapsack.best(agent: i, room: whole.room(cells, agent: i), node: whole, multipliers: u)
      for j in jobs { owners[j].append(i) }
    }
    while clock.now < deadline, let incumbent = best {
      var free = [Bool](repeating: false, count: n)
      switch Neighbourhood.allCases[rng.below(Neighbourhood.allCases.count)] {
      case .guided:
        // Weighted sampling without replacement: the largest keys r^(1/w).
        let keyed = (0..<n).map { j -> (key: Double, job: Int) in
          let weight = owners[j] == [incumbent[j]] ? 1 : tuning.disagreementWeight
          return (pow(rng.unit(), 1 / weight), j)
        }
        for pick in keyed.sorted(by: { $0.key > $1.key }).prefix(freeCount) { free[pick.job] = true }
      case .agents:
        var count = 0
        for i in rng.shuffled(Array(0..<m)) where count < freeCount {
          for j in 0..<n where incumbent[j] == i {
            free[j] = true
            count += 1
          }
        }
      case .scattered:
        for j in rng.shuffled(Array(0..<n)).prefix(freeCount) { free[j] = true }
      }
      var root = GAPNode(cells)
      for j in 0..<n where !free[j] { root.fix(cells, agent: incumbent[j], job: j) }
      let before = bestCost
      let began = clock.now
      let closed = run(from: u, root: root, deadline: min(deadline, began + .seconds(tuning.subSeconds)))
      let took = (clock.now - began).inSeconds
      outcome.tried += 1
      outcome.freed = free.filter { $0 }.count
      if bestCost < before { outcome.improved += 1 }
      if closed {
        outcome.closed += 1
        if outcome.freed == n {
          outcome.proven = true
          break
        }
        if took < tuning.subSeconds * tuning.quickShare { freeCount = min(n, freeCount + step) }
      } else {
        freeCount = max(2, freeCount - step)
      }
    }
    return outcome
  }
}
