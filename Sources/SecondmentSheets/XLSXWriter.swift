import Foundation
import ZIPFoundation

/// Writes sheets of cells as an Excel workbook (.xlsx, Office Open XML).
///
/// Strings are written inline, numbers in their shortest exact form, the
/// first row of every sheet bold and frozen, columns sized to their text.
/// The same workbook always gives the same bytes (entries carry a fixed date).
public enum XLSXWriter {
  /// The workbook as .xlsx bytes.
  public static func data(_ workbook: Workbook) throws -> Data {
    let archive = try Archive(accessMode: .create)
    let stamp = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01, so bytes repeat
    func add(_ path: String, _ text: String) throws {
      let bytes = Data(text.utf8)
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: stamp,
        compressionMethod: .deflate
      ) { position, size in
        bytes.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    let sheets = workbook.sheets.isEmpty ? [Sheet(name: "Sheet1", rows: [])] : workbook.sheets
    let count = sheets.count
    try add("[Content_Types].xml", contentTypes(count))
    try add("_rels/.rels", packageRelationships)
    try add("xl/workbook.xml", workbookXML(sheets.map { safeName($0.name) }))
    try add("xl/_rels/workbook.xml.rels", workbookRelationships(count))
    try add("xl/styles.xml", styles)
    for (i, sheet) in sheets.enumerated() {
      try add("xl/worksheets/sheet\(i + 1).xml", sheetXML(sheet))
    }
    guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
    return data
  }

  /// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
  static func safeName(_ name: String) -> String {
    let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 })
    return String(cleaned.prefix(31))
  }

  static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        // XML 1.0 forbids other control characters; drop them.
        if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }

  static func sheetXML(_ sheet: Sheet) -> String {
    let columns = sheet.rows.map(\.count).max() ?? 0
    var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
    if sheet.rows.count > 1 {
      xml += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
    }
    if columns > 0 {
      xml += "<cols>"
      for c in 0..<columns {
        let widest = sheet.rows.prefix(200).map { c < $0.count ? Workbook.displayWidth($0[c].text) : 0 }.max() ?? 0
        xml += #"<col min="\#(c + 1)" max="\#(c + 1)" width="\#(min(60, max(8, widest + 2)))" customWidth="1"/>"#
      }
      xml += "</cols>"
    }
    xml += "<sheetData>"
    for (r, row) in sheet.rows.enumerated() {
      xml += #"<row r="\#(r + 1)">"#
      for (c, cell) in row.enumerated() {
        let ref = "\(Workbook.column(c))\(r + 1)"
        let style = r == 0 ? #" s="1""# : ""
        switch cell {
        case .empty: continue
        case .text(let s):
          xml += #"<c r="\#(ref)"\#(style) t="inlineStr"><is><t xml:space="preserve">\#(escape(s))</t></is></c>"#
        case .number(let x):
          guard x.isFinite else { continue }
          xml += #"<c r="\#(ref)"\#(style)><v>\#(Cell.format(x))</v></c>"#
        case .bool(let b):
          xml += #"<c r="\#(ref)"\#(style) t="b"><v>\#(b ? 1 : 0)</v></c>"#
        }
      }
      xml += "</row>"
    }
    xml += "</sheetData></worksheet>"
    return xml
  }

  static func contentTypes(_ sheets: Int) -> String {
    var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    xml += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
    xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
    xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
    xml += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
    xml += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
    for i in 1...sheets {
      xml += #"<Override PartName="/xl/worksheets/sheet\#(i).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
    }
    return xml + "</Types>"
  }

  static let packageRelationships =
    #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#

  static func workbookXML(_ names: [String]) -> String {
    var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    xml += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
    for (i, name) in names.enumerated() {
      xml += #"<sheet name="\#(escape(name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
    }
    return xml + "</sheets></workbook>"
  }

  static func workbookRelationships(_ sheets: Int) -> String {
    var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    xml += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    for i in 1...sheets {
      xml += #"<Relationship Id="rId\#(i)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i).xml"/>"#
    }
    xml += #"<Relationship Id="rId\#(sheets + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
    return xml + "</Relationships>"
  }

  static let styles =
    #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
    + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
    + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
    + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
    + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
    + #"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#
    + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
    + "</styleSheet>"
}
