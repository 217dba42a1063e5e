import Foundation
import MIPModel
import SecondmentDomain

/// Settings for one run of the deployment greedy.
public struct DeploymentGreedyOptions: Sendable, Hashable {
  /// Seed of the search's pseudo-random choices; the same seed gives the same roster.
  public var seed: UInt64
  /// Wall-clock limit in seconds; nil for none. It can only cut the search
  /// short, so a run that hits it may differ from an unlimited run.
  public var timeLimit: Double?
  /// Simulated-annealing steps (proposed moves or swaps) between the
  /// construction and the final descent (0: construction and descent only).
  public var iterationLimit: Int
  /// Whether the annealing is paced by the time limit instead of
  /// `iterationLimit`: it cools over the time left after the construction
  /// but `descentShare` of the limit, however many steps that is, so the run
  /// uses the whole limit (and is not reproducible). Ignored without a time
  /// limit, or with `iterationLimit` 0.
  public var pacedByLimit = false

  /// Default: seed 1, no time limit, `defaultSteps` annealing steps.
  public init(seed: UInt64 = 1, timeLimit: Double? = nil, iterationLimit: Int = defaultSteps) {
    self.seed = seed
    self.timeLimit = timeLimit
    self.iterationLimit = max(0, iterationLimit)
  }

  /// The part of the time limit kept for the final descent when the
  /// annealing is paced by the limit (`pacedByLimit`; 0.05, 0.01 to 0.2).
  public static let descentShare = 0.05

  /// The most seconds one department's coverage model may take
  /// (`DeploymentGreedy.coverageSolver`; 2, 0.1 to 10). GLPK closes the
  /// model of a generated 500-town district's department in about 0.01 s.
  public static let coverageModelSeconds = 2.0

  /// Annealing steps by default: 100,000 (about 45-50 ms for the whole run on
  /// Rongchang 2024 in a release build on a quiet 2-core machine, within 2%
  /// of the optimum for seeds 1-5; Benchmarks/reports/2026-11-27-deployment-gap-greedy.md).
  public static let defaultSteps = 100_000

  /// The part of the time limit the construction may take (0.8): past it the
  /// people still pending take their own best posting, and the rest of the
  /// time goes to mending towns that break a rule (`DeploymentSearch.repairTowns`)
  /// and to the annealing. A 1,000-town district's full construction needs
  /// far more than 30 s.
  public static let constructionShare = 0.8

  /// Annealing steps for a district of `people` available people:
  /// `defaultSteps`, or 5 × people² when that is more. A move's neighbourhood
  /// grows with people × postings, so a fixed count starves large districts:
  /// on the generated 200-town district (1,000 people) 100,000 steps end at
  /// 73,495, 1,000,000 at 66,983 and 5,000,000 (this rule) at 64,426 in
  /// 5.6 s (Benchmarks/reports/2026-11-27-deployment-gap-greedy.md). Rongchang 2024 (105 people) keeps 100,000.
  public static func steps(forPeople people: Int) -> Int {
    max(defaultSteps, 5 * people * people)
  }
}

/// A lower bound on the objective that the greedy computes without an LP solver.
///
/// It bounds every roster that keeps the person-level hard rules (avoidance,
/// zoned-must-drive, auxiliary-stationed, pinned, tenure): the sum of
/// - **unmet demand**: per department, demand minus the most FTE its available
///   people could give (every officer stationed, 1 FTE; every auxiliary
///   `auxiliaryFTE`), priced as if the shortfall fell on non-pilot towns first;
/// - **uncovered pairs**: per department, (town, department) pairs with demand
///   minus the most towns its officers can be present in (one when stationed,
///   the largest zone when they may be zoned);
/// - **travel**: each available person's cheapest allowed posting;
/// - **moves and preference misses**: people for whom every allowed posting
///   is a move, or misses all preferred towns;
/// - **imbalance**: the bound on total unmet FTE over total demand (the largest
///   town share is at least the district-wide share).
public struct GreedyBound: Sendable, Hashable {
  /// The bound on `ObjectiveBreakdown.total`.
  public var total: Double
  /// The bound term by term (weighted), as `ObjectiveBreakdown`.
  public var terms: ObjectiveBreakdown
  /// What the bound is, in one sentence, for reports.
  public var method: String

  public init(total: Double, terms: ObjectiveBreakdown, method: String) {
    self.total = total
    self.terms = terms
    self.method = method
  }
}

/// What the deployment greedy produced.
public struct DeploymentGreedyResult: Sendable {
  /// One posting per instance person, by person id (unavailable people `unassigned`).
  public var postings: [String: Posting]
  /// Every zoned officer's split by person id (`ZoneSplit`).
  public var splits: [String: ZoneSplit]
  /// The objective of `postings` with `splits`, term by term (`docs/rules.md`).
  public var objective: ObjectiveBreakdown
  /// The same terms in planner units.
  public var measures: RosterMeasures
  /// Hard rules the roster breaks, one line per place, as `RosterChecker` reports them.
  /// Empty when the greedy met every rule.
  public var violations: [RuleViolation]
  /// A lower bound on the objective (see `GreedyBound`).
  public var bound: GreedyBound
  /// Local-search (annealing) steps run.
  public var iterations: Int
  /// Wall-clock seconds the run took.
  public var seconds: Double
  /// Whether the time limit stopped the search before the iteration limit.
  public var hitTimeLimit: Bool

  public init(
    postings: [String: Posting], splits: [String: ZoneSplit] = [:],
    objective: ObjectiveBreakdown, measures: RosterMeasures,
    violations: [RuleViolation], bound: GreedyBound, iterations: Int, seconds: Double,
    hitTimeLimit: Bool
  ) {
    self.postings = postings
    self.splits = splits
    self.objective = objective
    self.measures = measures
    self.violations = violations
    self.bound = bound
    self.iterations = iterations
    self.seconds = seconds
    self.hitTimeLimit = hitTimeLimit
  }

  /// Whether every hard rule is met.
  public var isFeasible: Bool { violations.isEmpty }

  /// The hard rules broken, each once, in `HardRule` order.
  public var brokenRules: [HardRule] {
    let broken = Set(violations.map(\.rule))
    return HardRule.allCases.filter { broken.contains($0) }
  }

  /// `(objective − bound) / max(|objective|, 1e-9)`: the gap to the greedy's own bound.
  public var gap: Double {
    abs(objective.total - bound.total) / max(abs(objective.total), 1e-9)
  }
}

/// The pure-Swift deployment planner: a regret-based construction followed by
/// local search, for when GLPK is not built in, fails, or finds nothing in
/// time, and as GLPK's first incumbent.
///
/// **Construction** (in the spirit of Martello and Toth's regret heuristic for
/// the generalized assignment problem): pinned people first, then officers,
/// then auxiliaries; within each group, the person whose best posting beats
/// their second-best by the most (the fewest good options) is placed next, at
/// their best posting. "Best" is the objective of `docs/rules.md` plus a heavy
/// penalty per unit of every town-level hard rule still broken, so officers
/// with a certificate or a legal background go first where the two-certified
/// and legal-access rules need them, then coverage of (town, department)
/// pairs, then demand; auxiliaries go next to officers of their department
/// within ratio and desk capacity. Avoidance, zoned-must-drive, tenure and
/// pins are met by offering each person only the postings that keep them.
/// When people have current postings, the current roster is a second start.
///
/// **Local search**: simulated annealing over random *moves* (one person to
/// another town or zone: re-station, re-zone, station ↔ zone) and *swaps*
/// (two people trade postings) up to the iteration or time limit, then a
/// descent over every move and swap from the best roster seen. Deterministic
/// for a given seed and iteration limit.
///
/// **Zoned officers' splits** are a decision (`docs/rules.md`, Capacity):
/// every roster the search weighs is priced with the best split for its
/// postings, the split `District.bestSplits` makes. Coverage and the
/// town-level rules are evaluated incrementally town by town; a department's
/// unmet demand is a small max-flow from its zones' officers to the demand
/// its stationed people leave, solved again only for the zones a move
/// touches. The result carries the split the checker chooses for the final
/// postings (`RosterChecker`, `District.bestSplits`), so its objective is the
/// checker's for `postings` with `splits`.
///
/// Hard rules it cannot meet are reported rule by rule, as `RosterChecker`
/// reports them; the run never fails.
public struct DeploymentGreedy: Sendable {
  /// The district being planned.
  public let district: District
  public var options: DeploymentGreedyOptions
  /// The solver of each department's coverage model (`DeploymentSearch.coverageByModel`),
  /// asked when moves, swaps and coverage chains leave uncovered pairs; nil:
  /// none, the search's own moves only. A solver that throws is not asked again.
  public var coverageSolver: (any Solver)?

  public init(
    district: District, options: DeploymentGreedyOptions = DeploymentGreedyOptions(),
    coverageSolver: (any Solver)? = nil
  ) {
    self.district = district
    self.options = options
    self.coverageSolver = coverageSolver
  }

  /// Plans a roster; `shouldStop` (checked as often as the clock) ends the
  /// search early with the best roster so far, as the time limit does.
  public func solve(shouldStop: (@Sendable () -> Bool)? = nil) -> DeploymentGreedyResult {
    let start = DispatchTime.now().uptimeNanoseconds
    let deadline = SearchDeadline(seconds: options.timeLimit, after: start, stop: shouldStop)
    var search = DeploymentSearch(district: district, seed: options.seed)
    search.coverageSolver = coverageSolver
    // Construction stops early enough to leave the town repair its time.
    let building = SearchDeadline(
      seconds: options.timeLimit.map { $0 * DeploymentGreedyOptions.constructionShare },
      after: start, stop: shouldStop)
    search.construct(deadline: building)
    search.repairTowns(deadline: deadline)
    // Coverage before the annealing, which keeps it (a pair weighs far more
    // than its temperature) and prices the rest around it.
    search.improveCoverage(deadline: deadline)
    let pace: DeploymentSearch.AnnealPace
    if options.pacedByLimit, options.iterationLimit > 0, let limit = options.timeLimit {
      pace = .until(start + UInt64(max(0, limit * (1 - DeploymentGreedyOptions.descentShare)) * 1e9))
    } else {
      pace = .steps(options.iterationLimit)
    }
    let run = search.improve(pace, deadline: deadline)
    let postings = search.postings()
    // The checker chooses every zoned officer's split (District.bestSplits):
    // the split the search priced, so its objective is the search's (with
    // imbalance weighed, the checker's is the one reported).
    let evaluation = RosterChecker(district).evaluate(postings)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return DeploymentGreedyResult(
      postings: postings, splits: evaluation.splits, objective: evaluation.objective,
      measures: evaluation.measures, violations: evaluation.violations,
      bound: search.bound(), iterations: run.steps, seconds: seconds,
      hitTimeLimit: run.hitTime || pace.isClock)
  }

  /// Improves `roster` by the search's final descent: single moves, then
  /// swaps of two people's postings, each priced per person (travel from
  /// their own home town, moves, preferences) with the best zone split, until
  /// none pays or `timeLimit` seconds have passed.
  ///
  /// A pooled model (`FormulationOptions.poolGroups`) prices each group's
  /// headcount at its cheapest member, so its rosters can lose to a move it
  /// cannot see; on the generated 200-town district this descent took the
  /// neighbourhood search's roster from 62,502.90 to 62,011.65 in 1.6 s
  /// (`Benchmarks/reports/2026-11-27-deployment-gap-greedy.md`). People whose posting the search may not
  /// change (pinned, or with no candidate) keep theirs. Returns the postings
  /// reached, which keep every rule `roster` kept.
  public func descend(from roster: [String: Posting], timeLimit: Double?) -> [String: Posting] {
    let start = DispatchTime.now().uptimeNanoseconds
    let deadline = SearchDeadline(seconds: timeLimit, after: start)
    var search = DeploymentSearch(district: district, seed: options.seed)
    search.coverageSolver = coverageSolver
    search.load(search.codes(of: roster))
    _ = search.descend(deadline: deadline)
    return search.postings()
  }

  /// The greedy's lower bound alone (see `GreedyBound`), without solving.
  public func bound() -> GreedyBound {
    DeploymentSearch(district: district, seed: options.seed).bound()
  }
}
