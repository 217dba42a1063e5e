import MIPModel

#if GLPK
  import CGLPK
#endif

/// The exact solver: GLPK's branch-and-cut (`glp_intopt`) behind `Solver`.
///
/// Each `solve` creates, solves and deletes its GLPK problem on the calling
/// thread in one call (GLPK keeps one environment per thread), so concurrent
/// solves on different threads are safe. Models are validated in Swift first
/// (`Model.validate()`); GLPK's own fatal errors are caught by a C guard
/// (`CGLPKShims`) and come back as `GLPKError.fatal`. GLPK never prints to
/// standard output; with `SolveOptions.verbose` its log goes to standard error.
/// A caught fatal error frees the calling thread's GLPK environment, so do not
/// start another GLPK solve from inside `SolveOptions.progress`.
///
/// Settings: cuts (Gomory, MIR, cover, clique) on, Gomory's off where the
/// search style says so (`SearchStyle.gomoryCuts`), the others where it says
/// so (`SearchStyle.otherCuts`); presolve on unless a
/// feasible warm start is given (then the root LP is solved first and the start
/// is offered through the heuristic callback); with presolve and `binarize`,
/// general integers are binarized; `branching` becomes `br_tech`, `backtracking`
/// `bt_tech`; `timeLimit` becomes `tm_lim`
/// (milliseconds) and `relativeGap` becomes `mip_gap`; `nodeLimit` is counted
/// in the callback, which ends the search at the next node selection past it.
public struct GLPKSolver: Solver {
  /// How GLPK chooses the variable to branch on (`glp_iocp.br_tech`).
  public enum Branching: Sendable, Hashable {
    /// Driebeck and Tomlin's heuristic (`GLP_BR_DTH`), GLPK's default.
    case driebeckTomlin
    /// Hybrid pseudocosts (`GLP_BR_PCH`): fewer nodes, each dearer, as the
    /// first branchings on a variable solve trial LPs. Measured on the
    /// deployment model in `Benchmarks/reports/2026-11-27-deployment-gap-greedy.md` (deployment section).
    case pseudocost
  }

  /// The part of a search's time limit (0.5; 0.2 to 0.8) that must still be
  /// left for pseudocost branching to start a branching: later the search
  /// branches on the most fractional variable, as GLPK's pseudocost start-up
  /// runs its trial LPs with no look at the clock.
  public static let pseudocostLeastShare = 0.5

  /// Which open node GLPK's search takes next (`glp_iocp.bt_tech`).
  public enum Backtracking: Sendable, Hashable {
    /// The node with the best local bound (`GLP_BT_BLB`), GLPK's default:
    /// raises the bound soonest.
    case bestLocalBound
    /// The best projection heuristic (`GLP_BT_BPH`): nodes likely to hold a
    /// good roster first, for better rosters sooner and a slower bound.
    case bestProjection
  }

  /// `glpk`.
  public var name: String { "glpk" }
  /// The branching rule of every search this solver runs.
  public var branching: Branching
  /// Whether a presolved search turns general integers into binaries
  /// (`glp_iocp.binarize`; no effect with a warm start, which has no presolve).
  /// On the deployment model it lifts rongchang-2024's bound after cuts from
  /// 4033.1 to 4037.7, but lowers the pooled 200-town bound at 60 s
  /// (`Benchmarks/reports/2026-11-27-deployment-gap-greedy.md`).
  public var binarize: Bool
  /// The backtracking rule of every search this solver runs.
  public var backtracking: Backtracking

  public init(
    branching: Branching = .driebeckTomlin, binarize: Bool = true,
    backtracking: Backtracking = .bestLocalBound
  ) {
    self.branching = branching
    self.binarize = binarize
    self.backtracking = backtracking
  }

  /// Whether this build includes GLPK (the `GLPK` package trait, on by default).
  public static var isAvailable: Bool {
    #if GLPK
      true
    #else
      false
    #endif
  }

  /// GLPK's version, e.g. `5.0`; nil when the build has no GLPK.
  public static var version: String? {
    #if GLPK
      guard let text = glp_version() else { return nil }
      return String(cString: text)
    #else
      nil
    #endif
  }

  /// Solves `model`; see `solveReporting(_:options:)` for what the warm start did.
  ///
  /// - Throws: `ModelError` for a model GLPK cannot take (NaN, lower > upper,
  ///   fractional bounds on an integer variable), `GLPKError.unavailable`
  ///   without GLPK, `GLPKError.fatal` if GLPK itself failed fatally.
  public func solve(_ model: Model, options: SolveOptions) throws -> SolveResult {
    try solveReporting(model, options: options).result
  }

  /// A session on `model`'s linear relaxation that keeps GLPK's problem and
  /// basis between solves, so rows added after a solve cost a few dual
  /// simplex steps (`RelaxationSession`); without GLPK, one that solves anew
  /// (and so reports GLPK missing).
  public func relaxationSession(for model: Model) throws -> any RelaxationSession {
    #if GLPK
      try GLPKRelaxationSession(model)
    #else
      ColdRelaxationSession(solver: self, model: model)
    #endif
  }

  /// Solves `model` and also says whether GLPK used `options.warmStart`.
  public func solveReporting(_ model: Model, options: SolveOptions) throws -> GLPKSolveReport {
    #if GLPK
      // A search style in the options (`SearchStyle`) overrides this solver's own.
      let style = options.style ?? SearchStyle()
      let branching: Branching =
        style.branching.map { $0 == .pseudocost ? .pseudocost : .driebeckTomlin } ?? self.branching
      let backtracking: Backtracking =
        style.nodeOrder.map { $0 == .mostPromising ? .bestProjection : .bestLocalBound } ?? self.backtracking
      let binarize = style.keepGeneralIntegers.map { !$0 } ?? self.binarize
      return try GLPKRun.solve(
        model, options: options, branching: branching, backtracking: backtracking,
        binarize: binarize, gomoryCuts: style.gomoryCuts ?? true, otherCuts: style.otherCuts ?? true)
    #else
      throw GLPKError.unavailable
    #endif
  }

  /// Writes `model` to `path` as free MPS or CPLEX LP, so other solvers can cross-check it.
  ///
  /// MPS has no objective sense; GLPK writes a comment naming it, and a
  /// maximisation model read back by GLPK is minimised unless told otherwise
  /// (see `solveModelFile`). The file is written by GLPK directly.
  public func writeModel(_ model: Model, to path: String, format: ModelFileFormat) throws {
    #if GLPK
      try GLPKRun.write(model, to: path, format: format)
    #else
      throw GLPKError.unavailable
    #endif
  }

  /// Reads a model file with GLPK's own reader and solves it, for round-trip checks.
  ///
  /// - Parameters:
  ///   - path: a file written by `writeModel` or any other tool.
  ///   - format: `.mps` (free MPS) or `.cplexLP`.
  ///   - sense: the objective sense to use; nil keeps what GLPK read
  ///     (always minimise for MPS).
  ///   - options: time limit and gap as for `solve`; no warm start.
  /// - Returns: a result with one value per column of the file.
  public func solveModelFile(
    at path: String, format: ModelFileFormat, sense: ObjectiveSense? = nil,
    options: SolveOptions = SolveOptions()
  ) throws -> SolveResult {
    #if GLPK
      return try GLPKRun.solveFile(at: path, format: format, sense: sense, options: options)
    #else
      throw GLPKError.unavailable
    #endif
  }
}

/// A GLPK solve's result plus what GLPK did with the warm start.
public struct GLPKSolveReport: Sendable {
  /// The solver-neutral result.
  public var result: SolveResult
  /// Whether the warm start was used.
  public var warmStart: WarmStartOutcome
  /// GLPK's return code from `glp_intopt` (0 when it finished; e.g. 9 = time limit); nil if it did not run.
  public var returnCode: Int32?
}

extension GLPKSolver {
  /// Provokes a GLPK fatal error (`glp_add_cols(P, -1)`) under the C guard, for tests.
  ///
  /// Returns GLPK's message when the guard caught the error (the thread's GLPK
  /// environment is then freed, and the next solve builds a new one); nil when
  /// the guard failed or the build has no GLPK.
  static func provokeCaughtFatalError() -> String? {
    #if GLPK
      GLPKRun.guardRecovers() ? lastGLPKOutput() : nil
    #else
      nil
    #endif
  }
}
