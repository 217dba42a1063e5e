import ArgumentParser
import GLPKBackend
import SecondmentPlanner

extension SolverChoice: ExpressibleByArgument {}

/// Solver settings shared by every command that plans a roster.
struct SolverOptions: ParsableArguments {
  @Option(help: "The solver: glpk (exact), greedy (heuristic) or auto (both at once, the better roster wins; the greedy alone when the district is too large for the time limit).")
  var solver: SolverChoice = GLPKSolver.isAvailable ? .auto : .greedy

  /// The longest time limit accepted: about eleven days.
  static let maximumTimeLimit = 1_000_000.0

  @Option(
    name: .customLong("time-limit"), parsing: .unconditional,
    help: "Wall-clock limit in seconds, above 0 and at most 1000000; the best roster so far is returned.")
  var timeLimit: Double = 60

  @Option(
    parsing: .unconditional,
    help: "Stop when the relative gap to the proven bound is at most this, e.g. 0.01 for 1%.")
  var gap: Double = 0

  @Option(
    help: "Seed for randomised choices. The same instance, options and seed give the same roster when the run is reproducible: it ended by proof or by the greedy's fixed steps, not by the time limit or auto's race (the roster file says which: reproducible, reproducibleReason).")
  var seed: UInt64 = 1

  @Flag(help: "No progress or final line on standard error.")
  var quiet = false

  func validate() throws {
    guard timeLimit.isFinite, timeLimit > 0, timeLimit <= Self.maximumTimeLimit else {
      throw ValidationError(
        "--time-limit must be above 0 and at most \(Int(Self.maximumTimeLimit)) seconds, not \(timeLimit)")
    }
    guard gap.isFinite, gap >= 0, gap < 1 else {
      throw ValidationError("--gap must be at least 0 and below 1 (0.01 is 1%), not \(gap)")
    }
  }

  /// The planner's options for these settings.
  var planOptions: PlanOptions {
    PlanOptions(solver: solver, timeLimit: timeLimit, relativeGap: gap, seed: seed)
  }
}
