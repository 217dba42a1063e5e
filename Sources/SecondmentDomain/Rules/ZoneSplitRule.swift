/// [zone-split]: how a zoned officer divides their time (docs/rules.md, Capacity).
///
/// A split names only the zone's towns, gives none a negative share, adds up
/// to at most `District.zonedOfficerFTE` (1 − `zoneTravelOverhead`), and,
/// when `policy.minZonedShare` > 0, gives every town of the zone where the
/// department has demand at least that share (zone visits). The formulation
/// writes the FTE given as flows f(zone, town, department) ≥ 0 over the
/// zone's towns, so only the capacity and visit rows remain, without slack;
/// the greedy and the checker give a roster without splits the best split
/// (`District.bestSplits`), which keeps them.
public enum ZoneSplitRule {
  /// Row (capacity), per zone and department: FTE given to the zone's towns
  /// − `zonedOfficerFTE` × officers zoned ≤ 0 (one officer on a roster's split).
  @inlinable
  public static func capacityRow<Q: RuleQuantity>(given: Q, zoned: Q, district: District) -> RuleRow<Q> {
    RuleRow(.zoneSplit, given - district.zonedOfficerFTE * zoned, .atMost, 0)
  }

  /// Row (zone visits), on when `policy.minZonedShare` > 0, per town of the
  /// zone where the department has demand: FTE given to the town
  /// − share × officers zoned ≥ 0.
  @inlinable
  public static func visitRow<Q: RuleQuantity>(given: Q, zoned: Q, policy: Policy) -> RuleRow<Q>? {
    guard policy.minZonedShare > 0 else { return nil }
    return RuleRow(.zoneSplit, given - policy.minZonedShare * zoned, .atLeast, 0)
  }

  /// Where one zoned officer's split breaks the rule: the town concerned
  /// (nil for the split as a whole) and the planner's words.
  ///
  /// - Parameters:
  ///   - p: the officer's position in `district.people`.
  ///   - z: the zone's position in `district.zones`.
  public static func breaches(
    of split: ZoneSplit, person p: Int, zone z: Int, in district: District
  ) -> [(town: Int?, message: String)] {
    let who = district.label(ofPerson: p)
    let zone = district.zones[z]
    let place = district.words(for: .zoned(zone: zone.id))
    let zoneTowns = zone.towns.compactMap { district.townIndex[$0] }
    let inZone = Set(zoneTowns.map { district.towns[$0].id })
    var found: [(town: Int?, message: String)] = []
    for (town, fte) in split.sorted(by: { $0.key < $1.key }) {
      if !inZone.contains(town) {
        let name = district.town(town)?.displayName ?? "'\(town)'"
        found.append((nil, "\(who) is \(place) but the split gives time to \(name), outside the zone"))
      } else if !fte.isFinite || fte < 0 {
        found.append((nil, "\(who) has a split of \(fte) FTE for \(town); a share is 0 or more"))
      }
    }
    let policy = district.policy
    if let d = district.departmentIndex[district.people[p].department] {
      let department = district.departments[d].id
      for t in zoneTowns where district.towns[t].demand(of: department) > 0 {
        let given = split[district.towns[t].id] ?? 0
        guard let row = visitRow(given: given, zoned: 1.0, policy: policy), row.unitsBroken > 1e-6
        else { continue }
        found.append(
          (
            t,
            "\(who) is \(place) but gives \(district.towns[t].displayName) "
              + "\(RuleWords.number(given)) FTE; a zoned officer gives each town of the zone at "
              + "least \(RuleWords.number(policy.minZonedShare)) FTE (minZonedShare)"
          ))
      }
    }
    let total = split.values.reduce(0) { $0 + ($1.isFinite ? max($1, 0) : 0) }
    if capacityRow(given: total, zoned: 1.0, district: district).unitsBroken > 1e-6 {
      found.append(
        (
          nil,
          "\(who) is \(place) with \(RuleWords.number(total)) FTE split over its towns; a zoned "
            + "officer has \(RuleWords.number(district.zonedOfficerFTE)) FTE (1 − zone travel overhead)"
        ))
    }
    return found
  }
}
