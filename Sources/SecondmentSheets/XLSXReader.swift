import Foundation
import SWXMLHash
import SecondmentDomain
import ZIPFoundation

/// Reads an Excel workbook (.xlsx, Office Open XML) into sheets of cells.
///
/// Understands shared strings (plain and rich text), inline strings, formula
/// strings, numbers, booleans and empty cells; cells may skip columns (their
/// `r` reference places them). Styles, dates, merged cells and formulas are
/// not interpreted: a cell is its stored value.
public enum XLSXReader {
  /// The largest part of a workbook read (uncompressed bytes), so that a
  /// damaged or hostile file cannot exhaust memory.
  public static let maximumPartBytes: Int64 = 64 << 20

  /// Reads the workbook at `path`; `file` names it in errors (defaults to `path`).
  ///
  /// - Throws: `InputErrors` naming the file when it is missing, not a zip
  ///   archive, or lacks the parts every workbook has.
  public static func read(path: String) throws -> Workbook {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      let exists = FileManager.default.fileExists(atPath: path)
      throw InputErrors(
        InputError(
          file: path, message: exists ? "cannot read the file" : "no such file",
          hint: exists ? "check its permissions" : "check the path and the working folder"))
    }
    return try read(data: data, file: path)
  }

  /// Reads a workbook from its bytes; `file` names it in errors.
  public static func read(data: Data, file: String) throws -> Workbook {
    func broken(_ message: String) -> InputErrors {
      InputErrors(
        InputError(
          file: file, message: message,
          hint: "save the file from Excel or LibreOffice as an Excel workbook (.xlsx)"))
    }
    guard data.starts(with: [0x50, 0x4B]) else {
      throw broken("not an Excel workbook (.xlsx is a zip archive; this file is not one)")
    }
    let archive: Archive
    do {
      archive = try Archive(data: data, accessMode: .read)
    } catch {
      throw broken("the workbook is damaged (its zip archive cannot be opened)")
    }
    func part(_ path: String) throws -> Data? {
      guard let entry = archive[path] else { return nil }
      guard Int64(entry.uncompressedSize) <= maximumPartBytes else {
        throw broken("the workbook part \(path) is larger than \(maximumPartBytes >> 20) MiB")
      }
      var bytes = Data()
      do {
        _ = try archive.extract(entry) { bytes.append($0) }
      } catch {
        throw broken("the workbook part \(path) is damaged")
      }
      return bytes
    }
    guard let workbookXML = try part("xl/workbook.xml") else {
      throw broken("not an Excel workbook (no xl/workbook.xml inside)")
    }
    var targets: [String: String] = [:]
    if let rels = try part("xl/_rels/workbook.xml.rels") {
      for rel in XMLHash.parse(rels)["Relationships"]["Relationship"].all {
        if let id = rel.element?.attribute(by: "Id")?.text,
          let target = rel.element?.attribute(by: "Target")?.text
        {
          targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
      }
    }
    let shared = try part("xl/sharedStrings.xml").map(sharedStrings) ?? []
    var sheets: [Sheet] = []
    let listed = XMLHash.parse(workbookXML)["workbook"]["sheets"]["sheet"].all
    for (i, entry) in listed.enumerated() {
      guard let element = entry.element else { continue }
      let name = element.attribute(by: "name")?.text ?? "Sheet\(i + 1)"
      let relation = element.allAttributes.first { $0.key.hasSuffix(":id") }?.value.text
      let path = relation.flatMap { targets[$0] } ?? "xl/worksheets/sheet\(i + 1).xml"
      guard let xml = try part(path) else {
        throw broken("the sheet '\(name)' is listed but its part \(path) is missing")
      }
      sheets.append(Sheet(name: name, rows: try rows(of: xml, shared: shared, sheet: name, file: file)))
    }
    return Workbook(sheets: sheets)
  }

  /// The text of every shared string, rich-text runs joined, phonetic runs left out.
  static func sharedStrings(_ xml: Data) -> [String] {
    XMLHash.parse(xml)["sst"]["si"].all.map(text)
  }

  /// The text of an `<si>` or `<is>` element: its `<t>`, or its runs' `<t>`s joined.
  static func text(_ node: XMLIndexer) -> String {
    let direct = node["t"].all.compactMap { $0.element?.text }
    if !direct.isEmpty { return direct.joined() }
    return node["r"].all.compactMap { $0["t"].element?.text }.joined()
  }

  static func rows(of xml: Data, shared: [String], sheet: String, file: String) throws -> [[Cell]] {
    var rows: [[Cell]] = []
    for rowNode in XMLHash.parse(xml)["worksheet"]["sheetData"]["row"].all {
      let rowNumber = rowNode.element?.attribute(by: "r").flatMap { Int($0.text) } ?? (rows.count + 1)
      guard rowNumber >= 1, rowNumber <= 1_048_576 else { continue }
      while rows.count < rowNumber { rows.append([]) }
      var cells: [Cell] = []
      for cellNode in rowNode["c"].all {
        guard let element = cellNode.element else { continue }
        var column = cells.count
        if let ref = element.attribute(by: "r")?.text,
          let index = Workbook.columnIndex(ref.prefix { $0.isLetter })
        {
          column = index
        }
        while cells.count < column { cells.append(.empty) }
        let value = cellNode["v"].element?.text
        let cell: Cell
        switch element.attribute(by: "t")?.text ?? "n" {
        case "s":
          guard let index = value.flatMap({ Int($0) }), index >= 0, index < shared.count else {
            throw InputErrors(
              InputError(
                file: file, location: Workbook.place(sheet: sheet, row: rowNumber - 1, column: column, header: nil),
                message: "the cell points at a shared string the workbook does not have",
                hint: "the workbook is damaged; open and save it again in Excel or LibreOffice"))
          }
          cell = .text(shared[index])
        case "inlineStr": cell = .text(text(cellNode["is"]))
        case "str": cell = .text(value ?? "")
        case "b": cell = .bool(value == "1" || value == "true")
        case "e": cell = .text(value ?? "")
        default:
          if let value, !value.isEmpty {
            cell = Double(value).map { .number($0) } ?? .text(value)
          } else {
            cell = .empty
          }
        }
        if column < cells.count { cells[column] = cell } else { cells.append(cell) }
      }
      rows[rowNumber - 1] = cells
    }
    return rows
  }
}
