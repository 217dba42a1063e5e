import MIPModel
import Testing

@Suite("Model.restricted: the sub-problem a neighbourhood search solves")
struct RestrictionTests {
  /// min 3x + 2y + z + 5w  s.t.  x + y ≥ 2,  y + z ≤ 4,  x + w = 1;  x, y, w integer.
  static func model() -> (Model, [Variable]) {
    var m = Model(name: "small")
    let x = m.addVariable("x", kind: .integer, upper: 5)
    let y = m.addVariable("y", kind: .integer, upper: 5)
    let z = m.addVariable("z", upper: 4)
    let w = m.addVariable("w", kind: .binary)
    m.addConstraint(x + y, .greaterOrEqual, 2, name: "cover")
    m.addConstraint(y + z, .lessOrEqual, 4, name: "cap")
    m.addConstraint(x + w, .equal, 1, name: "pick")
    m.setObjective(3 * x + 2 * y + LinearExpression(z) + 5 * w, .minimize)
    return (m, [x, y, z, w])
  }

  @Test("fixed variables leave; their terms move to the right-hand side and the objective constant")
  func substitutes() {
    let (m, v) = Self.model()
    let point = [1.0, 1.0, 0.5, 0.0]
    let r = m.restricted(fixing: [v[0]], at: point)
    #expect(r.model.variables.map(\.name) == ["y", "z", "w"])
    #expect(r.original == [v[1], v[2], v[3]])
    let cover = r.model.constraints.first { $0.name == "cover" }
    #expect(cover?.rhs == 1)  // x + y ≥ 2 with x = 1
    #expect(cover?.terms.map(\.variable) == [Variable(index: 0)])
    let pick = r.model.constraints.first { $0.name == "pick" }
    #expect(pick?.rhs == 0)  // x + w = 1 with x = 1
    #expect(r.model.objective.constant == 3)
  }

  @Test("a row whose variables are all fixed is dropped")
  func dropsEmptyRows() {
    let (m, v) = Self.model()
    let r = m.restricted(fixing: [v[0], v[3]], at: [1, 1, 0, 0])
    #expect(r.model.constraints.map(\.name) == ["cover", "cap"])
  }

  @Test("project and expand are inverse on the free variables; the objective is the full model's")
  func roundTrip() {
    let (m, v) = Self.model()
    let point = [1.0, 2.0, 1.5, 0.0]
    let r = m.restricted(fixing: [v[0], v[3]], at: point)
    let sub = r.project(point)
    #expect(sub == [2.0, 1.5])
    #expect(r.expand(sub) == point)
    #expect(r.model.isFeasible(sub))
    #expect(r.model.objective.value(at: sub) == m.objective.value(at: point))
    let moved = r.expand([1, 3])
    #expect(moved == [1, 1, 3, 0])
    #expect(m.isFeasible(moved))
    #expect(r.model.objective.value(at: [1, 3]) == m.objective.value(at: moved))
  }

  @Test("the linear relaxation keeps every row, bound and the objective, and drops integrality")
  func linearRelaxation() {
    let (m, _) = Self.model()
    let relaxed = m.linearRelaxation
    #expect(relaxed.variables.allSatisfy { $0.kind == .continuous })
    #expect(relaxed.variables.map(\.upper) == m.variables.map(\.upper))
    #expect(relaxed.variables.map(\.lower) == m.variables.map(\.lower))
    #expect(relaxed.constraints.map(\.name) == m.constraints.map(\.name))
    #expect(relaxed.objective.value(at: [0.5, 1.5, 0, 0.5]) == m.objective.value(at: [0.5, 1.5, 0, 0.5]))
    // A fractional point: the relaxation's, not the model's.
    #expect(relaxed.isFeasible([0.5, 1.5, 0, 0.5]))
    #expect(!m.isFeasible([0.5, 1.5, 0, 0.5]))
  }
}
