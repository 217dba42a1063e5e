import Foundation

/// One cell's value as a spreadsheet holds it.
///
/// Dates and formulas arrive as their stored values (a number, or the
/// formula's cached text); the instance tables need none of them.
public enum Cell: Hashable, Sendable {
  case empty
  case text(String)
  case number(Double)
  case bool(Bool)

  /// The cell as text, trimmed: numbers in their shortest exact form
  /// (`3`, `0.3`, `1e-07`), booleans as `true`/`false`, empty as "".
  public var text: String {
    switch self {
    case .empty: ""
    case .text(let s): s.trimmingCharacters(in: .whitespacesAndNewlines)
    case .number(let x): Cell.format(x)
    case .bool(let b): b ? "true" : "false"
    }
  }

  public var isEmpty: Bool { text.isEmpty }

  /// A number as the shortest text that reads back to it (`3`, not `3.0`).
  public static func format(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
  }
}

/// A sheet: a name and its rows, the first row being the header.
///
/// Row `r` of `rows` is spreadsheet row `r + 1`; column `c` is letter
/// `Workbook.column(c)`.
public struct Sheet: Hashable, Sendable {
  public var name: String
  public var rows: [[Cell]]

  public init(name: String, rows: [[Cell]]) {
    self.name = name
    self.rows = rows
  }

  /// The cell at zero-based row and column, `.empty` outside the data.
  public subscript(row: Int, column: Int) -> Cell {
    guard row >= 0, row < rows.count, column >= 0, column < rows[row].count else { return .empty }
    return rows[row][column]
  }
}

/// A workbook: sheets in order, as read from an .xlsx file or a folder of CSV
/// files (one file a sheet), or about to be written as one.
public struct Workbook: Hashable, Sendable {
  public var sheets: [Sheet]

  public init(sheets: [Sheet]) { self.sheets = sheets }

  /// Columns a text takes on screen or in a sheet: East Asian wide
  /// characters (Chinese, full-width forms) take two.
  public static func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
      switch scalar.value {
      case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6:
        return width + 2
      default:
        return width + 1
      }
    }
  }

  /// The spreadsheet letters of a zero-based column: 0 → A, 25 → Z, 26 → AA.
  public static func column(_ index: Int) -> String {
    var n = index + 1
    var letters = ""
    while n > 0 {
      let r = (n - 1) % 26
      letters = String(UnicodeScalar(UInt8(65 + r))) + letters
      n = (n - 1) / 26
    }
    return letters
  }

  /// The zero-based column of spreadsheet letters (`A` → 0), nil for non-letters.
  public static func columnIndex(_ letters: some StringProtocol) -> Int? {
    var n = 0
    for scalar in letters.unicodeScalars {
      guard ("A"..."Z").contains(scalar) else { return nil }
      n = n * 26 + Int(scalar.value) - 64
      if n > 16_384 { return nil }
    }
    return n == 0 ? nil : n - 1
  }

  /// A cell's place as a planner finds it: `sheet 'people', row 5, column
  /// homeTown (H5)`.
  public static func place(sheet: String, row: Int, column: Int, header: String?) -> String {
    let a1 = "\(Workbook.column(column))\(row + 1)"
    let named = header.map { $0.isEmpty ? "" : "column \($0) " } ?? ""
    return "sheet '\(sheet)', row \(row + 1), \(named)(\(a1))"
  }

  /// The form a path names: a workbook by its ending, a folder of CSV files,
  /// or JSON otherwise.
  public enum FileForm: Sendable { case json, workbook, csvFolder }

  /// Which form the file or folder at `path` is in.
  public static func form(of path: String) -> FileForm {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      return .csvFolder
    }
    return ["xlsx", "xlsm"].contains(URL(fileURLWithPath: path).pathExtension.lowercased())
      ? .workbook : .json
  }
}
