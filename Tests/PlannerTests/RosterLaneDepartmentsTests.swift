import DeploymentFormulation
import Foundation
import GLPKBackend
import GreedySolver
import MIPModel
import SecondmentDomain
import Testing

@testable import SecondmentPlanner

/// `auto`'s roster lane on a pooled district: legal access asked of one
/// department per town, and the departments of the repaired roster refined
/// one at a time; skipped without GLPK.
@Suite("The roster lane's departments on a pooled district", .enabled(if: GLPKSolver.isAvailable, "this build has no GLPK"))
struct RosterLaneDepartmentsTests {
  @Test("legal access is asked of the department whose legal officers are most present in the town, and only of one present")
  func legalAccessAskedOfTheMostPresentDepartment() throws {
    let (_, formulation, start) = try NeighbourhoodSearchTests.poorStart()
    let asked = formulation.legalAccessDepartments(at: start)
    #expect(!asked.isEmpty)
    let departmentOf = formulation.headcountDepartments
    for row in formulation.legalAccessRows {
      let terms = formulation.model.constraints[row].terms
      guard terms.allSatisfy({ departmentOf[$0.variable.index] != nil }) else {
        // A row over more than the groups' headcounts is never asked.
        #expect(asked[row] == nil)
        continue
      }
      var presence: [Int: Double] = [:]
      for t in terms { presence[departmentOf[t.variable.index]!, default: 0] += t.coefficient * start[t.variable.index] }
      guard let department = asked[row] else {
        // A town asked of no department has none present.
        #expect(presence.values.allSatisfy { $0 <= 1e-6 })
        continue
      }
      let asks = try #require(presence[department])
      #expect(asks > 0)
      #expect(presence.values.allSatisfy { $0 <= asks })
    }
  }

  @Test("the rows asking legal access lie within one department each, and a roster keeping legal access keeps them")
  func askedRowsLieWithinOneDepartment() throws {
    let (_, formulation, start) = try NeighbourhoodSearchTests.poorStart()
    let asked = formulation.legalAccessDepartments(at: start)
    let restricted = formulation.askingLegalAccess(of: asked)
    #expect(restricted.model.constraints.count == formulation.model.constraints.count + asked.count)
    let linking = Set(formulation.linkingRows)
    #expect(
      restricted.model.decomposed(relaxing: linking).blocks.count
        == formulation.model.decomposed(relaxing: linking).blocks.count)
    // The roster's legal officers are whole people: the most present department has one there.
    #expect(restricted.model.isFeasible(start))
  }

  @Test("a poor roster's departments re-solved one at a time: a cheaper roster that keeps every rule, priced by the checker")
  func refinedDepartmentsImproveAPoorStart() throws {
    let (_, formulation, start) = try NeighbourhoodSearchTests.poorStart()
    var refined = formulation
    let outcome = try Planner().refinedDepartments(&refined, from: start, timeLimit: 8, seed: 1, shouldStop: nil)
    #expect(outcome.improved >= 1)
    #expect(abs(outcome.from - NeighbourhoodSearchTests.price(formulation, start)) <= 1e-6)
    #expect(outcome.to < outcome.from - 1e-6)
    #expect(abs(outcome.to - NeighbourhoodSearchTests.price(formulation, outcome.values)) <= 1e-6)
    #expect(refined.model.isFeasible(outcome.values))
  }

  @Test("with the bound made by the other lane, the departments are asked legal access: their joined roster keeps it where asked and gives no bound")
  func departmentsPassAsksLegalAccess() throws {
    let (_, formulation) = try NeighbourhoodSearchTests.pooledDistrict()
    var strict = formulation
    let options = PlanOptions(solver: .auto, timeLimit: PlannerTuning.departmentRefineLeastLimit)
    let outcome = try Planner().departmentsApart(
      &strict, solver: GLPKSolver().styled(SearchStyle(branching: .standard, keepGeneralIntegers: true)),
      options: options, pooledWay: true, board: SharedSearch(progress: nil), greedyRoster: { nil },
      shouldStop: nil, budget: TimeBudget(PlannerTuning.departmentRefineLeastLimit))
    #expect(outcome.askedLegalAccess > 0)
    #expect(outcome.bound == nil)
    // Only towns asked of no department (none present at the relaxation) may lack it.
    let joined = try #require(outcome.joined)
    let lacking = formulation.legalAccessRows.filter { !formulation.model.constraints[$0].holds(at: joined) }
    #expect(lacking.count <= formulation.legalAccessRows.count - outcome.askedLegalAccess)
  }
}
