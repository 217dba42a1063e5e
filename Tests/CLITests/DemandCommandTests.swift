import Foundation
import SecondmentDomain
import SecondmentTestSupport
import Testing

/// `secondment demand`: the workload's totals and the demand it asks for, through the built binary.
@Suite("secondment demand")
struct DemandCommandTests {
  let instance = shipped("Instances/rongchang-2024.json")
  let workload = shipped("Instances/workload/rongchang-2024-workload.csv")
  let items = shipped("Instances/workload/rongchang-2024-items.csv")

  @Test("on the shipped workload it prints the report's totals and the baseline's demand, and writes it into an instance")
  func derivesAndWrites() throws {
    let folder = try temporaryFolder()
    let out = folder.appendingPathComponent("derived.json").path
    let run = try runSecondment(["demand", workload, "--items", items, "--instance", instance, "--write", out])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("Items: 27 statutory (法定), 58 delegated (赋权), 77 entrusted (委托); 15 joint scenarios"), "\(run.stdout.prefix(600))")
    #expect(run.stdout.contains("7756 of delegated items"))
    #expect(run.stdout.contains("Penalty cases closed: 704"))
    #expect(run.stdout.contains("Joint inspections: 265 in 15 scenarios"))
    #expect(run.stdout.contains("Total: 96.5 FTE over 135 (town, department) pairs"))
    #expect(run.stdout.contains("the same demand"))
    let written = try InstanceLoader.load(path: out)
    let baseline = try InstanceLoader.load(path: instance)
    #expect(written.towns.map(\.demand) == baseline.towns.map(\.demand))
    #expect(written.jointInspections?.count == 15)

    // The derived instance plans joint inspections: a roster reports them town by town.
    let towns = Set((written.jointInspections ?? []).flatMap(\.towns))
    let book = folder.appendingPathComponent("roster.xlsx").path
    let solved = try runSecondment(["solve", out, "--solver", "greedy", "--time-limit", "5", "--xlsx", book])
    #expect(solved.status == 0 || solved.status == 1, "\(solved.stderr)")
    let line = try #require(
      solved.stdout.split(separator: "\n").first { $0.hasPrefix("Joint inspections (综合查一次) planned in ") })
    #expect(line.hasPrefix("Joint inspections (综合查一次) planned in \(towns.count) towns, "), "\(line)")
    #expect(FileManager.default.fileExists(atPath: book))
  }

  @Test("a workload naming an unknown item exits 2 with the place and the fix, and writes nothing")
  func badWorkloadWritesNothing() throws {
    let folder = try temporaryFolder()
    let records = folder.appendingPathComponent("workload.csv").path
    try "镇街,事项,办理次数\n昌元街道,NOPE,3\n".write(toFile: records, atomically: true, encoding: .utf8)
    let out = folder.appendingPathComponent("derived.json").path
    let run = try runSecondment(["demand", records, "--items", items, "--instance", instance, "--write", out])
    #expect(run.status == 2)
    #expect(run.stderr.contains("row 2, column 事项 (B2): 'NOPE' is not an item of the catalogue"), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
