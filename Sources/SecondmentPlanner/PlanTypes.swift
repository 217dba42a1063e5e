import DeploymentFormulation
import Foundation
import GLPKBackend
import GreedySolver
import MIPModel
import SecondmentDomain

/// Which solver makes the roster.
public enum SolverChoice: String, CaseIterable, Sendable {
  /// GLPK's branch-and-cut on the deployment model (exact, with a bound).
  case glpk
  /// The pure-Swift construction heuristic plus local search (no bound).
  case greedy
  /// GLPK's search and the greedy (then GLPK from the greedy's roster) race
  /// on two threads, and the better roster with the better bound wins; a
  /// district too large for the time limit gets the greedy alone
  /// (`PlannerTuning.exactSearchPairsPerSecond`).
  case auto
}

/// Settings for one planning run.
public struct PlanOptions: Sendable {
  public var solver: SolverChoice = .glpk
  /// Wall-clock limit in seconds for the whole run; nil for none.
  public var timeLimit: Double?
  /// Stop when the relative gap is at most this (0: prove optimality).
  public var relativeGap: Double = 0
  /// Seed for randomised choices; the same seed gives the same roster.
  public var seed: UInt64 = 1
  /// How the model is built.
  public var formulation = FormulationOptions()
  /// When the hard rules cannot all hold (or no roster is found in time),
  /// re-solve with penalised slack to name the broken rules and still give a roster.
  public var explainBrokenRules: Bool = true
  /// Let the solver print its own log to standard error.
  public var verbose: Bool = false
  /// Called with the search's progress, a few times a second at most.
  public var progress: (@Sendable (SolveProgress) -> Void)?
  /// Asked from time to time; true stops the search, which then returns the
  /// best roster found so far (an interrupt: Ctrl-C, SIGTERM).
  public var shouldStop: (@Sendable () -> Bool)?
  /// The roster in force, by person id (quarterly replanning). With `glpk`
  /// or `auto` the exact search starts from it when it still keeps every
  /// rule, so a search stopped at a gap never returns a roster worse than
  /// changing nothing.
  public var rosterInForce: [String: Posting]?

  public init(
    solver: SolverChoice = .glpk, timeLimit: Double? = nil, relativeGap: Double = 0,
    seed: UInt64 = 1
  ) {
    self.solver = solver
    self.timeLimit = timeLimit
    self.relativeGap = relativeGap
    self.seed = seed
  }
}

/// How a planning run ended.
public enum PlanStatus: String, Sendable, Codable {
  /// A roster keeping every hard rule, proven optimal (within the gap asked for).
  case optimal
  /// A roster keeping every hard rule, not proven optimal (a limit stopped the search).
  case feasible
  /// The hard rules cannot all hold (or no such roster was found): the roster
  /// breaks as few as the solver could manage; `brokenRules` says which and where.
  case rulesBroken = "rules-broken"
  /// No roster at all.
  case noRoster = "no-roster"
}

/// What a planning run produced.
public struct PlanResult: Sendable {
  public var status: PlanStatus
  /// Every person's posting by id; nil when no roster was produced.
  public var postings: [String: Posting]?
  /// Every zoned officer's split by person id (`ZoneSplit`), as the solver chose it.
  public var splits: [String: ZoneSplit] = [:]
  /// The solver that made the roster, e.g. `glpk 5.0`.
  public var solver: String
  /// The objective by term, as the solver's model computes it (rule penalty excluded).
  public var objective: ObjectiveBreakdown?
  /// Best proven bound on `objective.total`, when known.
  public var bound: Double?
  /// Relative gap between `objective.total` and `bound`, when both are known.
  public var gap: Double? {
    guard let o = objective?.total, let b = bound else { return nil }
    return SolveResult.relativeGap(objective: o, bound: b)
  }
  /// Wall-clock seconds, model building and every solve included.
  public var seconds: Double
  /// The strict model's size (and the elastic one's, when it was solved).
  public var modelSize: ModelSize?
  public var elasticModelSize: ModelSize?
  /// Hard rules the roster breaks, in planner's words (empty unless `rulesBroken`).
  public var brokenRules: [RuleViolation]
  /// Why the last solve stopped.
  public var termination: Termination
  /// The independent checker's verdict on the roster, when there is one.
  public var evaluation: RosterEvaluation?
  /// Notes for the planner: why there is no roster, what was re-solved.
  public var notes: [String]
  /// The steps of the search behind this result, in order, for programs and
  /// tests; `notes` say the same in the planner's words.
  public var stages: [PlanStage] = []

  /// The roster document for this result (nil without a roster): objective
  /// and measures recomputed by `RosterChecker`, broken rules in planner's words.
  /// Whether the same instance, options and seed give this roster again,
  /// and why: a run is reproducible when it ended by proof or by a fixed
  /// number of steps, not when a clock or a race between threads decided
  /// where it stopped (`docs/roster-format.md`, Reproducible).
  public func reproducibility(asked: SolverChoice) -> (reproducible: Bool, reason: String) {
    if stages.contains(.greedyStandsIn) {
      return (false, "the chosen solver found no roster in the time given; the greedy's roster stands")
    }
    if asked == .auto, solver != "greedy" {
      return (false, "auto runs two searches at once; which ends first depends on the machine (use --solver glpk or greedy)")
    }
    switch termination {
    case .optimal:
      return (true, "the search ended by proving the roster optimal")
    case .limit(.iterations):
      return (true, "the greedy ran its fixed number of steps")
    case .limit(.time):
      return (false, "the time limit stopped the search; a faster or slower machine stops elsewhere")
    case .limit(.interrupted):
      return (false, "an interrupt stopped the search")
    default:
      return (false, "the search ended as \(termination)")
    }
  }

  public func roster(district: District) -> Roster? {
    guard let postings else { return nil }
    var roster = RosterIO.roster(
      from: postings, splits: splits, district: district, solver: solver,
      status: status.rawValue, bound: bound, gap: gap)
    if roster.brokenRules == nil, !brokenRules.isEmpty {
      roster.brokenRules = brokenRules.map(\.description)
    }
    return roster
  }
}

/// One step of the search behind a `PlanResult`.
public enum PlanStage: Sendable, Hashable {
  /// The greedy's roster (`auto`'s start, or the greedy alone): the
  /// checker's objective (nil without a roster) and its status.
  case greedy(objective: Double?, status: PlanStatus)
  /// The departments solved one at a time (`DepartmentsApart`).
  case departmentsApart(DepartmentsApart)
  /// A pooled model's bound raised by price cuts: the departments solved
  /// `passes` times, `cuts` cuts in all, ending at `bound`.
  case priceCuts(passes: Int, cuts: Int, bound: Double)
  /// The strict model gave no roster: the elastic model (penalised slack on
  /// every rule family) was solved to name the rules that fail.
  case elasticResolve
  /// The chosen search found no roster in the time given; the greedy's roster stands.
  case greedyStandsIn
  /// The time limit is short for the district's exact search: the greedy
  /// made the roster alone for the whole limit (beside it, when the limit
  /// allows, the departments apart gave the bound: a `priceCuts` stage).
  case greedyAlone
}

extension PlanStage {
  /// The departments-apart step, when this stage is one.
  public var departmentsApart: DepartmentsApart? {
    if case .departmentsApart(let apart) = self { apart } else { nil }
  }
}

/// What solving the departments one at a time gave.
public struct DepartmentsApart: Sendable, Hashable {
  /// The district's departments (the model's blocks).
  public var departments: Int
  /// Departments whose search closed in the time given.
  public var closed: Int
  /// Their bounds added up (nil when a department has none).
  public var bound: Double?
  /// The rules joining departments that the joined roster breaks, e.g. `legal access in Qingliu`.
  public var brokenLinks: [String]
  /// Whether the joined roster keeps every rule and is proven optimal for the whole district.
  public var provenOptimal: Bool
  /// Nodes of the branch and bound on the rules joining departments (0 when
  /// it did not run): `bound` and the roster are then its.
  public var branchedNodes = 0
}

/// A planning failure that is not about the district's rules.
public enum PlannerError: Error, CustomStringConvertible, Sendable {
  /// The chosen solver is not part of this build.
  case solverUnavailable(String)
  /// A search lane ended with neither a result nor an error (a planner defect).
  case laneWithoutResult(String)

  public var description: String {
    switch self {
    case .solverUnavailable(let text): text
    case .laneWithoutResult(let lane): "\(lane) ended without a result (a defect of the planner; please report it)"
    }
  }
}

extension PlanResult {
  /// Marks a roster that keeps every rule `optimal` when its gap to the
  /// bound is within `relativeGap` (`--gap`).
  mutating func markProven(within relativeGap: Double) {
    guard status == .feasible, let o = objective?.total, let b = bound,
      SolveResult.closes(objective: o, bound: b, within: relativeGap)
    else { return }
    status = .optimal
  }
}

extension SolveResult {
  /// The result with its bound raised to `floor` when that is higher (a bound
  /// proven another way), and optimal when the objective is then within `relativeGap`.
  func raisingBound(to floor: Double?, relativeGap: Double) -> SolveResult {
    guard let floor, floor > (bound ?? -.infinity) else { return self }
    var termination = self.termination
    if let objective, values != nil,
      SolveResult.closes(objective: objective, bound: floor, within: relativeGap)
    {
      termination = .optimal
    }
    return SolveResult(
      termination: termination, values: values, objective: objective, bound: floor,
      seconds: seconds, solver: solver)
  }
}
