import Foundation
import MIPModel

/// One department's search: GLPK's cuts as `base` has them for at most
/// `PlannerTuning.departmentGomoryNodes` nodes, then, when that leaves the
/// department open, again without Gomory's cuts for the rest of its time.
///
/// The better roster and the higher bound of the two searches stand. Small
/// departments close within the first search (rongchang-2024's in at most
/// 23 nodes each); on larger ones Gomory's dense rows slow every node more
/// than they raise the bound
/// (`Benchmarks/reports/2026-12-07-departments-without-gomory-cuts.md`).
/// A count of nodes, not seconds, so that a department proven optimal has
/// the same roster on any machine.
///
/// With `strengthen`, the second search runs on the model it returns (the
/// same columns, more rows: the department's shortfall floor,
/// `DepartmentSolve.floored`), given `PlannerTuning.shortfallFloorShare`
/// of the time left.
struct DepartmentSearch: Solver {
  let base: any Solver
  var name: String { base.name }
  /// The department's model with rows that close it sooner, within the
  /// given seconds (nil: no limit); nil to search on without them.
  var strengthen: (@Sendable (Double?) throws -> Model?)?

  func solve(_ model: Model, options: SolveOptions) throws -> SolveResult {
    let start = ContinuousClock.now
    var first = options
    first.nodeLimit = PlannerTuning.departmentGomoryNodes
    let quick = try base.solve(model, options: first)
    guard quick.termination == .limit(.nodes), options.shouldStop?() != true else { return quick }
    func left() -> Double? { options.timeLimit.map { $0 - (ContinuousClock.now - start).inSeconds } }
    guard left().map({ $0 > 0 }) ?? true else { return quick }
    let model = try strengthen?(left().map { $0 * PlannerTuning.shortfallFloorShare }) ?? model
    var rest = options
    rest.timeLimit = left()
    guard rest.timeLimit.map({ $0 > 0 }) ?? true, options.shouldStop?() != true else { return quick }
    // Not warm-started from the first search's roster: GLPK would then search
    // without its presolver.
    let again = try base.styled(SearchStyle(gomoryCuts: false)).solve(model, options: rest)
    guard case .limit = again.termination else { return again }
    let keepFirst = (quick.objective ?? .infinity) < (again.objective ?? .infinity)
    let bounds = [quick.bound, again.bound].compactMap { $0 }
    return SolveResult(
      termination: again.termination, values: keepFirst ? quick.values : again.values,
      objective: keepFirst ? quick.objective : again.objective, bound: bounds.max(),
      seconds: (ContinuousClock.now - start).inSeconds, solver: again.solver)
  }

  func relaxationSession(for model: Model) throws -> any RelaxationSession {
    try base.relaxationSession(for: model)
  }
}
