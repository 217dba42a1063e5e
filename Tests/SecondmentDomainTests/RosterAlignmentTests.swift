import SecondmentDomain
import Testing

/// A swap of interchangeable people is never a move.
@Suite("Matching a roster to the roster in force")
struct RosterAlignmentTests {
  func officer(_ id: String, home: String? = nil) -> Person {
    Person(id: id, name: id, department: "d", role: .officer, certified: true, homeTown: home)
  }

  @Test("two equals who swap towns are matched back: no move")
  func swapOfEqualsIsNoMove() {
    let people = [officer("a"), officer("b")]
    let reference: [String: Posting] = ["a": .stationed(town: "x"), "b": .stationed(town: "y")]
    let swapped: [String: Posting] = ["a": .stationed(town: "y"), "b": .stationed(town: "x")]
    let aligned = RosterAlignment.align(swapped, to: reference, people: people, policy: Policy())
    #expect(aligned.postings == reference)
    #expect(RosterAlignment.minimumChanges(swapped, from: reference, people: people, policy: Policy()) == 0)
  }

  @Test("people who differ (here by home town) are not swapped back")
  func differentPeopleKeepTheirPostings() {
    let people = [officer("a", home: "x"), officer("b", home: "y")]
    let reference: [String: Posting] = ["a": .stationed(town: "y"), "b": .stationed(town: "x")]
    let changed: [String: Posting] = ["a": .stationed(town: "z"), "b": .stationed(town: "y")]
    #expect(RosterAlignment.align(changed, to: reference, people: people, policy: Policy()).postings == changed)
    #expect(RosterAlignment.minimumChanges(changed, from: reference, people: people, policy: Policy()) == 2)
  }

  @Test("a zoned officer's split moves with the posting; the class keeps its postings")
  func splitsFollowPostings() {
    let people = [officer("a"), officer("b"), officer("c")]
    let reference: [String: Posting] = ["a": .zoned(zone: "z"), "b": .stationed(town: "x"), "c": .stationed(town: "x")]
    let roster: [String: Posting] = ["a": .stationed(town: "x"), "b": .zoned(zone: "z"), "c": .stationed(town: "y")]
    let aligned = RosterAlignment.align(roster, splits: ["b": ["t": 0.8]], to: reference, people: people, policy: Policy())
    #expect(aligned.postings["a"] == .zoned(zone: "z"))
    #expect(aligned.splits["a"] == ["t": 0.8])
    #expect(aligned.splits["b"] == nil)
    #expect(aligned.postings.values.sorted { "\($0)" < "\($1)" } == roster.values.sorted { "\($0)" < "\($1)" })
    let changed = people.filter { aligned.postings[$0.id] != reference[$0.id] }.count
    #expect(changed == 1)
    #expect(RosterAlignment.minimumChanges(roster, from: reference, people: people, policy: Policy()) == 1)
  }
}
