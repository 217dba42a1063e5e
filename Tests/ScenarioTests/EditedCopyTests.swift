import Foundation
import Scenarios
import SecondmentDomain
import Testing

/// An edited copy of the base is a scenario: its differences, in the planner's words.
@Suite("Edited copies as scenarios")
struct EditedCopyTests {
  let base = Instance(
    name: "base",
    departments: [Department(id: "market", name: "市场监督管理局")],
    towns: [
      Town(id: "changyuan", name: "昌元街道", kind: .subdistrict, deskCapacity: 5, demand: ["market": 1.5]),
      Town(id: "guchang", name: "古昌镇", kind: .town, deskCapacity: 3, demand: ["market": 1]),
    ],
    people: [
      Person(id: "p1", name: "杨桂宁", department: "market", role: .officer, homeTown: "guchang"),
      Person(id: "p2", name: "余玲", department: "market", role: .officer),
    ])

  @Test("nothing changed: no differences")
  func noChange() {
    #expect(EditedCopy.differences(from: base, to: base).isEmpty)
  }

  @Test("new rows are hires, removed rows leavers, edited cells changes")
  func differences() {
    var edited = base
    edited.people.removeLast()
    edited.people.append(
      Person(id: "h1", name: "张明远", department: "market", role: .officer, certified: true, homeTown: "changyuan"))
    edited.people[0].unavailable = true
    edited.towns[1].demand["market"] = 2
    edited.towns[0].deskCapacity = 6
    edited.policy.minZonedShare = 0.1
    let lines = EditedCopy.differences(from: base, to: edited)
    #expect(lines.contains("hire: 张明远 (市场监督管理局, officer, certified, home 昌元街道)"), "\(lines)")
    #expect(lines.contains("leaves: 余玲 (市场监督管理局, officer)"))
    #expect(lines.contains("changed: 杨桂宁: on leave"))
    #expect(lines.contains("demand: 古昌镇 市场监督管理局 1 → 2 FTE"))
    #expect(lines.contains("desks: 昌元街道 5 → 6"))
    #expect(lines.contains { $0.hasPrefix("policy: minZonedShare 0 → 0.1") }, "\(lines)")
    #expect(lines.count == 6)
  }
}
