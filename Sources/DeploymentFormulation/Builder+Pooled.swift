import MIPModel
import SecondmentDomain

/// A pooled group's headcounts, price and the rows that keep them assignable.
extension Builder {
  /// A pooled group (`FormulationOptions.poolGroups`): one integer headcount
  /// per posting at the cheapest member's cost, the group's size in all, and
  /// what no assignment could break: at most as many zoned as may be zoned,
  /// at least the people who have only one posting on it.
  mutating func addPooledGroup(
    _ g: Int, members: [Int], reach: [Int: Double], names: [String],
    into feeds: inout [Int: Variable]
  ) {
    let townCount = district.towns.count
    var cheapest: [Int: Double] = [:]
    var forced: [Int: Double] = [:]
    var mayZone = 0.0
    for c in members {
      let n = Double(classes[c].count)
      for option in classOptions[c] {
        cheapest[option.posting] = min(cheapest[option.posting] ?? .infinity, option.cost)
      }
      if classOptions[c].count == 1, let only = classOptions[c].first {
        forced[only.posting, default: 0] += n
      }
      if classOptions[c].contains(where: { $0.posting >= townCount }) { mayZone += n }
    }
    var all = LinearExpression()
    var zoned = LinearExpression()
    // The group's price: at least every headcount at its cheapest member's
    // cost; `addPriceCuts` adds what an assignment of its people costs.
    // It sits in the travel term: a pooled model's terms are a bound, not a roster's.
    let price = model.addVariable("price_g\(g)", kind: .continuous, lower: 0)
    groupPrices[g] = price
    terms.travel.add(1, price)
    var floor = LinearExpression(price)
    for k in reach.keys.sorted() {
      let z = model.addVariable(
        "z_g\(g)_\(names[k])", kind: .integer, lower: forced[k] ?? 0, upper: reach[k] ?? 0)
      feeds[k] = z
      if let cost = cheapest[k], cost != 0 { floor.add(-cost, z) }
      all.add(1, z)
      if k >= townCount { zoned.add(1, z) }
    }
    priceRows[g].append(model.constraints.count)
    model.addConstraint(floor, .greaterOrEqual, 0, name: "price_g\(g)")
    let size = Double(members.reduce(0) { $0 + classes[$1].count })
    model.addConstraint(all, .equal, size, name: "post_g\(g)")
    if !zoned.terms.isEmpty, mayZone < size {
      model.addConstraint(zoned, .lessOrEqual, mayZone, name: "zoned_g\(g)")
    }
    addHallRows(g, members: members, reach: reach, size: size, feeds: feeds)
  }

  /// Hall's condition once per class of pooled group `g`: the postings a
  /// class cannot take hold no more people than the group's classes that can
  /// take one of them. Without it the headcounts may not fit the people (at
  /// 200 towns, seed 2, a group of four had headcounts on three zones and on
  /// the one town its non-driver avoids), and the roster's assignment then
  /// broke coverage the model counted on (32 uncovered pairs priced where
  /// the model had 25). Written over whichever side is shorter; skipped
  /// where the bounds already imply it.
  mutating func addHallRows(
    _ g: Int, members: [Int], reach: [Int: Double], size: Double, feeds: [Int: Variable]
  ) {
    var seen = Set<[Int]>()
    for c in members {
      let own = Set(classOptions[c].map(\.posting))
      let outside = reach.keys.filter { !own.contains($0) }.sorted()
      guard !outside.isEmpty, seen.insert(outside).inserted else { continue }
      let able = members.reduce(0.0) { sum, other in
        classOptions[other].contains { !own.contains($0.posting) }
          ? sum + Double(classes[other].count) : sum
      }
      guard able < outside.reduce(0.0, { $0 + (reach[$1] ?? 0) }) else { continue }
      var row = LinearExpression()
      if outside.count * 2 <= reach.count {
        for k in outside { if let z = feeds[k] { row.add(1, z) } }
        model.addConstraint(row, .lessOrEqual, able, name: "hall_g\(g)_c\(c)")
      } else {
        for k in own.sorted() { if let z = feeds[k] { row.add(1, z) } }
        model.addConstraint(row, .greaterOrEqual, size - able, name: "hall_g\(g)_c\(c)")
      }
    }
  }
}
