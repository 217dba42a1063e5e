import Foundation
import SecondmentPlanner
import SecondmentSheets
import SecondmentTestSupport
import Testing

/// A planner's quarter, from the district's workbook to the adopted roster
/// exported, through the built binary; no JSON written by hand anywhere.
@Suite("A planner's journey through workbooks")
struct WorkbookJourneyTests {
  @Test("validate, solve to a roster workbook, what-if with 10 hires, next quarter from a change list, adopt, export")
  func wholeJourney() throws {
    let work = try temporaryFolder()
    let district = fixture("rongchang-2024.xlsx")

    // 1. The planner's workbook (Chinese sheets, names instead of ids) is valid.
    let validated = try expectRun(["validate", district])
    #expect(validated.stdout.contains("105 people: 75 officers, 30 auxiliaries"))
    #expect(validated.stderr.contains("sheet '填表说明' ignored"), "extra sheets are ignored with a note")

    // 2. Solve to a roster workbook a planner can read and sign off.
    let rosterBook = work.appendingPathComponent("花名册.xlsx").path
    let rosterJSON = work.appendingPathComponent("roster.json").path
    let solved = try expectRun(["solve", district, "--xlsx", rosterBook, "--output", rosterJSON, "--quiet"])
    #expect(solved.stdout.contains("Who goes where"))
    let byPerson = try sheetTexts(rosterBook, sheet: "按人员")
    #expect(byPerson.first == ["编号", "姓名", "部门", "角色", "岗位", "镇街", "各镇街当量", "执法证", "法律背景"])
    #expect(byPerson.count == 106, "one row per person under the header")
    let first = try #require(byPerson.first { $0.first == "market-o01" })
    #expect(first[1] == "杨桂宁" && first[2] == "市场监督管理局" && first[3] == "执法人员")
    #expect(first[4].hasPrefix("派驻 ") || first[4].hasPrefix("包片 "), "the posting in words: \(first[4])")
    let byTown = try sheetTexts(rosterBook, sheet: "按镇街")
    #expect(byTown.count == 22 && byTown[1][0] == "昌元街道")
    for row in byTown.dropFirst() {
      for cell in row[2...4] { #expect(Double(cell).map { ($0 * 100).rounded() / 100 == $0 } ?? false, "\(cell) rounded to 0.01") }
    }
    #expect(try XLSXReader.read(path: rosterBook).sheets.map(\.name) == ["按人员", "按镇街", "按部门", "覆盖", "说明"])

    // 3. A what-if from an edited copy with 10 hires, against the roster in force.
    let whatif = try expectRun([
      "whatif", district, "--scenario", fixture("rongchang-2024-hires.xlsx"), "--from", rosterJSON, "--quiet",
    ])
    let top = whatif.stdout.components(separatedBy: "Measure").first ?? ""
    #expect(top.contains("rongchang-2024-hires changes (10):"), "the differences lead the comparison:\n\(top)")
    #expect(top.contains("hire: 张明远 (交通运输局, officer"))
    #expect(top.contains("home 昌元街道"))
    #expect(whatif.stdout.contains("new (10):"))
    #expect(whatif.stdout.contains("roster in force"))

    // 4. The first quarter adopted from the workbook, the next from a change list.
    let history = work.appendingPathComponent("history.sqlite").path
    try expectRun(["replan", district, "--history", history, "--quarter", "2025Q1", "--adopt", "--quiet"])
    let next = try expectRun([
      "replan", "--history", history, "--quarter", "2025Q2", "--changes", fixture("2025Q2-changes.xlsx"),
      "--adopt", "--quiet",
    ])
    #expect(next.stdout.contains("Change list"))
    #expect(next.stdout.contains("5 changes"))
    #expect(next.stdout.contains("replanned from the roster adopted for 2025Q1"))
    #expect(next.stdout.contains("1 departures, 1 on leave, 0 back from leave, 1 new hires"))
    #expect(next.stdout.contains("Adopted for 2025Q2"))

    // 5. The adopted roster exported; the change list kept with it; leavers keep their names.
    let exported = work.appendingPathComponent("2025Q2.xlsx").path
    let exportedJSON = work.appendingPathComponent("2025Q2.json").path
    try expectRun(["history", history, "--export", "2025Q2", "--xlsx", exported, "--json", exportedJSON])
    let people = try sheetTexts(exported, sheet: "按人员")
    #expect(people.contains { $0[1] == "黄子轩" }, "the new hire of the change list is on the roster")
    #expect(!people.contains { $0[1] == "朱辉磊" }, "the leaver is not")
    let onLeave = try #require(people.first { $0[1] == "邓伟" })
    #expect(onLeave[4] == "未安排")
    let pinned = try #require(people.first { $0[0] == "transport-o09" })
    #expect(pinned[4] == "派驻 安富街道", "the pin of the change list holds")
    let notes = try sheetTexts(exported, sheet: "说明").map { $0.joined(separator: " ") }
    #expect(notes.contains { $0.contains("change: leaves: 朱辉磊") })
    #expect(notes.contains { $0.contains("change: demand: 安富街道 市场监督管理局 2.5 FTE") })
    #expect(FileManager.default.fileExists(atPath: exportedJSON))
    let tenure = try expectRun(["history", history])
    let leaver = try #require(tenure.stdout.split(separator: "\n").first { $0.contains("market-o04") })
    #expect(leaver.contains("朱辉磊") && leaver.contains("left"), "\(leaver)")
  }

  @Test("the roster workbook opens in openpyxl, an independent reader, with the same cells")
  func rosterWorkbookOpensInOpenpyxl() throws {
    let work = try temporaryFolder()
    let book = work.appendingPathComponent("roster.xlsx").path
    try expectRun(["solve", shipped("Instances/rongchang-2024.json"), "--xlsx", book, "--quiet", "--solver", "greedy"])
    let script = """
      import sys, openpyxl
      wb = openpyxl.load_workbook(sys.argv[1])
      ws = wb["按镇街"]
      print(wb.sheetnames)
      print(ws.max_row, ws["A2"].value, ws["C2"].value)
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, book]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "python3 with openpyxl (pip install openpyxl): \(text)")
    let ours = try sheetTexts(book, sheet: "按镇街")
    #expect(text.contains("['按人员', '按镇街', '按部门', '覆盖', '说明']"), "\(text)")
    #expect(text.contains("22 昌元街道 \(ours[1][2])"), "\(text)")
  }
}
