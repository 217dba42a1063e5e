/// Why the GLPK backend could not do what was asked (apart from a bad model,
/// which is a `MIPModel.ModelError`).
public enum GLPKError: Error, Sendable, Hashable, CustomStringConvertible {
  /// This build has no GLPK (the `GLPK` package trait was off).
  case unavailable
  /// GLPK hit a fatal error; the guard caught it and freed the thread's GLPK
  /// environment, so the process lives on. The text is GLPK's message.
  case fatal(String)
  /// Reading or writing a model file failed; the text names the file.
  case file(String)
  /// The warm start has the wrong number of values.
  case warmStartSize(expected: Int, got: Int)

  public var description: String {
    switch self {
    case .unavailable: "this build has no GLPK; rebuild with the default traits"
    case .fatal(let text): "GLPK fatal error (caught, environment freed): \(text)"
    case .file(let text): text
    case .warmStartSize(let expected, let got):
      "warm start has \(got) values, the model has \(expected) variables"
    }
  }
}

/// A model file format GLPK can write (and, for MPS, read back).
public enum ModelFileFormat: String, Sendable, Hashable, CaseIterable {
  /// Free (modern) MPS, via `glp_write_mps(GLP_MPS_FILE)`.
  case mps
  /// CPLEX LP format, via `glp_write_lp`.
  case cplexLP = "lp"
}

/// What happened to `SolveOptions.warmStart` in one GLPK solve.
public enum WarmStartOutcome: String, Sendable, Hashable {
  /// No warm start was given.
  case none
  /// The start violates a bound, integrality or constraint (`Model.isFeasible`), so it was not used.
  case infeasible
  /// GLPK took it as an incumbent through the heuristic callback.
  case accepted
  /// GLPK already had an incumbent at least as good, so it declined it.
  case declined
  /// The search ended before GLPK asked for a heuristic solution.
  case notAsked
}
