import Foundation

/// Limits and settings for one solve.
public struct SolveOptions: Sendable, Hashable {
  /// Wall-clock limit in seconds; nil for none.
  public var timeLimit: Double?
  /// Stop when the relative gap |incumbent − bound| / |incumbent| is at most this (0: prove optimality).
  public var relativeGap: Double = 0
  /// Seed for any randomised choice; the same seed gives the same result.
  public var seed: UInt64 = 1
  /// Let the solver print its own log (to standard error, never standard output).
  public var verbose: Bool = false
  /// A starting point (one value per variable) the solver may use as its first incumbent.
  public var warmStart: [Double]?
  /// Called during the search with progress, at most a few times a second.
  public var progress: (@Sendable (SolveProgress) -> Void)?
  /// Asked during the search; when it returns true the search stops with
  /// `.limit(.interrupted)`, keeping its best solution and bound (used to stop
  /// the slower of two searches racing on the same model).
  public var shouldStop: (@Sendable () -> Bool)?
  /// How the search should go, for backends that can choose (nil: the backend's own).
  public var style: SearchStyle?
  /// Branch-and-bound nodes after which the search stops with
  /// `.limit(.nodes)`, keeping its best solution and bound; nil for none.
  /// Unlike a time limit, the same model stops at the same place on any machine.
  public var nodeLimit: Int?

  public init(timeLimit: Double? = nil, relativeGap: Double = 0, seed: UInt64 = 1, verbose: Bool = false) {
    self.timeLimit = timeLimit
    self.relativeGap = relativeGap
    self.seed = seed
    self.verbose = verbose
  }

  public static func == (a: SolveOptions, b: SolveOptions) -> Bool {
    a.timeLimit == b.timeLimit && a.relativeGap == b.relativeGap && a.seed == b.seed
      && a.verbose == b.verbose && a.warmStart == b.warmStart && a.nodeLimit == b.nodeLimit
  }
  public func hash(into h: inout Hasher) {
    h.combine(timeLimit)
    h.combine(relativeGap)
    h.combine(seed)
  }
}

extension SolveOptions {
  /// These options with the search also stopping as soon as its incumbent
  /// is within `relativeGap` of `bound`, a bound proven another way (for
  /// example by the model's blocks apart), which the solver itself does not
  /// know. It then stops as `shouldStop` stops it, with
  /// `.limit(.interrupted)`; the caller raises the result's bound
  /// (its objective then closes it). The solver's progress reports carry the
  /// incumbent the check reads, so the stop comes with the next report
  /// after the incumbent.
  public func stopping(within relativeGap: Double, of bound: Double) -> SolveOptions {
    let closed = StopFlag()
    var options = self
    let report = progress
    options.progress = { p in
      if let incumbent = p.incumbent, SolveResult.closes(objective: incumbent, bound: bound, within: relativeGap) {
        closed.raise()
      }
      report?(p)
    }
    let stop = shouldStop
    options.shouldStop = { closed.isRaised || stop?() == true }
    return options
  }
}

/// A flag a search's progress callback raises and its `shouldStop` reads:
/// stop at the next look, for a reason only the progress reports show (an
/// incumbent within the gap of a bound from elsewhere, one better than a
/// given value). Raised once, never lowered; safe from any thread.
public final class StopFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var raised = false

  public init() {}

  public var isRaised: Bool { lock.withLock { raised } }
  public func raise() { lock.withLock { raised = true } }
}

/// A snapshot of a running search.
public struct SolveProgress: Sendable, Hashable {
  /// Seconds since the solve started.
  public var elapsed: Double
  /// Objective of the best solution so far, if any.
  public var incumbent: Double?
  /// Best proven bound so far, if any.
  public var bound: Double?
  /// Relative gap between them, if both are known.
  public var gap: Double?
  public init(elapsed: Double, incumbent: Double?, bound: Double?, gap: Double?) {
    self.elapsed = elapsed
    self.incumbent = incumbent
    self.bound = bound
    self.gap = gap
  }
}

/// Why a solve stopped, apart from whether it found a solution.
public enum Termination: Sendable, Hashable, CustomStringConvertible {
  /// Optimality proven (within the requested relative gap).
  case optimal
  /// Proven that no point satisfies the constraints.
  case infeasible
  /// The objective improves without limit.
  case unbounded
  /// A limit stopped the search; a solution may or may not exist.
  case limit(Limit)
  /// The solver failed; the text says how.
  case error(String)

  public enum Limit: String, Sendable, Hashable {
    case time
    case iterations
    /// `SolveOptions.nodeLimit`.
    case nodes
    case interrupted
  }

  public var description: String {
    switch self {
    case .optimal: "optimal"
    case .infeasible: "infeasible"
    case .unbounded: "unbounded"
    case .limit(let l): "\(l.rawValue) limit"
    case .error(let text): "error: \(text)"
    }
  }
}

/// What one solve produced. Immutable: a new solve gives a new result.
///
/// `termination` says why it stopped; `values` says whether there is a
/// solution. A time limit with an incumbent has both `.limit(.time)` and
/// values, and its gap is `|objective − bound| / max(|objective|, 1e-9)`.
public struct SolveResult: Sendable {
  public let termination: Termination
  /// One value per model variable, when a solution was found.
  public let values: [Double]?
  /// Objective at `values`, when there is a solution.
  public let objective: Double?
  /// Best proven bound on the objective (lower when minimising), when known.
  public let bound: Double?
  /// Wall-clock seconds the solve took.
  public let seconds: Double
  /// Which solver produced it, e.g. `glpk 5.0`.
  public let solver: String

  public init(
    termination: Termination, values: [Double]?, objective: Double?, bound: Double?,
    seconds: Double, solver: String
  ) {
    self.termination = termination
    self.values = values
    self.objective = objective
    self.bound = bound
    self.seconds = seconds
    self.solver = solver
  }

  /// Whether a solution exists in `values`.
  public var hasSolution: Bool { values != nil }

  /// Relative gap between objective and bound, when both are known.
  public var gap: Double? {
    guard let o = objective, let b = bound else { return nil }
    return Self.relativeGap(objective: o, bound: b)
  }

  /// `|objective − bound| / max(|objective|, 1e-9)`, the gap convention of this package.
  public static func relativeGap(objective: Double, bound: Double) -> Double {
    abs(objective - bound) / max(abs(objective), 1e-9)
  }

  /// Whether `bound` proves `objective` within `relativeGap` (`--gap`); a
  /// floor of 1e-9 absorbs rounding, so `--gap 0` means equal up to that.
  public static func closes(objective: Double, bound: Double, within relativeGap: Double) -> Bool {
    Self.relativeGap(objective: objective, bound: bound) <= max(relativeGap, 1e-9)
  }

  /// A one-word status for output: optimal, feasible, infeasible, unbounded, no-solution, error.
  public var status: String {
    switch termination {
    case .optimal: "optimal"
    case .infeasible: "infeasible"
    case .unbounded: "unbounded"
    case .limit: hasSolution ? "feasible" : "no-solution"
    case .error: hasSolution ? "feasible" : "error"
    }
  }
}

/// A MILP solver backend.
///
/// Implementations must be safe to call from any thread, one solve per call,
/// and must never print to standard output.
/// How a branch-and-bound search should go, for backends that can choose:
/// solver-neutral hints the backend maps to its own options. A field left nil
/// keeps the backend's configuration.
public struct SearchStyle: Sendable, Hashable {
  /// How the variable to branch on is chosen.
  public enum Branching: Sendable, Hashable {
    /// The backend's default rule (cheap per node).
    case standard
    /// Pseudocosts: fewer nodes, each dearer (trial solves on first branchings).
    case pseudocost
  }

  /// Which open node the search takes next.
  public enum NodeOrder: Sendable, Hashable {
    /// The node with the best bound: raises the bound soonest.
    case bestBound
    /// The node most likely to hold a good solution: better solutions sooner.
    case mostPromising
  }

  public var branching: Branching?
  public var nodeOrder: NodeOrder?
  /// Keep general integer variables as they are, rather than splitting them
  /// into binaries in presolve.
  public var keepGeneralIntegers: Bool?
  /// Gomory's mixed-integer cuts (nil: the backend's own choice, on in
  /// GLPK). Each round adds dense rows that every node's LP then carries.
  public var gomoryCuts: Bool?
  /// Every other cut family (nil: the backend's own choice; in GLPK
  /// mixed-integer rounding, cover and clique cuts, on). Off suits small
  /// models whose search is all branching (`ShortfallFloor`'s).
  public var otherCuts: Bool?

  public init(
    branching: Branching? = nil, nodeOrder: NodeOrder? = nil, keepGeneralIntegers: Bool? = nil,
    gomoryCuts: Bool? = nil, otherCuts: Bool? = nil
  ) {
    self.branching = branching
    self.nodeOrder = nodeOrder
    self.keepGeneralIntegers = keepGeneralIntegers
    self.gomoryCuts = gomoryCuts
    self.otherCuts = otherCuts
  }

  /// This style, with `other`'s fields where this one leaves them nil.
  public func filling(from other: SearchStyle) -> SearchStyle {
    SearchStyle(
      branching: branching ?? other.branching, nodeOrder: nodeOrder ?? other.nodeOrder,
      keepGeneralIntegers: keepGeneralIntegers ?? other.keepGeneralIntegers,
      gomoryCuts: gomoryCuts ?? other.gomoryCuts, otherCuts: otherCuts ?? other.otherCuts)
  }
}

/// A solver whose every search takes `style` (`Solver.styled`).
public struct StyledSolver: Solver {
  public let base: any Solver
  public let style: SearchStyle

  public var name: String { base.name }

  /// Solves with `style`, under any style already in `options` (the later
  /// `styled` call wins where both set a field).
  public func solve(_ model: Model, options: SolveOptions) throws -> SolveResult {
    var styled = options
    styled.style = (options.style ?? SearchStyle()).filling(from: style)
    return try base.solve(model, options: styled)
  }

  /// The base solver's session: a search style does not change a linear relaxation.
  public func relaxationSession(for model: Model) throws -> any RelaxationSession {
    try base.relaxationSession(for: model)
  }
}

extension Solver {
  /// This solver with every search in `style`.
  public func styled(_ style: SearchStyle) -> any Solver { StyledSolver(base: self, style: style) }
}

public protocol Solver: Sendable {
  /// A short name, e.g. `glpk`.
  var name: String { get }
  /// Solves `model`; throws only for a model the backend cannot accept (bad bounds, NaN).
  func solve(_ model: Model, options: SolveOptions) throws -> SolveResult
  /// A session on `model`'s linear relaxation, to add rows to and solve
  /// again (`RelaxationSession`); by default one that solves anew each time.
  func relaxationSession(for model: Model) throws -> any RelaxationSession
}

extension Solver {
  public func relaxationSession(for model: Model) throws -> any RelaxationSession {
    ColdRelaxationSession(solver: self, model: model)
  }
}

extension Duration {
  /// The duration in seconds, as a `Double`: time limits and reported times are in seconds.
  public var inSeconds: Double {
    Double(components.seconds) + Double(components.attoseconds) * 1e-18
  }
}
