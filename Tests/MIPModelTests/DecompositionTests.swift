import MIPModel
import Testing

@Suite("Model.decomposed: blocks that share no row once linking rows are dropped")
struct DecompositionTests {
  /// Two departments' rows, one row joining them, and a loose variable:
  /// min 2a + 3b + c + 4d + 5s
  /// s.t. a + b ≥ 1 (first), c + d ≥ 2 (second), b + d ≤ 1 (joining), s ≤ 3 (joining);
  /// a, b, c, d integer.
  static func model() -> (Model, [Variable]) {
    var m = Model(name: "two")
    let a = m.addVariable("a", kind: .integer, upper: 3)
    let c = m.addVariable("c", kind: .integer, upper: 3)
    let b = m.addVariable("b", kind: .integer, upper: 3)
    let d = m.addVariable("d", kind: .integer, upper: 3)
    let s = m.addVariable("s", upper: 3)
    m.addConstraint(a + b, .greaterOrEqual, 1, name: "first")
    m.addConstraint(c + d, .greaterOrEqual, 2, name: "second")
    m.addConstraint(b + d, .lessOrEqual, 1, name: "joining")
    m.addConstraint(LinearExpression(s), .lessOrEqual, 3, name: "slack")
    m.setObjective(2 * a + 3 * b + LinearExpression(c) + 4 * d + 5 * s, .minimize)
    m.objective.constant = 7
    return (m, [a, c, b, d, s])
  }

  @Test("dropping the joining rows leaves one block per group of rows, in first-variable order")
  func splitsIntoBlocks() {
    let (m, v) = Self.model()
    let split = m.decomposed(relaxing: [2, 3])
    #expect(split.blocks.count == 2)
    #expect(split.blocks[0].original == [v[0], v[2]])  // a, b
    #expect(split.blocks[1].original == [v[1], v[3]])  // c, d
    #expect(split.blocks[0].model.constraints.map(\.name) == ["first"])
    #expect(split.blocks[1].model.constraints.map(\.name) == ["second"])
    // Each block's objective is its own variables' part, without the constant.
    #expect(split.blocks[0].model.objective.terms == [Variable(index: 0): 2, Variable(index: 1): 3])
    #expect(split.blocks[1].model.objective.terms == [Variable(index: 0): 1, Variable(index: 1): 4])
    #expect(split.blocks[1].model.objective.constant == 0)
  }

  @Test("keeping a row that joins two groups keeps them in one block")
  func joiningRowJoins() {
    let (m, _) = Self.model()
    #expect(m.decomposed(relaxing: [3]).blocks.count == 1)
  }

  @Test("a variable in no kept row sits at the bound the objective prefers and counts in the constant")
  func looseVariables() {
    let (m, v) = Self.model()
    let split = m.decomposed(relaxing: [2, 3])
    #expect(split.loose.map(\.variable) == [v[4]])
    #expect(split.loose.first?.value == 0)
    #expect(split.looseObjective == 7)
    #expect(split.isBounded)

    var rewarded = m
    rewarded.objective.terms[v[4]] = -5  // now s wants its upper bound, 3
    let other = rewarded.decomposed(relaxing: [2, 3])
    #expect(other.loose.first?.value == 3)
    #expect(other.looseObjective == 7 - 15)

    var unbounded = Model()
    let free = unbounded.addVariable("free")
    unbounded.setObjective(-1 * LinearExpression(free), .minimize)
    #expect(!unbounded.decomposed(relaxing: []).isBounded)
  }

  @Test("the blocks' points join into the whole model's point")
  func assembles() {
    let (m, _) = Self.model()
    let split = m.decomposed(relaxing: [2, 3])
    let joined = split.assemble([[1, 0], [2, 0]])
    #expect(joined == [1, 2, 0, 0, 0])
    #expect(m.isFeasible(joined))
    // The blocks' optima (2 and 2) plus the loose part (7) are the whole optimum here:
    // the joined point keeps the joining rows.
    #expect(m.objective.value(at: joined) == 2 + 2 + split.looseObjective)
  }

  @Test("a row added after the split goes to the block that holds its variables, in that block's numbering")
  func addedRowIsPlacedInItsBlock() throws {
    var (m, v) = Self.model()
    let split = m.decomposed(relaxing: [2, 3])
    m.addConstraint(LinearExpression(v[1]) + 2 * v[3], .lessOrEqual, 4, name: "within")
    m.addConstraint(LinearExpression(v[0]) + v[1], .lessOrEqual, 5, name: "across")
    m.addConstraint(LinearExpression(v[4]) + v[0], .lessOrEqual, 5, name: "loose")
    // c and d are the second block's variables 0 and 1.
    let placed = try #require(split.place(m.constraints[4]))
    #expect(placed.block == 1)
    #expect(placed.row.terms.map(\.variable) == [Variable(index: 0), Variable(index: 1)])
    #expect(placed.row.terms.map(\.coefficient) == [1, 2])
    #expect(placed.row.sense == .lessOrEqual && placed.row.rhs == 4 && placed.row.name == "within")
    #expect(split.place(m.constraints[5]) == nil, "a row across two blocks has no one block")
    #expect(split.place(m.constraints[6]) == nil, "a row on a loose variable has no block")
  }
}
