/// The ranges every figure of an instance must lie in, in one place.
///
/// Validation refuses anything outside them, so that no later step (the
/// checker's sums, the model's coefficients, the greedy's counters) meets a
/// value it cannot handle. The limits are far beyond any real district (a
/// city of 40 districts has about 1,000 towns and 5,000 people) and far
/// below where arithmetic would overflow.
public enum InstanceLimits {
  /// Towns, people and departments of one instance.
  public static let towns = 5_000
  public static let people = 25_000
  public static let departments = 100
  /// A town's desks, a department's quota.
  public static let headcount = 100_000
  /// Quarters of tenure (a hundred years) and of `maxTenureQuarters`.
  public static let quarters = 400
  /// FTE of demand of one department in one town.
  public static let demandFTE = 10_000.0
  /// Kilometres from the district's reference point, either way.
  public static let kilometres = 10_000.0
  /// Minutes of travel, and of the policy's radii (about a week).
  public static let minutes = 10_000.0
  /// Counts in the policy: certified and legal officers per town, auxiliaries
  /// per officer, towns per generated zone.
  public static let policyCount = 1_000
  /// Moves allowed by `maxMoves`.
  public static let moves = 100_000
  /// Road speed in km/h.
  public static let speedKmh = 1_000.0
  /// An objective weight.
  public static let weight = 1e9
}
