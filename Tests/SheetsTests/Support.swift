import Foundation
import SecondmentSheets
import SecondmentTestSupport
import Testing

/// A fixture of `Fixtures/` (written by `make_fixtures.py` with openpyxl).
func fixture(_ name: String) -> String {
  packageRoot.appendingPathComponent("Tests/SheetsTests/Fixtures/\(name)").path
}

/// The rows of a sheet of a workbook, every cell as text.
func sheetTexts(_ path: String, sheet: String) throws -> [[String]] {
  let book = try XLSXReader.read(path: path)
  let found = try #require(book.sheets.first { $0.name == sheet }, "no sheet \(sheet) in \(path)")
  return found.rows.map { $0.map(\.text) }
}

/// Runs `secondment`, failing the test with its output when the exit status differs.
@discardableResult
func expectRun(_ arguments: [String], status: Int32 = 0, in directory: URL? = nil) throws -> CLIOutcome {
  let outcome = try runSecondment(arguments, in: directory)
  #expect(
    outcome.status == status,
    "secondment \(arguments.joined(separator: " ")) exited \(outcome.status)\n\(outcome.stdout)\n\(outcome.stderr)")
  return outcome
}
