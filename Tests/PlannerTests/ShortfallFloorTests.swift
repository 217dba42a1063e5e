import DeploymentFormulation
import Foundation
import GLPKBackend
import MIPModel
import SecondmentDomain
import Testing

@testable import SecondmentPlanner

/// A department's shortfall floor (`ShortfallFloor`): a relaxation of its
/// model whose optimum no roster's shortfall goes below, proven apart and
/// added as a row. Skipped without GLPK.
@Suite("Shortfall floors", .enabled(if: GLPKSolver.isAvailable, "this build has no GLPK"))
struct ShortfallFloorTests {
  /// The generated 21-town district of seed 4 (`secondment generate --towns 21
  /// --people 105 --departments 9 --seed 4`), whose market department its
  /// own model leaves open for a minute.
  static func twentyOneTowns() throws -> District {
    District(try DistrictGenerator.random(RandomDistrictSpec(towns: 21, people: 105, departments: 9, seed: 4)))
  }

  /// Each department's floor, proven optimal, by department position.
  static func floors(_ formulation: DeploymentFormulation) throws -> [Int: (floor: ShortfallFloor, value: Double)] {
    var floors: [Int: (floor: ShortfallFloor, value: Double)] = [:]
    for block in formulation.model.decomposed(relaxing: Set(formulation.linkingRows)).blocks {
      let floor = try #require(formulation.shortfallFloor(of: block))
      let result = try GLPKSolver().styled(PlannerTuning.shortfallFloorSearch).solve(
        floor.model, options: SolveOptions(timeLimit: 60))
      #expect(result.termination == .optimal)
      floors[floor.department] = (floor, try #require(result.objective))
    }
    return floors
  }

  @Test("no roster's shortfall in a department is below the department's floor: rongchang-2024's optimum")
  func floorIsBelowTheOptimumShortfall() throws {
    let district = District(DistrictGenerator.rongchang2024())
    let formulation = DeploymentFormulation(district: district)
    let floors = try Self.floors(formulation)
    #expect(floors.count == district.departments.count)
    let optimum = try GLPKSolver().solve(formulation.model, options: SolveOptions(timeLimit: 120))
    #expect(optimum.termination == .optimal)
    let values = try #require(optimum.values)
    for (floor, value) in floors.values {
      #expect(floor.shortfall.value(at: values) >= value - 1e-6, "\(district.departments[floor.department].id)")
    }
    // The rows keep the optimum: adding them all leaves it feasible and optimal.
    var floored = formulation
    for (floor, value) in floors.values { floored.addShortfallFloor(floor, atLeast: value) }
    #expect(floored.model.isFeasible(values))
    #expect(floored.shortfallFloors.count == district.departments.count)
    #expect(floored.model.constraints.suffix(floors.count).allSatisfy { $0.name.hasPrefix("floor_") })
  }

  @Test("the floor model merges the department's groups: one column per role and posting, no people's costs")
  func floorModelMergesGroups() throws {
    let district = District(DistrictGenerator.rongchang2024())
    let formulation = DeploymentFormulation(district: district)
    let split = formulation.model.decomposed(relaxing: Set(formulation.linkingRows))
    for block in split.blocks {
      let floor = try #require(formulation.shortfallFloor(of: block))
      let headcounts = floor.model.variables.filter { $0.kind != .continuous && $0.upper > 1 }
      #expect(floor.model.variables.count < block.model.variables.count)
      #expect(floor.model.constraints.contains { $0.name == "people_officer" })
      // Its objective is the shortfall: uncovered pairs and unmet demand, no travel.
      let costed = floor.model.objective.terms.keys.map { floor.model.variables[$0.index].name }
      #expect(!costed.isEmpty)
      #expect(costed.allSatisfy { $0.hasPrefix("unc_") || $0.hasPrefix("u_") }, "\(costed)")
      #expect(!headcounts.isEmpty)
    }
  }

  @Test("the market department of 21 towns (seed 4): its floor lies above its relaxation, and with it GLPK closes the department")
  func floorClosesTheMarketDepartment() throws {
    let district = try Self.twentyOneTowns()
    let formulation = DeploymentFormulation(district: district)
    let market = try #require(district.departments.firstIndex { $0.id == "market" })
    let split = formulation.model.decomposed(relaxing: Set(formulation.linkingRows))
    let block = try #require(
      split.blocks.first { formulation.shortfallFloor(of: $0)?.department == market })
    let floor = try #require(formulation.shortfallFloor(of: block))
    let result = try GLPKSolver().styled(PlannerTuning.shortfallFloorSearch).solve(
      floor.model, options: SolveOptions(timeLimit: 60))
    #expect(result.termination == .optimal)
    let value = try #require(result.objective)
    // The department's relaxation leaves less shortfall than its floor.
    let relaxation = try GLPKSolver().relaxationSession(for: block.model).solve(options: SolveOptions())
    let relaxed = try #require(relaxation.values)
    #expect(floor.blockShortfall.value(at: relaxed) < value - 1)
    // With the floor row the department closes; its optimum's shortfall is at least the floor.
    var floored = block.model
    floored.addConstraint(floor.blockShortfall, .greaterOrEqual, value, name: formulation.floorRowName(floor))
    let closed = try GLPKSolver().styled(SearchStyle(gomoryCuts: false)).solve(
      floored, options: SolveOptions(timeLimit: 60))
    #expect(closed.termination == .optimal)
    let optimum = try #require(closed.values)
    #expect(floor.blockShortfall.value(at: optimum) >= value - 1e-6)
    let optimumCost = try #require(closed.objective)
    let relaxedCost = try #require(relaxation.objective)
    #expect(optimumCost > relaxedCost + 1)
  }

  @Test("21 towns, seed 4: the planner proves the district optimal with the market department's floor")
  func twentyOneTownsSeedFourIsProven() throws {
    let district = try Self.twentyOneTowns()
    let result = try Planner().plan(district, options: PlanOptions(timeLimit: 60))
    #expect(result.status == .optimal)
    let evaluation = try #require(result.evaluation)
    #expect(evaluation.isFeasible)
    let bound = try #require(result.bound)
    #expect(abs(bound - evaluation.objective.total) <= 1e-6 * evaluation.objective.total)
  }
}
