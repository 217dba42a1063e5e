/// Auxiliaries never alone: [auxiliary-with-officer] and [auxiliary-ratio],
/// on when `policy.auxiliariesNeedOfficer`.
///
/// Per town and department: the auxiliaries stationed there need an officer
/// of their department present, and at most `policy.auxiliariesPerOfficer`
/// of them per officer present. Both are one row; a broken row with no
/// officer present breaks [auxiliary-with-officer] (each auxiliary there is
/// named), otherwise [auxiliary-ratio]. ([auxiliary-stationed], that an
/// auxiliary is never zoned, is a rule of a person's posting: `PostingRules`.)
public enum AuxiliaryRules {
  /// Row: auxiliaries stationed − ratio × officers present ≤ 0. With no
  /// officer present every auxiliary is a unit broken.
  @inlinable
  public static func row<Q: RuleQuantity>(auxiliaries: Q, officers: Q, policy: Policy) -> RuleRow<Q>? {
    guard policy.auxiliariesNeedOfficer else { return nil }
    return RuleRow(
      .auxiliaryRatio, auxiliaries - Double(policy.auxiliariesPerOfficer) * officers, .atMost, 0)
  }

  /// Which of the two rules a broken row breaks.
  public static func brokenRule(officersPresent: Int) -> HardRule {
    officersPresent == 0 ? .auxiliaryWithOfficer : .auxiliaryRatio
  }

  /// The planner's words for one auxiliary with no officer of their department present.
  public static func aloneMessage(auxiliary: String, department: String, town: String) -> String {
    "\(auxiliary), auxiliary of \(department) stationed in \(town), has no \(department) "
      + "officer present there"
  }

  /// The planner's words for a department's auxiliaries over the ratio in a town.
  public static func ratioMessage(
    town: String, department: String, auxiliaries: Int, officers: Int, policy: Policy
  ) -> String {
    "\(town): \(auxiliaries) \(department) auxiliaries for \(officers) "
      + "\(officers == 1 ? "officer" : "officers") present; at most "
      + "\(policy.auxiliariesPerOfficer) per officer"
  }
}
