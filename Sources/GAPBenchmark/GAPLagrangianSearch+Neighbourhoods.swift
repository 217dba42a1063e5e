import Foundation
import MIPModel
import Randomness

/// Large neighbourhood search with the Lagrangian branch and bound as its
/// sub-solver: most jobs held at the best assignment's agents, the others
/// re-assigned exactly.
extension GAPLagrangianSearch {
  /// How the neighbourhoods are drawn and sized.
  struct NeighbourhoodTuning {
    /// The part of the jobs the first sub-problem frees (0.2; 0.05 to 0.5).
    var firstShare = 0.2
    /// Seconds one sub-problem may take (1; 0.1 to 5). On gapd at 30 s
    /// per instance, 0.5 and 2 s gave assignments as good or worse; much
    /// shorter (0.05 and 0.15 s) gave more sub-problems and worse ones.
    var subSeconds = 1.0
    /// A sub-problem closed within this part of `subSeconds` frees more
    /// jobs next time; one that reaches `subSeconds` frees fewer (0.2; 0.05
    /// to 0.5). Jobs are added or taken away a fiftieth of all at a time.
    var quickShare = 0.2
    /// How much likelier a job the knapsacks give to another agent than
    /// the best assignment is to be freed (30; 1 to 1,000). On gapd's
    /// d20200 at 30 s, weights from 10 to 1,000 ended 0.07-0.16% above its
    /// best known, 2 to 4 ended 0.24-0.50% above
    /// (Benchmarks/reports/2026-12-07-gap-guided-neighbourhoods.md).
    var disagreementWeight = 30.0
    /// Subgradient steps that aim the multipliers at the best assignment
    /// again after each better one (300; 0 keeps the first multipliers),
    /// within `quickShare` of `subSeconds` (one step of a 400-job instance
    /// costs as much as a sub-problem's node, and uncapped the steps took
    /// most of type E's 10 s):
    /// the knapsacks at the new multipliers say which jobs the next
    /// sub-problems free first, and the sub-problems start their ascent
    /// there. 100 and 300 steps both lowered where gapd's d20100 and d20200
    /// end at 30 s; 300 ended d20200 lower
    /// (Benchmarks/reports/2026-12-07-gap-neighbourhoods-side-by-side.md).
    var reaimSteps = 300
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

  /// Re-assigns part of the best assignment's jobs exactly, the others held
  /// at their agents, one sub-problem after another until `deadline`.
  ///
  /// Each sub-problem frees jobs drawn with weights
  /// (`guidedJobs`): heavier where the agent knapsacks at the multipliers
  /// `u` disagree with the best assignment, so the jobs the relaxation
  /// would move are the ones re-assigned. After each better assignment the
  /// multipliers climb `reaimSteps` subgradient steps aimed at it; should
  /// the whole problem's bound reach it there, it is proven optimal.
  ///
  /// A sub-problem is a branch and bound (`run(from:root:deadline:)`) on a
  /// node whose held jobs are fixed: it closes when nothing in it beats the
  /// best assignment, and any better assignment it finds becomes the best
  /// at once. The number of jobs freed adapts: more after sub-problems that
  /// close quickly, fewer after ones that reach `subSeconds`; once every job
  /// is freed and the sub-problem closes, the best assignment is proven
  /// optimal and the search ends. Needs a best assignment (the search does
  /// nothing without one); never makes it worse. `stop`, shared with
  /// searches on other threads: raised by the one that proves its best
  /// assignment optimal, and then ends the others after their sub-problem.
  mutating func searchNeighbourhoods(
    from u: [Double], seed: UInt64, deadline: ContinuousClock.Instant,
    tuning: NeighbourhoodTuning = NeighbourhoodTuning(), stop: StopFlag? = nil
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
    var u = u
    while clock.now < deadline, stop?.isRaised != true, let incumbent = best {
      let free = Self.guidedJobs(
        incumbent: incumbent, owners: owners, count: freeCount, weight: tuning.disagreementWeight, rng: &rng)
      var root = GAPNode(cells)
      for j in 0..<n where !free[j] { root.fix(cells, agent: incumbent[j], job: j) }
      let before = bestCost
      let began = clock.now
      let closed = run(from: u, root: root, deadline: min(deadline, began + .seconds(tuning.subSeconds)))
      let took = (clock.now - began).inSeconds
      outcome.tried += 1
      outcome.freed = free.filter { $0 }.count
      if bestCost < before {
        outcome.improved += 1
        if tuning.reaimSteps > 0,
          let ascent = GAPAscent.climb(
            cells, node: whole, from: u, goal: Double(bestCost),
            schedule: GAPAscent.Schedule(
              theta: 0.1, patience: 10, smallestTheta: 1e-3, steps: tuning.reaimSteps),
            deadline: min(deadline, clock.now + .seconds(tuning.subSeconds * tuning.quickShare)))
        {
          // The whole problem's bound reaching the best assignment proves it.
          if self.closed(ascent.bound) {
            outcome.proven = true
            stop?.raise()
            break
          }
          u = ascent.multipliers
          owners = Self.owners(of: ascent.chosen, jobs: n)
        }
      }
      if closed {
        outcome.closed += 1
        if outcome.freed == n {
          outcome.proven = true
          stop?.raise()
          break
        }
        if took < tuning.subSeconds * tuning.quickShare { freeCount = min(n, freeCount + step) }
      } else {
        freeCount = max(2, freeCount - step)
      }
    }
    return outcome
  }

  /// The jobs a guided neighbourhood frees: `count` of them (all when
  /// there are fewer), drawn without replacement, a job whose knapsack
  /// agents (`owners`) are not exactly its agent in `incumbent` `weight`
  /// times likelier than one where they agree.
  ///
  /// Weighted sampling by the largest keys r^(1/w) (Efraimidis and
  /// Spirakis), r uniform in (0, 1).
  static func guidedJobs(
    incumbent: [Int], owners: [[Int]], count: Int, weight: Double, rng: inout SeededRandom
  ) -> [Bool] {
    let n = incumbent.count
    let keyed = (0..<n).map { j -> (key: Double, job: Int) in
      let w = owners[j] == [incumbent[j]] ? 1 : max(1, weight)
      return (pow(rng.unit(), 1 / w), j)
    }
    var free = [Bool](repeating: false, count: n)
    for pick in keyed.sorted(by: { $0.key > $1.key }).prefix(count) { free[pick.job] = true }
    return free
  }
}
