/// [desk-capacity], on when `policy.deskCapacity`: a town's stationed
/// headcount (officers and auxiliaries of every department; zoned officers
/// use no desk) is at most its `deskCapacity`.
public enum DeskRule {
  /// Row: people stationed ≤ desks.
  @inlinable
  public static func row<Q: RuleQuantity>(stationed: Q, desks: Int, policy: Policy) -> RuleRow<Q>? {
    guard policy.deskCapacity else { return nil }
    return RuleRow(.deskCapacity, stationed, .atMost, Double(desks))
  }

  /// The planner's words for a town over its desks, e.g. `Alpha: 5 people stationed, desk capacity 4`.
  public static func message(town: String, stationed: Int, desks: Int) -> String {
    "\(town): \(stationed) people stationed, desk capacity \(desks)"
  }
}
