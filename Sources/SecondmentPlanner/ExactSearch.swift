import DeploymentFormulation
import Foundation
import GLPKBackend
import GreedySolver
import MIPModel
import SecondmentDomain

/// The exact search: departments apart first, then the whole model; what
/// stands when it ends without a roster.
extension Planner {
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
      shouldStop: shouldStop, greedyRoster: { fallback })
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
  /// roster are posted on it for the other lane's price cuts; from
  /// `PlannerTuning.departmentRefineLeastLimit` the pass gets 30%, asks each
  /// town's legal access of one department (`departmentsApart`), and the
  /// repaired roster's departments are refined (`refinedDepartments`)
  /// before the neighbourhood search.
  /// `rosterElsewhere` (`auto` on a district of the exact model, whose other
  /// lane makes the roster): when a department does not close in the
  /// departments' first pass, the rest of the time goes to the departments'
  /// bound instead of the whole model (`departmentsApart`), and when every
  /// one closes with a joined roster that breaks a rule joining them, to
  /// branching on those rules (`DepartmentSolve.linked`). `incumbent` reads
  /// the best roster's objective any lane has found (branches at or above it
  /// close); `offer` hands the other lane this lane's rosters (model point,
  /// objective): the branching's and the repaired joined rosters.
  func planExact(
    _ strict: DeploymentFormulation, options: PlanOptions, solver: any Solver,
    warmStart: [String: Posting]?, warmStartSplits: [String: ZoneSplit] = [:],
    shouldStop: (@Sendable () -> Bool)?, byDepartment: Bool = true,
    pooledByDepartment: Bool = false, board: SharedSearch? = nil, rosterElsewhere: Bool = false,
    incumbent: (@Sendable () -> Double?)? = nil, offer: (([Double], Double) -> Void)? = nil,
    greedyRoster: () -> PlanResult?
  ) throws -> PlanResult {
    let budget = TimeBudget(options.timeLimit)
    func elapsed() -> Double { budget.elapsed }
    var notes: [String] = []
    var stages: [PlanStage] = []
    let district = strict.district
    // A pooled model gains price cuts on the departments' way (`pricedDepartments`).
    var strict = strict
    var solve = searchOptions(
      strict, options: options, warmStart: warmStart, warmStartSplits: warmStartSplits,
      shouldStop: shouldStop, budget: budget)
    var solver = solver
    if strict.pooled {
      // Pseudocost start-up solves trial LPs with no callback between them
      // (a stopped race lane ran on past the limit), and binarizing lowers a
      // pooled model's bound (Benchmarks/reports/2026-12-05-planner-tuning.md).
      solver = solver.styled(SearchStyle(branching: .standard, keepGeneralIntegers: true))
    }
    // A pooled district's departments get half the limit (their bound, and
    // their joined roster to repair and search); a small district's a fifth
    // at most (rongchang-2024 needs about 0.3 s), then the whole model.
    let pooledWay = strict.pooled && pooledByDepartment
    let departments =
      byDepartment && !strict.options.elastic && (!strict.pooled || pooledWay)
      ? try departmentsApart(
        &strict, solver: solver, options: options, pooledWay: pooledWay, board: board,
        rosterElsewhere: rosterElsewhere, incumbent: incumbent, offer: offer, greedyRoster: greedyRoster,
        shouldStop: shouldStop, budget: budget)
      : nil
    // The departments' bound holds for the whole district: the whole
    // model's search stops once its incumbent is within the gap of it
    // (`SolveOptions.stopping(within:of:)`), which GLPK cannot see.
    if !strict.pooled, let bound = departments?.bound {
      solve = solve.stopping(within: options.relativeGap, of: bound)
    }
    // The branching on the rules joining departments ended with every
    // branch closed or the time spent; one left with branches it cannot
    // split (rows over terms of no department) hands over to the whole model.
    let branched = departments?.linked.map {
      $0.exhausted || (budget.remaining ?? .infinity) <= 2 * PlannerTuning.boundLaneReserveSeconds
    } ?? false
    let result: SolveResult
    if let apart = departments, let department = apart.infeasible {
      // The departments apart are a relaxation: one without a point proves
      // the district has none; the elastic model then names the rules.
      stages.append(apart.stage(provenOptimal: false))
      notes.append(
        "solved one department at a time: one department's own rules cannot all hold (\(department)), "
          + "so the district's cannot either; the rules that fail and where are named below")
      result = SolveResult(
        termination: .infeasible, values: nil, objective: nil, bound: nil, seconds: elapsed(),
        solver: apart.solver)
    } else if let apart = departments, apart.isOptimal(relativeGap: options.relativeGap) {
      result = SolveResult(
        termination: .optimal, values: apart.values, objective: apart.objective,
        bound: apart.bound, seconds: elapsed(), solver: apart.solver)
      stages.append(apart.stage(provenOptimal: true))
      notes.append(
        apart.linked == nil
          ? "solved one department at a time (\(apart.blocks) departments): the joined roster keeps "
            + "the rules that join departments, so it is optimal for the whole district"
          : apart.note("so the best joined roster that keeps them is optimal for the whole district"))
    } else if pooledWay, let apart = departments,
      // Departments that all close in half the limit make a model small
      // enough for the whole search (below), which can prove its roster.
      apart.solved < apart.blocks,
      // The joined roster, or when it lacks rules joining departments, the
      // same with those rules repaired (the rest of it held), in
      // `PlannerTuning.repairShare` of the time left (`repairShareWithBoundLane`
      // in `auto`'s roster lane).
      let start = try apart.values
        ?? apart.joined.flatMap({ joined in
          try DepartmentSolve(formulation: strict, solver: solver).repair(
            joined,
            timeLimit: budget.share(
              board == nil ? PlannerTuning.repairShare : PlannerTuning.repairShareWithBoundLane),
            seed: options.seed, shouldStop: shouldStop)
        })
    {
      var start = start
      var refined: (improved: Int, from: Double, to: Double)?
      if board != nil, Self.refinesDepartments(timeLimit: options.timeLimit), let left = budget.remaining {
        let outcome = try refinedDepartments(
          &strict, from: start, timeLimit: left * PlannerTuning.departmentRefineShare, seed: options.seed,
          shouldStop: shouldStop)
        start = outcome.values
        refined = (outcome.improved, outcome.from, outcome.to)
      }
      board?.post(start)
      var rest = options
      rest.timeLimit = budget.left()
      // In `auto` the other lane's greedy roster, when it is ready by now,
      // offered once: the search goes on from it when it costs less than its own start.
      var offer = board == nil ? nil : greedyRoster().flatMap { greedy in
        greedy.status == .feasible ? greedy.postings.flatMap { strict.point(for: $0, splits: greedy.splits) } : nil
      }.map { (values: $0, objective: strict.model.objective.value(at: $0)) }
      let greedyOffer: () -> (values: [Double], objective: Double)? = {
        defer { offer = nil }
        return offer
      }
      // After `auto`'s one long departments pass, regions on the costliest
      // towns; after `glpk`'s two short passes, departments and random
      // regions in turn (Benchmarks/reports/2026-12-05-planner-tuning.md).
      var plan = try planNeighbourhoods(
        strict, options: rest, from: start, named: "it",
        order: board == nil ? .alternating : .costliestRegions, adopt: greedyOffer, shouldStop: shouldStop)
      plan.stages.insert(apart.stage(provenOptimal: false), at: 0)
      plan.notes.insert(
        apart.note(
          apart.values == nil
            ? "so their joined roster had those rules repaired (the rest of it held)"
            : "and their joined roster is the start"),
        at: plan.notes.count - 1)
      if let refined {
        plan.notes.insert(
          "its departments re-solved one at a time by relaxation induced search, the others held: "
            + "\(refined.improved) of \(district.departments.count) improved it, "
            + String(format: "%.2f to %.2f", refined.from, refined.to),
          at: plan.notes.count - 1)
      }
      plan.bound = apart.bound
      plan.seconds = elapsed()
      plan.markProven(within: options.relativeGap)
      return plan
    } else if !strict.pooled, rosterElsewhere, let apart = departments,
      branched || apart.solved < apart.blocks, let (values, objective) = apart.bestRoster
    {
      // The branching, or the passes for the bound, took the rest of the
      // time and found a roster: the branching's own, or a joined roster repaired.
      stages.append(apart.stage(provenOptimal: false))
      notes.append(
        apart.note(
          apart.linked != nil
            ? "so the rest of the time went to that branching"
            : "so the rest of the time went to their bound, their joined roster repaired"))
      result = SolveResult(
        termination: .limit(.time), values: values, objective: objective, bound: apart.bound,
        seconds: elapsed(), solver: apart.solver)
    } else if !strict.pooled, let apart = departments,
      apart.solved < apart.blocks || rosterElsewhere && branched, let bound = apart.bound
    {
      // The departments took the rest of the time for their bound (every
      // department searched, some open; or their branch and bound on the
      // rules joining them): the roster is the other lane's, so this lane
      // gives the bound alone.
      return PlanResult(
        status: .noRoster, postings: nil, solver: apart.solver, objective: nil, bound: bound,
        seconds: elapsed(), modelSize: strict.size, elasticModelSize: nil, brokenRules: [],
        termination: .limit(.time), evaluation: nil,
        notes: notes + [apart.note("so the rest of the time went to their bound")],
        stages: stages + [apart.stage(provenOptimal: false)])
    } else {
      if let apart = departments, apart.blocks > 1 {
        stages.append(apart.stage(provenOptimal: false))
        notes.append(apart.note("so the whole district was solved"))
      }
      if options.timeLimit != nil { solve.timeLimit = budget.left() }
      // The branch and bound's best roster, when it found one, is the start.
      if let values = departments?.values, solve.warmStart == nil { solve.warmStart = values }
      let whole = try solver.solve(strict.model, options: solve)
      result = whole.raisingBound(to: departments?.bound, relativeGap: options.relativeGap)
    }
    let checker = RosterChecker(district)

    if let values = result.values, strict.pooled {
      var plan = checkedRoster(
        strict, values: values, result: result, options: options, seconds: elapsed())
      plan.notes += notes
      plan.stages = stages + plan.stages
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
        evaluation: checker.evaluate(postings, splits: splits), notes: notes, stages: stages)
    }

    return try withoutRoster(
      strict, result: result, options: options, solver: solver, solve: solve, notes: notes,
      stages: stages, greedyRoster: greedyRoster, budget: budget)
  }

  /// The solver's options for a search of `strict`: what is left of the
  /// plan's `budget`, gap, seed and progress, and `warmStart`
  /// as the start when it keeps every row.
  func searchOptions(
    _ strict: DeploymentFormulation, options: PlanOptions, warmStart: [String: Posting]?,
    warmStartSplits: [String: ZoneSplit], shouldStop: (@Sendable () -> Bool)?,
    budget: TimeBudget
  ) -> SolveOptions {
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
    if options.timeLimit != nil { solve.timeLimit = budget.left() }
    return solve
  }

  /// The departments apart (`DepartmentSolve`): a pooled district's
  /// (`pooledWay`) with price cuts in `pricedDepartments`, a small district's
  /// in `PlannerTuning.departmentsShare` of the time left, before the whole
  /// model. GLPK's default branching suits them (0.29 s against 0.62 s on
  /// rongchang-2024's departments).
  ///
  /// With `rosterElsewhere`, a time limit and a greedy roster that keeps
  /// every rule, a department left open by that first pass means the whole
  /// model's search could not prove a roster either (its bound stays near
  /// GLPK's root; the departments' integer optima are above it): the
  /// departments are searched again, every one, the open ones sharing the
  /// time left but `PlannerTuning.boundLaneReserveSeconds`, and their bounds
  /// summed; after each pass their joined roster, when it lacks a rule
  /// joining departments, is repaired (`PlannerTuning.joinedRepairShare`)
  /// and offered. Every department closed with such a joined roster: the
  /// branching on those rules (`DepartmentSolve.linked`).
  ///
  /// A pooled district's pass in `auto` (a `board`) from
  /// `PlannerTuning.departmentRefineLeastLimit` asks each town's legal
  /// access of the department most present there in the departments'
  /// relaxation (`DeploymentFormulation.askingLegalAccess`): a restriction,
  /// so its bound is nil; when a department cannot give what it is asked,
  /// the pass runs again without it.
  func departmentsApart(
    _ strict: inout DeploymentFormulation, solver: any Solver, options: PlanOptions, pooledWay: Bool,
    board: SharedSearch?, rosterElsewhere: Bool = false,
    incumbent: (@Sendable () -> Double?)? = nil, offer: (([Double], Double) -> Void)? = nil,
    greedyRoster: () -> PlanResult?, shouldStop: (@Sendable () -> Bool)?, budget: TimeBudget
  ) throws -> DepartmentSolve.Outcome {
    func elapsed() -> Double { budget.elapsed }
    // The standard branching: 0.29 s against 0.62 s on rongchang-2024's
    // departments. With the bound made elsewhere (`auto`), the roster's
    // departments take the most promising node first: their joined roster
    // priced 62,336-62,370 instead of 62,494-62,518 at 200 towns (4 s a
    // department), about what twice the time gives by best bound. Not in
    // `glpk`: its two shorter passes then left a department without a roster (5.21%).
    let apart = solver.styled(
      SearchStyle(branching: .standard, nodeOrder: pooledWay && board != nil ? .mostPromising : nil))
    if pooledWay {
      let share =
        board == nil
        ? PlannerTuning.pooledDepartmentsShare
        : Self.refinesDepartments(timeLimit: options.timeLimit)
          ? PlannerTuning.pooledDepartmentsShareBeforeRefine : PlannerTuning.pooledDepartmentsShareWithBoundLane
      func pass(_ formulation: inout DeploymentFormulation) throws -> DepartmentSolve.Outcome {
        try pricedDepartments(
          &formulation, solver: apart, greedyRoster: greedyRoster,
          timeLimit: budget.share(share),
          passes: board == nil ? 2 : 1,
          neighbourhoodShare: board == nil ? 0 : PlannerTuning.departmentNeighbourhoodShare,
          options: options, shouldStop: shouldStop)
      }
      // With the bound made elsewhere (`auto`), legal access in each town is
      // asked of one department, so the joined roster needs no repair for it.
      if board != nil, Self.refinesDepartments(timeLimit: options.timeLimit) {
        var relaxed = strict
        let relaxation = try relaxed.addRelaxationPriceCuts(
          solver: solver, timeLimit: PlannerTuning.legalAccessRelaxationSeconds, shouldStop: shouldStop)
        let asked = relaxation.point.map { strict.legalAccessDepartments(at: $0) } ?? [:]
        if !asked.isEmpty {
          var restricted = strict.askingLegalAccess(of: asked)
          var departments = try pass(&restricted)
          // A department that cannot give every town asked of it: the pass
          // again without them, in the time left.
          if departments.infeasible == nil {
            // A restriction's optima bound nothing: the other lane's bound stands.
            departments.bound = nil
            departments.askedLegalAccess = asked.count
            departments.completePrices(by: strict)
            if let partial = departments.partial { board?.post(partial) }
            return departments
          }
        }
      }
      let departments = try pass(&strict)
      if let partial = departments.partial { board?.post(partial) }
      return departments
    } else {
      var departments = DepartmentSolve(formulation: strict, solver: apart)
      departments.gomoryCutsFirstOnly = true
      // Each pass's bound holds for the whole district: the plan's progress
      // shows it, and in `auto` the other lane's roster may close against it.
      let reportBound: @Sendable (Double) -> Void = { bound in
        options.progress?(SolveProgress(elapsed: budget.elapsed, incumbent: nil, bound: bound, gap: nil))
      }
      func report(_ outcome: DepartmentSolve.Outcome) { outcome.bound.map(reportBound) }
      // The shortfall floors a pass proved become rows of the whole model:
      // the next passes, the branching and the whole model's search keep them.
      func addFloors(_ outcome: DepartmentSolve.Outcome) {
        guard !outcome.floors.isEmpty else { return }
        for (floor, value) in outcome.floors { strict.addShortfallFloor(floor, atLeast: value) }
        departments = DepartmentSolve(formulation: strict, solver: apart)
        departments.gomoryCutsFirstOnly = true
      }
      // In `auto`, while a department is open, a joined roster that lacks
      // rules joining departments is repaired (the rest of it held): a
      // roster of this lane, often near the departments' bound, beside the
      // other lane's. The best repaired so far is kept from pass to pass.
      func repairJoined(_ outcome: inout DepartmentSolve.Outcome) throws {
        guard rosterElsewhere, outcome.solved < outcome.blocks, outcome.values == nil, let joined = outcome.joined,
          shouldStop?() != true,
          let values = try departments.repair(
            joined, timeLimit: budget.share(PlannerTuning.joinedRepairShare), seed: options.seed,
            shouldStop: shouldStop)
        else { return }
        let objective = strict.model.objective.value(at: values)
        guard objective < outcome.repaired?.objective ?? .infinity else { return }
        outcome.repaired = (values, objective)
        options.progress?(SolveProgress(elapsed: elapsed(), incumbent: objective, bound: nil, gap: nil))
        offer?(values, objective)
      }
      var outcome = try departments.solve(
        timeLimit: budget.share(PlannerTuning.departmentsShare, atLeast: 0.05),
        seed: options.seed, verbose: options.verbose, shouldStop: shouldStop)
      report(outcome)
      addFloors(outcome)
      // Every department closed and their joined roster breaks a rule
      // joining them: branch on those rules, the departments apart still
      // (`DepartmentSolve.linked`); in `auto` for the rest of the time.
      func branchOnLinks(_ outcome: inout DepartmentSolve.Outcome) throws -> Bool {
        let time =
          rosterElsewhere
          ? budget.remaining.map { $0 - PlannerTuning.boundLaneReserveSeconds }
          : budget.share(PlannerTuning.linkedShare)
        guard time.map({ $0 > 0 }) ?? true,
          let linked = try departments.linked(
            from: outcome, timeLimit: time,
            blockTimeLimit: time.map { $0 * PlannerTuning.linkedDepartmentShare },
            relativeGap: options.relativeGap, incumbent: incumbent,
            progress: reportBound, seed: options.seed, shouldStop: shouldStop)
        else { return false }
        outcome.linked = linked
        if let bound = linked.bound { outcome.bound = max(outcome.bound ?? bound, bound) }
        if let values = linked.values, let objective = linked.objective {
          outcome.values = values
          outcome.objective = objective
          offer?(values, objective)
          options.progress?(
            SolveProgress(elapsed: budget.elapsed, incumbent: objective, bound: outcome.bound, gap: nil))
        }
        return true
      }
      try repairJoined(&outcome)
      if try branchOnLinks(&outcome) { return outcome }
      guard rosterElsewhere, outcome.blocks > 1, greedyRoster()?.status == .feasible else { return outcome }
      // Pass after pass while time is left: departments that close early
      // leave their share to the ones still open.
      while outcome.solved < outcome.blocks, shouldStop?() != true,
        let left = budget.remaining, left > 2 * PlannerTuning.boundLaneReserveSeconds
      {
        let next = try departments.solve(
          timeLimit: left - PlannerTuning.boundLaneReserveSeconds, everyBlock: true, resuming: outcome,
          seed: options.seed, verbose: options.verbose, shouldStop: shouldStop)
        if next.infeasible != nil {
          outcome.infeasible = next.infeasible
          break
        }
        // A pass stopped from outside sums no bound; the last whole one stands.
        guard next.bound != nil else { break }
        let repaired = outcome.repaired
        outcome = next
        outcome.repaired = repaired
        report(outcome)
        addFloors(outcome)
        try repairJoined(&outcome)
      }
      _ = try branchOnLinks(&outcome)
      return outcome
    }
  }

  /// What stands when the strict search ended without a roster (`result`):
  /// nothing, when another search finished first; at a limit, the greedy's
  /// roster (`greedyRoster`, or a greedy run in the time left) when it keeps every
  /// rule; otherwise the elastic model solved in the time left (at least
  /// `PlannerTuning.fallbackSeconds`) names the rules that fail, or the
  /// greedy's rule-breaking roster stands (always for a pooled district,
  /// whose elastic model has a column per person and posting).
  func withoutRoster(
    _ strict: DeploymentFormulation, result: SolveResult, options: PlanOptions, solver: any Solver,
    solve: SolveOptions, notes: [String], stages: [PlanStage], greedyRoster: () -> PlanResult?,
    budget: TimeBudget
  ) throws -> PlanResult {
    func elapsed() -> Double { budget.elapsed }
    let district = strict.district
    let checker = RosterChecker(district)
    var notes = notes
    var stages = stages
    if case .limit(.interrupted) = result.termination {
      // Stopped because another search finished first: nothing to explain.
      return PlanResult(
        status: .noRoster, postings: nil, solver: result.solver, objective: nil,
        bound: result.bound, seconds: elapsed(), modelSize: strict.size, elasticModelSize: nil,
        brokenRules: [], termination: result.termination, evaluation: nil,
        notes: notes + ["stopped: another search finished first"], stages: stages)
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
        greedyRoster()
        ?? planGreedy(
          district, options: options,
          timeLimit: budget.left(atLeast: PlannerTuning.fallbackSeconds))
      greedy.bound = result.bound
      greedy.seconds = elapsed()
      greedy.modelSize = strict.size
      if greedy.status == .feasible {
        greedy.notes = notes + ["the greedy roster stands in"]
        greedy.stages = stages + greedy.stages + [.greedyStandsIn]
        return greedy
      }
      standing = greedy
    }
    // The elastic model has a column per person and posting: for a pooled
    // district (40,000 and more) it is too large to pay in the time left,
    // and the greedy's roster names its broken rules as the checker finds them.
    let timeLeft = budget.remaining ?? .infinity
    guard options.explainBrokenRules, !options.formulation.elastic, !strict.pooled,
      standing == nil || timeLeft > PlannerTuning.fallbackSeconds
    else {
      if var standing {
        standing.notes = notes + ["the greedy's roster, which breaks rules, stands in"]
        standing.stages = stages + standing.stages + [.greedyStandsIn]
        return standing
      }
      return PlanResult(
        status: .noRoster, postings: nil, solver: result.solver, objective: nil, bound: nil,
        seconds: elapsed(), modelSize: strict.size, elasticModelSize: nil, brokenRules: [],
        termination: result.termination, evaluation: nil, notes: notes, stages: stages)
    }

    let elastic = DeploymentFormulation(
      district: district, options: options.formulation.elasticVariant)
    var again = solve
    again.warmStart = nil
    if options.timeLimit != nil {
      // A proven infeasible model leaves time; otherwise the re-solve may
      // take `fallbackSeconds` past the limit, the documented margin.
      again.timeLimit = budget.left(atLeast: PlannerTuning.fallbackSeconds)
    }
    notes.append("re-solved with penalised slack on every rule family to find which rules fail")
    stages.append(.elasticResolve)
    let relaxed = try solver.solve(elastic.model, options: again)
    guard let values = relaxed.values else {
      notes.append("the re-solve found no roster either (\(relaxed.termination))")
      if var standing {
        standing.notes = notes + ["the greedy's roster, which breaks rules, stands in"]
        standing.stages = stages + standing.stages + [.greedyStandsIn]
        standing.seconds = elapsed()
        return standing
      }
      return PlanResult(
        status: .noRoster, postings: nil, solver: relaxed.solver, objective: nil, bound: nil,
        seconds: elapsed(), modelSize: strict.size, elasticModelSize: elastic.size,
        brokenRules: [], termination: relaxed.termination, evaluation: nil, notes: notes,
        stages: stages)
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
      notes: notes, stages: stages)
  }
}
