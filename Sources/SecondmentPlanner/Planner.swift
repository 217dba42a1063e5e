// The planner's public entry point. Its strategies live in files of their
// own: the exact search (ExactSearch.swift), `auto`'s race (AutoRace.swift),
// a pooled district's departments apart and neighbourhood search
// (PooledSearch.swift, NeighbourhoodSearch.swift, DepartmentSolve.swift),
// the bound lane (BoundLane.swift). They share one SharedSearch (stop,
// incumbent and bound, rosters, points for price cuts) and spend time through
// TimeBudget; every tuning number is in PlannerTuning.swift, the public types
// in PlanTypes.swift.

import DeploymentFormulation
import Foundation
import GLPKBackend
import GreedySolver
import MIPModel
import SecondmentDomain

/// One entry point: builds the model, picks the solver, explains broken rules,
/// and checks the roster with the independent `RosterChecker`.
public struct Planner: Sendable {
  public init() {}

  /// Plans a roster for `district`.
  ///
  /// Strict first: every hard rule as a constraint. When that model has no
  /// solution (proven infeasible, or none found within the limit) and
  /// `explainBrokenRules` is on, the elastic model is solved in the time left
  /// (at least a quarter of the limit) and the roster that breaks the fewest
  /// rules comes back with status `rulesBroken`.
  ///
  /// - Throws: `PlannerError.solverUnavailable` when the chosen solver is not
  ///   built in; a solver's error for a model it cannot take.
  public func plan(_ district: District, options: PlanOptions = PlanOptions()) throws -> PlanResult {
    var options = options
    if let progress = options.progress {
      // Every report counts seconds from the start of the plan, whichever search sends it.
      let start = ContinuousClock.now
      options.progress = { report in
        var stamped = report
        stamped.elapsed = (ContinuousClock.now - start).inSeconds
        progress(stamped)
      }
    }
    let result = try planWithChosenSolver(district, options: options)
    guard result.postings == nil else { return result }
    // Nothing found in the time given: the greedy's roster, never none.
    var fallback = planGreedy(district, options: options, timeLimit: PlannerTuning.fallbackSeconds)
    fallback.seconds += result.seconds
    fallback.stages = result.stages + fallback.stages + [.greedyStandsIn]
    fallback.notes =
      result.notes + [
        "\(result.solver) found no roster in the time given; the greedy's roster stands (at most \(PlannerTuning.fallbackSeconds) s more)"
      ]
    return fallback
  }

  private func planWithChosenSolver(_ district: District, options: PlanOptions) throws -> PlanResult {
    if let start = options.rosterInForce, options.solver != .greedy, GLPKSolver.isAvailable {
      return try planExact(
        district, options: options, solver: GLPKSolver(), warmStart: start, shouldStop: options.shouldStop)
    }
    switch options.solver {
    case .glpk:
      guard GLPKSolver.isAvailable else {
        throw PlannerError.solverUnavailable(
          "this build has no GLPK (built without the GLPK trait); use --solver greedy")
      }
      return try planExact(
        DeploymentFormulation(district: district, options: options.formulation),
        options: options, solver: GLPKSolver().styled(PlannerTuning.coldSearch), warmStart: nil,
        shouldStop: options.shouldStop, pooledByDepartment: true, greedyRoster: { nil })
    case .greedy:
      return planGreedy(district, options: options, timeLimit: options.timeLimit)
    case .auto:
      // A district too large for its limit: the greedy's annealing paced by
      // the whole limit makes the roster, the departments apart the bound.
      let tooLarge = options.timeLimit.map { !Self.exactSearchFits(district, timeLimit: $0) } ?? false
      guard GLPKSolver.isAvailable else {
        // The greedy's steps end it early on a small district.
        var fallback = planGreedy(
          district, options: options, timeLimit: options.timeLimit, pacedByLimit: tooLarge)
        fallback.notes.append("this build has no GLPK: the greedy roster stands")
        return fallback
      }
      if tooLarge, let limit = options.timeLimit {
        return planGreedyAlone(district, options: options, timeLimit: limit)
      }
      return try planAuto(district, options: options)
    }
  }

  /// Whether `auto`'s roster lane on a pooled district asks legal access of
  /// single departments and refines its repaired roster department by
  /// department (`refinedDepartments`) within `timeLimit` seconds
  /// (`PlannerTuning.departmentRefineLeastLimit`).
  static func refinesDepartments(timeLimit: Double?) -> Bool {
    (timeLimit ?? .infinity) >= PlannerTuning.departmentRefineLeastLimit
  }

  /// The least time limit, in seconds, at which `auto` tries the exact
  /// search on `district` (`PlannerTuning.exactSearchPairsPerSecond`).
  public static func exactSearchSeconds(_ district: District) -> Double {
    candidatePairs(district) / PlannerTuning.exactSearchPairsPerSecond
  }

  /// Available people × postings: what `auto`'s size gates count.
  static func candidatePairs(_ district: District) -> Double {
    Double(district.people.filter { !$0.unavailable }.count) * Double(district.towns.count + district.zones.count)
  }

  /// Whether `auto` tries the exact search on `district` within `timeLimit` seconds.
  public static func exactSearchFits(_ district: District, timeLimit: Double) -> Bool {
    timeLimit >= exactSearchSeconds(district)
  }

  /// The pure-Swift greedy and local search; never fails.
  ///
  /// With `pacedByLimit` and a `timeLimit` the annealing cools over the whole
  /// limit (`DeploymentGreedyOptions.pacedByLimit`) instead of running its
  /// fixed steps: `auto`'s greedy lane and its greedy alone on a district too
  /// large for the limit (what it gains: Benchmarks/README.md, Generated
  /// districts against HiGHS).
  public func planGreedy(
    _ district: District, options: PlanOptions, timeLimit: Double?, pacedByLimit: Bool = false
  ) -> PlanResult {
    var greedyOptions = DeploymentGreedyOptions(
      seed: options.seed, timeLimit: timeLimit,
      iterationLimit: DeploymentGreedyOptions.steps(
        forPeople: district.people.filter { !$0.unavailable }.count))
    greedyOptions.pacedByLimit = pacedByLimit
    let run = DeploymentGreedy(district: district, options: greedyOptions, coverageSolver: GLPKSolver())
      .solve(shouldStop: options.shouldStop)
    let evaluation = RosterChecker(district).evaluate(run.postings, splits: run.splits)
    let status: PlanStatus = evaluation.isFeasible ? .feasible : .rulesBroken
    // The greedy's roster and bound as progress: a roster that breaks rules is no incumbent.
    let incumbent = status == .feasible ? evaluation.objective.total : nil
    options.progress?(
      SolveProgress(
        elapsed: run.seconds, incumbent: incumbent, bound: run.bound.total,
        gap: incumbent.map { SolveResult.relativeGap(objective: $0, bound: run.bound.total) }))
    return PlanResult(
      status: status, postings: run.postings,
      splits: evaluation.splits, solver: "greedy", objective: run.objective,
      bound: run.bound.total, seconds: run.seconds,
      modelSize: nil, elasticModelSize: nil, brokenRules: evaluation.violations,
      termination: run.hitTimeLimit ? .limit(.time) : .limit(.iterations), evaluation: evaluation,
      notes: [], stages: [.greedy(objective: evaluation.objective.total, status: status)])
  }
}
