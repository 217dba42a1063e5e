import DeploymentFormulation
import Foundation
import GLPKBackend
import MIPModel
import SecondmentDomain

extension Planner {
  /// `auto`'s second lane on a pooled district, once the greedy roster is
  /// made: the departments apart again and again, each time with more price
  /// cuts, for a higher bound; returns `greedy` with that bound. Without a
  /// greedy roster (`planGreedyAlone`, where the greedy runs on the
  /// other thread for the whole limit) it returns the bound alone, status
  /// `noRoster`.
  ///
  /// Cuts at the greedy roster first, then Kelley rounds at the departments'
  /// linear relaxations (`addRelaxationPriceCuts`, `PlannerTuning.relaxationCutsShare` of the time left,
  /// each round re-solved from the last basis: at 500 towns and a 60 s limit
  /// about 13 rounds, which lift the relaxations from 87,473 to 89,154 on the
  /// generated district of seed 3), with demand rounding cuts in the same
  /// rounds from `PlannerTuning.demandRoundingLeastSeconds`
  /// (`DeploymentFormulation.addDemandRoundingCuts`),
  /// then passes of the departments apart (the first gets
  /// `PlannerTuning.firstBoundPassShare` of what is left, by default all of
  /// it; a later one, when time is left, the rest), each with cuts at whatever the roster
  /// lane has posted on `board` since (its departments' headcounts, its
  /// repaired roster) and at the last pass's headcounts. The last pass ends
  /// a second before `timeLimit`, before the roster lane ends the race and
  /// its interruption would cost the pass its bound. Each bound it reaches
  /// goes to `options.progress` (in `auto`, the race's progress line). The
  /// bound is the sum over the departments of each one's best bound, from
  /// its relaxation or any pass (a department's search that ends without a
  /// bound in a short pass keeps its relaxation's).
  func priceBound(
    _ formulation: DeploymentFormulation, greedy: PlanResult?, board: SharedSearch,
    timeLimit: Double?, options: PlanOptions, shouldStop: (@Sendable () -> Bool)?
  ) throws -> PlanResult {
    let budget = TimeBudget(timeLimit.map { $0 - PlannerTuning.boundLaneReserveSeconds })
    func left() -> Double? { budget.remaining }
    var result =
      greedy
      ?? PlanResult(
        status: .noRoster, postings: nil, solver: "glpk \(GLPKSolver.version ?? "")", objective: nil,
        bound: nil, seconds: 0, modelSize: formulation.size, elasticModelSize: nil, brokenRules: [],
        termination: .limit(.time), evaluation: nil, notes: [], stages: [])
    var formulation = formulation
    // As the roster lane's departments: GLPK's default branching, general integers kept.
    let solver = GLPKSolver().styled(SearchStyle(branching: .standard, keepGeneralIntegers: true))
    if let greedy, let postings = greedy.postings,
      let point = formulation.point(for: postings, splits: greedy.splits)
    {
      _ = formulation.addPriceCuts(at: point)
    }
    let relaxation = try formulation.addRelaxationPriceCuts(
      solver: solver, timeLimit: left().map { max($0, 0) * PlannerTuning.relaxationCutsShare } ?? .infinity,
      demandRounding: (timeLimit ?? .infinity) >= PlannerTuning.demandRoundingLeastSeconds, shouldStop: shouldStop)
    func report(_ bound: Double?) {
      guard let bound else { return }
      options.progress?(
        SolveProgress(
          elapsed: budget.elapsed, incumbent: nil, bound: bound, gap: nil))
    }
    // The departments' relaxations, the rows joining them dropped, bound the model too.
    report(relaxation.bound)
    var bound: Double?
    // Each department's best bound over its relaxation and the passes: every
    // cut is valid, so each department's bound holds for the model with all
    // of them. A department a pass leaves without a bound keeps its relaxation's.
    var best: [Double?] = relaxation.departmentBounds
    var passes = 0
    var seen = 0
    while left().map({ $0 > 0.5 }) ?? true, shouldStop?() != true {
      for var point in board.points(after: seen) {
        formulation.completePrices(&point)
        _ = formulation.addPriceCuts(at: point)
        seen += 1
      }
      var departments = DepartmentSolve(formulation: formulation, solver: solver)
      // Cuts slack at the departments' last relaxations leave their searches
      // lighter without lowering those relaxations; a department whose
      // relaxation leaves a pair uncovered searches without its demand
      // rounding cuts (`demandCutsWhereCoverageIsOpen`).
      if let point = relaxation.point {
        departments.dropping = formulation.slackPriceCuts(at: point)
          .union(formulation.slackDemandCuts(at: point))
          .union(formulation.demandCutsWhereCoverageIsOpen(at: point))
      }
      let outcome = try departments.solve(
        timeLimit: left().map { passes == 0 ? $0 * PlannerTuning.firstBoundPassShare : $0 }, everyBlock: true,
        seed: options.seed, verbose: options.verbose, shouldStop: shouldStop)
      passes += 1
      if best.count == outcome.departmentBounds.count {
        best = zip(best, outcome.departmentBounds).map { old, new in [old, new].compactMap { $0 }.max() }
      } else if best.isEmpty {
        best = outcome.departmentBounds
      }
      // Each department's best only rises, so the total does too.
      if !best.isEmpty, best.allSatisfy({ $0 != nil }) {
        bound = best.reduce(outcome.looseObjective) { $0 + ($1 ?? 0) }
        report(bound)
      }
      if let partial = outcome.partial { _ = formulation.addPriceCuts(at: partial) }
    }
    // No pass had time, or the rounds gave no department's relaxation and a
    // pass left a department open: the relaxations' bound stands.
    let relaxationsOnly = bound == nil
    if relaxationsOnly { bound = relaxation.bound }
    result.bound = bound
    if let bound {
      result.stages.append(
        .priceCuts(passes: passes, cuts: formulation.priceCutCount, bound: bound))
      result.notes.append(
        (relaxationsOnly
          ? "the departments' linear relaxations gave the bound ("
            + (passes == 0
              ? "no time was left to solve the departments apart; a longer --time-limit gives them that), with "
              : "\(passes) passes of the departments apart each left one open), with ")
          : "solved one department at a time for the bound, \(passes) times, with ")
          + "\(formulation.priceCutCount) price cuts (\(relaxation.rounds) rounds of them at the "
          + "departments' linear relaxations, the rest at the rosters found): bound "
          + String(format: "%.2f", bound))
    }
    return result
  }
}

extension Planner {
  /// `auto` on a district too large for the exact search within its limit:
  /// the greedy makes the roster alone, its annealing paced by the whole
  /// limit, while the other thread builds the pooled model and raises the
  /// bound (`priceBound`, no roster of its own) when the district fits
  /// `PlannerTuning.boundPairsPerSecond`; otherwise no model is built.
  ///
  /// The roster is the greedy's either way; the bound is the better of the
  /// greedy's own and the departments'. The greedy's end stops the bound
  /// lane, whose last pass ends `PlannerTuning.boundLaneReserveSeconds`
  /// before the limit.
  func planGreedyAlone(_ district: District, options: PlanOptions, timeLimit: Double) -> PlanResult {
    let note =
      "the time limit is short for a district this size: the greedy made the roster alone for the "
      + "whole limit (the exact search is tried from a limit of "
      + "\(String(format: "%.1f", Self.exactSearchSeconds(district))) s)"
    guard Self.boundFits(district, timeLimit: timeLimit) else {
      var alone = planGreedy(district, options: options, timeLimit: timeLimit, pacedByLimit: true)
      alone.stages.append(.greedyAlone)
      alone.notes.append(
        note + "; no model was built (the bound of the departments apart is tried from a limit of "
          + "\(String(format: "%.1f", Self.boundSeconds(district))) s)")
      return alone
    }
    let budget = TimeBudget(timeLimit)
    let shared = SharedSearch(progress: options.progress, interrupt: options.shouldStop)
    var laneOptions = options
    laneOptions.progress = shared.report
    let lanes = laneOptions
    DispatchQueue.concurrentPerform(iterations: 2) { lane in
      if lane == 0 {
        var racing = lanes
        racing.shouldStop = shared.isOver
        shared.greedy = planGreedy(district, options: racing, timeLimit: timeLimit, pacedByLimit: true)
        shared.finish()
        return
      }
      let outcome = Result {
        try priceBound(
          DeploymentFormulation(district: district, options: options.formulation), greedy: nil,
          board: shared, timeLimit: budget.left(), options: lanes, shouldStop: shared.isOver)
      }
      shared.set(1, outcome)
    }
    // The greedy lane always ends with its roster.
    var alone = shared.greedy ?? planGreedy(district, options: options, timeLimit: 0, pacedByLimit: true)
    alone.stages.append(.greedyAlone)
    alone.notes.append(note)
    alone.seconds = budget.elapsed
    if let bounded = (try? shared.all())?.first, let bound = bounded.bound {
      if bound > alone.bound ?? -.infinity { alone.bound = bound }
      alone.stages += bounded.stages
      alone.notes += bounded.notes
      alone.markProven(within: options.relativeGap)
    } else {
      alone.notes.append("the departments apart gave no bound in the time given: the greedy's own stands")
    }
    return alone
  }

  /// The least time limit, in seconds, at which `auto` raises the bound
  /// beside the greedy alone on `district` (`PlannerTuning.boundPairsPerSecond`).
  public static func boundSeconds(_ district: District) -> Double {
    candidatePairs(district) / PlannerTuning.boundPairsPerSecond
  }

  /// Whether `auto` raises the bound beside the greedy alone on `district` within `timeLimit` seconds.
  public static func boundFits(_ district: District, timeLimit: Double) -> Bool {
    timeLimit >= boundSeconds(district)
  }
}
