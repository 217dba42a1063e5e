import Foundation

extension Solver {
  /// Improves the point of `found` (a search's result on `model`) by
  /// relaxation induced neighbourhood search (RINS; Danna, Rothberg and Le
  /// Pape, 2005): the integer variables on which the point agrees with the
  /// linear relaxation's optimum are held, and the solver re-solves the rest
  /// from the point; again from each better point, at most `rounds` times,
  /// each round in half the time left, all within `timeLimit` seconds.
  /// Returns `found` with the best point and its objective (bound and
  /// termination kept); `found` itself when it has no point or nothing
  /// improved it. Every point it returns keeps the model's rows.
  ///
  /// `relaxation`, when given, is the linear relaxation's optimum already
  /// known to the caller; otherwise the search solves it first.
  ///
  /// Used on the pooled departments of large districts, where GLPK's search
  /// leaves a department's roster well above its optimum in a few seconds:
  /// there the sub-problems hold all but 100-300 of about 1,400 integers
  /// and mostly close in under 0.2 s (`Benchmarks/reports/2026-11-27-deployment-gap-greedy.md`).
  public func improveByRelaxation(
    _ model: Model, from found: SolveResult, timeLimit: Double, rounds: Int = 3, seed: UInt64,
    relaxation known: [Double]? = nil, shouldStop: (@Sendable () -> Bool)?
  ) throws -> SolveResult {
    let clock = ContinuousClock.now
    func left() -> Double { timeLimit - (ContinuousClock.now - clock).inSeconds }
    // Better: lower when minimising, higher when maximising.
    let sign = model.sense == .minimize ? 1.0 : -1.0
    guard var point = found.values, var objective = found.objective, left() > 0.05,
      shouldStop?() != true
    else { return found }
    let optimum: [Double]
    if let known, known.count == model.variables.count {
      optimum = known
    } else {
      let relaxation = try solve(
        model.linearRelaxation, options: SolveOptions(timeLimit: left(), seed: seed))
      guard relaxation.termination == .optimal, let values = relaxation.values else { return found }
      optimum = values
    }
    for _ in 0..<rounds where left() > 0.05 && shouldStop?() != true {
      let held = Set(
        model.variables.indices.filter { j in
          model.variables[j].kind != .continuous && abs(optimum[j] - point[j]) < 1e-6
        }.map(Variable.init(index:)))
      let restriction = model.restricted(fixing: held, at: point)
      var options = SolveOptions(timeLimit: left() / 2, seed: seed)
      options.warmStart = restriction.project(point)
      options.shouldStop = shouldStop
      let result = try solve(restriction.model, options: options)
      guard let values = result.values.map(restriction.expand), model.isFeasible(values) else {
        break
      }
      let value = model.objective.value(at: values)
      guard sign * value < sign * objective - 1e-6 else { break }
      point = values
      objective = value
    }
    guard objective != found.objective else { return found }
    return SolveResult(
      termination: found.termination, values: point, objective: objective, bound: found.bound,
      seconds: found.seconds + (ContinuousClock.now - clock).inSeconds, solver: found.solver)
  }
}
