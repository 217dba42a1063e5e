/// The whistle (镇街吹哨、部门报到): [response-time], on when
/// `policy.responseMinutes` is set.
///
/// Per (town, department) with demand: at least one officer of the
/// department reaches the town within the limit, where an officer's
/// minutes are `District.responseMinutes(from:to:)` (0 when present, else
/// from the station or the nearest town of the zone). The greedy prices
/// each pair broken at its hard penalty; the formulation adds one row per
/// pair, with slack of at most 1 in the elastic re-solve.
public enum ResponseTimeRule {
  /// Tolerance on minutes, so that a travel time equal to the limit keeps the rule.
  public static let tolerance = 1e-9

  /// Row: officers of the department who reach the town in time ≥ 1.
  @inlinable
  public static func row<Q: RuleQuantity>(reaching: Q, policy: Policy) -> RuleRow<Q>? {
    guard policy.responseMinutes != nil else { return nil }
    return RuleRow(.responseTime, reaching, .atLeast, 1, slackLimit: 1)
  }

  /// Whether an officer `minutes` away answers in time.
  public static func inTime(_ minutes: Double, policy: Policy) -> Bool {
    guard let limit = policy.responseMinutes else { return true }
    return minutes <= limit + tolerance
  }

  /// The planner's words for a pair no officer reaches in time, e.g.
  /// `Anfu: no Transport officer within 45 min (nearest: Li Wei, 52 min from Tonggu)`.
  public static func message(
    town: String, department: String, nearest: (name: String, minutes: Double, from: String)?, policy: Policy
  ) -> String {
    let limit = minutes(policy.responseMinutes ?? 0)
    let head = "\(town): no \(department) officer within \(limit) min"
    guard let nearest else { return head + " (the department has no officer posted)" }
    return head + " (nearest: \(nearest.name), \(minutes(nearest.minutes)) min from \(nearest.from))"
  }

  /// Minutes as a planner reads them: whole when whole, else to 0.1.
  static func minutes(_ x: Double) -> String {
    let r = Rounding.round(x, 0.1)
    return r == r.rounded() ? String(Int(r)) : String(r)
  }

  /// What the district has, added where the rule cannot be kept (the
  /// elastic re-solve's explanation), e.g. ` (Transport has 6 available officers)`.
  public static func districtSupply(department: String, in district: District) -> String {
    let officers = district.people.filter { $0.isOfficer && !$0.unavailable && $0.department == department }
    let name = district.departments.first { $0.id == department }?.displayName ?? department
    return " (\(name) has \(officers.count) available \(officers.count == 1 ? "officer" : "officers"))"
  }
}

/// Inspect once (综合查一次): [joint-inspection], on when
/// `policy.jointInspection` and the instance plans joint inspections.
///
/// Per town and department taking part in a scenario planned there: an
/// officer of the department present (stationed or zoned over it). One row
/// per (town, department) however many scenarios need it; the message names
/// them.
public enum JointInspectionRule {
  /// Row: officers of the department present ≥ 1.
  @inlinable
  public static func row<Q: RuleQuantity>(officers: Q, policy: Policy) -> RuleRow<Q>? {
    guard policy.jointInspection else { return nil }
    return RuleRow(.jointInspection, officers, .atLeast, 1, slackLimit: 1)
  }

  /// The (town, department) pairs joint inspections need, by index, with the
  /// names of the scenarios behind each, towns then departments in instance order.
  public static func needs(in district: District) -> [(town: Int, department: Int, scenarios: [String])] {
    guard district.policy.jointInspection, let plans = district.instance.jointInspections else { return [] }
    var by: [Int: [Int: [String]]] = [:]
    for scenario in plans {
      for town in scenario.towns {
        guard let t = district.townIndex[town] else { continue }
        for department in scenario.departments {
          guard let d = district.departmentIndex[department] else { continue }
          by[t, default: [:]][d, default: []].append(scenario.name)
        }
      }
    }
    return by.keys.sorted().flatMap { t in
      (by[t] ?? [:]).keys.sorted().map { d in (t, d, by[t]?[d] ?? []) }
    }
  }

  /// One town's planned joint inspections and how they are staffed under a roster.
  public struct TownStaffing: Sendable, Hashable {
    public var town: String
    /// The scenarios planned there, by name.
    public var scenarios: [String]
    /// Departments of those scenarios with no officer present (ids, instance order).
    public var missing: [String]
  }

  /// Per town with a joint inspection planned (whatever `policy.jointInspection`
  /// says), the scenarios and the departments missing from them under the
  /// roster whose `coverage` (`RosterEvaluation.coverage`) is given.
  public static func staffing(in district: District, coverage: [TownCoverage]) -> [TownStaffing] {
    guard let plans = district.instance.jointInspections, !plans.isEmpty else { return [] }
    var present: Set<String> = []
    for c in coverage where c.officersPresent > 0 { present.insert(c.town + "|" + c.department) }
    return district.towns.compactMap { town in
      let here = plans.filter { $0.towns.contains(town.id) }
      guard !here.isEmpty else { return nil }
      let needed = Set(here.flatMap(\.departments))
      let missing = district.departments.map(\.id).filter { needed.contains($0) && !present.contains(town.id + "|" + $0) }
      return TownStaffing(town: town.id, scenarios: here.map(\.name), missing: missing)
    }
  }

  /// The planner's words for a department missing from a town's joint
  /// inspection, e.g. `Anfu: no Emergency management officer present for the joint inspection 沿街商铺`.
  public static func message(town: String, department: String, scenarios: [String]) -> String {
    "\(town): no \(department) officer present for the joint "
      + "\(scenarios.count == 1 ? "inspection" : "inspections") \(scenarios.joined(separator: ", "))"
  }
}
