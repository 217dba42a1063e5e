import Foundation
import SecondmentDomain
import SecondmentPlanner
import SecondmentTestSupport
import Testing

/// A planner's roster names people, towns, zones and departments as they know them.
@Suite("Rosters by name")
struct RosterByNamesTests {
  @Test("check reads a roster CSV written with names (古昌镇, 派驻, 市场监督管理局) as the roster with ids")
  func checkReadsNames() throws {
    let work = try temporaryFolder()
    let instancePath = shipped("Instances/rongchang-2024.json")
    let byID = work.appendingPathComponent("ids.json").path
    try expectRun(["solve", instancePath, "--output", byID, "--quiet", "--solver", "greedy", "--time-limit", "5"])
    let instance = try InstanceLoader.load(path: instancePath)
    let district = District(instance)
    let roster = try RosterIO.read(path: byID).roster
    var lines = ["person,department,mode,town,zone,split"]
    for entry in roster.postings {
      let person = try #require(instance.people.first { $0.id == entry.person })
      let department = try #require(instance.departments.first { $0.id == person.department })
      let mode = ["stationed": "派驻", "zoned": "包片", "unassigned": "未安排"][entry.mode] ?? entry.mode
      let town = entry.town.flatMap { district.town($0)?.name } ?? ""
      let zone = entry.zone.flatMap { district.zone($0)?.name } ?? ""
      let split = (entry.split ?? [:]).sorted { $0.key < $1.key }
        .map { "\(district.town($0.key)?.pinyin ?? $0.key)=\($0.value)" }.joined(separator: ";")
      lines.append([person.name, department.name, mode, town, "\"\(zone)\"", split].joined(separator: ","))
    }
    let byName = work.appendingPathComponent("names.csv").path
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: byName))
    let a = try expectRun(["check", instancePath, byID, "--format", "json"])
    let b = try expectRun(["check", instancePath, byName, "--format", "json"])
    func total(_ json: String) throws -> Double {
      let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
      return try #require((object?["objective"] as? [String: Any])?["total"] as? Double)
    }
    #expect(abs(try total(a.stdout) - total(b.stdout)) < 0.01)
  }
}
