import Foundation
import SecondmentDomain
import SecondmentPlanner
import Testing

/// The whistle and joint inspections in a plan: what the planner does when
/// the rules cannot all hold, and what it costs when they can.
@Suite("The whistle and joint inspections in a plan")
struct WhistleTests {
  /// `tiny` with one officer of department e left for three towns with its demand.
  func oneOfficerForThreeTowns(limit: Double) -> District {
    District(
      RuleCases.with {
        $0.policy.responseMinutes = limit
        for id in ["e1", "e3"] { $0.people[$0.people.firstIndex { $0.id == id }!].unavailable = true }
        $0.people.removeAll { $0.id == "ea1" }
      })
  }

  @Test("a town no officer can reach in time is named, with the nearest officer's minutes")
  func unreachableTownIsNamed() throws {
    let district = oneOfficerForThreeTowns(limit: 5)
    let result = try Planner().plan(district, options: PlanOptions(solver: .auto, timeLimit: 10))
    #expect(result.status == .rulesBroken)
    let late = result.brokenRules.filter { $0.rule == .responseTime }
    #expect(!late.isEmpty, "\(result.brokenRules.map(\.description))")
    let postings = try #require(result.postings)
    for broken in late {
      let town = try #require(broken.town)
      let nearest = try #require(
        ResponseTimes.answers(town: town, department: "e", district: district, postings: postings).first)
      #expect(nearest.person == "e2")
      #expect(nearest.minutes > 5)
      #expect(broken.message.hasPrefix("\(district.town(town)?.displayName ?? town): no e officer within 5 min"), "\(broken.message)")
      let minutes = nearest.minutes == nearest.minutes.rounded() ? String(Int(nearest.minutes)) : String(nearest.minutes)
      #expect(broken.message.contains("nearest: E2 (e2), \(minutes) min from"), "\(broken.message)")
    }
    // The checker sees the same towns late.
    let evaluation = try #require(result.evaluation)
    #expect(
      Set(evaluation.violations.filter { $0.rule == .responseTime }.compactMap(\.town)) == Set(late.compactMap(\.town)))
  }

  @Test("with a limit every call can meet, the plan keeps it and the slowest response is within it")
  func reachableLimitIsKept() throws {
    let district = District(RuleCases.with { $0.policy.responseMinutes = 30 })
    let result = try Planner().plan(district, options: PlanOptions(solver: .auto, timeLimit: 10))
    let evaluation = try #require(result.evaluation)
    #expect(evaluation.violations.isEmpty, "\(evaluation.violations)")
    #expect(evaluation.measures.worstResponseMinutes <= 30)
  }

  @Test("joint inspections planned in a town bring every department of them there")
  func jointInspectionBringsEveryDepartment() throws {
    let district = District(
      RuleCases.with {
        $0.jointInspections = [JointInspection(id: "j1", name: "沿街商铺", departments: ["m", "e"], towns: ["tc"])]
      })
    let result = try Planner().plan(district, options: PlanOptions(solver: .auto, timeLimit: 10))
    let evaluation = try #require(result.evaluation)
    #expect(evaluation.violations.isEmpty, "\(evaluation.violations)")
    let tc = evaluation.coverage.filter { $0.town == "tc" }
    #expect(tc.allSatisfy { $0.officersPresent >= 1 }, "\(tc)")
  }
}
