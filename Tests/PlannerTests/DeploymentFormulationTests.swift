import Foundation
import SecondmentDomain
import DeploymentFormulation
import SecondmentPlanner
import Testing

/// The deployment model: what it contains, and that its objective is the checker's.
@Suite("Deployment formulation")
struct DeploymentFormulationTests {
  @Test("a roster that keeps every rule is a feasible model point with the checker's objective")
  func handRosterIsAModelPoint() throws {
    let district = District(PlannerFixtures.tiny())
    let evaluation = RosterChecker(district).evaluate(PlannerFixtures.handRoster)
    #expect(evaluation.violations.isEmpty, "\(evaluation.violations)")
    for options in [
      FormulationOptions(), FormulationOptions(aggregatePeople: false, tighten: false),
      FormulationOptions(tighten: false, prunePointless: false),
    ] {
      let formulation = DeploymentFormulation(district: district, options: options)
      let point = try #require(formulation.point(for: PlannerFixtures.handRoster))
      #expect(formulation.model.isFeasible(point, tolerance: 1e-7))
      PlannerFixtures.expectSame(formulation.breakdown(at: point), evaluation.objective)
      #expect(abs(formulation.model.objective.value(at: point) - evaluation.objective.total) < 1e-6)
      #expect(formulation.postings(from: point) == PlannerFixtures.handRoster)
    }
  }

  @Test("per-person rules leave postings out: avoidance, non-drivers zoned, auxiliaries zoned")
  func candidatesKeepPersonRules() {
    let district = District(PlannerFixtures.tiny())
    let formulation = DeploymentFormulation(
      district: district, options: FormulationOptions(aggregatePeople: false))
    for (c, cls) in formulation.classes.enumerated() {
      let person = cls.representative
      let postings = formulation.candidates[c].map { formulation.postings[$0.posting] }
      if let home = person.homeTown { #expect(!postings.contains(.stationed(town: home))) }
      if person.role == .auxiliary || !person.drives {
        #expect(!postings.contains { if case .zoned = $0 { true } else { false } }, "\(person.id)")
      }
    }
  }

  @Test("integer headcounts per group: fewer integer columns than one binary per person")
  func aggregationShrinksIntegers() throws {
    let district = District(try PlannerFixtures.generated(seed: 3, towns: 8))
    let perPerson = DeploymentFormulation(
      district: district,
      options: FormulationOptions(aggregatePeople: false, tighten: false, prunePointless: false))
    let grouped = DeploymentFormulation(district: district)
    #expect(grouped.size.integers < perPerson.size.integers)
    #expect(perPerson.size.integers >= district.people.count)
  }

  @Test("the elastic model's rule penalty exceeds any roster's objective")
  func elasticPenaltyDominates() {
    let district = District(PlannerFixtures.tiny())
    let elastic = DeploymentFormulation(
      district: district, options: FormulationOptions(elastic: true))
    let evaluation = RosterChecker(district).evaluate(PlannerFixtures.handRoster)
    #expect(elastic.rulePenalty > evaluation.objective.total)
    #expect(!elastic.slacks.isEmpty)
  }
}
