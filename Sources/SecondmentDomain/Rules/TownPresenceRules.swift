/// Who must be present in a town: [two-certified] and [legal-access].
///
/// Present means stationed there or zoned to a zone holding the town
/// (auxiliaries count for neither rule). The greedy prices each unit broken
/// at its hard penalty; the formulation adds the rows per town, with slack of
/// at most the minimum in the elastic re-solve.
public enum TownPresenceRules {
  /// [two-certified], on when `policy.minCertifiedPerTown` > 0: a town with
  /// anyone present has at least that many certified officers present.
  ///
  /// Row: certified present − minimum × present ≥ 0, where `present` is 1 or
  /// 0 on a roster, the town's presence indicator in the model (the constant
  /// 1 where every town has someone present).
  @inlinable
  public static func certifiedRow<Q: RuleQuantity>(
    certified: Q, present: Q, policy: Policy
  ) -> RuleRow<Q>? {
    let minimum = Double(policy.minCertifiedPerTown)
    guard minimum > 0 else { return nil }
    return RuleRow(.twoCertified, certified - minimum * present, .atLeast, 0, slackLimit: minimum)
  }

  /// [legal-access], on when `policy.minLegalPerTown` > 0: every town, with
  /// demand or not, has at least that many officers with legal background present.
  ///
  /// Row: legal officers present ≥ minimum.
  @inlinable
  public static func legalRow<Q: RuleQuantity>(legal: Q, policy: Policy) -> RuleRow<Q>? {
    let minimum = Double(policy.minLegalPerTown)
    guard minimum > 0 else { return nil }
    return RuleRow(.legalAccess, legal, .atLeast, minimum, slackLimit: minimum)
  }

  /// The planner's words for a town short of certified officers, e.g.
  /// `Beta: 1 certified officer present, needs 2`.
  public static func certifiedMessage(town: String, present: Int, policy: Policy) -> String {
    "\(town): \(present) certified \(present == 1 ? "officer" : "officers") present, "
      + "needs \(policy.minCertifiedPerTown)"
  }

  /// The planner's words for a town short of officers with legal background.
  public static func legalMessage(town: String, present: Int, policy: Policy) -> String {
    let minimum = policy.minLegalPerTown
    return present == 0
      ? "\(town): no officer with legal background present (needs \(minimum))"
      : "\(town): \(present) \(present == 1 ? "officer" : "officers") with legal background "
        + "present, needs \(minimum)"
  }

  /// The planner's words for a town short of what `rule` (two-certified or legal-access) needs.
  public static func message(_ rule: HardRule, town: String, present: Int, policy: Policy) -> String {
    rule == .twoCertified
      ? certifiedMessage(town: town, present: present, policy: policy)
      : legalMessage(town: town, present: present, policy: policy)
  }

  /// What the district has to meet the rule, added where a rule cannot be
  /// kept at all (the elastic re-solve's explanation), e.g.
  /// ` (the district has 30 available certified officers for 21 towns)`.
  public static func districtSupply(of rule: HardRule, in district: District) -> String {
    let certified = rule == .twoCertified
    let officers = district.people.filter {
      $0.role == .officer && !$0.unavailable && (certified ? $0.certified : $0.legal)
    }
    let what = certified ? "certified officers" : "officers with legal background"
    return " (the district has \(officers.count) available \(what) for \(district.towns.count) towns)"
  }
}
