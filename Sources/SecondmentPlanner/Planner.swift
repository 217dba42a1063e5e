// The planner's strategies: the exact search, the race of `auto`, the
// departments apart and their repair, the pooled bound lane and the
// neighbourhood search, over about 600 lines. They share one flow of time
// shares and fallbacks that reads best in one place until the strategies
// become a named portfolio with a shared incumbent (issue 21, "the planner
// as a named portfolio"); the public types are in PlanTypes.swift, the
// lanes' shared state in PlannerLanes.swift.

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
    let result = try planWithChosenSolver(district, options: options)
    guard result.postings == nil else { return result }
    // Nothing found in the time given: the greedy's roster, never none.
    var fallback = planGreedy(district, options: options, timeLimit: Self.fallbackSeconds)
    fallback.seconds += result.seconds
    fallback.notes =
      result.notes + [
        "\(result.solver) found no roster in the time given; the greedy's roster stands (at most \(Self.fallbackSeconds) s more)"
      ]
    return fallback
  }

  /// Seconds the greedy may take beyond the time limit when the chosen
  /// solver ended with no roster: the documented margin of "always a
  /// roster" (rongchang-2024's greedy needs about 0.05 s in a release build).
  public static let fallbackSeconds = 1.0

  private func planWithChosenSolver(_ district: District, options: PlanOptions) throws -> PlanResult {
    switch options.solver {
    case .glpk:
      guard GLPKSolver.isAvailable else {
        throw PlannerError.solverUnavailable(
          "this build has no GLPK (built without the GLPK trait); use --solver greedy")
      }
      return try planExact(
        DeploymentFormulation(district: district, options: options.formulation),
        options: options, solver: GLPKSolver(branching: Self.coldBranching), warmStart: nil,
        shouldStop: options.shouldStop, pooledByDepartment: true, standIn: { nil })
    case .greedy:
      return planGreedy(district, options: options, timeLimit: options.timeLimit)
    case .auto:
      guard GLPKSolver.isAvailable else {
        // The greedy's steps end it early on a small district; a large one
        // needs the whole limit.
        var fallback = planGreedy(district, options: options, timeLimit: options.timeLimit)
        fallback.notes.append("this build has no GLPK: the greedy roster stands")
        return fallback
      }
      if let limit = options.timeLimit, !Self.exactSearchFits(district, timeLimit: limit) {
        var alone = planGreedy(district, options: options, timeLimit: limit)
        alone.notes.append(
          "the time limit is short for a district this size: the greedy ran alone for the whole "
            + "limit and no model was built (the exact search is tried from a limit of "
            + "\(String(format: "%.1f", Self.exactSearchSeconds(district))) s)")
        return alone
      }
      return try planAuto(district, options: options)
    }
  }

  /// Candidate pairs (available people × postings) `auto`'s exact search
  /// takes per second of the time limit (20,000; sensible from 5,000 to
  /// 100,000). A district with more pairs for its limit gets the greedy alone
  /// for the whole limit, and no model is built: building and loading the
  /// model, and GLPK's presolve, which no time limit interrupts, then take
  /// seconds past the limit, and the greedy, which starts the race with a
  /// fifth of the limit, is cut short. Measured on generated districts (5
  /// people a town, 9 departments, release build, 2 cores;
  /// `Benchmarks/README.md`): 200 towns (341,000 pairs) in 10 s, `auto` with
  /// the race gave 66,848.10 against the greedy alone's 64,195.00 (in 3.3 s),
  /// and in 30 s 61,857.85 at a 0.92% gap; 500 towns (2.1 million pairs) in
  /// 30 s, the race found no roster of its own and took 34 s; 1,000 towns
  /// (8.4 million) took 49.6 s and 737 MB.
  public static let exactSearchPairsPerSecond = 20_000.0

  /// The least time limit, in seconds, at which `auto` tries the exact
  /// search on `district` (`exactSearchPairsPerSecond`).
  public static func exactSearchSeconds(_ district: District) -> Double {
    let people = district.people.filter { !$0.unavailable }.count
    let postings = district.towns.count + district.zones.count
    return Double(people) * Double(postings) / exactSearchPairsPerSecond
  }

  /// Whether `auto` tries the exact search on `district` within `timeLimit` seconds.
  public static func exactSearchFits(_ district: District, timeLimit: Double) -> Bool {
    timeLimit >= exactSearchSeconds(district)
  }

  /// The pure-Swift greedy and local search; never fails.
  public func planGreedy(
    _ district: District, options: PlanOptions, timeLimit: Double?
  ) -> PlanResult {
    let run = DeploymentGreedy(
      district: district,
      options: DeploymentGreedyOptions(
        seed: options.seed, timeLimit: timeLimit,
        iterationLimit: DeploymentGreedyOptions.steps(
          forPeople: district.people.filter { !$0.unavailable }.count))
    ).solve(shouldStop: options.shouldStop)
    let evaluation = RosterChecker(district).evaluate(run.postings, splits: run.splits)
    return PlanResult(
      status: evaluation.isFeasible ? .feasible : .rulesBroken, postings: run.postings,
      splits: evaluation.splits, solver: "greedy", objective: run.objective,
      bound: run.bound.total, seconds: run.seconds,
      modelSize: nil, elasticModelSize: nil, brokenRules: evaluation.violations,
      termination: run.hitTimeLimit ? .limit(.time) : .limit(.iterations), evaluation: evaluation,
      notes: [])
  }

  /// The branching rule of a cold GLPK search (presolved, binarized).
  ///
  /// Pseudocosts: on rongchang-2024 23 nodes instead of 227 with GLPK's
  /// default rule (`Benchmarks/reports/2026-11-27-deployment-gap-greedy.md`). The warm-started search keeps the
  /// default, so a race runs two different strategies; pooled models keep it
  /// too (`planExact`).
  static let coldBranching = GLPKSolver.Branching.pseudocost

  /// `auto`: two lanes on two threads from the start. One is GLPK cold, with
  /// its presolver, for the whole limit (departments apart first; for a
  /// pooled district the departments apart, repaired, give a roster the
  /// neighbourhood search then improves: `planExact`). The other runs the
  /// greedy (at most a fifth of the limit) and then improves its roster with
  /// GLPK warm-started from it (which needs the presolver off); for a pooled
  /// district it raises the bound instead (`priceBound`), from price cuts at
  /// the rosters the first lane posts on a `RosterBoard`. The first lane to
  /// end (proven, or at the limit) stops the other (the bound lane stops
  /// nobody); a greedy lane with nothing to improve (its roster breaks a
  /// rule) stops nobody either. A proven roster wins; otherwise the best roster
  /// that keeps every rule, greedy included, with the best bound of the two
  /// searches.
  ///
  /// Measured (`Benchmarks/reports/2026-11-27-deployment-gap-greedy.md`): the presolver decides how fast a small
  /// model closes, the greedy start whether a large one has a good roster;
  /// racing keeps both, and starting the cold search at once gives a large
  /// district's bound the greedy's seconds too.
  func planAuto(_ district: District, options: PlanOptions) throws -> PlanResult {
    let clock = ContinuousClock.now
    let race = Race(progress: options.progress, interrupt: options.shouldStop)
    var shared = options
    shared.progress = race.report
    let lanes = shared
    let outcomes = Outcomes()
    let formulation = DeploymentFormulation(district: district, options: options.formulation)
    let board = RosterBoard()
    DispatchQueue.concurrentPerform(iterations: 2) { lane in
      if lane == 0 {
        let outcome = Result {
          try planExact(
            formulation, options: lanes, solver: GLPKSolver(branching: Self.coldBranching),
            warmStart: nil, shouldStop: race.isOver, pooledByDepartment: true,
            board: formulation.pooled ? board : nil, standIn: { outcomes.greedy })
        }
        race.finish()
        outcomes.set(0, outcome)
        return
      }
      let greedy = planGreedy(
        district, options: options, timeLimit: options.timeLimit.map { $0 / 5 })
      outcomes.greedy = greedy
      if formulation.pooled {
        // A pooled district's second lane raises the bound; the first makes the roster.
        let outcome = Result {
          try priceBound(
            formulation, greedy: greedy, board: board,
            timeLimit: options.timeLimit.map { max($0 - (ContinuousClock.now - clock).inSeconds, 0.1) },
            options: lanes, shouldStop: race.isOver)
        }
        outcomes.set(1, outcome)
        return
      }
      guard greedy.status == .feasible, let start = greedy.postings, !race.isOver() else { return }
      var rest = lanes
      if let limit = options.timeLimit {
        rest.timeLimit = max(limit - (ContinuousClock.now - clock).inSeconds, 0.1)
      }
      let improved = rest
      let outcome = Result {
        try planExact(
          formulation, options: improved, solver: GLPKSolver(), warmStart: start,
          warmStartSplits: greedy.splits, shouldStop: race.isOver, byDepartment: false,
          standIn: { greedy })
      }
      race.finish()
      outcomes.set(1, outcome)
    }
    let seconds = (ContinuousClock.now - clock).inSeconds
    let results: [PlanResult]
    do {
      results = try outcomes.all()
    } catch {
      guard var fallback = outcomes.greedy else { throw error }
      fallback.notes.append("GLPK failed (\(error)): the greedy roster stands")
      return fallback
    }
    guard let greedy = outcomes.greedy, let first = results.first else {
      // Not reached: the cold lane always ends with a result or an error.
      throw PlannerError.solverUnavailable("GLPK ended without a result")
    }
    let greedyNote =
      "greedy start: objective \(String(format: "%.2f", greedy.evaluation?.objective.total ?? .infinity)) "
      + "(\(greedy.status.rawValue))"
    if var proven = results.first(where: { $0.status == .optimal }) {
      proven.notes.insert(greedyNote, at: 0)
      proven.seconds = seconds
      return proven
    }
    let bound = results.compactMap(\.bound).max()
    let keeping = results.filter { $0.status == .feasible }
    let total = { (r: PlanResult) in r.evaluation?.objective.total ?? .infinity }
    // Where the bound came from, when the departments apart gave it.
    let boundNotes = results.flatMap(\.notes).filter { $0.hasPrefix("solved one department") }
    // Keep whichever roster is better; a rule-keeping roster beats one that breaks rules.
    if var best = keeping.min(by: { total($0) < total($1) }),
      !(greedy.status == .feasible && total(greedy) < total(best) - 1e-9)
    {
      best.notes.insert(greedyNote, at: 0)
      best.notes += boundNotes.filter { !best.notes.contains($0) }
      best.bound = bound
      best.seconds = seconds
      // One lane's roster within --gap of the other lane's bound is proven too.
      best.markProven(within: options.relativeGap)
      return best
    }
    if greedy.status == .feasible {
      var kept = greedy
      kept.bound = bound ?? greedy.bound
      kept.seconds = seconds
      kept.notes.append("GLPK found nothing better than the greedy roster")
      kept.notes += boundNotes.filter { !kept.notes.contains($0) }
      kept.markProven(within: options.relativeGap)
      return kept
    }
    var last = first
    last.seconds = seconds
    return last
  }

  /// The neighbourhood search from `point`, a point of the model that keeps
  /// every row; `named` says what the point is, for the note.
  /// `order` says which neighbourhoods come (`NeighbourhoodSearch.Order`).
  func planNeighbourhoods(
    _ formulation: DeploymentFormulation, options: PlanOptions, from point: [Double],
    named start: String, order: NeighbourhoodSearch.Order, shouldStop: (@Sendable () -> Bool)?
  ) throws -> PlanResult {
    let clock = ContinuousClock.now
    let checker = RosterChecker(formulation.district)
    let greedy = DeploymentGreedy(
      district: formulation.district, options: DeploymentGreedyOptions(seed: options.seed))
    var search = NeighbourhoodSearch(formulation: formulation, solver: GLPKSolver())
    search.order = order
    let outcome = try search.improve(
      from: point, timeLimit: options.timeLimit ?? 60, seed: options.seed,
      shouldStop: shouldStop, progress: options.progress,
      descend: { values, seconds in
        let postings = formulation.postings(from: values)
        return formulation.point(for: greedy.descend(from: postings, timeLimit: seconds))
      }
    ) { values in
      let postings = formulation.postings(from: values)
      let evaluation = checker.evaluate(
        postings, splits: formulation.splits(from: values, postings: postings))
      return evaluation.isFeasible ? evaluation.objective.total : .infinity
    }
    let seconds = (ContinuousClock.now - clock).inSeconds
    let result = SolveResult(
      termination: .limit(.time), values: outcome.values,
      objective: formulation.model.objective.value(at: outcome.values), bound: nil,
      seconds: seconds, solver: "glpk \(GLPKSolver.version ?? "")")
    var plan = pooledResult(
      formulation, values: outcome.values, result: result, options: options, seconds: seconds)
    plan.notes.append(
      "\(outcome.rounds) "
        + (order == .alternating
          ? "departments and regions re-solved from \(start), "
          : "regions re-solved from \(start), costliest town first, ")
        + "\(outcome.improvements) of them improving it; \(outcome.descents) person-by-person "
        + "descents lowered its cost")
    return plan
  }

  /// The part of each department's time kept for relaxation induced
  /// neighbourhood search on its roster (`Solver.improveByRelaxation`) in
  /// `auto`'s roster lane (`pricedDepartments`' `neighbourhoodShare`). At 200 towns
  /// (`Benchmarks/reports/2026-11-27-deployment-gap-greedy.md`): 20%, 30% and 45% gave rosters of
  /// 61,861-61,898, 61,846-61,899 and 61,857-61,893, against 61,913-61,958
  /// without. Not in `glpk`'s two shorter passes: with 70% of their time a
  /// department found no roster in either pass and the greedy's stood (5.21%).
  static let departmentNeighbourhoodShare = 0.3

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
    standIn: () -> PlanResult?, timeLimit: Double?, passes: Int = 2,
    neighbourhoodShare: Double = 0, options: PlanOptions, shouldStop: (@Sendable () -> Bool)?
  ) throws -> DepartmentSolve.Outcome {
    let clock = ContinuousClock.now
    // The first pass must give every department a roster: with equal passes
    // a department found none in 3 of 8 `auto` runs at 200 towns (the other
    // lane sharing the machine); with 60% of the time, in none of 3.
    let firstShare = passes == 1 ? 1 : 0.6
    var best: DepartmentSolve.Outcome?
    var bound: Double?
    var latest: [[Double]?] = []
    for pass in 0..<passes {
      if pass > 0 {
        guard let point = best?.partial, formulation.addPriceCuts(at: point) > 0 else { break }
        // And at the greedy roster, when `auto`'s other lane has made it:
        // 61,127-61,157 instead of 61,086 at 200 towns.
        if let roster = standIn()?.postings, let greedy = formulation.point(for: roster) {
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
        standIn: latest.contains(where: { $0 == nil })
          ? standIn()?.postings.flatMap { formulation.point(for: $0) } : nil)
    {
      result.joined = joined
      result.stoodIn = latest.filter { $0 == nil }.count
      result.brokenLinks = formulation.brokenLinks(at: joined)
      if formulation.model.isFeasible(joined) { result.values = joined }
    }
    // Points of an earlier pass lack the later passes' cuts: price them again.
    for keyPath in [\DepartmentSolve.Outcome.joined, \.values, \.partial] {
      guard var point = result[keyPath: keyPath] else { continue }
      formulation.completePrices(&point)
      result[keyPath: keyPath] = point
    }
    result.objective = result.values.map { formulation.model.objective.value(at: $0) }
    return result
  }

  /// The roster of a pooled model's solution (`FormulationOptions.poolGroups`):
  /// people assigned to the group headcounts at least cost, priced by the
  /// checker. The pooled bound holds for the exact model, so the roster is
  /// `optimal` only when the checker's objective reaches it, and `rulesBroken`
  /// when the headcounts do not fit the people (in `auto` the greedy roster
  /// then stands, as it does whenever it is better: `plan`).
  private func pooledResult(
    _ model: DeploymentFormulation, values: [Double], result: SolveResult, options: PlanOptions,
    seconds: Double
  ) -> PlanResult {
    let postings = model.postings(from: values)
    let splits = model.splits(from: values, postings: postings)
    let evaluation = RosterChecker(model.district).evaluate(postings, splits: splits)
    let note =
      "large district: each group's people pooled (\(model.size.columns) columns instead of one per "
      + "person and posting); the bound holds for the exact model, the roster is a least-cost "
      + "assignment of people to the pooled headcounts"
      + (model.priceCutCount > 0
        ? " (\(model.priceCutCount) price cuts: what the groups' people cost at the "
          + "departments' first headcounts, and at the greedy roster when it was ready)" : "")
    var pooled = PlanResult(
      status: .feasible, postings: postings, splits: evaluation.splits, solver: result.solver,
      objective: evaluation.objective, bound: result.bound, seconds: seconds,
      modelSize: model.size, elasticModelSize: nil, brokenRules: [],
      termination: result.termination, evaluation: evaluation, notes: [note])
    pooled.markProven(within: options.relativeGap)
    if !evaluation.isFeasible {
      pooled.status = .rulesBroken
      pooled.brokenRules = evaluation.violations
    }
    return pooled
  }

  /// Solves the deployment model with an exact MILP solver, optionally from a starting roster.
  ///
  /// Zoned officers of `warmStart` missing from `warmStartSplits` get `District.bestSplits`.
  /// When the limit ends the search without a roster, `fallback` (a greedy run
  /// already made) stands in when it keeps every rule; without one, the greedy runs.
  public func planExact(
    _ district: District, options: PlanOptions, solver: any Solver,
    warmStart: [String: Posting]?, warmStartSplits: [String: ZoneSplit] = [:],
    shouldStop: (@Sendable () -> Bool)? = nil, fallback: PlanResult? = nil
  ) throws -> PlanResult {
    try planExact(
      DeploymentFormulation(district: district, options: options.formulation), options: options,
      solver: solver, warmStart: warmStart, warmStartSplits: warmStartSplits,
      shouldStop: shouldStop, standIn: { fallback })
  }

  /// `planExact` on a model already built (`auto` builds it once for both
  /// lanes), whose stand-in greedy roster is asked for only when needed (in
  /// `auto` the greedy runs beside the cold search). `byDepartment` solves the
  /// departments apart first (`DepartmentSolve`); `pooledByDepartment` lets a
  /// pooled model take the departments' way instead of the whole model (their
  /// bound, their joined roster repaired, then the neighbourhood search), as
  /// `glpk` and `auto`'s cold lane do. With a `board` (`auto`, whose other
  /// lane makes the bound) the departments get one pass of 60% of the limit
  /// instead of two in half of it, and their headcounts and the repaired
  /// roster are posted on it for the other lane's price cuts.
  func planExact(
    _ strict: DeploymentFormulation, options: PlanOptions, solver: any Solver,
    warmStart: [String: Posting]?, warmStartSplits: [String: ZoneSplit] = [:],
    shouldStop: (@Sendable () -> Bool)?, byDepartment: Bool = true,
    pooledByDepartment: Bool = false, board: RosterBoard? = nil, standIn: () -> PlanResult?
  ) throws -> PlanResult {
    let clock = ContinuousClock.now
    func elapsed() -> Double { (ContinuousClock.now - clock).inSeconds }
    var notes: [String] = []
    let district = strict.district
    // A pooled model gains price cuts on the departments' way (`pricedDepartments`).
    var strict = strict
    var solve = SolveOptions(
      timeLimit: options.timeLimit, relativeGap: options.relativeGap, seed: options.seed,
      verbose: options.verbose)
    solve.progress = options.progress
    solve.shouldStop = shouldStop
    if let warmStart, let point = strict.point(for: warmStart, splits: warmStartSplits),
      strict.model.isFeasible(point)
    {
      solve.warmStart = point
    }
    if let limit = options.timeLimit { solve.timeLimit = max(limit - elapsed(), 0.1) }
    var solver = solver
    if strict.pooled, var glpk = solver as? GLPKSolver {
      // GLPK's pseudocost start-up solves trial LPs with no callback between
      // them; on the pooled 100-town model that kept a stopped race lane
      // running 5-18 s past the limit. Binarizing lowered the pooled
      // 200-town bound at 60 s from 60,670 to 60,262 (`Benchmarks/reports/2026-11-27-deployment-gap-greedy.md`).
      glpk.branching = .driebeckTomlin
      glpk.binarize = false
      solver = glpk
    }
    var departments: DepartmentSolve.Outcome?
    // A pooled district's departments get half the limit (their bound, and
    // their joined roster to repair and search); a small district's a fifth
    // at most (rongchang-2024 needs about 0.3 s), then the whole model.
    let apartOnly = strict.pooled && pooledByDepartment
    if byDepartment, !strict.options.elastic, !strict.pooled || apartOnly {
      var apart = solver
      if var glpk = apart as? GLPKSolver {
        // GLPK's default branching: 0.29 s against 0.62 s on rongchang-2024's departments.
        glpk.branching = .driebeckTomlin
        // With the bound made elsewhere (`auto`), the roster's departments
        // take the most promising node first: their joined roster priced
        // 62,336-62,370 instead of 62,494-62,518 at 200 towns (4 s a department),
        // about what twice the time gives with GLPK's default. Not in `glpk`:
        // its two shorter passes then left a department without a roster (5.21%).
        if apartOnly, board != nil { glpk.backtracking = .bestProjection }
        apart = glpk
      }
      if apartOnly {
        // With the bound made elsewhere, the roster's departments take 60%
        // (200 towns: 61,967 against 62,071 with 30%; 80% gave 61,973).
        let share = board == nil ? 0.5 : 0.6
        departments = try pricedDepartments(
          &strict, solver: apart, standIn: standIn,
          timeLimit: options.timeLimit.map { max($0 - elapsed(), 0.1) * share },
          passes: board == nil ? 2 : 1,
          neighbourhoodShare: board == nil ? 0 : Self.departmentNeighbourhoodShare,
          options: options, shouldStop: shouldStop)
        if let partial = departments?.partial { board?.post(partial) }
      } else {
        departments = try DepartmentSolve(formulation: strict, solver: apart).solve(
          timeLimit: options.timeLimit.map { max(($0 - elapsed()) / 5, 0.05) },
          seed: options.seed, verbose: options.verbose, shouldStop: shouldStop)
      }
    }
    let result: SolveResult
    if let apart = departments, apart.isOptimal(relativeGap: options.relativeGap) {
      result = SolveResult(
        termination: .optimal, values: apart.values, objective: apart.objective,
        bound: apart.bound, seconds: elapsed(), solver: apart.solver)
      notes.append(
        "solved one department at a time (\(apart.blocks) departments): the joined roster keeps "
          + "the rules that join departments, so it is optimal for the whole district")
    } else if apartOnly, let apart = departments,
      // Departments that all close in half the limit make a model small
      // enough for the whole search (below), which can prove its roster.
      apart.solved < apart.blocks,
      // The joined roster, or when it lacks rules joining departments, the
      // same with those rules repaired (the rest of it held), in half the
      // time left; in `auto`'s roster lane a quarter, for the regions that
      // pay there (200 towns, seeds 1-3: 1.15% / 1.00% / 1.24% against
      // 1.16% / 1.32% / 1.22%; every repair found its roster in 4 s).
      let start = try apart.values
        ?? apart.joined.flatMap({ joined in
          try DepartmentSolve(formulation: strict, solver: solver).repair(
            joined,
            timeLimit: options.timeLimit.map { max(($0 - elapsed()) / (board == nil ? 2 : 4), 0.1) },
            seed: options.seed, shouldStop: shouldStop)
        })
    {
      board?.post(start)
      var rest = options
      rest.timeLimit = options.timeLimit.map { max($0 - elapsed(), 0.1) }
      // After `auto`'s one long departments pass, re-solving a department
      // took its 15 s and found nothing; regions on the costliest towns paid
      // (200 towns: 1.03-1.16% against 1.11-1.26%). After `glpk`'s two short
      // passes the departments and random regions stay: regions alone gave
      // 1.67% against 1.52% at 200 towns, 1.95% against 1.73% at 100.
      var plan = try planNeighbourhoods(
        strict, options: rest, from: start, named: "it",
        order: board == nil ? .alternating : .costliestRegions, shouldStop: shouldStop)
      plan.notes.insert(
        apart.note(
          apart.values == nil
            ? "so their joined roster had those rules repaired (the rest of it held)"
            : "and their joined roster is the start"),
        at: plan.notes.count - 1)
      plan.bound = apart.bound
      plan.seconds = elapsed()
      plan.markProven(within: options.relativeGap)
      return plan
    } else {
      if let apart = departments, apart.blocks > 1 {
        notes.append(apart.note("so the whole district was solved"))
      }
      if let limit = options.timeLimit { solve.timeLimit = max(limit - elapsed(), 0.1) }
      let whole = try solver.solve(strict.model, options: solve)
      result = whole.raisingBound(to: departments?.bound, relativeGap: options.relativeGap)
    }
    let checker = RosterChecker(district)

    if let values = result.values, strict.pooled {
      var plan = pooledResult(
        strict, values: values, result: result, options: options, seconds: elapsed())
      plan.notes += notes
      return plan
    }
    if let values = result.values {
      let postings = strict.postings(from: values)
      let splits = strict.splits(from: values, postings: postings)
      let objective = strict.breakdown(at: values)
      return PlanResult(
        status: result.termination == .optimal ? .optimal : .feasible, postings: postings,
        splits: splits, solver: result.solver, objective: objective,
        bound: result.bound, seconds: elapsed(), modelSize: strict.size,
        elasticModelSize: nil, brokenRules: [], termination: result.termination,
        evaluation: checker.evaluate(postings, splits: splits), notes: notes)
    }

    if case .limit(.interrupted) = result.termination {
      // Stopped because another search finished first: nothing to explain.
      return PlanResult(
        status: .noRoster, postings: nil, solver: result.solver, objective: nil,
        bound: result.bound, seconds: elapsed(), modelSize: strict.size, elasticModelSize: nil,
        brokenRules: [], termination: result.termination, evaluation: nil,
        notes: notes + ["stopped: another search finished first"])
    }
    let why: String
    switch result.termination {
    case .infeasible: why = "the hard rules cannot all hold"
    case .limit: why = "no roster keeping every hard rule was found within the time limit"
    case .unbounded: why = "the model is unbounded (a formulation error)"
    case .error(let text): why = "the solver failed: \(text)"
    case .optimal: why = "the solver reported optimal without a solution"
    }
    notes.append(why)
    // A limit without a roster: the greedy's roster, when it keeps every rule,
    // is the best found so far; one that breaks rules stands unless the
    // elastic re-solve below finds better.
    var standing: PlanResult?
    if case .limit = result.termination {
      var greedy =
        standIn()
        ?? planGreedy(
          district, options: options,
          timeLimit: options.timeLimit.map { max($0 - elapsed(), Self.fallbackSeconds) })
      greedy.bound = result.bound
      greedy.seconds = elapsed()
      greedy.modelSize = strict.size
      if greedy.status == .feasible {
        greedy.notes = notes + ["the greedy roster stands in"]
        return greedy
      }
      standing = greedy
    }
    // The elastic model has a column per person and posting: for a pooled
    // district (40,000 and more) it is too large to pay in the time left,
    // and the greedy's roster names its broken rules as the checker finds them.
    let timeLeft = options.timeLimit.map { $0 - elapsed() } ?? .infinity
    guard options.explainBrokenRules, !options.formulation.elastic, !strict.pooled,
      standing == nil || timeLeft > Self.fallbackSeconds
    else {
      if var standing {
        standing.notes = notes + ["the greedy's roster, which breaks rules, stands in"]
        return standing
      }
      return PlanResult(
        status: .noRoster, postings: nil, solver: result.solver, objective: nil, bound: nil,
        seconds: elapsed(), modelSize: strict.size, elasticModelSize: nil, brokenRules: [],
        termination: result.termination, evaluation: nil, notes: notes)
    }

    let elastic = DeploymentFormulation(
      district: district, options: options.formulation.elasticVariant)
    var again = solve
    again.warmStart = nil
    if let limit = options.timeLimit {
      // A proven infeasible model leaves time; otherwise the re-solve may
      // take `fallbackSeconds` past the limit, the documented margin.
      again.timeLimit = max(limit - elapsed(), Self.fallbackSeconds)
    }
    notes.append("re-solved with penalised slack on every rule family to find which rules fail")
    let relaxed = try solver.solve(elastic.model, options: again)
    guard let values = relaxed.values else {
      notes.append("the re-solve found no roster either (\(relaxed.termination))")
      if var standing {
        standing.notes = notes + ["the greedy's roster, which breaks rules, stands in"]
        standing.seconds = elapsed()
        return standing
      }
      return PlanResult(
        status: .noRoster, postings: nil, solver: relaxed.solver, objective: nil, bound: nil,
        seconds: elapsed(), modelSize: strict.size, elasticModelSize: elastic.size,
        brokenRules: [], termination: relaxed.termination, evaluation: nil, notes: notes)
    }
    let postings = elastic.postings(from: values)
    let splits = elastic.splits(from: values, postings: postings)
    let broken = elastic.brokenRules(at: values)
    let penalty = elastic.rulePenalty(at: values)
    // A re-solve that needs no slack found a roster the strict search missed.
    let status: PlanStatus = broken.isEmpty ? .feasible : .rulesBroken
    return PlanResult(
      status: status, postings: postings, splits: splits, solver: relaxed.solver,
      objective: elastic.breakdown(at: values),
      bound: relaxed.bound.map { max($0 - penalty, 0) }, seconds: elapsed(),
      modelSize: strict.size, elasticModelSize: elastic.size, brokenRules: broken,
      termination: relaxed.termination, evaluation: checker.evaluate(postings, splits: splits),
      notes: notes)
  }
}
