import Foundation
import SecondmentDomain
import GLPKBackend
@testable import GreedySolver
import SecondmentPlanner
import Testing

/// Zone visits (`policy.minZonedShare`): a zoned officer gives every town of
/// the zone where the department has demand at least that much FTE. The
/// checker, the greedy and the exact model read the same rule and agree.
@Suite("Zone visits: checker, greedy and model agree")
struct ZoneVisitTests {
  static let share = 0.1

  func withVisits(_ instance: Instance) -> Instance {
    var instance = instance
    instance.policy.minZonedShare = Self.share
    return instance
  }

  /// Every zoned officer's split gives each town of its zone with the department's demand at least `share`.
  func expectVisits(_ postings: [String: Posting], _ splits: [String: ZoneSplit], _ district: District,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    for person in district.people where person.isOfficer {
      guard case .zoned(let zone)? = postings[person.id], let towns = district.zone(zone)?.towns else { continue }
      for town in towns where (district.town(town)?.demand(of: person.department) ?? 0) > 0 {
        let given = splits[person.id]?[town] ?? 0
        #expect(given >= Self.share - 1e-6, "\(person.id) gives \(town) \(given) FTE", sourceLocation: sourceLocation)
      }
    }
  }

  @Test("the checker names a zoned officer who gives a town of the zone less than the minimum")
  func checkerNamesAMissedVisit() {
    let district = District(withVisits(PlannerFixtures.tiny()))
    var splits = district.bestSplits(for: PlannerFixtures.handRoster)
    expectVisits(PlannerFixtures.handRoster, splits, district)
    #expect(RosterChecker(district).evaluate(PlannerFixtures.handRoster, splits: splits).isFeasible)
    // m1 is zoned over ta and tb (z1); all its time to ta.
    splits["m1"] = ["ta": 0.8]
    let evaluation = RosterChecker(district).evaluate(PlannerFixtures.handRoster, splits: splits)
    let broken = evaluation.violations.filter { $0.rule == .zoneSplit }
    #expect(broken.count == 1)
    #expect(broken.first?.message.contains("M1 (m1) is zoned to z1 (Ta, Tb) but gives Tb 0 FTE") == true, "\(broken)")
    #expect(broken.first?.message.contains("at least 0.1 FTE (minZonedShare)") == true)
  }

  @Test("the greedy keeps the visits and prices them as the checker does")
  func greedyAgreesWithTheChecker() throws {
    let generated = try DistrictGenerator.random(RandomDistrictSpec(towns: 20, people: 90, departments: 5, seed: 5))
    for instance in [withVisits(PlannerFixtures.tiny()), withVisits(generated)] {
      let district = District(instance)
      let result = DeploymentGreedy(district: district, options: DeploymentGreedyOptions(seed: 2, iterationLimit: 2_000))
        .solve()
      let checked = RosterChecker(district).evaluate(result.postings, splits: result.splits)
      GreedyFixtures.expectSameObjective(result.objective, checked.objective)
      #expect(checked.violations == result.violations)
      expectVisits(result.postings, result.splits, district)
    }
  }

  @Test("the exact model keeps the visits; its optimum is the checker's and no lower than without them")
  func modelAgreesWithTheChecker() throws {
    guard GLPKSolver.isAvailable else { return }
    let free = District(PlannerFixtures.tiny())
    let visited = District(withVisits(PlannerFixtures.tiny()))
    var options = PlanOptions(timeLimit: 60)
    options.solver = .glpk
    let a = try Planner().plan(free, options: options)
    let b = try Planner().plan(visited, options: options)
    #expect(a.status == .optimal && b.status == .optimal)
    let postings = try #require(b.postings)
    let checked = RosterChecker(visited).evaluate(postings, splits: b.splits)
    #expect(checked.isFeasible, "\(checked.violations)")
    expectVisits(postings, checked.splits, visited)
    let model = try #require(b.objective?.total)
    #expect(abs(model - checked.objective.total) <= 1e-6 * max(1, model))
    #expect(model >= (a.objective?.total ?? 0) - 1e-6, "a restriction never lowers the optimum")
  }

  @Test("validation refuses a minimum that a zone's towns cannot fit")
  func minimumMustFit() {
    var instance = PlannerFixtures.tiny()
    instance.policy.minZonedShare = 0.5  // z1 has two towns with demand of m: 1.0 > 0.8 FTE
    let problems = InstanceValidation.problems(in: instance, file: "tiny.json")
    let problem = problems.first { $0.location == "policy.minZonedShare" }
    #expect(problem?.message.contains("more than a zoned officer's 0.8 FTE") == true, "\(problems)")
    #expect(problem?.hint?.contains("at most 0.4") == true)
  }

  @Test("covered means receiving FTE; presence is counted apart; with visits every officer present gives FTE")
  func coveredMeansReceivingFTE() {
    let district = District(PlannerFixtures.tiny())
    var splits = district.bestSplits(for: PlannerFixtures.handRoster)
    splits["m1"] = ["ta": 0.8]  // present over tb, no time there
    let evaluation = RosterChecker(district).evaluate(PlannerFixtures.handRoster, splits: splits)
    let tb = evaluation.coverage.first { $0.town == "tb" && $0.department == "m" }
    #expect(tb?.officersPresent ?? 0 > 0)
    #expect(tb?.receivesFTE == false, "an officer present who gives no time does not cover")
    let visited = District(withVisits(PlannerFixtures.tiny()))
    let best = RosterChecker(visited).evaluate(PlannerFixtures.handRoster)
    for c in best.coverage where c.demand > 0 && c.officersPresent > 0 {
      #expect(c.receivesFTE, "\(c.town) \(c.department): present but no FTE")
    }
  }
}
