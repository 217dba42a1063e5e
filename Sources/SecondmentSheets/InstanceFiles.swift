import Foundation
import SecondmentDomain

/// An instance loaded from any of its forms, with the reader's notes.
public struct LoadedInstance: Sendable {
  public var instance: Instance
  /// Sheets and columns ignored, one line each (empty for JSON).
  public var notes: [String]
}

/// Instance files in every form a planner has them: JSON, an Excel workbook
/// (.xlsx), or a folder of CSV files; a staff list as CSV or a workbook.
public enum InstanceFiles {
  /// Loads, resolves names in, and validates an instance.
  ///
  /// - Parameters:
  ///   - path: a `.json` file, an `.xlsx` workbook, or a folder of CSV files.
  ///   - staff: a staff list (`.csv`, or `.xlsx` with a people sheet) whose
  ///     people replace the instance's.
  ///   - encoding: the CSV files' encoding; nil detects UTF-8 or GB18030.
  /// - Throws: `InputErrors` naming the file and the place (JSON path, or
  ///   sheet, row and column) of every problem.
  public static func load(
    path: String, staff: String? = nil, encoding: TextEncoding? = nil
  ) throws -> LoadedInstance {
    var notes: [String] = []
    var sheets: SheetInstance?
    var instance: Instance
    switch Workbook.form(of: path) {
    case .json:
      instance = try InstanceLoader.decode(InstanceLoader.readFile(path), file: path)
    case .workbook:
      let read = try InstanceSheets.read(XLSXReader.read(path: path), file: path, needPeople: staff == nil)
      sheets = read
      instance = read.instance
    case .csvFolder:
      let read = try InstanceSheets.read(
        CSVFolder.read(folder: path, encoding: encoding), file: path,
        sheetFile: { (path as NSString).appendingPathComponent($0 + ".csv") }, needPeople: staff == nil)
      sheets = read
      instance = read.instance
    }
    notes += sheets?.notes ?? []
    var staffSource: StaffSource?
    var staffSheets: SheetInstance?
    if let staff {
      if Workbook.form(of: staff) == .workbook {
        let read = try InstanceSheets.readStaff(XLSXReader.read(path: staff), file: staff)
        staffSheets = read
        instance.people = read.instance.people
        notes += read.notes
      } else {
        let data = try InstanceLoader.readFile(staff)
        guard let text = TextEncoding.decode(data, as: encoding) else {
          throw InputErrors(
            InputError(
              file: staff, message: "the file is neither UTF-8 nor GB18030 text",
              hint: "save it from the spreadsheet as \"CSV UTF-8\", or name its encoding with --encoding"))
        }
        let list = try StaffCSV.read(text: text, file: staff)
        instance.people = list.people
        staffSource = list.source
      }
    }
    do {
      let ready = try InstanceLoader.prepare(
        instance, file: path, staff: staffSource, peopleFile: staffSheets == nil ? nil : staff)
      return LoadedInstance(instance: ready, notes: notes)
    } catch let errors as InputErrors {
      throw InputErrors(
        errors.errors.map { error in
          var moved = error
          if let staffSheets, error.location?.hasPrefix("people[") == true {
            moved = staffSheets.relocate(error, instanceFile: path)
          } else if let sheets {
            moved = sheets.relocate(error, instanceFile: path)
          }
          return moved
        })
    }
  }

  /// The forms an instance can be written in.
  public enum Form: Sendable { case json, workbook, csvFolder }

  /// Writes an instance atomically: JSON, a workbook, or a folder of CSV
  /// files (each file atomically).
  public static func write(
    _ instance: Instance, to path: String, form: Form, language: SheetLanguage = .en
  ) throws {
    switch form {
    case .json: try InstanceLoader.write(instance, to: path)
    case .workbook:
      try AtomicFile.write(XLSXWriter.data(InstanceSheetWriter.workbook(instance, language: language)), to: path)
    case .csvFolder:
      try CSVFolder.write(InstanceSheetWriter.workbook(instance, language: language), to: path)
    }
  }
}
