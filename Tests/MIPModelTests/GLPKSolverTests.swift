import Foundation
import GAPBenchmark
import MIPModel
import Testing

@testable import GLPKBackend

@Suite("GLPK backend", needsGLPK)
struct GLPKSolverTests {
  let solver = GLPKSolver()

  @Test("name, availability and version")
  func identity() {
    #expect(solver.name == "glpk")
    #expect(GLPKSolver.isAvailable)
    #expect(GLPKSolver.version?.first?.isNumber == true)
  }

  @Test("a small MIP: optimum, values, bound = objective")
  func smallMIP() throws {
    // max 5x + 4y  s.t. 6x + 4y <= 24, x + 2y <= 6, x, y integer >= 0 → (4, 0) = 20? (3,1)=19, (4,0)=20
    var model = Model(name: "small")
    let x = model.addVariable("x", kind: .integer)
    let y = model.addVariable("y", kind: .integer)
    model.addConstraint(6 * x + 4 * y, .lessOrEqual, 24)
    model.addConstraint(LinearExpression(x) + 2 * y, .lessOrEqual, 6)
    model.setObjective(5 * x + 4 * y + 1, .maximize)
    let r = try solver.solve(model, options: SolveOptions())
    #expect(r.termination == .optimal)
    #expect(r.values == [4, 0])
    #expect(r.objective == 21)
    #expect(r.bound == 21)
    #expect(r.status == "optimal")
    #expect(r.solver.hasPrefix("glpk "))
  }

  @Test("without Gomory's cuts the search reaches the same optimum")
  func withoutGomoryCuts() throws {
    let instance = try #require(try GAPReader.read(path: gapPath("gap1.txt")).first)
    let model = GAPModel(instance, sense: .maximize).model
    let plain = try solver.solve(model, options: SolveOptions())
    let without = try solver.styled(SearchStyle(gomoryCuts: false)).solve(model, options: SolveOptions())
    #expect(plain.termination == .optimal)
    #expect(without.termination == .optimal)
    #expect(without.objective == plain.objective)
    #expect(without.values.map { model.isFeasible($0) } == true)
  }

  @Test("a node limit stops the search with its incumbent and bound, at the same place each time")
  func nodeLimitStopsTheSearch() throws {
    let instance = try #require(try GAPReader.read(path: gapPath("gapc.txt")).first)
    let model = GAPModel(instance, sense: .minimize).model
    var options = SolveOptions(timeLimit: 60)
    options.nodeLimit = 3
    let first = try solver.solve(model, options: options)
    #expect(first.termination == .limit(.nodes))
    #expect(first.bound != nil)
    let again = try solver.solve(model, options: options)
    #expect(again.termination == .limit(.nodes))
    #expect(again.objective == first.objective && again.bound == first.bound)
  }

  @Test("a pure LP goes through the simplex method")
  func pureLP() throws {
    var model = Model(name: "lp")
    let x = model.addVariable("x")
    let y = model.addVariable("y")
    model.addConstraint(x + y, .lessOrEqual, 4)
    model.addConstraint(LinearExpression(x) - y, .equal, 1)
    model.setObjective(2 * x + LinearExpression(y), .maximize)
    let r = try solver.solve(model, options: SolveOptions())
    #expect(r.termination == .optimal)
    let v = try #require(r.values)
    #expect(abs(v[0] - 2.5) < 1e-9 && abs(v[1] - 1.5) < 1e-9)
    #expect(abs((r.objective ?? 0) - 6.5) < 1e-9)
  }

  @Test("an infeasible MIP is reported infeasible, with no values and no bound")
  func infeasible() throws {
    var model = Model(name: "infeasible")
    let x = model.addVariable("x", kind: .integer, upper: 10)
    let y = model.addVariable("y", kind: .binary)
    model.addConstraint(x + y, .greaterOrEqual, 12)
    model.setObjective(LinearExpression(x), .minimize)
    let r = try solver.solve(model, options: SolveOptions())
    #expect(r.termination == .infeasible)
    #expect(r.values == nil && r.objective == nil && r.bound == nil)
    #expect(r.status == "infeasible")
  }

  @Test("integer infeasibility that only branching finds (LP relaxation feasible)")
  func integerInfeasible() throws {
    // 2x + 2y = 3 has LP solutions but no integer one.
    var model = Model(name: "parity")
    let x = model.addVariable("x", kind: .integer, upper: 5)
    let y = model.addVariable("y", kind: .integer, upper: 5)
    model.addConstraint(2 * x + 2 * y, .equal, 3)
    model.setObjective(LinearExpression(x), .minimize)
    let r = try solver.solve(model, options: SolveOptions(timeLimit: 10))
    #expect(r.termination == .infeasible)
    #expect(r.values == nil)
  }

  @Test("an infeasible LP")
  func infeasibleLP() throws {
    var model = Model(name: "lp-infeasible")
    let x = model.addVariable("x", upper: 1)
    model.addConstraint(LinearExpression(x), .greaterOrEqual, 2)
    model.setObjective(LinearExpression(x), .minimize)
    #expect(try solver.solve(model, options: SolveOptions()).termination == .infeasible)
  }

  @Test("an unbounded MIP and an unbounded LP are reported unbounded")
  func unbounded() throws {
    var model = Model(name: "unbounded")
    let x = model.addVariable("x", kind: .integer)
    let y = model.addVariable("y", kind: .integer, upper: 3)
    model.addConstraint(LinearExpression(x) - y, .greaterOrEqual, 1)
    model.setObjective(x + y, .maximize)
    let r = try solver.solve(model, options: SolveOptions())
    #expect(r.termination == .unbounded)
    #expect(r.values == nil)
    #expect(r.status == "unbounded")

    var lp = Model(name: "unbounded-lp")
    let z = lp.addVariable("z", lower: -.infinity)
    lp.addConstraint(LinearExpression(z), .lessOrEqual, 5)
    lp.setObjective(LinearExpression(z), .minimize)
    #expect(try solver.solve(lp, options: SolveOptions()).termination == .unbounded)
  }

  @Test("an unbounded MIP with a feasible warm start (no presolve) is unbounded too")
  func unboundedWarm() throws {
    var model = Model(name: "unbounded-warm")
    let x = model.addVariable("x", kind: .integer)
    model.addConstraint(LinearExpression(x), .greaterOrEqual, 1)
    model.setObjective(LinearExpression(x), .maximize)
    var options = SolveOptions()
    options.warmStart = [1]
    #expect(try solver.solve(model, options: options).termination == .unbounded)
  }

  @Test("time limit with an incumbent: feasible, bound and gap reported")
  func timeLimitWithIncumbent() throws {
    let model = hardKnapsack()
    let progress = ProgressLog()
    var options = SolveOptions(timeLimit: 1)
    options.progress = { progress.append($0) }
    let r = try solver.solve(model, options: options)
    #expect(r.termination == .limit(.time))
    #expect(r.status == "feasible")
    let values = try #require(r.values)
    #expect(model.isFeasible(values))
    let objective = try #require(r.objective)
    let bound = try #require(r.bound)
    #expect(bound >= objective)  // maximising: the bound is an upper bound
    #expect((r.gap ?? 0) > 0)
    #expect(r.seconds >= 0.9 && r.seconds < 10)
    // Progress arrives, throttled to a few per second.
    let reports = progress.items
    #expect(!reports.isEmpty && reports.count <= 8)
    #expect(reports.contains { $0.incumbent != nil && $0.bound != nil && $0.gap != nil })
  }

  @Test("a bound proven elsewhere stops the search once its incumbent is within the gap of it")
  func stopsAgainstBoundFromElsewhere() throws {
    let model = hardKnapsack()
    let relaxation = try solver.solve(model.linearRelaxation, options: SolveOptions())
    let elsewhere = try #require(relaxation.objective)
    let progress = ProgressLog()
    var options = SolveOptions(timeLimit: 30)
    options.progress = { progress.append($0) }
    let r = try solver.solve(model, options: options.stopping(within: 0.05, of: elsewhere))
    #expect(r.termination == .limit(.interrupted))
    let objective = try #require(r.objective)
    #expect(SolveResult.closes(objective: objective, bound: elsewhere, within: 0.05))
    #expect(!progress.items.isEmpty, "the caller's progress still arrives")
    // A bound the incumbent never meets stops nothing: the limit ends the search.
    let strict = try solver.solve(
      model, options: SolveOptions(timeLimit: 1).stopping(within: 0, of: elsewhere + 1))
    #expect(strict.termination == .limit(.time))
  }

  @Test("time limit without an incumbent: no solution, status no-solution")
  func timeLimitWithoutIncumbent() throws {
    let r = try solver.solve(marketSplit(), options: SolveOptions(timeLimit: 1))
    #expect(r.termination == .limit(.time))
    #expect(r.values == nil && r.objective == nil)
    #expect(r.status == "no-solution")
    #expect(r.seconds >= 0.9 && r.seconds < 10)
  }

  @Test("relative gap: stops early but reports optimal within the gap, bound honest")
  func relativeGap() throws {
    let model = hardKnapsack()
    let r = try solver.solve(model, options: SolveOptions(timeLimit: 30, relativeGap: 0.01))
    #expect(r.termination == .optimal)
    let objective = try #require(r.objective)
    let bound = try #require(r.bound)
    #expect(bound >= objective)
    #expect((r.gap ?? 1) <= 0.01 + 1e-9)
    #expect(r.seconds < 5)
  }

  @Test(
    "bad models throw a Swift error naming the variable, and GLPK is never called",
    arguments: [
      ("lower above upper", 5.0, 2.0, VariableKind.continuous, 1.0, "'bad'"),
      ("NaN bound", Double.nan, 2.0, .continuous, 1.0, "NaN"),
      ("fractional bound on an integer", 0.0, 2.5, .integer, 1.0, "fractional bound 2.5"),
      ("NaN coefficient", 0.0, 2.0, .continuous, Double.nan, "coefficient nan"),
      ("infinite coefficient", 0.0, 2.0, .integer, Double.infinity, "coefficient inf"),
    ])
  func badModels(
    _ label: String, lower: Double, upper: Double, kind: VariableKind, coefficient: Double,
    fragment: String
  ) throws {
    var model = Model(name: label)
    let ok = model.addVariable("ok", kind: .integer, upper: 3)
    let bad = model.addVariable("bad", kind: kind, lower: lower, upper: upper)
    model.addConstraint(LinearExpression(ok) + coefficient * bad, .lessOrEqual, 4)
    model.setObjective(LinearExpression(ok), .maximize)
    let error = #expect(throws: ModelError.self) { try solver.solve(model, options: SolveOptions()) }
    #expect(error?.message.contains(fragment) == true, "\(String(describing: error))")
    #expect(error?.message.contains("'bad'") == true)
    let path = try temporaryPath("mps")
    #expect(throws: ModelError.self) { try solver.writeModel(model, to: path, format: .mps) }
    // And the next solve on this thread still works.
    var good = Model(name: "good")
    let y = good.addVariable("y", kind: .integer, upper: 3)
    good.setObjective(LinearExpression(y), .maximize)
    #expect(try solver.solve(good, options: SolveOptions()).objective == 3)
  }

  @Test("a GLPK fatal error is caught by the C guard, and GLPK works afterwards")
  func fatalErrorRecovered() throws {
    let message = try #require(GLPKSolver.provokeCaughtFatalError())
    #expect(message.contains("glp_add_cols"))
    let instance = try #require(try GAPReader.read(path: gapPath("gap1.txt")).first)
    let r = try solver.solve(GAPModel(instance, sense: .maximize).model, options: SolveOptions())
    #expect(r.objective == 336)
  }

  /// A covering LP: min Σ cost·x over 30 columns in [0, 1], 12 random rows Σ x ≥ 1.
  static func coveringLP(seed: UInt64) -> Model {
    var random = SplitMix64(seed: seed)
    var model = Model(name: "cover")
    let x = (0..<30).map { model.addVariable("x\($0)", upper: 1) }
    for r in 0..<12 {
      var row = LinearExpression()
      for v in x where Double.random(in: 0..<1, using: &random) < 0.2 { row.add(1, v) }
      row.add(1, x[r])
      model.addConstraint(row, .greaterOrEqual, 1, name: "cover\(r)")
    }
    var objective = LinearExpression()
    for v in x { objective.add(Double(Int.random(in: 1...9, using: &random)), v) }
    model.setObjective(objective, .minimize)
    return model
  }

  @Test("a relaxation session solves again after rows are added, to the optimum of the model with them")
  func relaxationSessionResolvesWithAddedRows() throws {
    for seed: UInt64 in 1...5 {
      var model = Self.coveringLP(seed: seed)
      let session = try solver.relaxationSession(for: model)
      var previous = try #require(try session.solve(options: SolveOptions()).objective)
      var random = SplitMix64(seed: seed + 100)
      for round in 0..<4 {
        // Three random rows: a third of the columns must carry at least 2.
        let first = model.constraints.count
        for r in 0..<3 {
          var row = LinearExpression()
          for j in 0..<30 where Double.random(in: 0..<1, using: &random) < 0.3 { row.add(1, Variable(index: j)) }
          model.addConstraint(row, .greaterOrEqual, 2, name: "added\(round)_\(r)")
        }
        try session.add(Array(model.constraints[first...]))
        let warm = try session.solve(options: SolveOptions())
        let cold = try solver.solve(model, options: SolveOptions())
        #expect(warm.termination == cold.termination)
        guard let objective = warm.objective, let optimum = cold.objective else { continue }
        #expect(abs(objective - optimum) < 1e-6, "seed \(seed), round \(round)")
        #expect(objective >= previous - 1e-9, "rows only raise a minimum")
        #expect(model.linearRelaxation.isFeasible(try #require(warm.values)))
        previous = objective
      }
    }
  }

  @Test("a relaxation session refuses a row on a variable its model lacks, and keeps working")
  func relaxationSessionRefusesForeignRow() throws {
    var model = Self.coveringLP(seed: 7)
    let session = try solver.relaxationSession(for: model)
    let before = try session.solve(options: SolveOptions()).objective
    model.addConstraint(LinearExpression(Variable(index: 40)), .lessOrEqual, 1, name: "foreign")
    #expect(throws: ModelError.self) { try session.add([model.constraints.last!]) }
    #expect(try session.solve(options: SolveOptions()).objective == before)
  }

  @Test("a GLPK fatal error on the thread leaves a relaxation session's problem gone: it says so, never touches it")
  func relaxationSessionAfterFatalError() throws {
    let model = Self.coveringLP(seed: 3)
    let session = try solver.relaxationSession(for: model)
    #expect(try session.solve(options: SolveOptions()).termination == .optimal)
    // The guard frees this thread's whole GLPK environment, the session's problem with it.
    _ = try #require(GLPKSolver.provokeCaughtFatalError())
    #expect(throws: GLPKError.self) { try session.solve(options: SolveOptions()) }
    #expect(throws: GLPKError.self) { try session.add([model.constraints[0]]) }
    // A new session works.
    #expect(try solver.relaxationSession(for: model).solve(options: SolveOptions()).termination == .optimal)
  }

  @Test("a warm start size mismatch is an error, not a crash")
  func warmStartSize() {
    var model = Model()
    model.addVariable("x", kind: .binary)
    var options = SolveOptions()
    options.warmStart = [1, 0]
    #expect(throws: GLPKError.warmStartSize(expected: 1, got: 2)) {
      try solver.solve(model, options: options)
    }
  }

  @Test("a feasible warm start is accepted through the heuristic callback")
  func warmStartAccepted() throws {
    let instance = try #require(try GAPReader.read(path: gapPath("gapa.txt")).first)
    let gap = GAPModel(instance, sense: .minimize)
    // A feasible but poor start: the optimum's assignment with one job moved, or the optimum itself.
    let cold = try solver.solve(gap.model, options: SolveOptions(timeLimit: 60))
    #expect(cold.objective == 1698)  // a05100, from the known-values table
    var options = SolveOptions(timeLimit: 60)
    let start = try #require(cold.values)
    options.warmStart = start
    let warm = try solver.solveReporting(gap.model, options: options)
    #expect(warm.warmStart == .accepted)
    #expect(warm.result.termination == .optimal)
    #expect(warm.result.objective == 1698)
  }

  @Test("an infeasible warm start is set aside and the solve still finds the optimum")
  func warmStartInfeasible() throws {
    let instance = try #require(try GAPReader.read(path: gapPath("gap1.txt")).first)
    let gap = GAPModel(instance, sense: .maximize)
    var options = SolveOptions()
    options.warmStart = [Double](repeating: 1, count: gap.model.variables.count)
    let report = try solver.solveReporting(gap.model, options: options)
    #expect(report.warmStart == .infeasible)
    #expect(report.result.objective == 336)
  }

  @Test("a warm start keeps a solution when the time limit stops the search")
  func warmStartAtTimeLimit() throws {
    // Zero is feasible for the knapsack, so it serves as a (poor) start.
    let mkp = hardKnapsack()
    var options = SolveOptions(timeLimit: 1)
    options.warmStart = [Double](repeating: 0, count: mkp.variables.count)
    let report = try solver.solveReporting(mkp, options: options)
    #expect(report.result.termination == .limit(.time))
    #expect(report.result.hasSolution)
    #expect(report.warmStart == .accepted || report.warmStart == .declined)
    #expect(mkp.isFeasible(report.result.values ?? []))
  }

  @Test("MPS round trip: write, read back with GLPK, same optimum", arguments: [ObjectiveSense.maximize, .minimize])
  func mpsRoundTrip(_ sense: ObjectiveSense) throws {
    let instance = try #require(try GAPReader.read(path: gapPath("gap2.txt")).first)
    let gap = GAPModel(instance, sense: sense)
    let path = try temporaryPath("mps")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try solver.writeModel(gap.model, to: path, format: .mps)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("x_1_1") && text.contains("cap_5"))
    let back = try solver.solveModelFile(at: path, format: .mps, sense: sense)
    let expected = try #require(GAPKnownValue.lookup(file: "gap2.txt", index: 1, sense: sense))
    #expect(back.termination == .optimal)
    #expect(back.objective == Double(expected.value))
    #expect(back.values?.count == gap.model.variables.count)
    let direct = try solver.solve(gap.model, options: SolveOptions())
    #expect(direct.objective == back.objective)
  }

  @Test("CPLEX LP round trip keeps the sense")
  func lpRoundTrip() throws {
    let instance = try #require(try GAPReader.read(path: gapPath("gap3.txt")).last)
    let gap = GAPModel(instance, sense: .maximize)
    let path = try temporaryPath("lp")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try solver.writeModel(gap.model, to: path, format: .cplexLP)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.lowercased().contains("maximize"))
    let back = try solver.solveModelFile(at: path, format: .cplexLP)
    #expect(back.objective == 564)  // c525-5 maximum, from the known-values table
  }

  @Test("reading a broken or missing model file is a Swift error")
  func badModelFile() throws {
    let path = try temporaryPath("mps")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "NAME broken\nROWS\n N obj\n L c1\nCOLUMNS\n x c1 nonsense\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: GLPKError.self) { try solver.solveModelFile(at: path, format: .mps) }
    #expect(throws: GLPKError.self) {
      try solver.solveModelFile(at: "/nonexistent/x.mps", format: .mps)
    }
    #expect(throws: GLPKError.self) {
      try solver.writeModel(Model(), to: "/nonexistent/dir/x.lp", format: .cplexLP)
    }
  }

  @Test("awkward names (spaces, long, unicode) do not upset GLPK")
  func awkwardNames() throws {
    var model = Model(name: String(repeating: "长", count: 200))
    let x = model.addVariable("a name with spaces\tand\ttabs", kind: .integer, upper: 2)
    let y = model.addVariable(String(repeating: "y", count: 400), kind: .binary)
    model.addConstraint(x + y, .lessOrEqual, 2, name: "row one")
    model.setObjective(x + y, .maximize)
    #expect(try solver.solve(model, options: SolveOptions()).objective == 2)
    let path = try temporaryPath("lp")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try solver.writeModel(model, to: path, format: .cplexLP)
    #expect(try solver.solveModelFile(at: path, format: .cplexLP).objective == 2)
  }

  @Test(
    "either backtracking rule proves the same optimum",
    arguments: [GLPKSolver.Backtracking.bestLocalBound, .bestProjection])
  func backtrackingKeepsTheOptimum(rule: GLPKSolver.Backtracking) throws {
    let instance = try #require(try GAPReader.read(path: gapPath("gap1.txt")).first)
    let solver = GLPKSolver(backtracking: rule)
    let r = try solver.solve(GAPModel(instance, sense: .maximize).model, options: SolveOptions())
    #expect(r.termination == .optimal)
    #expect(r.objective == 336)
    #expect(r.bound == 336)
  }

  @Test("solves on several threads at once (one GLPK environment per thread)")
  func concurrent() async throws {
    let instances = try GAPReader.read(path: gapPath("gap1.txt"))
    let objectives = try await withThrowingTaskGroup(of: (Int, Double?).self) { group in
      for (k, instance) in instances.enumerated() {
        group.addTask {
          let r = try GLPKSolver().solve(GAPModel(instance, sense: .maximize).model, options: SolveOptions())
          return (k, r.objective)
        }
      }
      var out = [Double?](repeating: nil, count: instances.count)
      for try await (k, o) in group { out[k] = o }
      return out
    }
    #expect(objectives == [336, 327, 339, 341, 326])
  }
}

@Suite("GLPK absent")
struct GLPKAbsentTests {
  @Test(
    "without the trait, solve throws a clear error",
    .enabled(if: !GLPKSolver.isAvailable, "GLPK is in this build: nothing to check"))
  func unavailable() {
    #expect(GLPKSolver.version == nil)
    let error = #expect(throws: GLPKError.self) {
      try GLPKSolver().solve(Model(), options: SolveOptions())
    }
    #expect(error?.description == "this build has no GLPK; rebuild with the default traits")
  }
}

/// Collects progress reports from the callback.
final class ProgressLog: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [SolveProgress] = []
  func append(_ p: SolveProgress) { lock.withLock { storage.append(p) } }
  var items: [SolveProgress] { lock.withLock { storage } }
}
