import Foundation
import SecondmentDomain

/// Reads an item catalogue and a year's workload (docs/workload.md) from
/// CSV files or a workbook with the sheets `items` (事项目录) and `workload`
/// (工作量).
///
/// Towns and departments may be written by id or by the names a planner
/// uses; with an instance they resolve to its ids and an unknown name is a
/// problem at its cell.
public enum WorkloadSheets {
  /// - Parameters:
  ///   - path: the workload: a CSV file, or a workbook (its `workload` sheet,
  ///     and its `items` sheet when `items` is nil).
  ///   - items: the catalogue, a CSV file or a workbook; nil when `path` is a
  ///     workbook holding it.
  /// - Throws: `InputErrors` naming the file, row and column of every problem.
  public static func read(
    path: String, items itemsPath: String?, instance: Instance?, encoding: TextEncoding? = nil
  ) throws -> Workload {
    let names = instance.map(NameIndex.init)
    var log = SheetLog()
    let catalogueFile = itemsPath ?? path
    guard
      let (itemSheet, itemOrigin) = try sheet(
        catalogueFile, SheetCatalogue.itemsSheet, alone: itemsPath != nil, encoding: encoding)
    else {
      throw InputErrors(
        InputError(
          file: path, message: "no item catalogue: the workbook has no 'items' sheet (事项目录)",
          hint: "add the sheet, or give the catalogue with --items FILE"))
    }
    let items = readItems(itemSheet, itemOrigin, names: names, log: &log)
    guard
      let (recordSheet, recordOrigin) = try sheet(
        path, SheetCatalogue.workloadSheet, alone: itemsPath != nil, encoding: encoding)
    else {
      throw InputErrors(
        InputError(
          file: path, message: "no 'workload' sheet (工作量)", hint: "name the sheet 'workload' or '工作量'"))
    }
    let records = readRecords(recordSheet, recordOrigin, items: items, names: names, log: &log)
    if !log.errors.isEmpty { throw InputErrors(log.errors) }
    return Workload(items: items, records: records)
  }

  /// The sheet named `name` in a workbook (or its only sheet when `alone`),
  /// or the CSV file itself.
  static func sheet(
    _ path: String, _ name: SheetCatalogue.Name, alone: Bool, encoding: TextEncoding?
  ) throws -> (Sheet, SheetOrigin)? {
    guard Workbook.form(of: path) == .workbook else {
      return (try CSVFolder.readSheet(path: path, name: name.key, encoding: encoding), SheetOrigin(file: path, sheet: nil))
    }
    let book = try XLSXReader.read(path: path)
    guard
      let found = book.sheets.first(where: { name.matches($0.name) })
        ?? (alone && book.sheets.count == 1 ? book.sheets.first : nil)
    else { return nil }
    return (found, SheetOrigin(file: path, sheet: found.name))
  }

  static func readItems(
    _ sheet: Sheet, _ origin: SheetOrigin, names: NameIndex?, log: inout SheetLog
  ) -> [WorkItem] {
    let before = log.errors.count
    let t = BoundTable(
      sheet, origin: origin, columns: SheetCatalogue.itemColumns, required: ["id", "category", "department"],
      log: &log)
    guard log.errors.count == before else { return [] }
    var items: [WorkItem] = []
    var seen = Set<String>()
    for r in t.rows {
      let id = t.text(r, "id")
      guard !id.isEmpty, seen.insert(id).inserted else {
        log.fail(t.place(r, "id"), id.isEmpty ? "no item id" : "item '\(id)' appears twice", "give every item its own id")
        continue
      }
      let word = t.text(r, "category")
      guard
        let category = SheetCatalogue.itemCategories.first(where: { _, words in
          words.contains { NameIndex.key($0) == NameIndex.key(word) }
        })?.0
      else {
        log.fail(
          t.place(r, "category"), "'\(word)' is not an item category",
          "write statutory, delegated, entrusted or joint (法定, 赋权, 委托, 综合查一次)")
        continue
      }
      var departments: [String] = []
      for written in t.list(r, "department") {
        guard let department = resolve(written, names?.department(written), at: t.place(r, "department"), "department", log: &log)
        else { continue }
        departments.append(department)
      }
      if departments.isEmpty {
        log.fail(t.place(r, "department"), "item '\(id)' names no department", "write the department's id or Chinese name")
      } else if departments.count > 1 && category != .joint {
        log.fail(
          t.place(r, "department"), "item '\(id)' names \(departments.count) departments",
          "an item belongs to one department; several inspect together only in a joint scenario (综合查一次)")
      }
      func hours(_ key: String) -> Double {
        guard let x = t.number(r, key, log: &log) else { return 0 }
        if x < 0 || x > 10_000 {
          log.fail(t.place(r, key), "\(Cell.format(x)) hours", "write the working hours one of them takes, 0 to 10000")
          return 0
        }
        return x
      }
      let certified = t.columns["certified"] != nil && !t.text(r, "certified").isEmpty ? t.flag(r, "certified", log: &log) : false
      items.append(
        WorkItem(
          id: id, name: t.text(r, "name").isEmpty ? id : t.text(r, "name"), category: category,
          departments: departments, hoursPerInvocation: hours("hoursPerInvocation"),
          hoursPerCase: hours("hoursPerCase"), hoursPerInspection: hours("hoursPerInspection"),
          certified: certified))
    }
    return items
  }

  static func readRecords(
    _ sheet: Sheet, _ origin: SheetOrigin, items: [WorkItem], names: NameIndex?, log: inout SheetLog
  ) -> [WorkRecord] {
    let before = log.errors.count
    let t = BoundTable(sheet, origin: origin, columns: SheetCatalogue.workloadColumns, required: ["town", "item"], log: &log)
    guard log.errors.count == before else { return [] }
    let byID = Set(items.map(\.id))
    let byName = Dictionary(grouping: items, by: { NameIndex.key($0.name) })
    var records: [WorkRecord] = []
    for r in t.rows {
      guard let town = resolve(t.text(r, "town"), names.map { $0.town(t.text(r, "town")) }, at: t.place(r, "town"), "town", log: &log)
      else { continue }
      let written = t.text(r, "item")
      let item: String
      if byID.contains(written) {
        item = written
      } else if let named = byName[NameIndex.key(written)], named.count == 1 {
        item = named[0].id
      } else {
        log.fail(
          t.place(r, "item"), written.isEmpty ? "no item named" : "'\(written)' is not an item of the catalogue",
          "write the item's id or name as the catalogue (事项目录) has it")
        continue
      }
      func count(_ key: String) -> Int {
        guard let n = t.whole(r, key, log: &log) else { return 0 }
        if n < 0 { log.fail(t.place(r, key), "\(n) is negative", "write a count of 0 or more") }
        return max(0, n)
      }
      records.append(
        WorkRecord(
          town: town, item: item, invocations: count("invocations"), cases: count("cases"),
          inspections: count("inspections")))
    }
    return records
  }

  /// A town or department as written resolved to an id (as written without an instance).
  static func resolve(_ written: String, _ match: NameMatch?, at place: Place, _ what: String, log: inout SheetLog) -> String? {
    if written.isEmpty {
      log.fail(place, "no \(what) named", "write the \(what)'s id or Chinese name")
      return nil
    }
    switch match {
    case nil: return written
    case .id(let id)?: return id
    case .ambiguous(let ids)?:
      log.fail(place, "'\(written)' could be any of several \(what)s: \(ids.joined(separator: ", "))", "write the id of the one meant")
    case .unknown?:
      log.fail(place, "no \(what) '\(written)' in the instance", "write the \(what)'s id or Chinese name as the instance has it")
    }
    return nil
  }
}
