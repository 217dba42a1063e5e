/// [max-moves], on when `policy.maxMoves` is set: at most that many
/// available people with a current posting get a different one.
public enum MovesRule {
  /// Row: moves ≤ limit (one row for the whole roster).
  @inlinable
  public static func row<Q: RuleQuantity>(moves: Q, policy: Policy) -> RuleRow<Q>? {
    guard let limit = policy.maxMoves else { return nil }
    return RuleRow(.maxMoves, moves, .atMost, Double(limit))
  }

  /// The planner's words for a roster over the moves budget.
  public static func message(moves: Int, policy: Policy) -> String {
    "\(moves) postings change from the current roster; at most \(policy.maxMoves ?? 0) allowed"
  }
}
