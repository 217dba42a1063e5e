import CSV
import Foundation

/// A roster read from a file, with where each of its lines came from.
public struct LoadedRoster: Sendable, Hashable {
  /// The roster as read (objective and measures as the file gave them, if at all).
  public var roster: Roster
  /// The file as the planner named it.
  public var file: String
  /// Where each entry of `roster.postings` came from: `postings[i]` for JSON,
  /// `line n` for CSV. Pass to `RosterChecker.evaluate(_:file:locations:)`.
  public var locations: [String]

  public init(roster: Roster, file: String, locations: [String]) {
    self.roster = roster
    self.file = file
    self.locations = locations
  }
}

/// Reads and writes roster files (`docs/roster-format.md`): JSON and CSV.
///
/// Reading throws `InputError` naming the file and the JSON path or CSV
/// line; writing is atomic (`AtomicFile`).
public enum RosterIO {
  /// The CSV columns, in the order `csv(_:)` writes them.
  public static let csvColumns = [
    "person", "name", "department", "role", "mode", "town", "zone", "towns", "split",
  ]

  // MARK: - Building

  /// A roster from postings by person id: one line per instance person in
  /// instance order, with names, departments, roles, zone towns, every zoned
  /// officer's split, and the objective, measures and broken rules recomputed
  /// by `RosterChecker`.
  ///
  /// People missing from `postings` are written `unassigned`; ids that are not
  /// instance people are dropped. Zoned officers missing from `splits` get
  /// `District.bestSplits`, written out. Pass `checker` to reuse one already built.
  public static func roster(
    from postings: [String: Posting], splits: [String: ZoneSplit] = [:], district: District,
    solver: String? = nil, status: String? = nil, bound: Double? = nil, gap: Double? = nil,
    checker: RosterChecker? = nil
  ) -> Roster {
    let evaluation = (checker ?? RosterChecker(district)).evaluate(postings, splits: splits)
    let entries = district.people.map { person -> RosterEntry in
      let posting = postings[person.id] ?? .unassigned
      var entry = RosterEntry(
        person: person.id, mode: posting.mode, name: person.name,
        department: person.department, role: person.role.rawValue)
      switch posting {
      case .stationed(let town): entry.town = town
      case .zoned(let zone):
        entry.zone = zone
        entry.towns = district.zone(zone)?.towns
        entry.split = evaluation.splits[person.id]
      case .unassigned: break
      }
      return entry
    }
    return Roster(
      instance: district.instance.name, solver: solver, status: status, bound: bound, gap: gap,
      postings: entries, objective: evaluation.objective, measures: evaluation.measures,
      brokenRules: evaluation.isFeasible ? nil : evaluation.violations.map(\.description))
  }

  // MARK: - Any format

  /// Reads a roster: CSV when the path ends in `.csv` (any case), JSON otherwise.
  public static func read(path: String) throws -> LoadedRoster {
    isCSV(path) ? try readCSV(path: path) : try readJSON(path: path)
  }

  /// Writes a roster atomically: CSV when the path ends in `.csv`, JSON otherwise.
  public static func write(_ roster: Roster, to path: String) throws {
    isCSV(path) ? try writeCSV(roster, to: path) : try writeJSON(roster, to: path)
  }

  private static func isCSV(_ path: String) -> Bool {
    URL(fileURLWithPath: path).pathExtension.lowercased() == "csv"
  }

  private static func readData(_ path: String) throws -> Data {
    do {
      return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      let exists = FileManager.default.fileExists(atPath: path)
      throw InputError(
        file: path, location: "",
        message: exists ? "cannot read the file" : "no such file",
        hint: exists ? "check the file's permissions" : "check the path")
    }
  }

  // MARK: - JSON

  /// The roster as JSON: pretty printed, keys sorted, figures rounded to
  /// `Rounding.fileStep`, so the same roster always gives the same bytes.
  public static func encodeJSON(_ roster: Roster) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(roster.rounded(Rounding.fileStep))
    data.append(0x0A)
    return data
  }

  /// Writes the roster as JSON, atomically.
  public static func writeJSON(_ roster: Roster, to path: String) throws {
    try AtomicFile.write(encodeJSON(roster), to: path)
  }

  /// Reads a roster JSON file.
  public static func readJSON(path: String) throws -> LoadedRoster {
    try decodeJSON(readData(path), file: path)
  }

  /// Decodes a roster JSON document. Only `postings` is required; `format`,
  /// when present, must be `secondment-roster`. `objective` and `measures` are
  /// kept when well formed and otherwise dropped (the checker recomputes them).
  public static func decodeJSON(_ data: Data, file: String) throws -> LoadedRoster {
    if data.isEmpty {
      throw InputError(
        file: file, location: "", message: "the file is empty",
        hint: "give a roster JSON document with a postings list")
    }
    // Syntax first, so that a broken file is named by line and column.
    do {
      _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      throw InstanceLoader.syntaxError(error, data: data, file: file)
    }
    if let problem = JSONShape.firstProblem(in: data) {
      throw InputError(file: file, location: problem.location, message: problem.message, hint: problem.hint)
    }
    let document: RosterDocument
    do {
      document = try JSONDecoder().decode(RosterDocument.self, from: data)
    } catch let error as InputError {
      var error = error
      error.file = file
      throw error
    } catch let error as DecodingError {
      throw describe(error, file: file)
    } catch {
      throw InputError(
        file: file, location: "", message: "the file is not a roster JSON document",
        hint: "give a JSON object with a postings list")
    }
    let roster = Roster(
      instance: document.instance ?? "", solver: document.solver, status: document.status,
      bound: document.bound, gap: document.gap, postings: document.postings,
      objective: document.objective, measures: document.measures,
      brokenRules: document.brokenRules)
    return LoadedRoster(
      roster: roster, file: file,
      locations: document.postings.indices.map { "postings[\($0)]" })
  }

  /// A roster document read leniently: everything but `postings` optional.
  private struct RosterDocument: Decodable {
    var instance: String?
    var solver: String?
    var status: String?
    var bound: Double?
    var gap: Double?
    var postings: [RosterEntry]
    var objective: ObjectiveBreakdown?
    var measures: RosterMeasures?
    var brokenRules: [String]?

    enum CodingKeys: String, CodingKey {
      case format, version, instance, solver, status, bound, gap, postings, objective
      case measures, brokenRules
    }

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      if let format = try c.decodeIfPresent(String.self, forKey: .format),
        format != Roster.formatTag
      {
        throw InputError(
          file: "", location: "format",
          message: "format is '\(format)', not '\(Roster.formatTag)'",
          hint: "is this the right file? an instance or other file cannot be read as a roster")
      }
      if let version = try c.decodeIfPresent(Int.self, forKey: .version),
        version > Roster.currentVersion
      {
        throw InputError(
          file: "", location: "version",
          message: "roster format version \(version) is newer than this build reads "
            + "(\(Roster.currentVersion))",
          hint: "use a newer secondment, or write the roster with version \(Roster.currentVersion)")
      }
      instance = try c.decodeIfPresent(String.self, forKey: .instance)
      solver = try c.decodeIfPresent(String.self, forKey: .solver)
      status = try c.decodeIfPresent(String.self, forKey: .status)
      bound = try c.decodeIfPresent(Double.self, forKey: .bound)
      gap = try c.decodeIfPresent(Double.self, forKey: .gap)
      postings = try c.decode([RosterEntry].self, forKey: .postings)
      objective = try? c.decodeIfPresent(ObjectiveBreakdown.self, forKey: .objective)
      measures = try? c.decodeIfPresent(RosterMeasures.self, forKey: .measures)
      brokenRules = try c.decodeIfPresent([String].self, forKey: .brokenRules)
    }
  }

  /// A decoding error in planner's words, with its JSON path.
  private static func describe(_ error: DecodingError, file: String) -> InputError {
    func path(_ keys: [any CodingKey]) -> String {
      var text = ""
      for key in keys {
        if let index = key.intValue {
          text += "[\(index)]"
        } else {
          text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
        }
      }
      return text
    }
    switch error {
    case .keyNotFound(let key, let context):
      let place = path(context.codingPath)
      return InputError(
        file: file, location: place,
        message: "missing '\(key.stringValue)'",
        hint: key.stringValue == "postings"
          ? "give a postings list with one line per person"
          : "add \(key.stringValue) to \(place.isEmpty ? "the document" : place)")
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
      return InputError(
        file: file, location: path(context.codingPath),
        message: "expected \(typeName(type))",
        hint: "see docs/roster-format.md for this field")
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty {
        return InputError(
          file: file, location: "", message: "the file is not valid JSON",
          hint: "check brackets, commas and quotes (a JSON linter will point at the spot)")
      }
      return InputError(
        file: file, location: path(context.codingPath), message: context.debugDescription,
        hint: "see docs/roster-format.md for this field")
    @unknown default:
      return InputError(
        file: file, location: "", message: "the file is not a roster JSON document",
        hint: "see docs/roster-format.md")
    }
  }

  private static func typeName(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: return "text"
    case is Double.Type, is Int.Type: return "a number"
    case is Bool.Type: return "true or false"
    case is [Any].Type: return "a list"
    default: return "a value of type \(type)"
    }
  }

  // MARK: - CSV

  /// The roster as CSV, UTF-8 without a byte-order mark, header first, one
  /// line per posting: `person,name,department,role,mode,town,zone,towns,split`
  /// (`towns` separated by `;`, `split` as `town=FTE` pairs separated by `;`,
  /// in the zone's town order).
  public static func csv(_ roster: Roster) throws -> Data {
    let stream = OutputStream(toMemory: ())
    stream.open()
    defer { stream.close() }
    let writer = try CSVWriter(stream: stream)
    try writer.write(row: csvColumns)
    for entry in roster.postings {
      try writer.write(row: [
        entry.person, entry.name ?? "", entry.department ?? "", entry.role ?? "", entry.mode,
        entry.town ?? "", entry.zone ?? "", (entry.towns ?? []).joined(separator: ";"),
        entry.split.map { splitText($0, order: entry.towns ?? []) } ?? "",
      ])
    }
    var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    data.append(0x0A)
    return data
  }

  /// A split as CSV text: `town=FTE` pairs separated by `;`, towns in `order`
  /// first, any others after them by id; FTE to `Rounding.displayStep`.
  static func splitText(_ split: ZoneSplit, order: [String]) -> String {
    let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    return Rounding.round(split, Rounding.displayStep).sorted { (rank[$0.key] ?? Int.max, $0.key) < (rank[$1.key] ?? Int.max, $1.key) }
      .map { "\($0.key)=\($0.value)" }.joined(separator: ";")
  }

  /// Parses `splitText`'s form, or names the first malformed pair.
  static func parseSplit(_ text: String) -> (split: ZoneSplit, malformed: String?) {
    var split: ZoneSplit = [:]
    for pair in text.split(separator: ";") {
      let item = pair.trimmingCharacters(in: .whitespaces)
      if item.isEmpty { continue }
      let parts = item.split(separator: "=", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard parts.count == 2, !parts[0].isEmpty, let fte = Double(parts[1]) else {
        return (split, item)
      }
      split[parts[0], default: 0] += fte
    }
    return (split, nil)
  }

  /// Writes the roster as CSV, atomically.
  public static func writeCSV(_ roster: Roster, to path: String) throws {
    try AtomicFile.write(csv(roster), to: path)
  }

  /// Reads a roster CSV file.
  public static func readCSV(path: String) throws -> LoadedRoster {
    try decodeCSV(readData(path), file: path)
  }

  /// Decodes a roster CSV: UTF-8 with or without a byte-order mark, a header
  /// naming at least `person` and `mode` (any order, any case; unknown columns
  /// ignored), quoted fields allowed, blank lines skipped.
  public static func decodeCSV(_ data: Data, file: String) throws -> LoadedRoster {
    var bytes = data
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    guard let text = String(data: bytes, encoding: .utf8) else {
      throw InputError(
        file: file, location: "", message: "the file is not UTF-8 text",
        hint: "save it as CSV UTF-8 (Excel: Save As, CSV UTF-8)")
    }
    let reader: CSVReader
    do {
      reader = try CSVReader(string: text, hasHeaderRow: false)
    } catch {
      throw InputError(
        file: file, location: "", message: "cannot read the file as CSV",
        hint: "save it as comma-separated CSV UTF-8")
    }
    var line = 1
    var header: [String: Int]?
    var headerWidth = 0
    var entries: [RosterEntry] = []
    var locations: [String] = []
    while let row = reader.next() {
      let rowLine = line
      line += 1 + row.reduce(0) { $0 + $1.filter(\.isNewline).count }
      if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
      let fields = row.map { $0.trimmingCharacters(in: .whitespaces) }
      guard let columns = header else {
        var map: [String: Int] = [:]
        for (i, name) in fields.enumerated() {
          let key = name.lowercased()
          if map[key] != nil {
            throw InputError(
              file: file, location: "line \(rowLine)", message: "column '\(name)' appears twice",
              hint: "keep one column of each name")
          }
          map[key] = i
        }
        for required in ["person", "mode"] where map[required] == nil {
          throw InputError(
            file: file, location: "line \(rowLine)",
            message: "the header has no '\(required)' column",
            hint: "the first line names the columns: \(csvColumns.joined(separator: ","))")
        }
        header = map
        headerWidth = fields.count
        continue
      }
      let place = "line \(rowLine)"
      if fields.count > headerWidth {
        throw InputError(
          file: file, location: place,
          message: "\(fields.count) fields but the header names \(headerWidth) columns",
          hint: "quote fields that contain commas, or add the missing column names")
      }
      func field(_ name: String) -> String? {
        guard let i = columns[name], i < fields.count, !fields[i].isEmpty else { return nil }
        return fields[i]
      }
      guard let person = field("person") else {
        throw InputError(
          file: file, location: "\(place), column person", message: "no person id",
          hint: "give the person's id from the instance")
      }
      guard let mode = field("mode") else {
        throw InputError(
          file: file, location: "\(place), column mode", message: "no mode for \(person)",
          hint: "use stationed, zoned or unassigned")
      }
      let towns = field("towns")?.split(separator: ";")
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      var split: ZoneSplit?
      if let text = field("split") {
        let parsed = parseSplit(text)
        split = parsed.split
        if let bad = parsed.malformed {
          throw InputError(
            file: file, location: "\(place), column split",
            message: "'\(bad)' is not a town=FTE pair",
            hint: "write the split as town=FTE pairs separated by ';', e.g. qingliu=0.5;yuanjue=0.3")
        }
      }
      entries.append(
        RosterEntry(
          person: person, mode: mode, town: field("town"), zone: field("zone"),
          towns: towns?.isEmpty == false ? towns : nil, split: split, name: field("name"),
          department: field("department"), role: field("role")))
      locations.append(place)
    }
    if let error = reader.error {
      throw InputError(
        file: file, location: "line \(line)", message: "cannot read the CSV (\(error))",
        hint: "save it as comma-separated CSV UTF-8")
    }
    if header == nil {
      throw InputError(
        file: file, location: "", message: "the file is empty",
        hint: "the first line names the columns: \(csvColumns.joined(separator: ","))")
    }
    return LoadedRoster(
      roster: Roster(instance: "", postings: entries), file: file, locations: locations)
  }
}
