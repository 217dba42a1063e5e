import Foundation
import MIPModel
import Testing

@testable import SecondmentPlanner

/// How one department is searched (`DepartmentSearch`): GLPK's cuts first,
/// for a few nodes, then without Gomory's cuts. No GLPK needed: the
/// searches are scripted.
@Suite("One department's search")
struct DepartmentSearchTests {
  /// What one search was asked with.
  struct Request {
    var gomoryCuts: Bool?
    var nodeLimit: Int?
    var timeLimit: Double?
    var rows = 0
  }

  /// Answers each search from a script, in order, and records what each was asked with.
  final class ScriptedSolver: Solver, @unchecked Sendable {
    private let lock = NSLock()
    private var script: [SolveResult]
    private var requests: [Request] = []
    var name: String { "scripted" }
    var asked: [Request] { lock.withLock { requests } }

    init(_ script: [SolveResult]) { self.script = script }

    func solve(_ model: Model, options: SolveOptions) throws -> SolveResult {
      try lock.withLock {
        requests.append(
          Request(
            gomoryCuts: options.style?.gomoryCuts, nodeLimit: options.nodeLimit, timeLimit: options.timeLimit,
            rows: model.constraints.count))
        guard !script.isEmpty else { throw ModelError("asked for more searches than scripted") }
        return script.removeFirst()
      }
    }
  }

  static func result(_ termination: Termination, objective: Double?, bound: Double?) -> SolveResult {
    SolveResult(
      termination: termination, values: objective.map { [$0] }, objective: objective, bound: bound, seconds: 0,
      solver: "scripted")
  }

  static let model: Model = {
    var m = Model(name: "department")
    let x = m.addVariable("x", kind: .integer, upper: 20)
    m.setObjective(LinearExpression(x), .minimize)
    return m
  }()

  @Test("a department the search with Gomory's cuts leaves open after its nodes is searched again without them, in the rest of its time")
  func openDepartmentIsSearchedAgainWithoutGomoryCuts() throws {
    let solver = ScriptedSolver([
      Self.result(.limit(.nodes), objective: 10, bound: 5),
      Self.result(.limit(.time), objective: 12, bound: 7),
    ])
    let found = try DepartmentSearch(base: solver).solve(Self.model, options: SolveOptions(timeLimit: 30))
    let asked = solver.asked
    #expect(asked.count == 2)
    #expect(asked[0].gomoryCuts == nil && asked[0].nodeLimit == PlannerTuning.departmentGomoryNodes)
    #expect(asked[0].timeLimit == 30)
    #expect(asked[1].gomoryCuts == false && asked[1].nodeLimit == nil)
    let rest = try #require(asked[1].timeLimit)
    #expect(rest > 29 && rest <= 30)
    // The better roster (the first search's) and the higher bound (the second's) stand.
    #expect(found.termination == .limit(.time))
    #expect(found.objective == 10)
    #expect(found.values == [10])
    #expect(found.bound == 7)
  }

  @Test("a department left open is searched again on the model its floor strengthens, which gets its share of the time left")
  func openDepartmentIsSearchedWithItsFloor() throws {
    let solver = ScriptedSolver([
      Self.result(.limit(.nodes), objective: 10, bound: 5),
      Self.result(.optimal, objective: 10, bound: 10),
    ])
    final class Asked: @unchecked Sendable { var seconds: [Double?] = [] }
    let asked = Asked()
    var search = DepartmentSearch(base: solver)
    search.strengthen = { seconds in
      asked.seconds.append(seconds)
      var model = Self.model
      model.addConstraint(LinearExpression(Variable(index: 0)), .greaterOrEqual, 10, name: "floor_department")
      return model
    }
    let found = try search.solve(Self.model, options: SolveOptions(timeLimit: 30))
    let given = try #require(asked.seconds.first ?? nil)
    #expect(given > 29 * PlannerTuning.shortfallFloorShare && given <= 30 * PlannerTuning.shortfallFloorShare)
    #expect(solver.asked.map(\.rows) == [0, 1])
    #expect(found.termination == .optimal)
    #expect(found.bound == 10)
  }

  @Test("a department that closes with Gomory's cuts is searched once")
  func closedDepartmentIsSearchedOnce() throws {
    let solver = ScriptedSolver([Self.result(.optimal, objective: 8, bound: 8)])
    let found = try DepartmentSearch(base: solver).solve(Self.model, options: SolveOptions(timeLimit: 30))
    #expect(solver.asked.count == 1)
    #expect(found.termination == .optimal)
    #expect(found.objective == 8)
  }

  @Test("the search without Gomory's cuts that closes the department gives its optimum")
  func secondSearchProofStands() throws {
    let solver = ScriptedSolver([
      Self.result(.limit(.nodes), objective: nil, bound: 5),
      Self.result(.optimal, objective: 9, bound: 9),
    ])
    let found = try DepartmentSearch(base: solver).solve(Self.model, options: SolveOptions(timeLimit: nil))
    #expect(solver.asked.map(\.timeLimit) == [nil, nil])
    #expect(found.termination == .optimal)
    #expect(found.objective == 9)
    #expect(found.bound == 9)
  }

  @Test("a department whose time runs out in the search with Gomory's cuts is searched once")
  func timeSpentInTheFirstSearchIsOneSearch() throws {
    let solver = ScriptedSolver([Self.result(.limit(.time), objective: 10, bound: 5)])
    let found = try DepartmentSearch(base: solver).solve(Self.model, options: SolveOptions(timeLimit: 0.5))
    #expect(solver.asked.count == 1)
    #expect(found.termination == .limit(.time))
    #expect(found.objective == 10)
  }
}
