import GAPBenchmark
import GLPKBackend
import MIPModel
import Testing

/// Relaxation induced neighbourhood search (`Solver.improveByRelaxation`) on
/// OR-Library's gap1: a poor start is the other sense's optimum, so the
/// search has something to find, and the known optima bound what it may reach.
@Suite("Relaxation induced neighbourhood search", needsGLPK)
struct RelaxationInducedSearchTests {
  /// Each gap1 instance in `sense`, with the opposite sense's optimum as a
  /// start (it keeps the same rows) and the known optimum in `sense`.
  static func starts(_ sense: ObjectiveSense) throws -> [(
    model: Model, start: SolveResult, optimum: Double
  )] {
    let other: ObjectiveSense = sense == .minimize ? .maximize : .minimize
    return try GAPReader.read(path: gapPath("gap1.txt")).enumerated().map { k, instance in
      let poor = try GLPKSolver().solve(
        GAPModel(instance, sense: other).model, options: SolveOptions(timeLimit: 60))
      let model = GAPModel(instance, sense: sense).model
      let values = try #require(poor.values)
      let start = SolveResult(
        termination: .limit(.time), values: values, objective: model.objective.value(at: values),
        bound: nil, seconds: 0, solver: "test")
      let known = try #require(GAPKnownValue.lookup(file: "gap1.txt", index: k + 1, sense: sense))
      return (model, start, Double(known.value))
    }
  }

  @Test("from a poor start it finds a better point that keeps every row, never past the optimum", arguments: [ObjectiveSense.minimize, .maximize])
  func improvesAPoorStart(_ sense: ObjectiveSense) throws {
    let sign = sense == .minimize ? 1.0 : -1.0
    for (model, start, optimum) in try Self.starts(sense) {
      let startObjective = try #require(start.objective)
      let found = try GLPKSolver().improveByRelaxation(
        model, from: start, timeLimit: 30, seed: 1, shouldStop: nil)
      let values = try #require(found.values)
      let objective = try #require(found.objective)
      #expect(model.isFeasible(values))
      #expect(objective == model.objective.value(at: values))
      #expect(sign * objective < sign * startObjective, "\(model.name): \(objective)")
      #expect(sign * objective >= sign * optimum - 1e-9, "\(model.name): \(objective) past \(optimum)")
      // Why the search stopped and what bounds it are the start's, untouched.
      #expect(found.termination == start.termination)
      #expect(found.bound == nil)
    }
  }

  @Test("from an optimum, or from a result without a point, it returns the result unchanged")
  func keepsWhatCannotImprove() throws {
    let (model, _, optimum) = try #require(try Self.starts(.minimize).first)
    let proven = try GLPKSolver().solve(model, options: SolveOptions(timeLimit: 60))
    #expect(proven.objective == optimum)
    let again = try GLPKSolver().improveByRelaxation(
      model, from: proven, timeLimit: 10, seed: 1, shouldStop: nil)
    #expect(again.values == proven.values)
    #expect(again.objective == proven.objective)
    let empty = SolveResult(
      termination: .limit(.time), values: nil, objective: nil, bound: 7, seconds: 0, solver: "test")
    let none = try GLPKSolver().improveByRelaxation(
      model, from: empty, timeLimit: 10, seed: 1, shouldStop: nil)
    #expect(none.values == nil)
    #expect(none.bound == 7)
  }
}
