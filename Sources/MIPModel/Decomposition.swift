extension Model {
  /// The model with `relaxed` rows dropped, split into blocks that share no row.
  ///
  /// Two variables are in one block when a kept row holds both. Dropping rows
  /// relaxes the model, so the blocks' optima, summed with the loose
  /// variables' best part, bound the model's optimum (from below when
  /// minimising); a joined point that also keeps the dropped rows and reaches
  /// that bound is optimal for the whole model. Rows are indices into
  /// `constraints`; kept rows without a variable are left out (whether they
  /// hold is for `isFeasible` on the joined point to say).
  public func decomposed(relaxing relaxed: Set<Int>) -> Decomposition {
    var parent = Array(variables.indices)
    func root(_ v: Int) -> Int {
      var v = v
      while parent[v] != v {
        parent[v] = parent[parent[v]]
        v = parent[v]
      }
      return v
    }
    var inRow = [Bool](repeating: false, count: variables.count)
    for (i, c) in constraints.enumerated() where !relaxed.contains(i) {
      guard let first = c.terms.first else { continue }
      let r = root(first.variable.index)
      for t in c.terms {
        inRow[t.variable.index] = true
        let s = root(t.variable.index)
        if s != r { parent[s] = r }
      }
    }

    // Blocks in the order of their first variable, so one model always splits the same way.
    var blockOf: [Int: Int] = [:]
    var members: [[Int]] = []
    for j in variables.indices where inRow[j] {
      let r = root(j)
      if let b = blockOf[r] {
        members[b].append(j)
      } else {
        blockOf[r] = members.count
        members.append([j])
      }
    }
    var position = [Int](repeating: -1, count: variables.count)
    var models: [Model] = members.enumerated().map { b, vars in
      var sub = Model(name: "\(name)-block\(b + 1)")
      sub.sense = sense
      for (p, j) in vars.enumerated() {
        position[j] = p
        let def = variables[j]
        sub.addVariable(def.name, kind: def.kind, lower: def.lower, upper: def.upper)
      }
      return sub
    }
    for (i, c) in constraints.enumerated() where !relaxed.contains(i) {
      guard let first = c.terms.first else { continue }
      let b = blockOf[root(first.variable.index)]!
      var row = LinearExpression()
      for t in c.terms { row.add(t.coefficient, Variable(index: position[t.variable.index])) }
      models[b].addConstraint(row, c.sense, c.rhs, name: c.name)
    }

    var loose: [(variable: Variable, value: Double)] = []
    var looseObjective = objective.constant
    var bounded = true
    for (j, def) in variables.enumerated() where !inRow[j] {
      let cost = objective.terms[Variable(index: j)] ?? 0
      // The bound the objective prefers; 0 (within the bounds) when it is indifferent.
      let wantsLow = sense == .minimize ? cost > 0 : cost < 0
      let wantsHigh = sense == .minimize ? cost < 0 : cost > 0
      var value = wantsLow ? def.lower : wantsHigh ? def.upper : min(max(0, def.lower), def.upper)
      if !value.isFinite {
        bounded = false
        value = def.lower.isFinite ? def.lower : def.upper.isFinite ? def.upper : 0
      }
      loose.append((Variable(index: j), value))
      looseObjective += cost * value
    }
    for (v, k) in objective.terms where inRow[v.index] {
      models[blockOf[root(v.index)]!].objective.add(k, Variable(index: position[v.index]))
    }
    var blockOfVariable = [Int](repeating: -1, count: variables.count)
    for (b, vars) in members.enumerated() {
      for j in vars { blockOfVariable[j] = b }
    }
    return Decomposition(
      blocks: zip(models, members).map {
        Decomposition.Block(model: $0, original: $1.map { Variable(index: $0) })
      },
      loose: loose, looseObjective: looseObjective, isBounded: bounded,
      variableCount: variables.count, blockOfVariable: blockOfVariable, position: position)
  }
}

/// A model split into independent blocks (`Model.decomposed(relaxing:)`).
public struct Decomposition: Sendable {
  /// One block: a model of its own over some of the variables.
  public struct Block: Sendable {
    /// The block's rows and variables, with its part of the objective (no constant).
    public let model: Model
    /// For each variable of `model`, the variable of the full model it stands for.
    public let original: [Variable]
  }

  /// The blocks, in the order of their first variable.
  public let blocks: [Block]
  /// Variables in no kept row, at the bound the objective prefers.
  public let loose: [(variable: Variable, value: Double)]
  /// The objective's constant plus the loose variables' part: add the blocks'
  /// optima for the relaxation's optimum.
  public let looseObjective: Double
  /// False when a loose variable could improve the objective without end: the
  /// relaxation is then unbounded and gives no bound.
  public let isBounded: Bool
  let variableCount: Int
  /// Per variable of the full model: its block, or -1 when loose.
  let blockOfVariable: [Int]
  /// Per variable of the full model: its index in its block's model.
  let position: [Int]

  /// `row` (over the full model's variables) as a row of the one block
  /// that holds all its variables, with that block's index; nil when its
  /// variables lie in several blocks, or any is loose. For rows added to the
  /// full model after the split, e.g. cutting planes within one block.
  public func place(_ row: Constraint) -> (block: Int, row: Constraint)? {
    guard let first = row.terms.first else { return nil }
    let b = blockOfVariable[first.variable.index]
    guard b >= 0, row.terms.allSatisfy({ blockOfVariable[$0.variable.index] == b }) else { return nil }
    var local = row
    local.terms = row.terms.map { (Variable(index: position[$0.variable.index]), $0.coefficient) }
    return (b, local)
  }

  /// The full model's point from one point per block (in `blocks` order), loose variables at their values.
  public func assemble(_ values: [[Double]]) -> [Double] {
    var full = [Double](repeating: 0, count: variableCount)
    for (v, x) in loose { full[v.index] = x }
    for (block, x) in zip(blocks, values) {
      for (v, value) in zip(block.original, x) { full[v.index] = value }
    }
    return full
  }
}
