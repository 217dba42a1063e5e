import DeploymentFormulation
import Foundation
import GLPKBackend
import MIPModel

extension Planner {
  /// `auto`'s second lane on a pooled district, once the greedy roster is
  /// made: the departments apart again and again, each time with more price
  /// cuts, for a higher bound; returns `greedy` with that bound.
  ///
  /// Cuts at the greedy roster first, then Kelley rounds at the departments'
  /// linear relaxations (`addRelaxationPriceCuts`, `PlannerTuning.relaxationCutsShare` of the time left: at
  /// 200 towns about 10 rounds, which lift the departments' bound after 2 s
  /// of GLPK each from 60,890 to about 61,280),
  /// then passes of the departments apart (the first gets
  /// `PlannerTuning.firstBoundPassShare` of what is left, each later one the rest), each with cuts at whatever the roster
  /// lane has posted on `board` since (its departments' headcounts, its
  /// repaired roster) and at the last pass's headcounts. The last pass ends
  /// a second before `timeLimit`, before the roster lane ends the race and
  /// its interruption would cost the pass its bound. Each bound it reaches
  /// goes to `options.progress` (in `auto`, the race's progress line).
  func priceBound(
    _ formulation: DeploymentFormulation, greedy: PlanResult, board: SharedSearch,
    timeLimit: Double?, options: PlanOptions, shouldStop: (@Sendable () -> Bool)?
  ) throws -> PlanResult {
    let budget = TimeBudget(timeLimit.map { $0 - PlannerTuning.boundLaneReserveSeconds })
    func left() -> Double? { budget.remaining }
    var result = greedy
    var formulation = formulation
    // As the roster lane's departments: GLPK's default branching, general integers kept.
    let solver = GLPKSolver().styled(SearchStyle(branching: .standard, keepGeneralIntegers: true))
    if let postings = greedy.postings, let point = formulation.point(for: postings, splits: greedy.splits) {
      _ = formulation.addPriceCuts(at: point)
    }
    let relaxation = try formulation.addRelaxationPriceCuts(
      solver: solver, timeLimit: left().map { max($0, 0) * PlannerTuning.relaxationCutsShare } ?? .infinity,
      shouldStop: shouldStop)
    func report(_ bound: Double?) {
      guard let bound else { return }
      options.progress?(
        SolveProgress(
          elapsed: budget.elapsed, incumbent: nil, bound: bound, gap: nil))
    }
    // The departments' relaxations, the rows joining them dropped, bound the model too.
    report(relaxation.bound)
    var bound: Double?
    // Each department's best bound over the passes: every pass's cuts are
    // valid, so each department's bound holds for the model with all of them.
    var best: [Double?] = []
    var passes = 0
    var seen = 0
    while left().map({ $0 > 0.5 }) ?? true, shouldStop?() != true {
      for var point in board.points(after: seen) {
        formulation.completePrices(&point)
        _ = formulation.addPriceCuts(at: point)
        seen += 1
      }
      let outcome = try DepartmentSolve(formulation: formulation, solver: solver).solve(
        timeLimit: left().map { passes == 0 ? $0 * PlannerTuning.firstBoundPassShare : $0 }, everyBlock: true,
        seed: options.seed, verbose: options.verbose, shouldStop: shouldStop)
      passes += 1
      best =
        best.isEmpty
        ? outcome.departmentBounds
        : zip(best, outcome.departmentBounds).map { old, new in
          [old, new].compactMap { $0 }.max()
        }
      // Each department's best only rises, so the total does too.
      if !best.isEmpty, best.allSatisfy({ $0 != nil }) {
        bound = best.reduce(outcome.looseObjective) { $0 + ($1 ?? 0) }
        report(bound)
      }
      if let partial = outcome.partial { _ = formulation.addPriceCuts(at: partial) }
    }
    result.bound = bound
    if let bound {
      result.stages.append(
        .priceCuts(passes: passes, cuts: formulation.priceCutCount, bound: bound))
      result.notes.append(
        "solved one department at a time for the bound, \(passes) times, with "
          + "\(formulation.priceCutCount) price cuts (\(relaxation.rounds) rounds of them at the "
          + "departments' linear relaxations, the rest at the rosters found): bound "
          + String(format: "%.2f", bound))
    }
    return result
  }
}
