import Foundation
import Scenarios
import SecondmentDomain
import Testing

/// A small district: three towns (two pilots), two departments, six people.
func smallInstance() -> Instance {
  let towns = [
    Town(id: "north", name: "北镇", pinyin: "North", kind: .town, pilot: true, x: 0, y: 10, deskCapacity: 6, demand: ["market": 2, "transport": 1]),
    Town(id: "south", name: "南镇", pinyin: "South", kind: .town, pilot: true, x: 0, y: 0, deskCapacity: 6, demand: ["market": 1.5]),
    Town(id: "east", name: "东镇", pinyin: "East", kind: .town, x: 10, y: 5, deskCapacity: 6, demand: ["transport": 2]),
  ]
  let departments = [
    Department(id: "market", name: "市场监督管理局", englishName: "Market regulation", officers: 3, auxiliaries: 1),
    Department(id: "transport", name: "交通运输局", englishName: "Transport", officers: 2, auxiliaries: nil),
  ]
  let people = [
    Person(id: "m1", name: "Li", department: "market", role: .officer, certified: true, legal: true, drives: true, homeTown: "north"),
    Person(id: "m2", name: "Wang", department: "market", role: .officer, certified: true, drives: true, homeTown: "south"),
    Person(id: "m3", name: "Zhang", department: "market", role: .officer, certified: true, homeTown: "east"),
    Person(id: "ma1", name: "Liu", department: "market", role: .auxiliary, homeTown: "east"),
    Person(id: "t1", name: "Chen", department: "transport", role: .officer, certified: true, legal: true, drives: true, homeTown: "north"),
    Person(id: "t2", name: "Yang", department: "transport", role: .officer, certified: true, drives: true),
  ]
  return Instance(
    name: "small", title: "Small district", departments: departments, towns: towns,
    people: people)
}

func scenario(_ changes: String, file: String = "test.yaml") throws -> Scenario {
  try Scenario.parse("title: Test\nbase: small.json\nchanges:\n\(changes)", file: file)
}

@Suite("Applying scenario changes")
struct ScenarioApplyTests {
  @Test("hire adds people with the given attributes and raises the quota")
  func hire() throws {
    let s = try scenario(
      """
        - hire:
            count: 3
            department: market
            legal: true
            homeTowns: [north, east]
      """)
    let outcome = try s.outcome(of: smallInstance())
    let new = outcome.instance.people.filter { outcome.hired.contains($0.id) }
    #expect(new.map(\.id) == ["market-new-1", "market-new-2", "market-new-3"])
    #expect(new.allSatisfy { $0.legal && $0.certified && $0.drives && $0.role == .officer })
    #expect(new.map(\.homeTown) == ["north", "east", "north"])
    #expect(outcome.instance.departments[0].officers == 6)
    #expect(outcome.instance.name == "small+test")
    #expect(outcome.instance.title == "Test")
    #expect(InstanceValidation.problems(in: outcome.instance, file: "x").isEmpty)
  }

  @Test("hire with named ids and names; auxiliaries raise the auxiliary quota")
  func namedHire() throws {
    let s = try scenario(
      """
        - hire: {count: 2, department: market, role: auxiliary, certified: false, ids: [a1, a2], names: [Zhao, Qian]}
      """)
    let i = try s.apply(to: smallInstance())
    #expect(i.people.suffix(2).map(\.name) == ["Zhao", "Qian"])
    #expect(i.people.suffix(2).allSatisfy { $0.role == .auxiliary && !$0.certified })
    #expect(i.departments[0].auxiliaries == 3)
  }

  @Test("remove by id and N from a department (the last ones, deterministically)")
  func remove() throws {
    let byID = try scenario("  - remove: [m1, t2]\n").apply(to: smallInstance())
    #expect(byID.people.map(\.id) == ["m2", "m3", "ma1", "t1"])
    #expect(byID.departments.map(\.officers) == [2, 1])
    let byCount = try scenario("  - remove: {department: market, count: 2}\n").apply(to: smallInstance())
    #expect(byCount.people.map(\.id) == ["m1", "ma1", "t1", "t2"])
    #expect(byCount.departments[0].officers == 1)
    let again = try scenario("  - remove: {department: market, count: 2}\n").apply(to: smallInstance())
    #expect(again == byCount)
  }

  @Test("unavailable keeps people on the staff list without a posting")
  func unavailable() throws {
    let i = try scenario("  - unavailable: {people: [t1]}\n  - unavailable: {department: market, count: 1}\n")
      .apply(to: smallInstance())
    #expect(i.people.count == 6)
    #expect(i.people.filter(\.unavailable).map(\.id) == ["m3", "t1"])
  }

  @Test("demand: factor for pilot towns, set by town and department, add")
  func demand() throws {
    let scaled = try scenario("  - demand: {pilot: true, factor: 1.3}\n").apply(to: smallInstance())
    #expect(scaled.towns[0].demand == ["market": 2.6, "transport": 1.3])
    #expect(scaled.towns[1].demand == ["market": 1.95])
    #expect(scaled.towns[2].demand == ["transport": 2])
    let set = try scenario("  - demand: {towns: [east], department: market, set: 1}\n").apply(to: smallInstance())
    #expect(set.towns[2].demand == ["transport": 2, "market": 1])
    let added = try scenario("  - demand: {department: transport, add: -1.5}\n").apply(to: smallInstance())
    #expect(added.towns[0].demand == ["market": 2])
    #expect(added.towns[2].demand == ["transport": 0.5])
  }

  @Test("quota hires or removes to reach the new headcount")
  func quota() throws {
    let up = try scenario("  - quota: {department: transport, officers: 4, legal: true}\n")
      .apply(to: smallInstance())
    #expect(up.people.filter { $0.department == "transport" }.count == 4)
    #expect(up.departments[1].officers == 4)
    #expect(up.people.last?.legal == true)
    let down = try scenario("  - quota: {department: market, officers: 1, auxiliaries: 0}\n")
      .apply(to: smallInstance())
    #expect(down.people.filter { $0.department == "market" }.map(\.id) == ["m1"])
    #expect(down.departments[0].officers == 1 && down.departments[0].auxiliaries == 0)
  }

  @Test("policy: rules, parameters and weights by their Policy keys")
  func policy() throws {
    let i = try scenario(
      """
        - policy:
            avoidanceRadiusMinutes: 15
            minCertifiedPerTown: 1
            deskCapacity: false
            maxMoves: 4
            weights:
              unmetDemand: 120
              pilotUnmetDemand: 200.5
      """
    ).apply(to: smallInstance())
    #expect(i.policy.avoidanceRadiusMinutes == 15)
    #expect(i.policy.minCertifiedPerTown == 1)
    #expect(i.policy.deskCapacity == false)
    #expect(i.policy.maxMoves == 4)
    #expect(i.policy.weights.unmetDemand == 120)
    #expect(i.policy.weights.pilotUnmetDemand == 200.5)
    #expect(i.policy.weights.travelMinute == ObjectiveWeights().travelMinute)
    let off = try scenario("  - policy: {maxMoves: null}\n").apply(to: i)
    #expect(off.policy.maxMoves == nil)
  }

  @Test("zones: add, replace and drop; generated zones are made explicit first")
  func zones() throws {
    let base = smallInstance()
    let generated = District(base).zones
    let i = try scenario(
      """
        - zone: {id: zone-x, name: Pilots, towns: [north, south]}
      """
    ).apply(to: base)
    #expect(i.zones?.count == generated.count + 1)
    #expect(i.zones?.last == Zone(id: "zone-x", name: "Pilots", towns: ["north", "south"]))
    let replaced = try scenario("  - zone: {id: zone-x, towns: [south, east]}\n  - removeZone: zone-x\n")
      .apply(to: i)
    #expect(replaced.zones?.count == generated.count)
  }

  @Test("merge moves one department's people, demand and quota into another")
  func merge() throws {
    let i = try scenario("  - merge: {from: transport, into: market, englishName: Joint}\n")
      .apply(to: smallInstance())
    #expect(i.departments.map(\.id) == ["market"])
    #expect(i.departments[0].englishName == "Joint")
    #expect(i.departments[0].officers == 5)
    #expect(i.people.allSatisfy { $0.department == "market" })
    #expect(i.towns[0].demand == ["market": 3])
    #expect(i.towns[2].demand == ["market": 2])
    #expect(InstanceValidation.problems(in: i, file: "x").isEmpty)
  }

  @Test("JSON scenario files read like YAML ones")
  func json() throws {
    let text = """
      {"title": "JSON", "base": "small.json",
       "changes": [{"hire": {"count": 1, "department": "transport"}},
                   {"policy": {"avoidance": false}}]}
      """
    let i = try Scenario.parse(text, file: "s.json").apply(to: smallInstance())
    #expect(i.people.count == 7)
    #expect(i.policy.avoidance == false)
  }

  @Test("applying is deterministic and leaves the base alone")
  func pure() throws {
    let s = try scenario("  - hire: {count: 2, department: market}\n  - demand: {factor: 1.1}\n")
    let base = smallInstance()
    #expect(try s.apply(to: base) == s.apply(to: base))
    #expect(base == smallInstance())
  }
}
