import Foundation
import GLPKBackend
import MIPModel
import SecondmentDomain
import Testing

@testable import DeploymentFormulation
@testable import SecondmentPlanner

/// Mixed-integer rounding cuts on the departments' demand rows
/// (`DeploymentFormulation.addDemandRoundingCuts`), which the bound lane adds
/// with its rounds of price cuts.
@Suite("Demand rounding cuts on a pooled district", .enabled(if: GLPKSolver.isAvailable, "this build has no GLPK"))
struct DemandRoundingCutsTests {
  /// The linear relaxation's optimum and objective.
  static func relaxation(_ formulation: DeploymentFormulation) throws -> (point: [Double], objective: Double) {
    let result = try GLPKSolver().solve(formulation.model.linearRelaxation, options: SolveOptions(seed: 1))
    #expect(result.termination == .optimal)
    return (try #require(result.values), try #require(result.objective))
  }

  /// The rows `addDemandRoundingCuts` added after `first`.
  static func cuts(_ formulation: DeploymentFormulation, after first: Int) -> ArraySlice<Constraint> {
    formulation.model.constraints[first...]
  }

  @Test("demand rounding: the cuts cut off the relaxation's fractional people and raise its bound")
  func cutsRaiseTheRelaxation() throws {
    var formulation = try PriceCutTests.pooled(seed: 3, towns: 30)
    let before = try Self.relaxation(formulation)
    let first = formulation.model.constraints.count
    let added = formulation.addDemandRoundingCuts(at: before.point)
    #expect(added > 0)
    #expect(formulation.demandCutCount == added)
    for row in Self.cuts(formulation, after: first) {
      #expect(row.name.hasPrefix("dmir_"))
      #expect(!row.holds(at: before.point), "each cut is violated where it was found: \(row.name)")
    }
    let after = try Self.relaxation(formulation)
    #expect(after.objective > before.objective + 1e-6)
  }

  @Test("demand rounding: every roster keeps every cut, its zone time to a town at most the town's demand")
  func rostersKeepTheCuts() throws {
    var formulation = try PriceCutTests.pooled(seed: 3, towns: 30)
    let first = formulation.model.constraints.count
    // Rounds as the bound lane has them: each at the relaxation with the cuts so far.
    for _ in 0..<3 {
      _ = formulation.addDemandRoundingCuts(at: try Self.relaxation(formulation).point)
    }
    #expect(formulation.model.constraints.count > first)
    let rosters = PriceCutTests.rosters(formulation.district, seeds: 1...4)
    #expect(!rosters.isEmpty)
    for roster in rosters {
      var point = try #require(formulation.point(for: roster))
      // Zone time beyond a town's demand meets nothing: the roster's cost
      // is the same with it capped there, and the cuts hold for that point.
      for flow in formulation.splitFlows {
        let demand = formulation.demandRows.first { $0.town == flow.town && $0.department == flow.department }
        if let demand { point[flow.variable.index] = min(point[flow.variable.index], demand.demand) }
      }
      for row in Self.cuts(formulation, after: first) {
        #expect(row.holds(at: point), "\(row.name)")
      }
    }
  }

  @Test("demand rounding: each cut lies within one department, so the departments stay apart")
  func cutsStayWithinADepartment() throws {
    var formulation = try PriceCutTests.pooled(seed: 3, towns: 30)
    let blocks = formulation.model.decomposed(relaxing: Set(formulation.linkingRows)).blocks.count
    #expect(formulation.addDemandRoundingCuts(at: try Self.relaxation(formulation).point) > 0)
    #expect(formulation.model.decomposed(relaxing: Set(formulation.linkingRows)).blocks.count == blocks)
  }

  @Test("demand rounding: the elastic model, whose rows have slack, gets no cut")
  func noCutsInTheElasticModel() throws {
    let district = District(try PlannerFixtures.generated(seed: 3, towns: 30))
    var options = FormulationOptions()
    options.poolGroups = true
    options.elastic = true
    var formulation = DeploymentFormulation(district: district, options: options)
    #expect(formulation.addDemandRoundingCuts(at: try Self.relaxation(formulation).point) == 0)
  }
}
