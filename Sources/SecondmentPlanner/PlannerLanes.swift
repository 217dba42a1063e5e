import Foundation
import MIPModel
import SecondmentDomain

/// Two searches racing: the first to prove optimality ends both; progress
/// reports the best incumbent and the best bound of either.
final class Race: @unchecked Sendable {
  private let lock = NSLock()
  private var over = false
  private var incumbent: Double?
  private var bound: Double?
  private let progress: (@Sendable (SolveProgress) -> Void)?
  /// When the race began: each lane times its own searches, a planner reads the whole run's.
  private let start = ContinuousClock.now

  /// An interrupt from outside (Ctrl-C): ends the race as a lane's end does.
  private let interrupt: (@Sendable () -> Bool)?

  init(progress: (@Sendable (SolveProgress) -> Void)?, interrupt: (@Sendable () -> Bool)? = nil) {
    self.progress = progress
    self.interrupt = interrupt
  }

  var isOver: @Sendable () -> Bool { { [self] in lock.withLock { over } || interrupt?() == true } }

  func finish() { lock.withLock { over = true } }

  var report: (@Sendable (SolveProgress) -> Void)? {
    guard let progress else { return nil }
    return { [self] p in
      let combined: SolveProgress = lock.withLock {
        if let i = p.incumbent { incumbent = min(incumbent ?? i, i) }
        if let b = p.bound { bound = max(bound ?? b, b) }
        let gap = incumbent.flatMap { i in
          bound.map { SolveResult.relativeGap(objective: i, bound: $0) }
        }
        return SolveProgress(
          elapsed: (ContinuousClock.now - start).inSeconds, incumbent: incumbent, bound: bound,
          gap: gap)
      }
      progress(combined)
    }
  }
}

/// Points of a pooled model that `auto`'s roster lane found (the
/// departments' headcounts, the repaired roster), posted for the bound
/// lane's price cuts (`Planner.priceBound`); both lanes' models have the
/// same columns, so a point of one is a point of the other.
final class PriceCutPoints: @unchecked Sendable {
  private let lock = NSLock()
  private var points: [[Double]] = []

  func post(_ point: [Double]) { lock.withLock { points.append(point) } }

  /// The points posted since the `seen` first ones.
  func points(after seen: Int) -> [[Double]] {
    lock.withLock { Array(points.dropFirst(seen)) }
  }
}

/// The two searches' results, filled from two threads.
final class Outcomes: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [Int: Result<PlanResult, any Error>] = [:]
  private var greedyResult: PlanResult?

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
}
