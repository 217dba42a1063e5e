import CSV
import Foundation
import SecondmentDomain

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The text encodings a planner's CSV files come in.
public enum TextEncoding: String, Sendable, CaseIterable {
  /// UTF-8, with or without a byte-order mark ("CSV UTF-8" in Excel).
  case utf8 = "utf-8"
  /// GB18030 (a superset of GBK and GB2312): what Excel on Chinese Windows
  /// writes for "CSV (comma delimited)".
  case gb18030

  /// `utf-8`/`utf8` or `gb18030`/`gbk`/`gb2312` (any case); nil otherwise.
  public init?(name: String) {
    switch name.lowercased() {
    case "utf-8", "utf8": self = .utf8
    case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
    default: return nil
    }
  }

  /// Decodes bytes: with `encoding` nil, UTF-8 when they are valid UTF-8 and
  /// GB18030 otherwise. A leading byte-order mark is dropped.
  public static func decode(_ data: Data, as encoding: TextEncoding?) -> String? {
    var bytes = data
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    switch encoding {
    case .utf8: return String(data: bytes, encoding: .utf8)
    case .gb18030: return gb18030(Data(bytes))
    case nil: return String(data: bytes, encoding: .utf8) ?? gb18030(Data(bytes))
    }
  }

  /// GB18030 bytes as text, through the C library's iconv; nil when invalid.
  static func gb18030(_ data: Data) -> String? {
    let converter = iconv_open("UTF-8", "GB18030")
    guard converter != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(converter) }
    var input = [CChar](repeating: 0, count: data.count)
    data.withUnsafeBytes { raw in
      for (i, byte) in raw.enumerated() { input[i] = CChar(bitPattern: byte) }
    }
    var output = [CChar](repeating: 0, count: data.count * 2 + 16)
    var inLeft = input.count
    var outLeft = output.count
    let ok = input.withUnsafeMutableBufferPointer { inBuffer -> Bool in
      output.withUnsafeMutableBufferPointer { outBuffer -> Bool in
        var inPointer = inBuffer.baseAddress
        var outPointer = outBuffer.baseAddress
        return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 && inLeft == 0
      }
    }
    guard ok else { return nil }
    let produced = output.count - outLeft
    return String(decoding: output.prefix(produced).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

/// A folder of CSV files read as a workbook: each `NAME.csv` is the sheet `NAME`.
///
/// Every cell is text (numbers are read from it later); rows keep their
/// physical line numbers only as their order, since a quoted cell may span
/// lines (the row number in errors is the record's number, header = row 1).
public enum CSVFolder {
  /// Reads every `.csv` file of the folder, in name order.
  ///
  /// - Throws: `InputErrors` naming the file for an unreadable file, text
  ///   in neither UTF-8 nor GB18030, or a quote never closed.
  public static func read(folder: String, encoding: TextEncoding? = nil) throws -> Workbook {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder)
        .filter { $0.lowercased().hasSuffix(".csv") && !$0.hasPrefix(".") }.sorted()
    } catch {
      throw InputErrors(InputError(file: folder, message: "cannot list the folder", hint: "check its permissions"))
    }
    guard !names.isEmpty else {
      throw InputErrors(
        InputError(
          file: folder, message: "the folder has no .csv files",
          hint: "put towns.csv, departments.csv, people.csv (and optionally zones.csv, travel.csv, policy.csv) in it"))
    }
    var sheets: [Sheet] = []
    for name in names {
      let path = (folder as NSString).appendingPathComponent(name)
      sheets.append(try readSheet(path: path, name: String(name.dropLast(4)), encoding: encoding))
    }
    return Workbook(sheets: sheets)
  }

  /// Reads one CSV file as a sheet called `name`.
  public static func readSheet(path: String, name: String, encoding: TextEncoding?) throws -> Sheet {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputErrors(InputError(file: path, message: "cannot read the file", hint: "check the path and its permissions"))
    }
    guard let text = TextEncoding.decode(data, as: encoding) else {
      throw InputErrors(
        InputError(
          file: path,
          message: encoding.map { "the file is not valid \($0.rawValue) text" }
            ?? "the file is neither UTF-8 nor GB18030 text",
          hint: "save it from the spreadsheet as \"CSV UTF-8\", or name its encoding with --encoding"))
    }
    return try sheet(text: text, name: name, file: path)
  }

  /// Parses CSV text into a sheet (comma separated, double-quoted fields).
  public static func sheet(text: String, name: String, file: String) throws -> Sheet {
    if let line = StaffCSV.unclosedQuoteLine(text) {
      throw InputErrors(
        InputError(
          file: file, location: "line \(line)",
          message: "a quoted field that starts on this line is never closed",
          hint: "close the quote with \", or write a quote inside a quoted field as \"\""))
    }
    var rows: [[Cell]] = []
    do {
      let reader = try CSVReader(string: text, hasHeaderRow: false)
      while let row = reader.next() {
        rows.append(row.map { $0.isEmpty ? .empty : .text($0) })
      }
    } catch {
      throw InputErrors(
        InputError(
          file: file, message: "cannot read the CSV (\(error))",
          hint: "save it from the spreadsheet as comma-separated \"CSV UTF-8\""))
    }
    while let last = rows.last, last.allSatisfy({ $0.isEmpty }) { rows.removeLast() }
    return Sheet(name: name, rows: rows)
  }

  /// One sheet as CSV text: UTF-8 with a byte-order mark (so Excel reads the
  /// Chinese right), `\r\n` line ends, fields quoted where they need it.
  public static func text(_ sheet: Sheet) -> String {
    var out = "\u{FEFF}"
    for row in sheet.rows {
      out += row.map { quote($0.text) }.joined(separator: ",") + "\r\n"
    }
    return out
  }

  static func quote(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return field
    }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Writes each sheet as `NAME.csv` in `folder` (created if missing), each
  /// file atomically.
  public static func write(_ workbook: Workbook, to folder: String) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for sheet in workbook.sheets {
      let path = (folder as NSString).appendingPathComponent(sheet.name + ".csv")
      try AtomicFile.write(Data(text(sheet).utf8), to: path)
    }
  }
}
