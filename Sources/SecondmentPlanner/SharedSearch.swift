import Foundation
import MIPModel
import SecondmentDomain

/// What the strategies of one plan share while they run on their threads,
/// as CP-SAT's subsolvers share one response manager: whether the plan is
/// over, the best incumbent and bound any of them has reported, the
/// greedy's roster, each lane's result, and the model points one lane posts
/// for another's price cuts.
final class SharedSearch: @unchecked Sendable {
  private let lock = NSLock()
  private var over = false
  private var incumbent: Double?
  private var bound: Double?
  private let progress: (@Sendable (SolveProgress) -> Void)?
  /// The gap within which a lane's incumbent against another lane's bound
  /// ends the plan; nil: only a lane's own proof or the limit ends it.
  private let relativeGap: Double?
  /// When the plan began: each lane times its own searches, a planner reads the whole run's.
  private let start = ContinuousClock.now
  /// An interrupt from outside (Ctrl-C): ends the plan as a lane's end does.
  private let interrupt: (@Sendable () -> Bool)?
  private var results: [Int: Result<PlanResult, any Error>] = [:]
  private var greedyResult: PlanResult?
  private var points: [[Double]] = []
  private var offered: (values: [Double], objective: Double)?

  /// `relativeGap`: end the plan once the best incumbent any lane reports
  /// is within it of the best bound any lane reports (`--gap`; 0 means
  /// equal up to rounding). Only for lanes whose reported incumbents are
  /// rosters that keep every rule, at the checker's prices.
  init(
    progress: (@Sendable (SolveProgress) -> Void)?, interrupt: (@Sendable () -> Bool)? = nil,
    relativeGap: Double? = nil
  ) {
    self.progress = progress
    self.interrupt = interrupt
    self.relativeGap = relativeGap
  }

  // MARK: - The end of the plan

  /// Whether a lane has ended the plan (the first to prove optimality, or to
  /// reach the limit) or an interrupt came.
  var isOver: @Sendable () -> Bool { { [self] in lock.withLock { over } || interrupt?() == true } }

  func finish() { lock.withLock { over = true } }

  // MARK: - Incumbent and bound

  /// A lane's progress reporter: each report raises the shared bound or
  /// lowers the shared incumbent, the plan's progress gets both, and an
  /// incumbent that closes against the bound within `relativeGap` ends the
  /// plan (one lane's roster, another's bound: the departments apart prove
  /// what the whole model's search and the neighbourhood search find).
  var report: @Sendable (SolveProgress) -> Void {
    { [self] p in
      let combined: SolveProgress = lock.withLock {
        if let i = p.incumbent { incumbent = min(incumbent ?? i, i) }
        if let b = p.bound { bound = max(bound ?? b, b) }
        if let relativeGap, let i = incumbent, let b = bound,
          SolveResult.closes(objective: i, bound: b, within: relativeGap)
        {
          over = true
        }
        let gap = incumbent.flatMap { i in
          bound.map { SolveResult.relativeGap(objective: i, bound: $0) }
        }
        return SolveProgress(
          elapsed: (ContinuousClock.now - start).inSeconds, incumbent: incumbent, bound: bound,
          gap: gap)
      }
      progress?(combined)
    }
  }

  /// The best incumbent any lane has reported so far.
  var bestIncumbent: Double? { lock.withLock { incumbent } }

  // MARK: - Rosters

  /// The greedy lane's roster, once it has one.
  var greedy: PlanResult? {
    get { lock.withLock { greedyResult } }
    set { lock.withLock { greedyResult = newValue } }
  }

  func set(_ lane: Int, _ result: Result<PlanResult, any Error>) {
    lock.withLock { results[lane] = result }
  }

  /// The lanes' results in lane order; throws the first lane's error when none succeeded.
  func all() throws -> [PlanResult] {
    let ordered = lock.withLock { [results[0], results[1]].compactMap { $0 } }
    let good = ordered.compactMap { try? $0.get() }
    if good.isEmpty, let first = ordered.first { _ = try first.get() }
    return good
  }

  // MARK: - Rosters between lanes

  /// Offers a roster of the exact model (a model point keeping every row)
  /// that one lane found, at its objective; the best offer is kept.
  func offer(_ values: [Double], objective: Double) {
    lock.withLock {
      if objective < offered?.objective ?? .infinity { offered = (values, objective) }
    }
  }

  /// The best roster offered so far, with its objective.
  var bestOffer: (values: [Double], objective: Double)? { lock.withLock { offered } }

  // MARK: - Points for price cuts

  /// Posts a point of a pooled model that the roster lane found (the
  /// departments' headcounts, the repaired roster) for the bound lane's price
  /// cuts (`Planner.priceBound`); both lanes' models have the same columns,
  /// so a point of one is a point of the other.
  func post(_ point: [Double]) { lock.withLock { points.append(point) } }

  /// The points posted since the `seen` first ones.
  func points(after seen: Int) -> [[Double]] {
    lock.withLock { Array(points.dropFirst(seen)) }
  }
}
