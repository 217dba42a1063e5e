import Foundation
import SecondmentDomain

/// An instance read from a workbook or a CSV folder, with what the reader noticed.
public struct SheetInstance: Sendable {
  public var instance: Instance
  /// Sheets and columns ignored, one line each, for the planner to see.
  public var notes: [String]
  /// Where each JSON path was read, to move validation's problems onto cells.
  var log: SheetLog

  /// The problem moved to the sheet, row and column it comes from, when known.
  public func relocate(_ error: InputError, instanceFile: String) -> InputError {
    log.relocate(error, instanceFile: instanceFile)
  }
}

/// An instance as sheets of a workbook (`docs/instance-format.md`, Workbook).
///
/// Sheets `instance` (key, value), `departments`, `towns` (one demand column
/// per department), `people`, `zones` (optional), `travel` (optional, a town
/// by town matrix) and `policy` (key, value), under their English or Chinese
/// names (`SheetCatalogue`). Other sheets and columns are ignored with a note.
public enum InstanceSheets {
  /// Reads an instance from a workbook's sheets.
  ///
  /// - Parameters:
  ///   - file: the workbook or folder as the planner named it.
  ///   - sheetFile: for a CSV folder, the file of each sheet; nil for a workbook.
  ///   - needPeople: whether a people sheet is required (not with `--staff`).
  /// - Throws: `InputErrors` naming file, sheet, row and column of every problem.
  public static func read(
    _ workbook: Workbook, file: String, sheetFile: ((String) -> String)? = nil, needPeople: Bool = true
  ) throws -> SheetInstance {
    var log = SheetLog()
    func origin(_ sheet: Sheet) -> SheetOrigin {
      if let sheetFile { return SheetOrigin(file: sheetFile(sheet.name), sheet: nil) }
      return SheetOrigin(file: file, sheet: sheet.name)
    }
    var found: [String: Sheet] = [:]
    for sheet in workbook.sheets {
      if let name = SheetCatalogue.sheets.first(where: { $0.matches(sheet.name) }), found[name.key] == nil {
        found[name.key] = sheet
      } else {
        log.notes.append("\(sheetFile?(sheet.name) ?? file): sheet '\(sheet.name)' ignored")
      }
    }
    var required = [SheetCatalogue.departmentsSheet, SheetCatalogue.townsSheet]
    if needPeople { required.append(SheetCatalogue.peopleSheet) }
    for name in required where found[name.key] == nil {
      log.fail(
        Place(file: file, location: ""), "no '\(name.key)' sheet (\(name.zh))",
        sheetFile == nil
          ? "add a sheet named '\(name.key)' or '\(name.zh)' (docs/instance-format.md, Workbook)"
          : "add \(name.key).csv to the folder (docs/instance-format.md, CSV folder)")
    }
    if !log.errors.isEmpty { throw InputErrors(log.errors) }

    var instance = Instance(
      name: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent,
      departments: [], towns: [], people: [])
    if let sheet = found["instance"] { readAbout(sheet, origin(sheet), into: &instance, log: &log) }
    if let sheet = found["departments"] {
      instance.departments = readDepartments(sheet, origin(sheet), log: &log)
    }
    if let sheet = found["towns"] {
      instance.towns = readTowns(sheet, origin(sheet), departments: instance.departments, log: &log)
    }
    if let sheet = found["people"] { instance.people = readPeople(sheet, origin(sheet), log: &log) }
    if let sheet = found["zones"] { instance.zones = readZones(sheet, origin(sheet), log: &log) }
    if let sheet = found["travel"] { instance.travel = readTravel(sheet, origin(sheet), log: &log) }
    if let sheet = found["policy"] { instance.policy = readPolicy(sheet, origin(sheet), log: &log) }
    if let sheet = found["jointInspections"] {
      instance.jointInspections = readJointInspections(sheet, origin(sheet), log: &log)
    }
    if !log.errors.isEmpty { throw InputErrors(log.errors) }
    return SheetInstance(instance: instance, notes: log.notes, log: log)
  }

  /// Reads the people of a staff workbook: its people sheet, or its only sheet.
  public static func readStaff(_ workbook: Workbook, file: String) throws -> SheetInstance {
    var log = SheetLog()
    let sheet =
      workbook.sheets.first { SheetCatalogue.peopleSheet.matches($0.name) }
      ?? (workbook.sheets.count == 1 ? workbook.sheets.first : nil)
    guard let sheet else {
      throw InputErrors(
        InputError(
          file: file, message: "no 'people' sheet (人员)",
          hint: "name the staff sheet 'people' or '人员', or keep only one sheet"))
    }
    let people = readPeople(sheet, SheetOrigin(file: file, sheet: sheet.name), log: &log)
    if !log.errors.isEmpty { throw InputErrors(log.errors) }
    let instance = Instance(name: "", departments: [], towns: [], people: people)
    return SheetInstance(instance: instance, notes: log.notes, log: log)
  }

  // MARK: - Sheets

  static func keyValues(
    _ sheet: Sheet, _ origin: SheetOrigin, log: inout SheetLog
  ) -> [(key: String, row: Int, table: BoundTable)] {
    let table = BoundTable(
      sheet, origin: origin, columns: [SheetCatalogue.key, SheetCatalogue.value],
      required: ["key", "value"], log: &log)
    return table.rows.compactMap { r in
      let key = table.text(r, "key")
      return key.isEmpty ? nil : (key, r, table)
    }
  }

  static func readAbout(_ sheet: Sheet, _ origin: SheetOrigin, into instance: inout Instance, log: inout SheetLog) {
    for (key, r, table) in keyValues(sheet, origin, log: &log) {
      let value = table.text(r, "value")
      switch SheetCatalogue.column(key, in: SheetCatalogue.instanceKeys)?.key {
      case "name": instance.name = value
      case "title": instance.title = value.isEmpty ? nil : value
      case "quarter": instance.quarter = value.isEmpty ? nil : value
      case "notes": if !value.isEmpty { instance.notes.append(value) }
      case "illustrative": if !value.isEmpty { instance.illustrative.append(value) }
      default:
        log.fail(
          table.place(r, "key"), "unknown item '\(key)'",
          "use one of: \(SheetCatalogue.instanceKeys.map(\.key).joined(separator: ", "))")
      }
    }
  }

  static func readDepartments(_ sheet: Sheet, _ origin: SheetOrigin, log: inout SheetLog) -> [Department] {
    let t = BoundTable(
      sheet, origin: origin, columns: SheetCatalogue.departmentColumns, required: ["id", "name"], log: &log)
    return t.rows.enumerated().map { i, r in
      let id = t.text(r, "id")
      log.places["departments[\(i)]"] = t.place(r, nil)
      for key in ["id", "name", "officers", "auxiliaries"] {
        log.places["departments[\(i)].\(key)"] = t.place(r, key)
      }
      return Department(
        id: id, name: t.text(r, "name").isEmpty ? id : t.text(r, "name"),
        englishName: optional(t.text(r, "englishName")), shortName: optional(t.text(r, "shortName")),
        officers: t.whole(r, "officers", log: &log), auxiliaries: t.whole(r, "auxiliaries", log: &log))
    }
  }

  static func optional(_ text: String) -> String? { text.isEmpty ? nil : text }

  static func readTowns(
    _ sheet: Sheet, _ origin: SheetOrigin, departments: [Department], log: inout SheetLog
  ) -> [Town] {
    let index = NameIndex(Instance(name: "", departments: departments, towns: [], people: []))
    var demandColumns: [(column: Int, department: String)] = []
    let t = BoundTable(
      sheet, origin: origin, columns: SheetCatalogue.townColumns, required: ["id", "deskCapacity"], log: &log
    ) { header, column in
      var name = header
      for prefix in SheetCatalogue.demandPrefixes where header.lowercased().hasPrefix(prefix) {
        name = String(header.dropFirst(prefix.count))
      }
      switch index.department(name) {
      case .id(let id):
        demandColumns.append((column, id))
        return true
      default:
        guard name != header else { return false }
        demandColumns.append((column, name))  // validation names the unknown department
        return true
      }
    }
    var towns: [Town] = []
    for (i, r) in t.rows.enumerated() {
      let id = t.text(r, "id")
      let path = "towns[\(i)]"
      log.places[path] = t.place(r, nil)
      for key in ["id", "name", "kind", "pilot", "x", "y", "deskCapacity"] {
        log.places["\(path).\(key)"] = t.place(r, key)
      }
      let kindText = t.text(r, "kind")
      var kind = TownKind.town
      if let found = SheetCatalogue.townKinds.first(where: { $0.1.contains { $0.lowercased() == kindText.lowercased() } }) {
        kind = found.0
      } else if !kindText.isEmpty {
        log.fail(t.place(r, "kind"), "'\(kindText)' is not a town kind", "write subdistrict or town (街道 or 镇)")
      } else if t.text(r, "name").hasSuffix("街道") {
        kind = .subdistrict
      }
      var demand: [String: Double] = [:]
      for (column, department) in demandColumns {
        let at = t.place(r, column: column)
        log.places["\(path).demand.\(department)"] = at
        if let value = t.number(sheet[r, column], at: at, log: &log) { demand[department] = value }
      }
      let desks = t.whole(r, "deskCapacity", log: &log) ?? 0
      if t.columns["deskCapacity"] != nil, t.text(r, "deskCapacity").isEmpty {
        log.fail(t.place(r, "deskCapacity"), "no desk capacity", "write the town's desks for stationed staff")
      }
      towns.append(
        Town(
          id: id, name: t.text(r, "name").isEmpty ? id : t.text(r, "name"), pinyin: optional(t.text(r, "pinyin")),
          kind: kind, pilot: t.flag(r, "pilot", log: &log), x: t.number(r, "x", log: &log),
          y: t.number(r, "y", log: &log), deskCapacity: desks, demand: demand))
    }
    return towns
  }

  static func readPeople(_ sheet: Sheet, _ origin: SheetOrigin, log: inout SheetLog) -> [Person] {
    let t = BoundTable(
      sheet, origin: origin, columns: SheetCatalogue.personColumns, required: ["id", "department", "role"],
      log: &log)
    if t.columns["currentPosting"] != nil && (t.columns["currentTown"] != nil || t.columns["currentZone"] != nil) {
      log.fail(
        t.place(0, "currentPosting"), "both currentPosting and currentTown/currentZone columns",
        "give the current posting one way")
    }
    var people: [Person] = []
    for (i, r) in t.rows.enumerated() {
      let path = "people[\(i)]"
      log.places[path] = t.place(r, nil)
      for column in SheetCatalogue.personColumns.map(\.key) where t.columns[column] != nil {
        let field = column == "currentTown" || column == "currentZone" ? "currentPosting" : column
        log.places["\(path).\(field)"] = t.place(r, column)
      }
      func posting(_ key: String) -> Posting? {
        let text = t.text(r, key)
        if text.isEmpty { return nil }
        guard let p = StaffCSV.parsePosting(text) else {
          log.fail(t.place(r, key), "'\(text)' is not a posting", "write stationed:TOWN, zoned:ZONE or unassigned (派驻:镇街, 包片:片区, 未安排)")
          return nil
        }
        return p
      }
      func postings(_ key: String) -> [Posting]? {
        let (list, bad) = StaffCSV.parsePostings(t.text(r, key))
        if let bad { log.fail(t.place(r, key), "'\(bad)' is not a posting", StaffCSV.postingsFix) }
        return list.isEmpty ? nil : list
      }
      var current = posting("currentPosting")
      let town = t.text(r, "currentTown")
      let zone = t.text(r, "currentZone")
      if !town.isEmpty && !zone.isEmpty {
        log.fail(t.place(r, "currentZone"), "both a current town and a current zone", "give one of them")
      } else if !town.isEmpty {
        current = .stationed(town: town)
      } else if !zone.isEmpty {
        current = .zoned(zone: zone)
      }
      let id = t.text(r, "id")
      if id.isEmpty { log.fail(t.place(r, "id"), "empty person id", "give every person a unique id") }
      let roleText = t.text(r, "role")
      let role = StaffCSV.parseRole(roleText)
      if role == nil {
        log.fail(t.place(r, "role"), "'\(roleText)' is not a role", "write officer or auxiliary (执法人员 or 协管员)")
      }
      let name = t.text(r, "name")
      people.append(
        Person(
          id: id, name: name.isEmpty ? id : name, department: t.text(r, "department"), role: role ?? .officer,
          certified: t.flag(r, "certified", log: &log), legal: t.flag(r, "legal", log: &log),
          drives: t.flag(r, "drives", log: &log), homeTown: optional(t.text(r, "homeTown")),
          currentPosting: current, tenure: t.whole(r, "tenure", log: &log) ?? 0,
          preferredTowns: t.list(r, "preferredTowns"), unavailable: t.flag(r, "unavailable", log: &log),
          pinned: posting("pinned"), forbidden: postings("forbidden")))
    }
    return people
  }

  static func readZones(_ sheet: Sheet, _ origin: SheetOrigin, log: inout SheetLog) -> [Zone] {
    let t = BoundTable(sheet, origin: origin, columns: SheetCatalogue.zoneColumns, required: ["id", "towns"], log: &log)
    return t.rows.enumerated().map { i, r in
      log.places["zones[\(i)]"] = t.place(r, nil)
      log.places["zones[\(i)].id"] = t.place(r, "id")
      log.places["zones[\(i)].towns"] = t.place(r, "towns")
      return Zone(id: t.text(r, "id"), name: optional(t.text(r, "name")), towns: t.list(r, "towns"))
    }
  }

  static func readJointInspections(_ sheet: Sheet, _ origin: SheetOrigin, log: inout SheetLog) -> [JointInspection] {
    let t = BoundTable(
      sheet, origin: origin, columns: SheetCatalogue.jointInspectionColumns, required: ["id", "departments", "towns"],
      log: &log)
    return t.rows.enumerated().map { i, r in
      let path = "jointInspections[\(i)]"
      log.places[path] = t.place(r, nil)
      log.places[path + ".id"] = t.place(r, "id")
      log.places[path + ".departments"] = t.place(r, "departments")
      log.places[path + ".towns"] = t.place(r, "towns")
      let id = t.text(r, "id")
      return JointInspection(
        id: id, name: optional(t.text(r, "name")) ?? id, departments: t.list(r, "departments"), towns: t.list(r, "towns"))
    }
  }

  static func readTravel(_ sheet: Sheet, _ origin: SheetOrigin, log: inout SheetLog) -> TravelMatrix? {
    let header = (sheet.rows.first ?? []).map(\.text)
    let towns = Array(header.dropFirst()).prefix { !$0.isEmpty }
    let place = { (r: Int, c: Int) in
      Place(file: origin.file, location: origin.place(row: r, column: c, header: c < header.count ? header[c] : nil))
    }
    for (j, _) in towns.enumerated() { log.places["travel.towns[\(j)]"] = place(0, j + 1) }
    var minutes: [[Double]] = []
    let dataRows = sheet.rows.indices.dropFirst().filter { !sheet.rows[$0].allSatisfy(\.isEmpty) }
    for (i, r) in dataRows.enumerated() {
      let label = sheet[r, 0].text
      if i >= towns.count || NameIndex.key(label) != NameIndex.key(towns[i]) {
        log.fail(
          place(r, 0), "row '\(label)' does not match column '\(i < towns.count ? towns[i] : "")'",
          "list the towns in the same order down the first column as across the first row")
        return nil
      }
      var row: [Double] = []
      for j in towns.indices {
        log.places["travel.minutes[\(i)][\(j)]"] = place(r, j + 1)
        let cell = sheet[r, j + 1]
        if cell.isEmpty {
          log.fail(place(r, j + 1), "no travel time", "write minutes from the row's town to the column's town")
          row.append(0)
          continue
        }
        guard let x = Double(cell.text), x.isFinite else {
          log.fail(place(r, j + 1), "'\(cell.text)' is not a number of minutes", "write minutes such as 25")
          row.append(0)
          continue
        }
        row.append(x)
      }
      minutes.append(row)
    }
    if dataRows.count != towns.count {
      log.fail(
        Place(file: origin.file, location: origin.place(row: 0, column: nil, header: nil)),
        "\(towns.count) towns across but \(dataRows.count) rows down", "give one row per town")
    }
    return TravelMatrix(towns: Array(towns), minutes: minutes)
  }

  static func readPolicy(_ sheet: Sheet, _ origin: SheetOrigin, log: inout SheetLog) -> Policy {
    let types = policyTypes()
    var object: [String: PolicyValue] = [:]
    var weights: [String: PolicyValue] = [:]
    var rows: [String: Place] = [:]
    for (written, r, t) in keyValues(sheet, origin, log: &log) {
      let key = SheetCatalogue.column(written, in: SheetCatalogue.policyKeys)?.key ?? written
      guard let isFlag = types[key] else {
        log.fail(
          t.place(r, "key"), "unknown policy key '\(written)'",
          "use one of: \(types.keys.sorted().joined(separator: ", ")) (docs/instance-format.md)")
        continue
      }
      let at = t.place(r, "value")
      rows[key] = at
      log.places["policy.\(key)"] = at
      let cell = t.cell(r, "value")
      if cell.isEmpty { continue }
      let value: PolicyValue
      if isFlag {
        let parsed: Bool?
        if case .bool(let b) = cell { parsed = b } else { parsed = StaffCSV.parseBool(cell.text) }
        guard let parsed else {
          log.fail(at, "'\(cell.text)' is not yes or no", "write yes/no, true/false or 是/否")
          continue
        }
        value = .flag(parsed)
      } else {
        guard let x = t.number(cell, at: at, log: &log) else { continue }
        value = .number(x)
      }
      if key.hasPrefix("weights.") {
        weights[String(key.dropFirst(8))] = value
      } else {
        object[key] = value
      }
    }
    if !weights.isEmpty { object["weights"] = .object(weights) }
    do {
      return try JSONDecoder().decode(Policy.self, from: JSONEncoder().encode(PolicyValue.object(object)))
    } catch let DecodingError.dataCorrupted(context) {
      let key = context.codingPath.map(\.stringValue).joined(separator: ".")
      log.fail(rows[key] ?? Place(file: origin.file, location: ""), "not a whole number", "write a count such as 3")
    } catch {
      log.fail(
        Place(file: origin.file, location: ""), "a policy value has the wrong type",
        "check each value's type in docs/instance-format.md")
    }
    return Policy()
  }

  /// Every policy key (weights as `weights.x`) and whether it is a yes/no key.
  static func policyTypes() -> [String: Bool] {
    var all = Policy()
    all.maxMoves = 0
    all.maxTenureQuarters = 0
    all.responseMinutes = 0
    var types: [String: Bool] = [:]
    for (key, value) in flatten(all) {
      if case .flag = value { types[key] = true } else { types[key] = false }
    }
    return types
  }

  /// A policy as `key → value`, weights as `weights.x`, in key order.
  static func flatten(_ policy: Policy) -> [(String, PolicyValue)] {
    guard let data = try? JSONEncoder().encode(policy),
      case .object(let object)? = try? JSONDecoder().decode(PolicyValue.self, from: data)
    else { return [] }
    var out: [(String, PolicyValue)] = []
    for key in object.keys.sorted() {
      if case .object(let nested)? = object[key] {
        for inner in nested.keys.sorted() { out.append(("\(key).\(inner)", nested[inner] ?? .number(0))) }
      } else if let value = object[key] {
        out.append((key, value))
      }
    }
    return out
  }
}

/// A policy value as JSON holds it: yes/no, a number, or the weights object.
enum PolicyValue: Codable, Sendable {
  case flag(Bool)
  case number(Double)
  case object([String: PolicyValue])

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let b = try? c.decode(Bool.self) {
      self = .flag(b)
    } else if let x = try? c.decode(Double.self) {
      self = .number(x)
    } else {
      self = .object(try c.decode([String: PolicyValue].self))
    }
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .flag(let b): try c.encode(b)
    case .number(let x):
      // Whole numbers as integers, so Int fields decode.
      if x == x.rounded(), abs(x) < 1e15 { try c.encode(Int64(x)) } else { try c.encode(x) }
    case .object(let o): try c.encode(o)
    }
  }
}
