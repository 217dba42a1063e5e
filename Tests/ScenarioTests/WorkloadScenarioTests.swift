import Foundation
import Scenarios
import SecondmentDomain
import SecondmentSheets
import SecondmentTestSupport
import Testing

/// `workload` changes: demand derived from the year's work, its counts scaled
/// first (docs/scenarios.md, workload).
@Suite("Workload scenarios")
struct WorkloadScenarioTests {
  let base = shipped("Instances/rongchang-2024.json")
  let workload = shipped("Instances/workload/rongchang-2024-workload.csv")
  let items = shipped("Instances/workload/rongchang-2024-items.csv")

  @Test("the second item list drops the work of 53 entrusted items and derives demand again without it")
  func secondItemListDropsEntrustedWork() throws {
    let instance = try InstanceLoader.load(path: base)
    let scenario = try Scenario.load(path: shipped("Instances/scenarios/second-item-list.yaml"))
    let outcome = try scenario.outcome(of: instance)
    // The same derivation by hand: the records of the 53 dropped items removed.
    let read = try WorkloadSheets.read(path: workload, items: items, instance: instance)
    let kept = Set(read.items.filter { $0.category != .entrusted }.map(\.id)).union(
      scenarioKept(scenario))
    #expect(kept.count == 27 + 58 + 15 + 24)
    let without = Workload(items: read.items, records: read.records.filter { kept.contains($0.item) })
    let expected = DemandDerivation.apply(
      DemandDerivation.derive(
        without, towns: instance.towns.map(\.id), departments: instance.departments.map(\.id), policy: instance.policy),
      workload: without, to: instance)
    #expect(outcome.instance.towns.map(\.demand) == expected.towns.map(\.demand))
    let total = outcome.instance.towns.reduce(0) { $0 + $1.demand.values.reduce(0, +) }
    #expect(total < 96.5, "less work, less demand: \(total)")
    #expect(outcome.log.first?.contains("entrusted items except 24 × 0 (53 items)") == true, "\(outcome.log)")
  }

  /// The entrusted items a scenario's scaling keeps (its `except` list).
  func scenarioKept(_ scenario: Scenario) -> Set<String> {
    guard case .workload(let change) = scenario.changes.first?.change else { return [] }
    return Set(change.scalings.flatMap(\.except).map(\.value))
  }

  @Test("doubling Anfu's delegated items raises Anfu's demand by their hours and no other town's")
  func anfuDelegatedDouble() throws {
    let instance = try InstanceLoader.load(path: base)
    let outcome = try Scenario.load(path: shipped("Instances/scenarios/anfu-delegated-double.yaml")).outcome(of: instance)
    let read = try WorkloadSheets.read(path: workload, items: items, instance: instance)
    let delegated = Set(read.items.filter { $0.category == .delegated }.map(\.id))
    for (town, before) in zip(outcome.instance.towns, instance.towns) {
      if town.id == "anfu" {
        for (department, fte) in town.demand {
          let extra = read.records.filter { $0.town == "anfu" && delegated.contains($0.item) }
            .filter { read.item($0.item)?.departments == [department] }
            .reduce(0.0) { $0 + $1.hours(of: read.item($1.item)!) }
          let hours = (before.demand(of: department) - instance.policy.basePresenceFTE) * instance.policy.hoursPerFTE
          #expect(fte == DemandDerivation.fte(hours: hours + extra, policy: instance.policy), "\(department)")
        }
        #expect(town.demand.values.reduce(0, +) > before.demand.values.reduce(0, +))
      } else {
        #expect(town.demand == before.demand, "\(town.id)")
      }
    }
  }

  @Test("whistle-45 sets the limit and the joint inspections the workload plans")
  func whistleScenario() throws {
    let instance = try InstanceLoader.load(path: base)
    let outcome = try Scenario.load(path: shipped("Instances/scenarios/whistle-45.yaml")).outcome(of: instance)
    #expect(outcome.instance.policy.responseMinutes == 45)
    #expect(outcome.instance.jointInspections?.count == 15)
    #expect(outcome.instance.towns.map(\.demand) == instance.towns.map(\.demand))
    #expect(InstanceValidation.problems(in: outcome.instance, file: "whistle-45").isEmpty)
  }

  @Test("an item that is not in the catalogue, or a workload file that is missing, is refused with the scenario's line")
  func badWorkloadChangesNameTheLine() throws {
    let folder = try temporaryFolder()
    let path = folder.appendingPathComponent("bad.yaml").path
    try """
      title: Bad
      base: \(base)
      changes:
        - workload:
            file: \(workload)
            items: \(items)
            scale:
              - {category: entrusted, except: [E99], factor: 0}
      """.write(toFile: path, atomically: true, encoding: .utf8)
    let instance = try InstanceLoader.load(path: base)
    let unknown = try #require(throws: ScenarioError.self) { try Scenario.load(path: path).outcome(of: instance) }
    #expect(unknown.line == 8 && unknown.message.contains("no item `E99` in the catalogue"), "\(unknown)")
    try """
      title: Bad
      base: \(base)
      changes:
        - workload:
            file: missing.csv
            items: \(items)
      """.write(toFile: path, atomically: true, encoding: .utf8)
    let missing = try #require(throws: ScenarioError.self) { try Scenario.load(path: path) }
    #expect(missing.line == 5 && missing.message.contains("the workload does not read"), "\(missing)")
  }
}
