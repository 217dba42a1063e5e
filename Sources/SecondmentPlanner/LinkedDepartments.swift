import DeploymentFormulation
import Foundation
import MIPModel

extension DepartmentSolve {
  /// The departments' branch and bound on the rules joining them
  /// (`LinkingBranchAndBound`), from an outcome whose departments all
  /// closed and whose joined roster breaks such a rule: e.g. legal access
  /// in a town, branched as "the first department has a legal officer
  /// present there, or it has none and the second has one, …", each branch
  /// one department searched again. Nodes whose bound reaches `incumbent`
  /// (a roster found elsewhere) close; nil when the outcome is not such a start.
  func linked(
    from apart: Outcome, timeLimit: Double?, blockTimeLimit: Double?, relativeGap: Double,
    incumbent: (@Sendable () -> Double?)?, progress: (@Sendable (Double) -> Void)?, seed: UInt64,
    shouldStop: (@Sendable () -> Bool)?
  ) throws -> LinkingBranchAndBound.Outcome? {
    guard apart.blocks > 1, apart.solved == apart.blocks, apart.values == nil,
      apart.departmentPoints.count == apart.blocks
    else { return nil }
    let parts = apart.departmentBounds.compactMap { $0 }
    guard parts.count == apart.blocks else { return nil }
    let search = LinkingBranchAndBound(
      model: formulation.model, linking: formulation.linkingRows, solver: branchSearch)
    var settings = LinkingBranchAndBound.Settings(
      timeLimit: timeLimit, relativeGap: relativeGap, seed: seed)
    settings.blockTimeLimit = blockTimeLimit
    settings.shouldStop = shouldStop
    settings.incumbent = incumbent
    settings.progress = progress
    let formulation = self.formulation
    settings.complete = { values in
      formulation.completeLinking(&values)
      formulation.completePrices(&values)
    }
    return try search.search(
      parts: parts, points: apart.departmentPoints, closed: apart.departmentClosed, settings: settings)
  }
}
