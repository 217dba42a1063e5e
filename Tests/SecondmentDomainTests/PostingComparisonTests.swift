import SecondmentDomain
import Testing

/// Why a person holds their posting: the roster priced by the checker against
/// the same roster with that person at each other posting.
@Suite("Why there: a posting against the next best")
struct PostingComparisonTests {
  let district = Fixture.district()
  var checker: RosterChecker { RosterChecker(district) }

  @Test("the person's own posting is priced as the checker prices the roster")
  func ownPostingIsTheRostersPrice() throws {
    let comparison = try #require(
      PostingComparison(person: "m2", postings: Fixture.valid, splits: [:], checker: checker))
    let roster = checker.evaluate(Fixture.valid)
    #expect(comparison.current.posting == .stationed(town: Fixture.beta))
    #expect(comparison.current.objective == roster.objective)
    #expect(comparison.current.violations.isEmpty)
  }

  @Test("each alternative is the roster with that one person moved: every other town, and every zone for an officer")
  func alternativesMoveOnePerson() throws {
    let officer = try #require(
      PostingComparison(person: "m2", postings: Fixture.valid, splits: [:], checker: checker))
    #expect(officer.alternatives.count == district.towns.count + district.zones.count - 1)
    #expect(!officer.alternatives.contains { $0.posting == officer.current.posting })
    for option in officer.alternatives {
      let moved = checker.evaluate(Fixture.valid(["m2": option.posting]))
      #expect(option.objective == moved.objective, "\(option.posting)")
      #expect(option.violations == moved.violations, "\(option.posting)")
    }
    let auxiliary = try #require(
      PostingComparison(person: "x1", postings: Fixture.valid, splits: [:], checker: checker))
    #expect(auxiliary.alternatives.count == district.towns.count - 1, "auxiliaries are only stationed")
  }

  @Test("the next best posting breaks no more rules than the roster and is the cheapest such")
  func nextBestKeepsAsManyRules() throws {
    let comparison = try #require(
      PostingComparison(person: "t2", postings: Fixture.valid, splits: [:], checker: checker))
    let next = try #require(comparison.nextBest)
    #expect(next.violations.count <= comparison.current.violations.count)
    let keeping = comparison.alternatives.filter { $0.violations.count <= comparison.current.violations.count }
    #expect(next.objective.total == keeping.map(\.objective.total).min())
    let ordered = comparison.alternatives.map { ($0.violations.count, $0.objective.total) }
    #expect(zip(ordered, ordered.dropFirst()).allSatisfy { $0 <= $1 }, "fewest rules broken first, then cheapest")
  }

  @Test("a person on leave has no alternative, and an unknown id has no comparison")
  func leaveAndUnknown() throws {
    let onLeave = try #require(
      PostingComparison(person: "m5", postings: Fixture.valid, splits: [:], checker: checker))
    #expect(onLeave.alternatives.isEmpty && onLeave.nextBest == nil)
    #expect(PostingComparison(person: "nobody", postings: Fixture.valid, splits: [:], checker: checker) == nil)
  }
}
