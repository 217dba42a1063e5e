import Foundation
import SecondmentDomain
import SecondmentTestSupport
import Testing

/// `secondment respond`: who answers a town's call, through the built binary.
@Suite("secondment respond")
struct RespondCommandTests {
  let instance = shipped("Instances/rongchang-2024.json")

  /// rongchang-2024 planned by the greedy, as a roster file in `folder`.
  func roster(in folder: URL) throws -> String {
    let path = folder.appendingPathComponent("roster.json").path
    let run = try runSecondment(["solve", instance, "--solver", "greedy", "--output", path, "--quiet"])
    try #require(run.status == 0 || run.status == 1, "\(run.stderr)")
    return path
  }

  @Test("a town's call lists every officer of the department, nearest first, present ones at 0 minutes")
  func callListsTheDepartmentsOfficers() throws {
    let folder = try temporaryFolder()
    let roster = try roster(in: folder)
    let district = District(try InstanceLoader.load(path: instance))
    let officers = district.people.filter { $0.isOfficer && $0.department == "market" && !$0.unavailable }
    let run = try runSecondment(["respond", instance, roster, "--town", "昌元街道", "--department", "市场监督管理局"])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "昌元街道 calls 市场监督管理局: \(officers.count) officers can answer", "\(lines.first ?? "")")
    let minutes = lines.dropFirst(2).compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
    #expect(minutes.count == officers.count)
    #expect(minutes == minutes.sorted(), "nearest first: \(minutes)")
  }

  @Test("without a town it prints the worst and mean response, slowest pairs first; a wrong town is refused with the fix")
  func summaryAndBadInput() throws {
    let folder = try temporaryFolder()
    let roster = try roster(in: folder)
    let run = try runSecondment(["respond", instance, roster])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("Response over 135 (town, department) pairs with demand: worst "), "\(run.stdout.prefix(200))")
    let bad = try runSecondment(["respond", instance, roster, "--town", "atlantis", "--department", "market"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--town 'atlantis': no such town (fix: use an id, Chinese name or pinyin"), "\(bad.stderr)")
    let half = try runSecondment(["respond", instance, roster, "--town", "changyuan"])
    #expect(half.status == 2, "a town without a department is a usage error")
  }
}
