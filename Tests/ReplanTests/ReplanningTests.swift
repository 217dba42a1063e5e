import Foundation
import Testing

@testable import PlanHistory
import SecondmentDomain

/// The replanning inputs built from the history, without a solver.
@Suite("Replanning inputs from the history")
struct ReplanningTests {
  /// Three towns, one department, four officers and an auxiliary.
  func sample(maxTenure: Int? = 2, maxMoves: Int? = 1) -> Instance {
    var policy = Policy()
    policy.maxTenureQuarters = maxTenure
    policy.maxMoves = maxMoves
    let towns = ["a", "b", "c"].map {
      Town(id: $0, name: $0, kind: .town, deskCapacity: 5, demand: ["d": 1])
    }
    let people = [
      Person(id: "o1", name: "O1", department: "d", role: .officer, certified: true, drives: true),
      Person(id: "o2", name: "O2", department: "d", role: .officer, certified: true, homeTown: "b"),
      Person(id: "o3", name: "O3", department: "d", role: .officer, certified: true),
      Person(id: "o4", name: "O4", department: "d", role: .officer, unavailable: true),
      Person(id: "x1", name: "X1", department: "d", role: .auxiliary),
    ]
    return Instance(
      name: "sample", departments: [Department(id: "d", name: "d")], towns: towns,
      zones: [Zone(id: "z", towns: ["a", "b"])], people: people, policy: policy)
  }

  func held(_ person: String, _ posting: Posting, _ quarters: Int) -> HeldPosting {
    HeldPosting(
      person: person, posting: posting, quarters: quarters, since: Quarter("2025Q1")!,
      last: Quarter("2025Q2")!)
  }

  @Test("An empty history plans from scratch: no current postings, no budget")
  func fromScratch() throws {
    let prepared = try Replanning.prepare(
      instance: sample(), quarter: Quarter("2025Q1")!, standing: .empty)
    #expect(prepared.fromScratch)
    #expect(prepared.maxMoves == nil)
    #expect(prepared.instance.people.allSatisfy { $0.currentPosting == nil && $0.tenure == 0 })
    #expect(prepared.newHires.isEmpty)
    #expect(prepared.forced.total == 0)
    #expect(prepared.changes(["o1": .stationed(town: "a")]).isEmpty)
  }

  @Test("Current postings, tenure, departures, leave, hires and forced moves come from the history")
  func fromHistory() throws {
    let standing = HistoryStanding(
      previous: Quarter("2025Q2")!,
      postings: [
        "o1": .stationed(town: "a"), "o2": .stationed(town: "c"), "o3": .unassigned,
        "o4": .stationed(town: "b"), "gone": .zoned(zone: "z"),
      ],
      held: [
        "o1": held("o1", .stationed(town: "a"), 2), "o2": held("o2", .stationed(town: "c"), 1),
        "o3": held("o3", .stationed(town: "b"), 1), "o4": held("o4", .stationed(town: "b"), 1),
        "gone": held("gone", .zoned(zone: "z"), 2),
      ])
    let prepared = try Replanning.prepare(
      instance: sample(), quarter: Quarter("2025Q3")!, standing: standing, maxMoves: 3)
    let people = Dictionary(uniqueKeysWithValues: prepared.instance.people.map { ($0.id, $0) })
    #expect(people["o1"]?.currentPosting == .stationed(town: "a"))
    #expect(people["o1"]?.tenure == 2)
    #expect(prepared.maxMoves == 3, "--max-moves overrides the policy")
    #expect(prepared.forced.rotation == ["o1"], "o1 would serve a third quarter, limit 2")
    #expect(prepared.departures.map(\.person) == ["gone"])
    #expect(prepared.newHires == ["x1"])
    #expect(prepared.onLeave == ["o4"])
    #expect(prepared.backFromLeave == ["o3"])
    #expect(prepared.budgetShortfall == nil)

    let postings: [String: Posting] = [
      "o1": .stationed(town: "c"), "o2": .stationed(town: "a"), "o3": .stationed(town: "b"),
      "o4": .unassigned, "x1": .stationed(town: "c"),
    ]
    #expect(prepared.moves(postings) == 2)
    let changes = Dictionary(uniqueKeysWithValues: prepared.changes(postings).map { ($0.person, $0) })
    #expect(changes["o1"]?.reason == .rotation)
    #expect(changes["o2"]?.reason == .coverage)
    #expect(changes["o3"]?.reason == .backFromLeave)
    #expect(changes["o3"]?.isMove == false, "back to the posting held before the leave")
    #expect(changes["o4"]?.reason == .leave)
    #expect(changes["x1"]?.reason == .newHire)
    #expect(changes["gone"]?.reason == .departure)
    #expect(changes["gone"]?.to == nil)
    #expect(prepared.unchangedPostings["o4"] == .unassigned)
    #expect(prepared.unchangedPostings["x1"] == .unassigned)
    #expect(prepared.unchangedPostings["o3"] == .stationed(town: "b"))
  }

  @Test("Pins: read, checked, exempt from the tenure limit, counted when they force a move")
  func pins() throws {
    let instance = sample()
    let district = District(instance)
    let pins = try Replanning.pins(["o1=a", "o2=zone:z", "o3=z"], district: district)
    #expect(pins["o1"] == .stationed(town: "a"))
    #expect(pins["o2"] == .zoned(zone: "z"))
    #expect(pins["o3"] == .zoned(zone: "z"))
    #expect(throws: ReplanError.unknownPerson(pin: "p9=a", person: "p9")) {
      try Replanning.pins(["p9=a"], district: district)
    }
    #expect(throws: ReplanError.unknownPlace(pin: "o1=nowhere", place: "nowhere")) {
      try Replanning.pins(["o1=nowhere"], district: district)
    }
    #expect(throws: ReplanError.pinnedOnLeave(pin: "o4=a", person: "o4")) {
      try Replanning.pins(["o4=a"], district: district)
    }
    #expect(throws: ReplanError.pinnedAuxiliaryToZone(pin: "x1=zone:z", person: "x1")) {
      try Replanning.pins(["x1=zone:z"], district: district)
    }
    #expect(throws: ReplanError.badPin("o1")) { try Replanning.pins(["o1"], district: district) }

    let standing = HistoryStanding(
      previous: Quarter("2025Q2")!,
      postings: ["o1": .stationed(town: "a"), "o2": .stationed(town: "c")],
      held: [
        "o1": held("o1", .stationed(town: "a"), 2), "o2": held("o2", .stationed(town: "c"), 1),
      ])
    let prepared = try Replanning.prepare(
      instance: instance, quarter: Quarter("2025Q3")!, standing: standing,
      pins: ["o1": .stationed(town: "a"), "o2": .zoned(zone: "z")])
    #expect(prepared.forced.rotation.isEmpty, "a pin outranks the tenure limit")
    #expect(prepared.forced.pins == ["o2"])
    let changes = prepared.changes(["o1": .stationed(town: "a"), "o2": .zoned(zone: "z")])
    #expect(changes.first { $0.person == "o2" }?.reason == .pinned)
  }

  @Test("A budget below the forced moves names the rule and the shortfall")
  func shortfall() throws {
    let standing = HistoryStanding(
      previous: Quarter("2025Q2")!,
      postings: ["o1": .stationed(town: "a"), "o2": .stationed(town: "b"), "o3": .zoned(zone: "gone")],
      held: [
        "o1": held("o1", .stationed(town: "a"), 2),
        // Stationed at the home town: avoidance withdraws the posting.
        "o2": held("o2", .stationed(town: "b"), 1),
        "o3": held("o3", .zoned(zone: "gone"), 1),
      ])
    let prepared = try Replanning.prepare(
      instance: sample(), quarter: Quarter("2025Q3")!, standing: standing, maxMoves: 1)
    #expect(prepared.forced.rotation == ["o1"])
    #expect(prepared.forced.withdrawn == ["o2", "o3"])
    let text = try #require(prepared.budgetShortfall)
    #expect(text.contains("[max-moves] the budget allows 1 move but the rules force at least 3: 2 moves short"))
    #expect(text.contains("tenure (2 quarters at one posting): 1 must rotate (o1)"))
    #expect(throws: ReplanError.badBudget(-1)) {
      try Replanning.prepare(
        instance: sample(), quarter: Quarter("2025Q3")!, standing: standing, maxMoves: -1)
    }
  }
}
