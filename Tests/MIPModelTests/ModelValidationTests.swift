import MIPModel
import Testing

@Suite("Model.validate")
struct ModelValidationTests {
  @Test("a sound model passes")
  func sound() throws {
    var model = Model()
    let x = model.addVariable("x", kind: .integer, lower: -.infinity, upper: 4)
    let y = model.addVariable("y", kind: .binary)
    model.addConstraint(x + y, .lessOrEqual, 3)
    model.setObjective(LinearExpression(x) + 2 * y, .maximize)
    try model.validate()
  }

  @Test(
    "each rule names what is wrong",
    arguments: [
      (VariableKind.continuous, 3.0, 1.0, "above upper bound"),
      (.integer, 0.5, 2.0, "fractional bound 0.5"),
      (.binary, 0.0, 2.0, "outside [0, 1]"),
      (.continuous, Double.infinity, Double.infinity, "no value fits"),
      (.continuous, -Double.infinity, Double.nan, "NaN bound"),
    ])
  func badBounds(kind: VariableKind, lower: Double, upper: Double, fragment: String) {
    var model = Model()
    model.addVariable("v", kind: kind, lower: lower, upper: upper)
    let error = #expect(throws: ModelError.self) { try model.validate() }
    #expect(error?.message.contains("'v'") == true)
    #expect(error?.message.contains(fragment) == true, "\(String(describing: error))")
  }

  @Test("non-finite right-hand side, objective constant and unknown variables")
  func rowsAndObjective() {
    var model = Model()
    let x = model.addVariable("x")
    model.addConstraint(LinearExpression(x), .lessOrEqual, .nan, name: "r")
    #expect(throws: ModelError("constraint 'r' has a non-finite right-hand side nan")) {
      try model.validate()
    }
    var m2 = Model()
    m2.addVariable("x")
    m2.setObjective(LinearExpression(terms: [Variable(index: 5): 1]), .minimize)
    #expect(throws: ModelError("the objective uses variable #5, which is not in the model")) {
      try m2.validate()
    }
    var m3 = Model()
    m3.setObjective(LinearExpression(constant: .infinity), .minimize)
    #expect(throws: ModelError.self) { try m3.validate() }
  }
}
