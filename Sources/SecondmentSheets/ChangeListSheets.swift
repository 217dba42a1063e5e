import Foundation
import SecondmentDomain

/// Reads a change list (`docs/replanning.md`, Change list) from a CSV file
/// or a workbook (its `changes` sheet, or its only sheet).
///
/// Columns: `person` and `change` always; for `joins` the new person's
/// `name`, `department`, `role`, `certified`, `legal`, `drives`, `homeTown`,
/// `preferredTowns`; for `pin` the `posting`; for `demand` the `town`,
/// `department` and `fte`. English or Chinese headers (`SheetCatalogue`).
public enum ChangeListSheets {
  /// - Throws: `InputErrors` naming the file, row and column of every problem.
  public static func read(path: String, encoding: TextEncoding? = nil) throws -> ChangeList {
    let sheet: Sheet
    let origin: SheetOrigin
    if Workbook.form(of: path) == .workbook {
      let book = try XLSXReader.read(path: path)
      guard
        let found = book.sheets.first(where: { SheetCatalogue.changesSheet.matches($0.name) })
          ?? (book.sheets.count == 1 ? book.sheets.first : nil)
      else {
        throw InputErrors(
          InputError(file: path, message: "no 'changes' sheet (变动)", hint: "name the sheet 'changes' or '变动', or keep only one sheet"))
      }
      sheet = found
      origin = SheetOrigin(file: path, sheet: found.name)
    } else {
      sheet = try CSVFolder.readSheet(path: path, name: "changes", encoding: encoding)
      origin = SheetOrigin(file: path, sheet: nil)
    }
    var log = SheetLog()
    let t = BoundTable(sheet, origin: origin, columns: SheetCatalogue.changeColumns, required: ["person", "change"], log: &log)
    if !log.errors.isEmpty { throw InputErrors(log.errors) }
    var lines: [ChangeList.Line] = []
    for r in t.rows {
      let place = t.place(r, nil).location
      let who = t.text(r, "person")
      let word = t.text(r, "change")
      guard let kind = ChangeList.words.first(where: { w in ([w.key] + w.aliases).contains { NameIndex.key($0) == NameIndex.key(word) } })?.key else {
        log.fail(
          t.place(r, "change"), "'\(word)' is not a change",
          "write one of: " + ChangeList.words.map(\.key).joined(separator: ", ") + " (离开, 加入, 休假, 返岗, 固定, 取消固定, 需求)")
        continue
      }
      if who.isEmpty && kind != "demand" {
        log.fail(t.place(r, "person"), "no person named", "write the person's id or name")
        continue
      }
      switch kind {
      case "leaves": lines.append(.init(.leaves(person: who), place: place))
      case "on-leave": lines.append(.init(.onLeave(person: who), place: place))
      case "returns": lines.append(.init(.returns(person: who), place: place))
      case "unpin": lines.append(.init(.unpin(person: who), place: place))
      case "pin":
        guard let posting = StaffCSV.parsePosting(t.text(r, "posting")) else {
          log.fail(t.place(r, "posting"), "'\(t.text(r, "posting"))' is not a posting", "write stationed:TOWN or zoned:ZONE (派驻:镇街, 包片:片区)")
          continue
        }
        lines.append(.init(.pin(person: who, posting: posting), place: place))
      case "demand":
        guard let fte = t.number(r, "fte", log: &log), fte >= 0 else {
          log.fail(t.place(r, "fte"), "no demand in FTE", "write the new demand, 0 or more FTE")
          continue
        }
        lines.append(.init(.demand(town: t.text(r, "town"), department: t.text(r, "department"), fte: fte), place: place))
      default:  // joins
        guard let role = StaffCSV.parseRole(t.text(r, "role")) else {
          log.fail(t.place(r, "role"), "'\(t.text(r, "role"))' is not a role", "write officer or auxiliary (执法人员 or 协管员)")
          continue
        }
        if t.text(r, "department").isEmpty {
          log.fail(t.place(r, "department"), "a new person needs a department", "write the department's id or Chinese name")
          continue
        }
        // A name in the person column (no id given): the id is made from the row.
        let isID = who.unicodeScalars.allSatisfy { $0.isASCII }
        let name = t.text(r, "name").isEmpty ? who : t.text(r, "name")
        let id = isID ? who : "joined-\(r + 1)"
        let home = t.text(r, "homeTown")
        lines.append(
          .init(
            .joins(
              Person(
                id: id, name: name, department: t.text(r, "department"), role: role,
                certified: t.flag(r, "certified", log: &log), legal: t.flag(r, "legal", log: &log),
                drives: t.flag(r, "drives", log: &log), homeTown: home.isEmpty ? nil : home,
                preferredTowns: t.list(r, "preferredTowns"))),
            place: place))
      }
    }
    if !log.errors.isEmpty { throw InputErrors(log.errors) }
    return ChangeList(file: path, lines: lines)
  }
}
