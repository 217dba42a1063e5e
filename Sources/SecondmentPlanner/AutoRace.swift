import DeploymentFormulation
import Foundation
import GLPKBackend
import GreedySolver
import MIPModel
import SecondmentDomain

/// `auto`: the exact search and the greedy race on two threads.
extension Planner {
  /// `auto`: two lanes on two threads from the start. One is GLPK cold, with
  /// its presolver, for the whole limit (departments apart first; for a
  /// pooled district the departments apart, repaired, give a roster the
  /// neighbourhood search then improves: `planExact`). The other runs the
  /// greedy (at most a fifth of the limit) and then improves its roster by
  /// the neighbourhood search (`NeighbourhoodSearch`) until the limit; for a
  /// pooled district it raises the bound instead (`priceBound`), from price
  /// cuts at the rosters the first lane posts on their `SharedSearch`. The
  /// cold lane's end (proven, or at the limit) stops the other, and the
  /// neighbourhood search's end at the limit stops the cold lane (whose
  /// GLPK may be between two looks at its clock); the bound lane, and a
  /// greedy lane with nothing to improve (its roster breaks a rule), stop
  /// nobody. A proven roster wins; otherwise the best roster that keeps
  /// every rule, greedy included, with the best bound of the two searches.
  ///
  /// Measured (`Benchmarks/reports/2026-11-27-deployment-gap-greedy.md`): the presolver decides how fast a small
  /// model closes, the greedy start whether a large one has a good roster;
  /// racing keeps both, and starting the cold search at once gives a large
  /// district's bound the greedy's seconds too. The neighbourhood search
  /// leaves 50-town rosters 0.02-0.26% above HiGHS's after 60 s where GLPK
  /// warm-started on the whole model left them 1.8-2.5% above
  /// (`Benchmarks/reports/2026-12-05-neighbourhoods-of-the-greedy-roster.md`).
  func planAuto(_ district: District, options: PlanOptions) throws -> PlanResult {
    let budget = TimeBudget(options.timeLimit)
    let formulation = DeploymentFormulation(district: district, options: options.formulation)
    // A pooled model's incumbents are not the roster's prices until the
    // roster is checked: there only a lane's own proof or the limit ends the race.
    let shared = SharedSearch(
      progress: options.progress, interrupt: options.shouldStop,
      relativeGap: formulation.pooled ? nil : options.relativeGap)
    var laneOptions = options
    laneOptions.progress = shared.report
    let lanes = laneOptions
    DispatchQueue.concurrentPerform(iterations: 2) { lane in
      if lane == 0 {
        let outcome = Result {
          try planExact(
            formulation, options: lanes, solver: GLPKSolver().styled(PlannerTuning.coldSearch),
            warmStart: nil, shouldStop: shared.isOver, pooledByDepartment: true,
            board: formulation.pooled ? shared : nil, rosterElsewhere: !formulation.pooled,
            incumbent: { shared.bestIncumbent },
            offer: formulation.pooled ? nil : { shared.offer($0, objective: $1) },
            greedyRoster: { shared.greedy })
        }
        // A proof ends the race, and so does a failure. A roster, or the
        // departments' bound alone, found before the limit waits for the
        // other lane, which ends the race at the limit by itself (this one
        // may stop a second early: its departments' last pass keeps clear of it).
        let waits = (try? outcome.get()).map {
          $0.status == .feasible || ($0.status == .noRoster && $0.bound != nil)
        }
        if options.timeLimit == nil || waits != true { shared.finish() }
        shared.set(0, outcome)
        return
      }
      // Paced by its share, the greedy runs until the other lane's proof ends the race.
      var racing = lanes
      racing.shouldStop = shared.isOver
      let greedy = planGreedy(
        district, options: racing, timeLimit: options.timeLimit.map { $0 * PlannerTuning.greedyLaneShare },
        pacedByLimit: true)
      shared.greedy = greedy
      if formulation.pooled {
        // A pooled district's second lane raises the bound; the first makes the roster.
        let outcome = Result {
          try priceBound(
            formulation, greedy: greedy, board: shared,
            timeLimit: budget.left(),
            options: lanes, shouldStop: shared.isOver)
        }
        shared.set(1, outcome)
        return
      }
      guard greedy.status == .feasible, let start = greedy.postings, !shared.isOver(),
        let point = formulation.point(for: start, splits: greedy.splits), formulation.model.isFeasible(point)
      else { return }
      var rest = lanes
      // Without a limit the search goes on until the cold lane proves its roster.
      rest.timeLimit = budget.left() ?? .infinity
      let improved = rest
      let outcome = Result {
        try planNeighbourhoods(
          formulation, options: improved, from: point, named: "the greedy roster", order: .alternating,
          adopt: { shared.bestOffer }, shouldStop: shared.isOver)
      }
      // At the limit it ends the race (GLPK's cold search may not look at
      // its clock for seconds); without one, the cold lane's proof does.
      if options.timeLimit != nil { shared.finish() }
      shared.set(1, outcome)
    }
    let seconds = budget.elapsed
    let results: [PlanResult]
    do {
      results = try shared.all()
    } catch {
      guard var fallback = shared.greedy else { throw error }
      fallback.notes.append("GLPK failed (\(error)): the greedy roster stands")
      return fallback
    }
    guard let greedy = shared.greedy, let first = results.first else {
      // Not reached: the cold lane always ends with a result or an error.
      throw PlannerError.laneWithoutResult("auto's exact search lane")
    }
    let greedyNote =
      "greedy start: objective \(String(format: "%.2f", greedy.evaluation?.objective.total ?? .infinity)) "
      + "(\(greedy.status.rawValue))"
    let greedyStage = PlanStage.greedy(objective: greedy.evaluation?.objective.total, status: greedy.status)
    if var proven = results.first(where: { $0.status == .optimal }) {
      proven.notes.insert(greedyNote, at: 0)
      proven.stages.insert(greedyStage, at: 0)
      proven.seconds = seconds
      return proven
    }
    let bound = results.compactMap(\.bound).max()
    let keeping = results.filter { $0.status == .feasible }
    let total = { (r: PlanResult) in r.evaluation?.objective.total ?? .infinity }
    // Where the bound came from, when the departments apart gave it.
    let boundNotes = results.flatMap(\.notes).filter { $0.hasPrefix("solved one department") }
    let boundStages = results.flatMap(\.stages).filter {
      if case .departmentsApart = $0 { true } else { false }
    }
    // Keep whichever roster is better; a rule-keeping roster beats one that breaks rules.
    if var best = keeping.min(by: { total($0) < total($1) }),
      !(greedy.status == .feasible && total(greedy) < total(best) - 1e-9)
    {
      best.notes.insert(greedyNote, at: 0)
      best.notes += boundNotes.filter { !best.notes.contains($0) }
      best.stages.insert(greedyStage, at: 0)
      best.stages += boundStages.filter { !best.stages.contains($0) }
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
      kept.stages += boundStages.filter { !kept.stages.contains($0) }
      kept.markProven(within: options.relativeGap)
      return kept
    }
    var last = first
    last.seconds = seconds
    return last
  }
}
