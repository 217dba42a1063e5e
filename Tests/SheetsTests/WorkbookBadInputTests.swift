import Foundation
import SecondmentSheets
import SecondmentTestSupport
import Testing

/// Bad cells planted in the planner's workbook, one at a time: each is
/// refused (exit 2, no crash) with the file, the sheet, the row, the column
/// (A1) and a fix, and nothing is written.
@Suite("Bad cells in a workbook")
struct WorkbookBadInputTests {
  /// A planted mistake: the sheet, the zero-based row and column, the new cell, and what the message must say.
  struct Plant: Sendable, CustomTestStringConvertible {
    var sheet: String
    var row: Int
    var column: Int
    var cell: Cell
    var saying: String
    var testDescription: String { "\(sheet) \(Workbook.column(column))\(row + 1) = \(cell.text): \(saying)" }
  }

  static let plants: [Plant] = [
    Plant(sheet: "镇街", row: 2, column: 8, cell: .number(-1), saying: "negative demand -1.0 FTE"),
    Plant(sheet: "镇街", row: 3, column: 5, cell: .text("东边"), saying: "'东边' is not a number"),
    Plant(sheet: "镇街", row: 4, column: 0, cell: .text("changyuan"), saying: "duplicate town id 'changyuan'"),
    Plant(sheet: "镇街", row: 5, column: 3, cell: .text("村"), saying: "'村' is not a town kind"),
    Plant(sheet: "镇街", row: 6, column: 4, cell: .text("大概"), saying: "'大概' is not yes or no"),
    Plant(sheet: "镇街", row: 7, column: 7, cell: .number(2.5), saying: "'2.5' is not a whole number"),
    Plant(sheet: "部门", row: 2, column: 0, cell: .text("market"), saying: "duplicate department id 'market'"),
    Plant(sheet: "人员", row: 3, column: 0, cell: .text("market-o01"), saying: "duplicate person id 'market-o01'"),
    Plant(sheet: "人员", row: 4, column: 4, cell: .text("有"), saying: "'有' is not yes or no"),
    Plant(sheet: "人员", row: 5, column: 7, cell: .text("重庆"), saying: "unknown home town '重庆'"),
    Plant(sheet: "人员", row: 6, column: 8, cell: .text("北京"), saying: "prefers unknown town '北京'"),
    Plant(sheet: "人员", row: 7, column: 3, cell: .text(""), saying: "'' is not a role"),
    Plant(sheet: "人员", row: 8, column: 0, cell: .text(""), saying: "empty person id"),
    Plant(sheet: "片区", row: 2, column: 2, cell: .text("仁义镇、月球镇"), saying: "unknown town '月球镇'"),
    Plant(sheet: "路程", row: 2, column: 3, cell: .text("半小时"), saying: "'半小时' is not a number of minutes"),
    Plant(sheet: "路程", row: 2, column: 4, cell: .number(-5), saying: "negative"),
    Plant(sheet: "路程", row: 3, column: 0, cell: .text("远觉镇"), saying: "does not match column"),
    Plant(sheet: "政策", row: 1, column: 1, cell: .text("也许"), saying: "'也许' is not yes or no"),
    Plant(sheet: "政策", row: 2, column: 1, cell: .text("很多"), saying: "'很多' is not a number"),
    Plant(sheet: "基本信息", row: 1, column: 0, cell: .text("作者"), saying: "unknown item '作者'"),
  ]

  @Test("each planted mistake names file, sheet, row, column and fix", arguments: plants)
  func plantedMistake(_ plant: Plant) throws {
    var book = try XLSXReader.read(path: fixture("rongchang-2024.xlsx"))
    let s = try #require(book.sheets.firstIndex { $0.name == plant.sheet })
    while book.sheets[s].rows[plant.row].count <= plant.column { book.sheets[s].rows[plant.row].append(.empty) }
    book.sheets[s].rows[plant.row][plant.column] = plant.cell
    let work = try temporaryFolder()
    let path = work.appendingPathComponent("bad.xlsx").path
    try XLSXWriter.data(book).write(to: URL(fileURLWithPath: path))
    let out = work.appendingPathComponent("out.json").path
    let run = try runSecondment(["export", path, "--json", out])
    #expect(run.status == 2, "exit \(run.status): \(run.stderr)")
    let cell = "(\(Workbook.column(plant.column))\(plant.row + 1))"
    let line = run.stderr.split(separator: "\n").first { $0.contains(plant.saying) }.map(String.init) ?? ""
    #expect(line.hasPrefix("\(path): sheet '\(plant.sheet)', row \(plant.row + 1), column "), "\(run.stderr)")
    #expect(line.contains(cell) || plant.sheet == "路程" && line.contains("(A\(plant.row + 1))"), "\(cell) in: \(line)")
    #expect(line.contains("(fix: "), "\(line)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
