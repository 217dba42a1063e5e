import Foundation
import SecondmentSheets
import SecondmentTestSupport
import Testing

/// Every problem in a workbook or CSV folder names the file, the sheet, the
/// row and the column (A1), and a fix; none crashes, nothing is written.
@Suite("Workbook and CSV folder errors")
struct SheetErrorTests {
  /// Runs `export INPUT --json OUT` and asserts exit 2, the message's parts, and no output.
  func expectProblem(_ input: String, saying parts: [String], file: String? = nil) throws {
    let out = try temporaryFolder().appendingPathComponent("out.json").path
    let run = try runSecondment(["export", input, "--json", out])
    #expect(run.status == 2, "\(input): exit \(run.status)\n\(run.stderr)")
    #expect(run.stderr.hasPrefix(file ?? input), "the message names the file: \(run.stderr)")
    for part in parts { #expect(run.stderr.contains(part), "\(input): '\(part)' not in: \(run.stderr)") }
    #expect(run.stderr.contains("(fix: "), "a fix is given: \(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out), "nothing is written")
  }

  @Test("an unknown department names sheet, row and column")
  func unknownDepartment() throws {
    try expectProblem(
      fixture("bad-department.xlsx"),
      saying: ["sheet '人员', row 6, column 部门 (C6)", "unknown department '交通局办公室'"])
  }

  @Test("a desk count that is not a number names its cell")
  func desksNotANumber() throws {
    try expectProblem(fixture("bad-desks.xlsx"), saying: ["sheet '镇街', row 4, column 办公席位 (H4)", "'很多' is not a number"])
  }

  @Test("a role that is neither officer nor auxiliary names its cell")
  func unknownRole() throws {
    try expectProblem(fixture("bad-role.xlsx"), saying: ["sheet '人员', row 10, column 角色 (D10)", "'科长' is not a role"])
  }

  @Test("an unknown home town names its cell and how to name a town")
  func unknownHomeTown() throws {
    try expectProblem(
      fixture("bad-unknown-home.xlsx"),
      saying: ["sheet '人员', row 13, column 户籍镇街 (H13)", "unknown home town '清'", "Chinese name or pinyin"])
  }

  @Test("a workbook without a towns sheet says which sheet to add")
  func missingSheet() throws {
    try expectProblem(fixture("bad-no-towns.xlsx"), saying: ["no 'towns' sheet (镇街)", "add a sheet named 'towns' or '镇街'"])
  }

  @Test("a file that is not a workbook, a damaged workbook and an empty file are refused, not crashed on")
  func notAWorkbook() throws {
    let work = try temporaryFolder()
    let text = work.appendingPathComponent("notes.xlsx").path
    try Data("人员,部门\n".utf8).write(to: URL(fileURLWithPath: text))
    try expectProblem(text, saying: ["not an Excel workbook"])
    let damaged = work.appendingPathComponent("damaged.xlsx").path
    var bytes = try Data(contentsOf: URL(fileURLWithPath: fixture("rongchang-2024.xlsx")))
    bytes = bytes.prefix(bytes.count / 2)
    try bytes.write(to: URL(fileURLWithPath: damaged))
    try expectProblem(damaged, saying: ["damaged"])
    let empty = work.appendingPathComponent("empty.xlsx").path
    _ = FileManager.default.createFile(atPath: empty, contents: Data())
    try expectProblem(empty, saying: ["not an Excel workbook"])
  }

  @Test("a CSV folder names the file, row and column; an unclosed quote names its line")
  func csvFolderPlaces() throws {
    let folder = try temporaryFolder().appendingPathComponent("district")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: fixture("rongchang-2024-gb18030")), to: folder)
    let towns = folder.appendingPathComponent("镇街.csv")
    var text = try #require(TextEncoding.decode(Data(contentsOf: towns), as: .gb18030))
    text = text.replacingOccurrences(of: "\r\nguangshun,广顺街道,Guangshun,街道,否,", with: "\r\nguangshun,广顺街道,Guangshun,街道,也许,")
    try Data(text.utf8).write(to: towns)
    try expectProblem(
      folder.path, saying: ["row 4, column 试点 (E4)", "'也许' is not yes or no"], file: towns.path)
    try Data("编号,名称\n\"changyuan,昌元\n".utf8).write(to: towns)
    try expectProblem(folder.path, saying: ["line 2", "never closed"], file: towns.path)
  }

  @Test("a policy key that does not exist names its row")
  func unknownPolicyKey() throws {
    let work = try temporaryFolder()
    var book = try XLSXReader.read(path: fixture("rongchang-2024.xlsx"))
    let p = try #require(book.sheets.firstIndex { $0.name == "政策" })
    book.sheets[p].rows.append([.text("每镇最少协管员"), .number(1)])
    let path = work.appendingPathComponent("policy.xlsx").path
    try XLSXWriter.data(book).write(to: URL(fileURLWithPath: path))
    let row = book.sheets[p].rows.count
    try expectProblem(path, saying: ["sheet '政策', row \(row), column 项目 (A\(row))", "unknown policy key '每镇最少协管员'"])
  }

  @Test("a change list with an unknown change names its cell")
  func badChangeList() throws {
    let work = try temporaryFolder()
    let list = work.appendingPathComponent("changes.csv").path
    try Data("人员,变动\n杨桂宁,升职\n".utf8).write(to: URL(fileURLWithPath: list))
    let history = work.appendingPathComponent("h.sqlite").path
    let run = try runSecondment(["replan", shipped("Instances/rongchang-2024.json"), "--history", history, "--quarter", "2025Q1", "--changes", list])
    #expect(run.status == 2)
    #expect(run.stderr.contains("\(list): row 2, column 变动 (B2): '升职' is not a change"), "\(run.stderr)")
  }
}
