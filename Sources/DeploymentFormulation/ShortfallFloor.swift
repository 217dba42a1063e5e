import MIPModel
import SecondmentDomain

/// The least a department's shortfall can cost: a relaxation of its model
/// without the people's costs and without telling its people apart.
///
/// A department's shortfall is what its own towns cost beyond the people's
/// travel, moves and preferences: uncovered pairs, unmet demand and the
/// other terms on variables that are not people's (`shortfall`). The floor
/// model (`model`) keeps only that objective and merges the headcounts of
/// the department's groups of one role on one posting into one integer
/// column: in the department's own rows (coverage, unmet demand, zone
/// split, auxiliaries with an officer) its officers are interchangeable;
/// who may take which posting survives only as each posting's headcount
/// bound, each role's total and how many may be zoned. Without the groups'
/// copies of one choice, GLPK proves in about a second how little unmet
/// demand whole people can leave where the department's own model stays
/// open (`docs/model.md`, Shortfall floors;
/// `Benchmarks/reports/2026-12-07-shortfall-floors.md`).
///
/// Every point of the department's model gives a point of the floor model
/// with the same shortfall, so the floor model's optimum, or any bound on
/// it, bounds `shortfall` from below for every roster;
/// `DeploymentFormulation.addShortfallFloor` adds it as a row.
public struct ShortfallFloor: Sendable {
  /// Position in `district.departments`.
  public let department: Int
  /// The relaxation: minimise the shortfall.
  public let model: Model
  /// The department's shortfall over the whole model's variables: the
  /// objective's terms on the block's variables that are not people's
  /// (headcounts, class shares, group prices).
  public let shortfall: LinearExpression
  /// The same over the block's variables (`Decomposition.Block.model`).
  public let blockShortfall: LinearExpression
}

extension DeploymentFormulation {
  /// The floor model of the department whose rows `block` holds (a block of
  /// `model.decomposed(relaxing: linkingRows)`); nil when the block holds no
  /// headcount, several departments' people, or no shortfall term.
  ///
  /// Kept: every row of the block over the shortfall's variables and the
  /// headcounts whose coefficients are equal on all the headcounts merged
  /// into one column (e.g. coverage, unmet demand, the zone split). Left
  /// out: rows on class shares or group prices (one-posting, group links,
  /// price rows) and rows that treat the merged groups differently (a
  /// pooled group's Hall rows); in their place each role's people take
  /// exactly one posting each, and no more of them are zoned than have a
  /// zone among their candidates.
  public func shortfallFloor(of block: Decomposition.Block) -> ShortfallFloor? {
    struct Key: Hashable {
      var role: Role
      var posting: Int
    }
    var headcountOf: [Int: (group: Int, posting: Int)] = [:]
    for (g, feeds) in groupHeadcounts.enumerated() {
      for (k, v) in feeds { headcountOf[v.index] = (g, k) }
    }
    var people = Set(candidates.joined().map(\.variable.index))
    for price in groupPrices.compactMap({ $0 }) { people.insert(price.index) }
    // Each local variable: a merged headcount, another people's variable (left out), or kept.
    var department: Int?
    var keyOf: [Int: Key] = [:]
    var members: [Key: [Int]] = [:]
    var roleGroups: [Role: Set<Int>] = [:]
    for (local, variable) in block.original.enumerated() {
      guard let (g, posting) = headcountOf[variable.index] else { continue }
      let person = classes[groups[g][0]].representative
      guard let d = district.departmentIndex[person.department], department == nil || department == d else {
        return nil
      }
      department = d
      let key = Key(role: person.role, posting: posting)
      keyOf[local] = key
      members[key, default: []].append(local)
      roleGroups[person.role, default: []].insert(g)
    }
    guard let department else { return nil }
    let dropped = { (local: Int) in keyOf[local] == nil && people.contains(block.original[local].index) }

    var floor = Model(name: "\(block.model.name)-floor")
    var column: [Int: Variable] = [:]
    var merged: [Key: Variable] = [:]
    for key in members.keys.sorted(by: { ($0.role.rawValue, $0.posting) < ($1.role.rawValue, $1.posting) }) {
      let locals = members[key] ?? []
      let definitions = locals.map { block.model.variables[$0] }
      merged[key] = floor.addVariable(
        "\(key.role.rawValue)_\(key.posting)", kind: .integer,
        lower: definitions.reduce(0) { $0 + $1.lower }, upper: definitions.reduce(0) { $0 + $1.upper })
    }
    var shortfall = LinearExpression()
    var blockShortfall = LinearExpression()
    var objective = LinearExpression()
    for (local, definition) in block.model.variables.enumerated() where keyOf[local] == nil && !dropped(local) {
      let v = floor.addVariable(definition.name, kind: definition.kind, lower: definition.lower, upper: definition.upper)
      column[local] = v
      let cost = model.objective.terms[block.original[local]] ?? 0
      if cost != 0 {
        objective.add(cost, v)
        shortfall.add(cost, block.original[local])
        blockShortfall.add(cost, Variable(index: local))
      }
    }
    guard !shortfall.terms.isEmpty else { return nil }
    floor.setObjective(objective, .minimize)
    rows: for row in block.model.constraints {
      var coefficients: [Key: [Double]] = [:]
      var expression = LinearExpression()
      for term in row.terms {
        if let key = keyOf[term.variable.index] {
          coefficients[key, default: []].append(term.coefficient)
        } else if let v = column[term.variable.index] {
          expression.add(term.coefficient, v)
        } else {
          continue rows
        }
      }
      for (key, values) in coefficients {
        guard values.count == members[key]?.count, let first = values.first,
          values.allSatisfy({ abs($0 - first) < 1e-12 }), let v = merged[key]
        else { continue rows }
        expression.add(first, v)
      }
      floor.addConstraint(expression, row.sense, row.rhs, name: row.name)
    }
    // Each role's people take one posting each; only those with a zone among their candidates are zoned.
    let townCount = district.towns.count
    for (role, groupSet) in roleGroups.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      let classesOfRole = groupSet.flatMap { groups[$0] }
      let size = classesOfRole.reduce(0) { $0 + classes[$1].count }
      let mayZone = classesOfRole.filter { c in classOptions[c].contains { $0.posting >= townCount } }
        .reduce(0) { $0 + classes[$1].count }
      var all = LinearExpression()
      var zoned = LinearExpression()
      for (key, v) in merged where key.role == role {
        all.add(1, v)
        if key.posting >= townCount { zoned.add(1, v) }
      }
      floor.addConstraint(all, .equal, Double(size), name: "people_\(role.rawValue)")
      if !zoned.terms.isEmpty, mayZone < size {
        floor.addConstraint(zoned, .lessOrEqual, Double(mayZone), name: "zoned_\(role.rawValue)")
      }
    }
    return ShortfallFloor(
      department: department, model: floor, shortfall: shortfall, blockShortfall: blockShortfall)
  }

  /// Adds the row `floor.shortfall ≥ value` (`floor_{department}`), valid
  /// for every roster when `value` is at most the floor model's optimum
  /// (its proven bound, or its optimum), and records it in `shortfallFloors`.
  public mutating func addShortfallFloor(_ floor: ShortfallFloor, atLeast value: Double) {
    model.addConstraint(floor.shortfall, .greaterOrEqual, value, name: floorRowName(floor))
    shortfallFloors[floor.department] = max(shortfallFloors[floor.department] ?? value, value)
  }

  /// The name of `floor`'s row: `floor_{department id}`.
  public func floorRowName(_ floor: ShortfallFloor) -> String {
    "floor_" + Builder.sanitize(district.departments[floor.department].id)
  }
}
