import Foundation
import SecondmentDomain
import SecondmentSheets
import SecondmentTestSupport
import Testing

/// The item catalogue and workload as a planner has them (docs/workload.md),
/// and the shipped Rongchang workload behind the baseline's demand.
@Suite("Workload files")
struct WorkloadSheetsTests {
  let instancePath = shipped("Instances/rongchang-2024.json")
  let workloadPath = shipped("Instances/workload/rongchang-2024-workload.csv")
  let itemsPath = shipped("Instances/workload/rongchang-2024-items.csv")

  @Test("the shipped Rongchang workload has the report's totals: 27/58/77 items, 7,756 delegated invocations, 704 cases, 265 joint inspections in 15 scenarios")
  func shippedWorkloadHasTheReportsTotals() throws {
    let instance = try InstanceLoader.load(path: instancePath)
    let workload = try WorkloadSheets.read(path: workloadPath, items: itemsPath, instance: instance)
    let t = workload.totals
    #expect(t.items == [.statutory: 27, .delegated: 58, .entrusted: 77, .joint: 15])
    #expect(t.invocations[.delegated] == 7756)
    #expect(t.cases == 704)
    #expect(t.inspections == 265)
    #expect(t.scenariosInspected == 15)
  }

  @Test("the shipped workload derives the baseline's demand, town by town")
  func shippedWorkloadDerivesTheBaseline() throws {
    let instance = try InstanceLoader.load(path: instancePath)
    let workload = try WorkloadSheets.read(path: workloadPath, items: itemsPath, instance: instance)
    let demand = DemandDerivation.derive(
      workload, towns: instance.towns.map(\.id), departments: instance.departments.map(\.id), policy: instance.policy)
    let derived = DemandDerivation.apply(demand, workload: workload, to: instance)
    for (town, baseline) in zip(derived.towns, instance.towns) {
      #expect(town.demand == baseline.demand, "\(town.id)")
    }
    let joint = try #require(derived.jointInspections)
    #expect(joint.count == 15)
    #expect(InstanceValidation.problems(in: derived, file: "derived").isEmpty)
    for language in [SheetLanguage.zh, .en] {
      let book = try temporaryFolder().appendingPathComponent("derived.xlsx").path
      try InstanceFiles.write(derived, to: book, form: .workbook, language: language)
      let back = try InstanceFiles.load(path: book).instance
      #expect(back.jointInspections == joint, "the joint inspections survive the workbook (\(language))")
    }
  }

  @Test("the roster workbook lists each town's joint inspections and the departments missing from them")
  func rosterWorkbookListsJointInspections() throws {
    let instance = try InstanceLoader.load(path: instancePath)
    let workload = try WorkloadSheets.read(path: workloadPath, items: itemsPath, instance: instance)
    let derived = DemandDerivation.apply(
      DemandDerivation.derive(
        workload, towns: instance.towns.map(\.id), departments: instance.departments.map(\.id), policy: instance.policy),
      workload: workload, to: instance)
    let district = District(derived)
    // Nobody posted: every planned joint inspection misses every department.
    let book = RosterWorkbook.workbook(Roster(instance: derived.name, postings: []), district: district, language: .zh)
    let byTown = try #require(book.sheets.first { $0.name == "按镇街" })
    let column = try #require(byTown.rows[0].firstIndex { $0.text == "综合查一次" })
    let planned = try #require((derived.jointInspections ?? []).first)
    let town = try #require(planned.towns.first.flatMap(district.town))
    let row = try #require(byTown.rows.first { $0.first?.text == town.name })
    #expect(row[column].text.contains(planned.name) && row[column].text.contains("（缺："), "\(row[column].text)")
  }

  @Test("a workbook holds the catalogue and the workload as two sheets, names resolving to ids")
  func workbookHoldsBothSheets() throws {
    let folder = try temporaryFolder()
    let path = folder.appendingPathComponent("workload.xlsx").path
    let book = Workbook(sheets: [
      Sheet(name: "事项目录", rows: [
        ["事项编号", "事项名称", "类别", "部门", "每次办理工时"].map(Cell.text),
        [.text("D01"), .text("食品经营行政检查"), .text("赋权"), .text("市场监督管理局"), .number(2)],
      ]),
      Sheet(name: "工作量", rows: [
        ["镇街", "事项", "办理次数"].map(Cell.text),
        [.text("昌元"), .text("食品经营行政检查"), .number(440)],
      ]),
    ])
    try XLSXWriter.data(book).write(to: URL(fileURLWithPath: path))
    let instance = try InstanceLoader.load(path: instancePath)
    let workload = try WorkloadSheets.read(path: path, items: nil, instance: instance)
    #expect(workload.items.map(\.departments) == [["market"]])
    #expect(workload.records == [WorkRecord(town: "changyuan", item: "D01", invocations: 440)])
  }

  @Test("a bad cell is refused with its file, row, column and fix; an unknown item or town is named")
  func badCellsAreNamed() throws {
    let folder = try temporaryFolder()
    let items = folder.appendingPathComponent("items.csv")
    let records = folder.appendingPathComponent("workload.csv")
    try "id,name,category,department,hoursPerInvocation\nD01,检查,granted,market,2\nD02,检查二,delegated,market,-1\n"
      .write(to: items, atomically: true, encoding: .utf8)
    try "town,item,invocations\natlantis,D02,3\nchangyuan,X9,2\nchangyuan,D02,1.5\n"
      .write(to: records, atomically: true, encoding: .utf8)
    let instance = try InstanceLoader.load(path: instancePath)
    let error = try #require(
      throws: InputErrors.self, performing: { try WorkloadSheets.read(path: records.path, items: items.path, instance: instance) })
    let text = error.description
    #expect(text.contains("row 2, column category (C2): 'granted' is not an item category"), "\(text)")
    #expect(text.contains("fix: write statutory, delegated, entrusted or joint"), "\(text)")
    #expect(text.contains("row 3, column hoursPerInvocation (E3): -1 hours"), "\(text)")
    #expect(text.contains("row 2, column town (A2): no town 'atlantis' in the instance"), "\(text)")
    #expect(text.contains("row 3, column item (B3): 'X9' is not an item of the catalogue"), "\(text)")
    #expect(text.contains("row 4, column invocations (C4): '1.5' is not a whole number"), "\(text)")
  }
}
