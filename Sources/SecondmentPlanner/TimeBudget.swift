/// A step's time limit, counted from when the step started: what has
/// passed, what is left, and shares of it for the steps within.
///
/// Every strategy of the planner spends its time through one of these, so a
/// share of "the time left" means the same everywhere (`PlannerTuning`
/// names the shares).
struct TimeBudget: Sendable {
  /// Seconds; nil for no limit.
  let limit: Double?
  let started: ContinuousClock.Instant

  init(_ limit: Double?, started: ContinuousClock.Instant = .now) {
    self.limit = limit
    self.started = started
  }

  /// Seconds since the start.
  var elapsed: Double { (ContinuousClock.now - started).inSeconds }

  /// Seconds left of the limit, negative once it has passed; nil without a limit.
  var remaining: Double? { limit.map { $0 - elapsed } }

  /// Seconds left, at least `least`; nil without a limit.
  func left(atLeast least: Double = PlannerTuning.leastStepSeconds) -> Double? {
    remaining.map { max($0, least) }
  }

  /// `part` (0 to 1) of the seconds left, at least `least`; nil without a limit.
  func share(_ part: Double, atLeast least: Double = PlannerTuning.leastStepSeconds) -> Double? {
    remaining.map { max($0 * part, least) }
  }
}
