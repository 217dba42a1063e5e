import DeploymentFormulation
import Foundation
import GLPKBackend
import GreedySolver
import MIPModel
import SecondmentDomain

/// A pooled (large) district: the departments apart with price cuts, their
/// joined roster, and the neighbourhood search that improves it.
extension Planner {
  /// The neighbourhood search from `point`, a point of the model that keeps
  /// every row; `named` says what the point is, for the note.
  /// `order` says which neighbourhoods come (`NeighbourhoodSearch.Order`).
  func planNeighbourhoods(
    _ formulation: DeploymentFormulation, options: PlanOptions, from point: [Double],
    named start: String, order: NeighbourhoodSearch.Order,
    adopt: (() -> (values: [Double], objective: Double)?)? = nil,
    shouldStop: (@Sendable () -> Bool)?
  ) throws -> PlanResult {
    let clock = ContinuousClock.now
    let checker = RosterChecker(formulation.district)
    let greedy = DeploymentGreedy(
      district: formulation.district, options: DeploymentGreedyOptions(seed: options.seed),
      coverageSolver: GLPKSolver())
    var search = NeighbourhoodSearch(formulation: formulation, solver: GLPKSolver())
    search.order = order
    let outcome = try search.improve(
      from: point, timeLimit: options.timeLimit ?? 60, seed: options.seed,
      shouldStop: shouldStop, progress: options.progress,
      descend: { values, seconds in
        let postings = formulation.postings(from: values)
        return formulation.point(for: greedy.descend(from: postings, timeLimit: seconds))
      }, adopt: adopt, price: Self.rosterPrice(formulation, checker: checker))
    let seconds = (ContinuousClock.now - clock).inSeconds
    let result = SolveResult(
      termination: .limit(.time), values: outcome.values,
      objective: formulation.model.objective.value(at: outcome.values), bound: nil,
      seconds: seconds, solver: "glpk \(GLPKSolver.version ?? "")")
    var plan = checkedRoster(
      formulation, values: outcome.values, result: result, options: options, seconds: seconds)
    plan.notes.append(
      "\(outcome.rounds) "
        + (order == .alternating
          ? "departments and regions re-solved from \(start), "
          : "regions re-solved from \(start), costliest town first, ")
        + "\(outcome.improvements) of them improving it; \(outcome.descents) person-by-person "
        + "descents lowered its cost"
        + (outcome.repriced == 0
          ? "" : "; \(outcome.repriced) sub-problems solved again after a price cut at a roster the "
            + "pooled model had priced below what its people cost")
        + (outcome.adopted == 0
          ? "" : "; it went on from the other search's better roster \(outcome.adopted == 1 ? "once" : "\(outcome.adopted) times")"))
    return plan
  }

  /// What the roster at a point of `formulation` costs as `checker` prices
  /// it; infinity when it breaks a rule.
  static func rosterPrice(_ formulation: DeploymentFormulation, checker: RosterChecker) -> ([Double]) -> Double {
    { values in
      let postings = formulation.postings(from: values)
      let evaluation = checker.evaluate(postings, splits: formulation.splits(from: values, postings: postings))
      return evaluation.isFeasible ? evaluation.objective.total : .infinity
    }
  }

  /// A pooled district's roster (`start`, a point of `formulation` keeping
  /// every rule) re-solved one department at a time, the others held, each
  /// sub-problem by relaxation induced search (`Solver.improveByRelaxation`)
  /// from the roster, within `timeLimit` seconds.
  ///
  /// The sub-problems are priced by a copy of the model with Kelley rounds
  /// of price cuts at the departments' relaxations
  /// (`addRelaxationPriceCuts`, `PlannerTuning.departmentRefineCutsShare` of
  /// the time) and a cut at every roster kept, so their relaxations price
  /// travel close to what people cost and the search holds the headcounts
  /// that relaxation agrees with; the departments pass, with no such cuts,
  /// prices its rosters well below what they cost
  /// (`Benchmarks/reports/2026-12-07-roster-lane-departments.md`). A department's sub-problem keeps the rules
  /// joining it to the held departments, so every roster keeps every rule.
  /// The result is the roster of the last point, with `formulation` given a
  /// price cut there; `start` when the checker does not price it lower.
  /// `from` and `to` are the checker's prices before and after.
  func refinedDepartments(
    _ formulation: inout DeploymentFormulation, from start: [Double], timeLimit: Double, seed: UInt64,
    shouldStop: (@Sendable () -> Bool)?
  ) throws -> (values: [Double], improved: Int, from: Double, to: Double) {
    let clock = ContinuousClock.now
    func left() -> Double { timeLimit - (ContinuousClock.now - clock).inSeconds }
    let price = Self.rosterPrice(formulation, checker: RosterChecker(formulation.district))
    let before = price(start)
    var priced = formulation
    _ = try priced.addRelaxationPriceCuts(
      solver: GLPKSolver().styled(SearchStyle(branching: .standard, keepGeneralIntegers: true)),
      timeLimit: timeLimit * PlannerTuning.departmentRefineCutsShare, shouldStop: shouldStop)
    func repriced(_ values: [Double]) -> [Double] {
      var values = values
      priced.completeLinking(&values)
      priced.priceExactly(&values)
      return values
    }
    var point = repriced(start)
    var improved = 0
    let departments = formulation.district.departments.indices
    // As the roster lane's departments: the most promising node first.
    let solver = GLPKSolver().styled(SearchStyle(branching: .standard, nodeOrder: .mostPromising))
    // What each department frees and the rest holds depend on the groups, not on the cuts.
    let search = NeighbourhoodSearch(formulation: priced, solver: solver)
    let holding = search.holding
    for d in departments {
      guard left() > PlannerTuning.leastStepSeconds, shouldStop?() != true else { break }
      let restriction = priced.model.restricted(fixing: holding.held(freeing: search.department(d)), at: point)
      let local = restriction.project(point)
      let objective = restriction.model.objective.value(at: local)
      let found = try solver.improveByRelaxation(
        restriction.model,
        from: SolveResult(
          termination: .limit(.time), values: local, objective: objective, bound: nil, seconds: 0,
          solver: solver.name),
        timeLimit: left() / Double(departments.upperBound - d), seed: seed, shouldStop: shouldStop)
      guard let values = found.values, let better = found.objective, better < objective - 1e-6 else { continue }
      point = repriced(restriction.expand(values))
      improved += 1
    }
    guard improved > 0 else { return (start, 0, before, before) }
    // The roster's own point: GLPK's continuous values may miss a row by its tolerance.
    let roster = formulation.postings(from: point)
    guard var kept = formulation.point(for: roster, splits: formulation.splits(from: point, postings: roster))
    else { return (start, 0, before, before) }
    let after = price(kept)
    guard after < before - 1e-6 else { return (start, 0, before, before) }
    formulation.priceExactly(&kept)
    return (kept, improved, before, after)
  }

  /// A pooled district's departments apart, in `passes` passes (two: 60% and
  /// 40% of `timeLimit`; one, when `auto`'s other lane makes the bound, takes
  /// it all): the first gives each department's headcounts, at which
  /// `formulation` gains price cuts (`DeploymentFormulation.addPriceCuts`),
  /// and at the stand-in roster too when there is one (in `auto` the
  /// greedy's); the second solves the departments again with them, for a
  /// higher bound and a joined roster priced closer to what its people cost.
  /// The bound is the higher of the passes'. Each department keeps
  /// `neighbourhoodShare` of its time in every pass to improve its roster
  /// (`DepartmentSolve.solve`).
  ///
  /// The joined roster is the last pass's that gave every department a
  /// roster; when none did, each department's latest roster, and the
  /// stand-in's postings for a department with none, so the joined roster
  /// can still be repaired and searched (before, the whole pooled model was
  /// solved and never beat the greedy at 200 towns: 4.99%, 5.15%).
  ///
  /// Measured at 200 towns (`Benchmarks/reports/2026-11-27-deployment-gap-greedy.md`): the cuts lift the
  /// departments' bound from 60,889 to about 61,100, with the greedy's cuts
  /// 61,127-61,157; a third pass reached 61,186 but left the search too
  /// little time for the roster.
  func pricedDepartments(
    _ formulation: inout DeploymentFormulation, solver: any Solver,
    greedyRoster: () -> PlanResult?, timeLimit: Double?, passes: Int = 2,
    neighbourhoodShare: Double = 0, options: PlanOptions, shouldStop: (@Sendable () -> Bool)?
  ) throws -> DepartmentSolve.Outcome {
    let clock = ContinuousClock.now
    // The first pass must give every department a roster: with equal passes
    // a department found none in 3 of 8 `auto` runs at 200 towns (the other
    // lane sharing the machine); with 60% of the time, in none of 3.
    let firstShare = passes == 1 ? 1 : PlannerTuning.firstPassShare
    var best: DepartmentSolve.Outcome?
    var bound: Double?
    var latest: [[Double]?] = []
    for pass in 0..<passes {
      if pass > 0 {
        guard let point = best?.partial, formulation.addPriceCuts(at: point) > 0 else { break }
        // And at the greedy roster, when `auto`'s other lane has made it:
        // 61,127-61,157 instead of 61,086 at 200 towns.
        if let roster = greedyRoster()?.postings, let greedy = formulation.point(for: roster) {
          _ = formulation.addPriceCuts(at: greedy)
        }
      }
      let left = timeLimit.map { max($0 - (ContinuousClock.now - clock).inSeconds, 0.05) }
      let outcome = try DepartmentSolve(formulation: formulation, solver: solver).solve(
        timeLimit: left.map { pass == 0 ? $0 * firstShare : $0 / Double(passes - pass) },
        everyBlock: true, neighbourhoodShare: neighbourhoodShare,
        seed: options.seed, verbose: options.verbose, shouldStop: shouldStop)
      // Each department's latest roster, for a joined roster no pass completes.
      for (b, point) in outcome.departmentPoints.enumerated() where point != nil {
        if b >= latest.count { latest += Array(repeating: nil, count: b + 1 - latest.count) }
        latest[b] = point
      }
      if let b = outcome.bound { bound = max(bound ?? b, b) }
      if best == nil || outcome.joined != nil { best = outcome }
      if shouldStop?() == true { break }
    }
    guard var result = best else { return DepartmentSolve.Outcome() }
    result.bound = bound
    // No pass gave every department a roster: each department's latest,
    // and the stand-in's postings for those without one.
    if result.joined == nil, latest.contains(where: { $0 != nil }),
      let joined = DepartmentSolve(formulation: formulation, solver: solver).join(
        latest,
        greedyRoster: latest.contains(where: { $0 == nil })
          ? greedyRoster()?.postings.flatMap { formulation.point(for: $0) } : nil)
    {
      result.joined = joined
      result.stoodIn = latest.filter { $0 == nil }.count
      result.brokenLinks = formulation.brokenLinks(at: joined)
      if formulation.model.isFeasible(joined) { result.values = joined }
    }
    // Points of an earlier pass lack the later passes' cuts: price them again.
    result.completePrices(by: formulation)
    return result
  }

  /// The roster of a model's solution, priced by the checker. For a pooled
  /// model (`FormulationOptions.poolGroups`) its people are assigned to the
  /// group headcounts at least cost and a note says so; the pooled bound
  /// holds for the exact model, so the roster is `optimal` only when the
  /// checker's objective reaches it, and `rulesBroken` when the headcounts do
  /// not fit the people (in `auto` the greedy roster then stands, as it does
  /// whenever it is better: `plan`). The neighbourhood search's rosters of
  /// the exact model come through here too.
  func checkedRoster(
    _ model: DeploymentFormulation, values: [Double], result: SolveResult, options: PlanOptions,
    seconds: Double
  ) -> PlanResult {
    let postings = model.postings(from: values)
    let splits = model.splits(from: values, postings: postings)
    let evaluation = RosterChecker(model.district).evaluate(postings, splits: splits)
    var notes: [String] = []
    if model.pooled {
      notes.append(
        "large district: each group's people pooled (\(model.size.columns) columns instead of one per "
          + "person and posting); the bound holds for the exact model, the roster is a least-cost "
          + "assignment of people to the pooled headcounts"
          + (model.priceCutCount > 0
            ? " (\(model.priceCutCount) price cuts: what the groups' people cost at the "
              + "departments' first headcounts, and at the greedy roster when it was ready)" : ""))
    }
    var pooled = PlanResult(
      status: .feasible, postings: postings, splits: evaluation.splits, solver: result.solver,
      objective: evaluation.objective, bound: result.bound, seconds: seconds,
      modelSize: model.size, elasticModelSize: nil, brokenRules: [],
      termination: result.termination, evaluation: evaluation, notes: notes)
    pooled.markProven(within: options.relativeGap)
    if !evaluation.isFeasible {
      pooled.status = .rulesBroken
      pooled.brokenRules = evaluation.violations
    }
    return pooled
  }
}
