import Foundation
import SecondmentDomain

/// Where a sheet's cells live, so that every problem names the file and the cell.
struct SheetOrigin: Sendable {
  /// The workbook, or the CSV file that is this sheet.
  let file: String
  /// The sheet's name inside a workbook; nil for a CSV file.
  let sheet: String?

  /// `sheet 'people', row 5, column homeTown (H5)`, or without the sheet for a CSV file.
  func place(row: Int, column: Int?, header: String?) -> String {
    var parts: [String] = []
    if let sheet { parts.append("sheet '\(sheet)'") }
    parts.append("row \(row + 1)")
    if let column {
      let named = (header?.isEmpty == false) ? "column \(header ?? "") " : "column "
      parts.append(named + "(\(Workbook.column(column))\(row + 1))")
    }
    return parts.joined(separator: ", ")
  }
}

/// A problem's place: the file and the location text.
struct Place: Sendable, Hashable {
  let file: String
  let location: String
}

/// Collects problems, notes and the place each JSON path was read from.
struct SheetLog {
  var errors: [InputError] = []
  var notes: [String] = []
  /// JSON path (`people[3].homeTown`) → where it was read.
  var places: [String: Place] = [:]

  mutating func fail(_ place: Place, _ message: String, _ hint: String?) {
    errors.append(InputError(file: place.file, location: place.location, message: message, hint: hint))
  }

  /// The error moved to the cell its JSON path was read from, when known: the
  /// longest recorded prefix of the path (`people[3].preferredTowns[1]` →
  /// `people[3].preferredTowns`).
  func relocate(_ error: InputError, instanceFile: String) -> InputError {
    guard error.file == instanceFile, var path = error.location, !path.isEmpty else { return error }
    while !path.isEmpty {
      if let place = places[path] {
        return InputError(file: place.file, location: place.location, message: error.message, hint: error.hint)
      }
      guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
      path = String(path[..<cut])
    }
    return error
  }
}

/// One sheet with its header bound to known columns.
struct BoundTable {
  let sheet: Sheet
  let origin: SheetOrigin
  /// Column key → index.
  var columns: [String: Int] = [:]
  /// Header text by index.
  var headers: [String] = []
  /// Indices of rows that hold data (the header is row 0).
  var rows: [Int] = []

  /// Binds the header row. Unknown headers go to `other` (which returns
  /// whether it took the column) or become a note; duplicates and missing
  /// required columns are problems.
  init(
    _ sheet: Sheet, origin: SheetOrigin, columns known: [SheetCatalogue.Name], required: [String],
    log: inout SheetLog, other: (String, Int) -> Bool = { _, _ in false }
  ) {
    self.sheet = sheet
    self.origin = origin
    let header = sheet.rows.first ?? []
    headers = header.map(\.text)
    for (i, text) in headers.enumerated() where !text.isEmpty {
      if let name = SheetCatalogue.column(text, in: known) {
        if columns[name.key] != nil {
          log.fail(
            Place(file: origin.file, location: origin.place(row: 0, column: i, header: text)),
            "the column '\(name.key)' appears twice", "keep one")
        } else {
          columns[name.key] = i
        }
      } else if !other(text, i) {
        log.notes.append(
          "\(origin.file): \(origin.place(row: 0, column: i, header: text)): column '\(text)' ignored (not one of: \(known.map(\.key).joined(separator: ", ")))")
      }
    }
    for key in required where columns[key] == nil {
      let name = known.first { $0.key == key }
      log.fail(
        Place(file: origin.file, location: origin.place(row: 0, column: nil, header: nil)),
        "missing column '\(key)'" + (name.map { " (\($0.zh))" } ?? ""),
        "add a column headed '\(key)' or '\(name?.zh ?? key)' to the first row")
    }
    rows = sheet.rows.indices.dropFirst().filter { r in !sheet.rows[r].allSatisfy(\.isEmpty) }
  }

  func cell(_ row: Int, _ key: String) -> Cell {
    guard let c = columns[key] else { return .empty }
    return sheet[row, c]
  }

  func text(_ row: Int, _ key: String) -> String { cell(row, key).text }

  func place(_ row: Int, _ key: String?) -> Place {
    let c = key.flatMap { columns[$0] }
    return Place(file: origin.file, location: origin.place(row: row, column: c, header: c.map { headers[$0] }))
  }

  func place(_ row: Int, column c: Int) -> Place {
    Place(file: origin.file, location: origin.place(row: row, column: c, header: headers[c]))
  }

  // MARK: - Typed cells

  func number(_ row: Int, _ key: String, log: inout SheetLog) -> Double? {
    number(sheet[row, columns[key] ?? -1], at: place(row, key), log: &log)
  }

  func number(_ cell: Cell, at place: Place, log: inout SheetLog) -> Double? {
    switch cell {
    case .empty: return nil
    case .number(let x):
      guard x.isFinite else {
        log.fail(place, "not a finite number", "write a number such as 1.5")
        return nil
      }
      return x
    default:
      let text = cell.text
      if text.isEmpty { return nil }
      guard let x = Double(text), x.isFinite else {
        log.fail(place, "'\(text)' is not a number", "write a number such as 1.5")
        return nil
      }
      return x
    }
  }

  func whole(_ row: Int, _ key: String, log: inout SheetLog) -> Int? {
    guard let x = number(row, key, log: &log) else { return nil }
    guard x == x.rounded(), abs(x) < 1e9 else {
      log.fail(place(row, key), "'\(cell(row, key).text)' is not a whole number", "write a count such as 3")
      return nil
    }
    return Int(x)
  }

  func flag(_ row: Int, _ key: String, log: inout SheetLog) -> Bool {
    let c = cell(row, key)
    if case .bool(let b) = c { return b }
    guard let b = StaffCSV.parseBool(c.text) else {
      log.fail(place(row, key), "'\(c.text)' is not yes or no", "write yes/no, true/false, 1/0 or 是/否")
      return false
    }
    return b
  }

  /// A list cell: items separated by `;`, `；`, `、` or `,`.
  func list(_ row: Int, _ key: String) -> [String] {
    Self.split(text(row, key))
  }

  static func split(_ text: String) -> [String] {
    text.split(whereSeparator: { ";；、,，".contains($0) })
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
