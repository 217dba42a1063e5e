import CSV
import Foundation

/// People read from a staff CSV, and where each came from.
public struct StaffList: Sendable, Hashable {
  public var people: [Person]
  /// The file and each person's physical line, for error messages.
  public var source: StaffSource

  public init(people: [Person], source: StaffSource) {
    self.people = people
    self.source = source
  }
}

/// The staff list as a spreadsheet: one person per row (`docs/instance-format.md`).
///
/// UTF-8 with or without a byte-order mark, comma separated, fields quoted
/// when they hold commas, quotes or line breaks. Columns, in any order:
/// `id`, `name`, `department`, `role` (required: id, department, role),
/// `certified`, `legal`, `drives`, `homeTown`, `currentPosting` (or
/// `currentTown` / `currentZone`), `tenure`, `preferredTowns` (ids separated
/// by `;`), `unavailable`, `pinned`, `forbidden` (postings separated by `;`).
/// Yes/no cells accept yes/no, true/false, 1/0, 是/否 (blank is no). A
/// posting cell is `stationed:TOWN`, `zoned:ZONE` or `unassigned` (blank: none).
public enum StaffCSV {
  /// Columns `write(people:)` produces, in order.
  public static let columns = [
    "id", "name", "department", "role", "certified", "legal", "drives", "homeTown",
    "currentPosting", "tenure", "preferredTowns", "unavailable", "pinned", "forbidden",
  ]

  /// Every column `read` understands.
  public static let knownColumns = columns + ["currentTown", "currentZone"]

  static let requiredColumns = ["id", "department", "role"]

  /// Reads the staff file at `path`.
  ///
  /// - Throws: `InputErrors` naming the file, the line (the header is line 1)
  ///   and the column of every problem found.
  public static func read(path: String) throws -> StaffList {
    try read(data: InstanceLoader.readFile(path), file: path)
  }

  /// Reads a staff CSV from bytes; `file` names it in error messages.
  public static func read(data: Data, file: String) throws -> StaffList {
    var bytes = data
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    guard let text = String(data: bytes, encoding: .utf8) else {
      throw InputErrors(
        InputError(
          file: file, message: "the file is not UTF-8 text",
          hint: "save it from the spreadsheet as \"CSV UTF-8\""))
    }
    return try read(text: text, file: file)
  }

  /// Reads a staff CSV from text; `file` names it in error messages.
  public static func read(text: String, file: String) throws -> StaffList {
    var text = text
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    if let line = unclosedQuoteLine(text) {
      throw InputErrors(
        InputError(
          file: file, location: "line \(line)",
          message: "a quoted field that starts on this line is never closed",
          hint: "close the quote with \", or write a quote inside a quoted field as \"\""))
    }
    let reader: CSVReader
    do {
      reader = try CSVReader(string: text, hasHeaderRow: true)
    } catch {
      throw InputErrors(
        InputError(file: file, message: "the file has no header row", hint: "start with: \(columns.joined(separator: ","))"))
    }
    let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
    var errors: [InputError] = []
    func fail(_ line: Int, _ column: String?, _ message: String, _ hint: String?) {
      let location = "line \(line)" + (column.map { ", column \($0)" } ?? "")
      errors.append(InputError(file: file, location: location, message: message, hint: hint))
    }

    let index = columnIndex(header, fail)
    if !errors.isEmpty { throw InputErrors(errors) }

    var people: [Person] = []
    var lines: [Int] = []
    var nextLine = 2 + newlineCount(reader.headerRow ?? [])
    while let row = reader.next() {
      let line = nextLine
      nextLine += 1 + newlineCount(row)
      if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
      if row.count != header.count {
        fail(
          line, nil, "row has \(row.count) fields but the header has \(header.count)",
          "check for an unquoted comma, or a missing or extra separator")
        continue
      }
      let person = person(row, index: index, line: line, fail)
      people.append(person)
      lines.append(line)
    }
    if let error = reader.error {
      errors.append(InputError(file: file, message: "cannot read the CSV (\(error))"))
    }
    if !errors.isEmpty { throw InputErrors(errors) }
    var columnNames: [String: String] = [:]
    if index["currentPosting"] == nil {
      columnNames["currentPosting"] = index["currentZone"] != nil ? "currentTown/currentZone" : "currentTown"
    }
    return StaffList(people: people, source: StaffSource(file: file, lines: lines, columns: columnNames))
  }

  /// A problem at a line (the header is line 1) and column: line, column, message, fix.
  private typealias Fail = (Int, String?, String, String?) -> Void

  /// The header's columns by key: every column known, none twice, the required ones present.
  private static func columnIndex(_ header: [String], _ fail: Fail) -> [String: Int] {
    var index: [String: Int] = [:]
    for (i, name) in header.enumerated() {
      guard let known = SheetCatalogue.column(name, in: SheetCatalogue.personColumns)?.key else {
        fail(
          1, name.isEmpty ? "\(i + 1)" : name, "unknown column '\(name)'",
          "use the columns: \(knownColumns.joined(separator: ", "))")
        continue
      }
      if index[known] != nil {
        fail(1, known, "column '\(known)' appears twice", "keep one")
      } else {
        index[known] = i
      }
    }
    for required in requiredColumns where index[required] == nil {
      fail(1, nil, "missing column '\(required)'", "add a '\(required)' column")
    }
    if index["currentPosting"] != nil && (index["currentTown"] != nil || index["currentZone"] != nil) {
      fail(
        1, "currentPosting", "both currentPosting and currentTown/currentZone columns",
        "use one way to give the current posting")
    }
    return index
  }

  /// One row's person; problems go to `fail` at `line`.
  private static func person(
    _ row: [String], index: [String: Int], line: Int, _ fail: Fail
  ) -> Person {
    func cell(_ column: String) -> String {
      guard let i = index[column] else { return "" }
      return row[i].trimmingCharacters(in: .whitespacesAndNewlines)
    }
    func flag(_ column: String) -> Bool {
      let value = cell(column)
      guard let parsed = parseBool(value) else {
        fail(line, column, "'\(value)' is not yes or no", "use yes/no, true/false, 1/0 or 是/否")
        return false
      }
      return parsed
    }
    func posting(_ column: String) -> Posting? {
      let value = cell(column)
      if value.isEmpty { return nil }
      guard let parsed = parsePosting(value) else {
        fail(
          line, column, "'\(value)' is not a posting",
          "write stationed:TOWN, zoned:ZONE or unassigned")
        return nil
      }
      return parsed
    }
    func postings(_ column: String) -> [Posting]? {
      let (list, bad) = parsePostings(cell(column))
      if let bad { fail(line, column, "'\(bad)' is not a posting", postingsFix) }
      return list.isEmpty ? nil : list
    }
    let id = cell("id")
    if id.isEmpty { fail(line, "id", "empty person id", "give every person a unique id") }
    let roleText = cell("role")
    let role = parseRole(roleText)
    if role == nil {
      fail(line, "role", "'\(roleText)' is not a role", "use officer or auxiliary (执法人员 or 协管员)")
    }
    var current: Posting?
    if index["currentPosting"] != nil {
      current = posting("currentPosting")
    } else {
      let town = cell("currentTown")
      let zone = cell("currentZone")
      if !town.isEmpty && !zone.isEmpty {
        fail(line, "currentZone", "both a current town and a current zone", "give one of them")
      } else if !town.isEmpty {
        current = .stationed(town: town)
      } else if !zone.isEmpty {
        current = .zoned(zone: zone)
      }
    }
    let tenureText = cell("tenure")
    var tenure = 0
    if !tenureText.isEmpty {
      if let value = Int(tenureText) {
        tenure = value
      } else {
        fail(line, "tenure", "'\(tenureText)' is not a whole number of quarters", "write 0, 1, 2, …")
      }
    }
    let preferred = cell("preferredTowns")
      .split(whereSeparator: { $0 == ";" || $0 == "；" })
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    let home = cell("homeTown")
    let name = cell("name")
    return Person(
      id: id, name: name.isEmpty ? id : name, department: cell("department"),
      role: role ?? .officer, certified: flag("certified"), legal: flag("legal"),
      drives: flag("drives"), homeTown: home.isEmpty ? nil : home, currentPosting: current,
      tenure: tenure, preferredTowns: preferred, unavailable: flag("unavailable"),
      pinned: posting("pinned"), forbidden: postings("forbidden"))
  }

  /// The people as a staff CSV (UTF-8, no BOM, header first, `\n` line ends),
  /// in the columns of `columns`; `read` gives the same people back.
  public static func write(people: [Person]) -> String {
    let stream = OutputStream.toMemory()
    do {
      let writer = try CSVWriter(stream: stream)
      try writer.write(row: columns)
      for p in people {
        try writer.write(row: [
          p.id, p.name, p.department, p.role.rawValue, yesNo(p.certified), yesNo(p.legal),
          yesNo(p.drives), p.homeTown ?? "", p.currentPosting.map { postingText($0) } ?? "",
          String(p.tenure), p.preferredTowns.joined(separator: ";"), yesNo(p.unavailable),
          p.pinned.map { postingText($0) } ?? "", (p.forbidden ?? []).map { postingText($0) }.joined(separator: ";"),
        ])
      }
      writer.stream.close()
    } catch {
      // Writing to memory does not fail; keep whatever was written.
    }
    let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  // MARK: - Cells

  /// yes/no, true/false, 1/0, y/n, 是/否; blank is no; nil when none of these.
  public static func parseBool(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "", "no", "n", "false", "0", "否": false
    case "yes", "y", "true", "1", "是": true
    default: nil
    }
  }

  /// `officer` or `auxiliary` (also 执法人员/民警 and 协管员/辅助人员/辅警).
  public static func parseRole(_ text: String) -> Role? {
    switch text.lowercased() {
    case "officer", "执法人员", "民警", "执法队员": .officer
    case "auxiliary", "aux", "协管员", "辅助人员", "辅警", "协辅人员": .auxiliary
    default: nil
    }
  }

  /// `stationed:TOWN`, `zoned:ZONE` or `unassigned`; in Chinese `派驻:镇街`,
  /// `包片:片区`, `未安排`. The town or zone may be an id or a name.
  public static func parsePosting(_ text: String) -> Posting? {
    if ["unassigned", "未安排", "无"].contains(text.lowercased()) { return .unassigned }
    guard let colon = text.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
    let mode = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
    let id = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    guard !id.isEmpty else { return nil }
    switch mode {
    case "stationed", "派驻": return .stationed(town: id)
    case "zoned", "包片": return .zoned(zone: id)
    default: return nil
    }
  }

  /// Postings in one cell, separated by `;` (or `；`, `、`), each as
  /// `parsePosting` reads it: the postings read, and the first text that is
  /// no posting (nil when every one is).
  public static func parsePostings(_ text: String) -> (postings: [Posting], bad: String?) {
    var postings: [Posting] = []
    let parts = text.split(whereSeparator: { $0 == ";" || $0 == "；" || $0 == "、" })
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    for part in parts {
      guard let posting = parsePosting(part) else { return (postings, part) }
      postings.append(posting)
    }
    return (postings, nil)
  }

  /// The fix for a cell of postings that does not read.
  public static let postingsFix =
    "write postings separated by ';': stationed:TOWN or zoned:ZONE (派驻:镇街, 包片:片区)"

  /// A posting as a cell: `stationed:TOWN`, `zoned:ZONE`, `unassigned`
  /// (with `.zh`: `派驻:TOWN`, `包片:ZONE`, `未安排`).
  public static func postingText(_ posting: Posting, _ language: SheetLanguage = .en) -> String {
    switch (posting, language) {
    case (.stationed(let town), .en): "stationed:\(town)"
    case (.zoned(let zone), .en): "zoned:\(zone)"
    case (.unassigned, .en): "unassigned"
    case (.stationed(let town), .zh): "派驻:\(town)"
    case (.zoned(let zone), .zh): "包片:\(zone)"
    case (.unassigned, .zh): "未安排"
    }
  }

  static func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }

  /// Line breaks inside the fields of one record (CR LF counts once).
  static func newlineCount(_ fields: [String]) -> Int {
    var count = 0
    for field in fields {
      var previousCR = false
      for scalar in field.unicodeScalars {
        if scalar == "\r" {
          count += 1
          previousCR = true
        } else {
          if scalar == "\n" && !previousCR { count += 1 }
          previousCR = false
        }
      }
    }
    return count
  }

  /// The line where a quoted field opens and never closes, if any.
  public static func unclosedQuoteLine(_ text: String) -> Int? {
    var line = 1
    var inQuotes = false
    var openedAt = 1
    var previousCR = false
    for scalar in text.unicodeScalars {
      if scalar == "\"" {
        inQuotes.toggle()
        if inQuotes { openedAt = line }
      }
      if scalar == "\r" {
        line += 1
      } else if scalar == "\n" && !previousCR {
        line += 1
      }
      previousCR = scalar == "\r"
    }
    return inQuotes ? openedAt : nil
  }
}
