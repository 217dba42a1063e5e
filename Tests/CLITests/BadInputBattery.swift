import Foundation
import GRDB
import SecondmentTestSupport

/// One bad input for the battery (`BadInputBatteryTests`): what is wrong,
/// how to run it, and what the planner must be told.
struct BadInput: Sendable, CustomStringConvertible {
  /// The kind of input at fault, as counted in docs/bad-input.md.
  enum Kind: String, CaseIterable, Sendable {
    case instanceSyntax = "instance JSON: syntax"
    case instanceValue = "instance JSON: values and references"
    case workbook = "instance workbook and CSV folder"
    case staff = "staff list"
    case roster = "roster"
    case scenario = "scenario"
    case changeList = "change list"
    case quarter = "quarter"
    case history = "plan history"
    case option = "option values"
    case gapFile = "GAP benchmark file"
  }

  var kind: Kind
  /// What is wrong, in a few words (the test's label).
  var label: String
  /// Texts the message must contain: the file's name and the place (JSON
  /// path; line and column; row and column; the option).
  var mentions: [String]
  /// Writes the files into the folder and returns the command's arguments.
  var make: @Sendable (URL) throws -> [String]
  /// An output the command was asked for, relative to the folder, which must not exist after.
  var output: String?

  var description: String { "\(kind.rawValue): \(label)" }
}

/// The battery's inputs, built from rongchang-2024 and the shipped files.
enum BadInputBattery {
  static let rongchang = shipped("Instances/rongchang-2024.json")
  static let staffCSV = shipped("Instances/rongchang-2024-staff.csv")
  static let quarter1 = shipped("Instances/quarters/2025Q1.json")

  static var all: [BadInput] {
    instanceSyntax + instanceValues + workbooks + staffLists + rosters + scenarios + changeLists
      + quarters + histories + options + gapFiles
  }

  // MARK: - Helpers

  /// Writes `text` as `name` in `folder` and returns its path.
  @discardableResult
  static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// rongchang-2024 as a JSON object.
  static func rongchangObject() throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: rongchang))
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw CocoaError(.fileReadCorruptFile)
    }
    return object
  }

  /// Sets the value at `path` ("people.2.tenure": keys and array indices);
  /// nil removes the key.
  static func set(_ value: Any?, at path: ArraySlice<String>, in node: Any) -> Any {
    guard let key = path.first else { return value as Any }
    let rest = path.dropFirst()
    if let index = Int(key), var array = node as? [Any] {
      if rest.isEmpty, value == nil {
        array.remove(at: index)
      } else {
        array[index] = set(value, at: rest, in: array[index])
      }
      return array
    }
    var object = node as? [String: Any] ?? [:]
    if rest.isEmpty {
      object[key] = value
    } else {
      object[key] = set(value, at: rest, in: object[key] ?? [String: Any]())
    }
    return object
  }

  /// The JSON path as messages write it: "people.2.tenure" → "people[2].tenure".
  static func place(_ path: String) -> String {
    path.split(separator: ".").reduce(into: "") { text, key in
      if Int(key) != nil { text += "[\(key)]" } else { text += text.isEmpty ? "\(key)" : ".\(key)" }
    }
  }

  /// A simple CSV file's rows and cells (no quoted commas), any line ending, without a BOM.
  static func csvRows(_ text: String) -> [[String]] {
    let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    return body.split(whereSeparator: \.isNewline).map { $0.components(separatedBy: ",") }
  }

  static func csvText(_ rows: [[String]]) -> String {
    rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
  }

  /// An edit that puts `value` in `column` of data row `row` (the header is row 0).
  static func cell(_ column: String, row: Int, _ value: String) -> @Sendable ([[String]]) -> [[String]] {
    { rows in
      var rows = rows
      guard let c = rows.first?.firstIndex(of: column), row < rows.count, c < rows[row].count else {
        return rows
      }
      rows[row][c] = value
      return rows
    }
  }

  /// Makes `history` a plan history with 2025Q1 adopted (the greedy's roster).
  static func adoptFirstQuarter(_ history: String) throws {
    let run = try runSecondment([
      "replan", quarter1, "--history", history, "--quarter", "2025Q1", "--solver", "greedy", "--adopt", "--quiet",
    ])
    guard run.status == 0 else { throw CocoaError(.fileWriteUnknown) }
  }

  /// A marker string that JSON text replaces once the file is written
  /// (also text JSONSerialization cannot write: 1e400).
  static let rawMarker = "@@raw@@"

  /// `value` as JSON text.
  static func jsonText(_ value: Any) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])) ?? Data("[null]".utf8)
    return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
  }

  /// JSON text back as a value.
  static func jsonValue(_ text: String) -> Any {
    (try? JSONSerialization.jsonObject(with: Data("[\(text)]".utf8)) as? [Any])?.first ?? NSNull()
  }

  /// rongchang-2024 with `value` at `path`, written as bad.json and solved with an output asked for.
  static func instance(
    _ label: String, _ path: String, _ value: Any?, raw: String? = nil, place: String? = nil,
    saying: String? = nil
  ) -> BadInput {
    // The value as JSON text (a Sendable capture), or nil to remove the key.
    let json = raw ?? value.map(jsonText)
    return BadInput(
      kind: .instanceValue, label: label,
      mentions: ["bad.json", place ?? Self.place(path)] + (saying.map { [$0] } ?? []),
      make: { folder in
        let edited = set(
          json == nil ? nil : rawMarker, at: ArraySlice(path.split(separator: ".").map(String.init)),
          in: try rongchangObject())
        var text = String(
          decoding: try JSONSerialization.data(withJSONObject: edited, options: [.sortedKeys]),
          as: UTF8.self)
        if let json { text = text.replacingOccurrences(of: "\"\(rawMarker)\"", with: json) }
        let path = try write(text, "bad.json", in: folder)
        return ["solve", path, "--solver", "greedy", "--output", folder.appendingPathComponent("out.json").path]
      }, output: "out.json")
  }

  /// A whole file of bad text given to `command` as its input file.
  static func text(
    _ kind: BadInput.Kind, _ label: String, _ text: String, name: String, place: String,
    command: @escaping @Sendable (String, URL) -> [String], output: String? = nil, also: [String] = []
  ) -> BadInput {
    BadInput(
      kind: kind, label: label, mentions: [name, place] + also,
      make: { folder in command(try write(text, name, in: folder), folder) }, output: output)
  }

  static func solveOutput(_ path: String, _ folder: URL) -> [String] {
    ["solve", path, "--solver", "greedy", "--output", folder.appendingPathComponent("out.json").path]
  }

  // MARK: - Instance JSON: syntax

  static var instanceSyntax: [BadInput] {
    let cases: [(String, String, String)] = [
      ("an empty file", "", "is empty"),
      ("only spaces and a line break", "   \n  ", "line"),
      ("an opening brace only", "{", "line 1"),
      ("an unterminated string", "{\n  \"name\": \"rong\n}", "line 2"),
      ("a trailing comma", "{\"towns\": [1, 2,], \"people\": []}", "line 1"),
      ("a key twice", "{\"format\": \"secondment-instance\",\n\"format\": \"x\"}", "line 2"),
      ("prose, not JSON", "towns: 21, people: 105", "line 1"),
      ("a missing colon on line 3", "{\n\"format\": \"secondment-instance\",\n\"version\" 1\n}", "line 3"),
      ("a bad escape", "{\"name\": \"a\\qb\"}", "line 1"),
      ("a top-level array", "[1, 2, 3]", "not a JSON object"),
      ("a top-level number", "42", "not a JSON object"),
      ("null", "null", "not a JSON object"),
      ("a missing closing bracket", "{\"towns\": [\n{\"id\": \"a\"}\n", "line"),
      ("a single-quoted key", "{'format': 'secondment-instance'}", "line 1"),
      ("a comment", "// towns\n{}", "line 1"),
      ("a NUL byte", "{\"name\": \"a\u{0}b\"}", "line 1"),
      ("nesting 100,000 deep", String(repeating: "[", count: 100_000), "line 1"),
    ]
    var battery = cases.map { label, body, place in
      text(.instanceSyntax, label, body, name: "bad.json", place: place, command: solveOutput, output: "out.json")
    }
    battery.append(
      BadInput(
        kind: .instanceSyntax, label: "bytes that are not UTF-8", mentions: ["bad.json", "UTF-8"],
        make: { folder in
          let url = folder.appendingPathComponent("bad.json")
          try Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]).write(to: url)
          return solveOutput(url.path, folder)
        }, output: "out.json"))
    battery.append(
      BadInput(
        kind: .instanceSyntax, label: "a folder with no CSV files", mentions: ["empty", "towns"],
        make: { folder in
          let empty = folder.appendingPathComponent("empty")
          try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
          return solveOutput(empty.path, folder)
        }, output: "out.json"))
    battery.append(
      BadInput(
        kind: .instanceSyntax, label: "a file that does not exist", mentions: ["missing.json", "no such file"],
        make: { folder in solveOutput(folder.appendingPathComponent("missing.json").path, folder) },
        output: "out.json"))
    battery.append(
      BadInput(
        kind: .instanceSyntax, label: "a device, not a file", mentions: ["/dev/null", "not a regular file"],
        make: { folder in solveOutput("/dev/null", folder) }, output: "out.json"))
    return battery
  }

  // MARK: - Instance JSON: values and references

  static var instanceValues: [BadInput] {
    var battery: [BadInput] = []
    // Numbers out of range or of the wrong type, field by field.
    let numbers: [(String, [Any])] = [
      ("people.2.tenure", [-1, 401, "two", 1.5, Int.max]),
      ("towns.1.deskCapacity", [-1, 100_001, "many", 2.5]),
      ("towns.1.demand.market", [-1, 10_001, "a lot"]),
      ("towns.1.x", [10_001, "east"]),
      ("towns.1.y", [-10_001]),
      ("departments.0.officers", [-1, 100_001]),
      ("departments.0.auxiliaries", [-2]),
      ("policy.minCertifiedPerTown", [-1, 1001]),
      ("policy.minLegalPerTown", [1001]),
      ("policy.auxiliariesPerOfficer", [-1, Int.max]),
      ("policy.zoneMaxTowns", [1001]),
      ("policy.maxMoves", [-1, 100_001]),
      ("policy.travelSpeedKmh", [0, -5, 1001]),
      ("policy.avoidanceRadiusMinutes", [-1, 10_001]),
      ("policy.zoneRadiusMinutes", [10_001]),
      ("policy.maxTenureQuarters", [0, 401]),
      ("policy.auxiliaryFTE", [-0.5, "half"]),
      ("policy.weights.travelMinute", [-1, 1e10]),
      ("policy.weights.uncoveredPair", ["high"]),
      ("policy.weights.move", [2e9]),
    ]
    for (path, values) in numbers {
      for value in values {
        battery.append(instance("\(place(path)) = \(value)", path, value))
      }
    }
    // Values JSON itself allows but no figure may take.
    let raws: [(String, String, String)] = [
      ("towns.1.demand.market", "1e400", "too large"), ("towns.2.x", "1e308", "towns[2].x"),
      ("people.4.tenure", "1e30", "people[4].tenure"), ("towns.1.deskCapacity", "-0.5", "towns[1].deskCapacity"),
    ]
    for (path, raw, place) in raws {
      battery.append(instance("\(Self.place(path)) = \(raw)", path, nil, raw: raw, place: place))
    }
    // References to things the instance does not have, and ids that clash.
    battery += [
      instance("a person's unknown department", "people.2.department", "nope"),
      instance("a person's unknown home town", "people.2.homeTown", "atlantis"),
      instance("an unknown preferred town", "people.2.preferredTowns", ["atlantis"], place: "people[2].preferredTowns"),
      instance("a current posting in an unknown town", "people.2.currentPosting", ["stationed": "atlantis"], place: "people[2].currentPosting"),
      instance("a pin to an unknown zone", "people.2.pinned", ["zoned": "zone-atlantis"], place: "people[2].pinned"),
      instance("a demand key naming no department", "towns.1.demand.police", 1.0, place: "towns[1].demand"),
      instance("a town id twice", "towns.1.id", "guchang", place: "towns[16].id", saying: "duplicate town id"),
      instance("a person id twice", "people.3.id", "market-o01", place: "people[3].id"),
      instance("a department id twice", "departments.1.id", "market", place: "departments[1].id"),
      instance("a NUL byte in a person id", "people.2.id", "market\u{0}o03", place: "people[2].id"),
      instance("a tab in a town id", "towns.2.id", "an\tfu", place: "towns[2].id"),
      instance("a town without an id", "towns.1.id", nil, place: "towns[1]"),
      instance("a person without a department", "people.2.department", nil, place: "people[2]"),
      instance("a role that is neither", "people.2.role", "chief", place: "people[2].role"),
      instance("an auxiliary pinned to a zone", "people.100.pinned", ["zoned": "zone-renyi"], place: "people[100]"),
      instance("towns as an object", "towns", ["a": 1], place: "towns"),
      instance("people as a string", "people", "everyone", place: "people"),
      instance("policy as an array", "policy", [1, 2], place: "policy"),
      instance("the wrong format tag", "format", "secondment-roster", place: "format"),
      instance("a version from the future", "version", 99, place: "version"),
      instance("a certified flag as text", "people.2.certified", "perhaps", place: "people[2].certified"),
      instance("a pilot flag as a number", "towns.3.pilot", 7, place: "towns[3].pilot"),
    ]
    return battery
  }

  // MARK: - Workbooks and CSV folders

  static var workbooks: [BadInput] {
    var battery: [BadInput] = [
      text(.workbook, "text saved as .xlsx", "id,name\n1,2\n", name: "bad.xlsx", place: "not an Excel workbook", command: solveOutput, output: "out.json"),
      text(.workbook, "an empty .xlsx", "", name: "bad.xlsx", place: "not an Excel workbook", command: solveOutput, output: "out.json"),
    ]
    // A CSV folder from `export --csv-dir`, with one file changed.
    func folderCase(_ label: String, file: String, mentions: [String], edit: @escaping @Sendable ([[String]]) -> [[String]]) -> BadInput {
      BadInput(
        kind: .workbook, label: label, mentions: mentions,
        make: { folder in
          let csv = folder.appendingPathComponent("district")
          let run = try runSecondment(["export", rongchang, "--csv-dir", csv.path])
          guard run.status == 0 else { throw CocoaError(.fileWriteUnknown) }
          let url = csv.appendingPathComponent(file)
          try Data(csvText(edit(csvRows(String(contentsOf: url, encoding: .utf8)))).utf8).write(to: url)
          return solveOutput(csv.path, folder)
        }, output: "out.json")
    }
    battery += [
      folderCase("towns.csv without its id column", file: "towns.csv", mentions: ["towns.csv", "id"]) { rows in
        var rows = rows
        rows[0][0] = "code"
        return rows
      },
      folderCase("a desk capacity that is a word", file: "towns.csv", mentions: ["towns.csv", "row 3", "deskCapacity"], edit: cell("deskCapacity", row: 2, "plenty")),
      folderCase("a tenure of minus one", file: "people.csv", mentions: ["people.csv", "row 5", "tenure"], edit: cell("tenure", row: 4, "-1")),
      folderCase("an unknown department in people.csv", file: "people.csv", mentions: ["people.csv", "row 2", "department"], edit: cell("department", row: 1, "police")),
    ]
    return battery
  }

  // MARK: - Staff lists

  static var staffLists: [BadInput] {
    /// The shipped staff list with `edit` applied to its rows (header first), given to validate.
    func staff(_ label: String, mentions: [String], edit: @escaping @Sendable ([[String]]) -> [[String]]) -> BadInput {
      BadInput(
        kind: .staff, label: label, mentions: ["staff.csv"] + mentions,
        make: { folder in
          let rows = csvRows(try String(contentsOf: URL(fileURLWithPath: staffCSV), encoding: .utf8))
          let path = try write(csvText(edit(rows)), "staff.csv", in: folder)
          return ["solve", rongchang, "--staff", path, "--solver", "greedy", "--output", folder.appendingPathComponent("out.json").path]
        }, output: "out.json")
    }
    return [
      staff("no department column", mentions: ["department"]) { rows in
        let column = rows.first?.firstIndex(of: "department") ?? -1
        return rows.map { row in row.enumerated().filter { $0.offset != column }.map(\.element) }
      },
      staff("a role that is neither", mentions: ["line 3", "role"], edit: cell("role", row: 2, "boss")),
      staff("a yes/no that is maybe", mentions: ["line 4", "certified"], edit: cell("certified", row: 3, "maybe")),
      staff("a tenure that is a word", mentions: ["line 5", "tenure"], edit: cell("tenure", row: 4, "long")),
      staff("a negative tenure", mentions: ["line 5", "tenure"], edit: cell("tenure", row: 4, "-3")),
      staff("a tenure past the range", mentions: ["line 5", "tenure"], edit: cell("tenure", row: 4, "9999")),
      staff("an unknown department", mentions: ["line 2", "department"], edit: cell("department", row: 1, "police")),
      staff("an unknown home town", mentions: ["line 2", "homeTown"], edit: cell("homeTown", row: 1, "atlantis")),
      staff("an unknown current posting", mentions: ["line 2", "currentPosting"], edit: cell("currentPosting", row: 1, "stationed:atlantis")),
      staff("a pin that is not a posting", mentions: ["line 2", "pinned"], edit: cell("pinned", row: 1, "somewhere:else")),
      staff("an id twice", mentions: ["line 3", "id"], edit: cell("id", row: 2, "market-o01")),
      staff("a NUL byte in an id", mentions: ["line 2", "id"], edit: cell("id", row: 1, "market\u{0}o01")),
      staff("a row with an extra column", mentions: ["line 2"]) { rows in
        var rows = rows
        rows[1].append("extra")
        return rows
      },
      staff("a row with too few columns", mentions: ["line 3"]) { rows in
        var rows = rows
        rows[2] = Array(rows[2].prefix(4))
        return rows
      },
      staff("an unterminated quote", mentions: ["line 2"]) { rows in
        var rows = rows
        rows[1][1] = "\"杨桂宁"
        return rows
      },
      staff("only the header", mentions: ["officers"]) { rows in [rows[0]] },
      BadInput(
        kind: .staff, label: "an empty file", mentions: ["staff.csv"],
        make: { folder in
          let path = try write("", "staff.csv", in: folder)
          return ["solve", rongchang, "--staff", path, "--output", folder.appendingPathComponent("out.json").path]
        }, output: "out.json"),
      BadInput(
        kind: .staff, label: "a staff list that does not exist", mentions: ["nobody.csv"],
        make: { folder in
          ["validate", rongchang, "--staff", folder.appendingPathComponent("nobody.csv").path]
        }),
    ]
  }

  // MARK: - Rosters

  static var rosters: [BadInput] {
    /// A greedy roster of rongchang-2024, edited as JSON, given to check.
    func roster(_ label: String, mentions: [String], edit: @escaping @Sendable (inout [String: Any]) -> Void) -> BadInput {
      BadInput(
        kind: .roster, label: label, mentions: ["roster.json"] + mentions,
        make: { folder in
          let good = folder.appendingPathComponent("good.json")
          let run = try runSecondment(["solve", rongchang, "--solver", "greedy", "--quiet", "--output", good.path])
          guard run.status == 0 else { throw CocoaError(.fileWriteUnknown) }
          guard var object = try JSONSerialization.jsonObject(with: Data(contentsOf: good)) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
          }
          edit(&object)
          let path = folder.appendingPathComponent("roster.json")
          try JSONSerialization.data(withJSONObject: object).write(to: path)
          return ["check", rongchang, path.path]
        })
    }
    func posting(_ index: Int, _ key: String, _ value: Any) -> @Sendable (inout [String: Any]) -> Void {
      let json = jsonText(value)
      return { object in
        var postings = object["postings"] as? [[String: Any]] ?? []
        postings[index][key] = jsonValue(json)
        object["postings"] = postings
      }
    }
    let check: @Sendable (String, URL) -> [String] = { path, _ in ["check", rongchang, path] }
    return [
      text(.roster, "not JSON", "roster of 2025", name: "roster.json", place: "line 1", command: check),
      text(.roster, "cut off", "{\"format\": \"secondment-roster\", \"postings\": [", name: "roster.json", place: "line 1", command: check),
      text(.roster, "a key twice", "{\"format\": \"secondment-roster\",\n\"format\": \"secondment-roster\"}", name: "roster.json", place: "line 2", command: check),
      text(.roster, "an empty file", "", name: "roster.json", place: "is empty", command: check),
      roster("an unknown person", mentions: ["postings[0]", "nobody"], edit: posting(0, "person", "nobody")),
      roster("an unknown town", mentions: ["postings[0]", "atlantis"], edit: posting(0, "town", "atlantis")),
      roster("an unknown zone", mentions: ["postings[1]", "zone-atlantis"], edit: posting(1, "zone", "zone-atlantis")),
      roster("a mode that is neither", mentions: ["postings[0]", "remote"], edit: posting(0, "mode", "remote")),
      roster("a person as a number", mentions: ["postings[0].person"], edit: posting(0, "person", 17)),
      roster("a person that is null", mentions: ["postings[0]"], edit: posting(0, "person", NSNull())),
      roster("a split that is text", mentions: ["postings[1].split"], edit: posting(1, "split", "half")),
      roster("postings as an object", mentions: ["postings"]) { $0["postings"] = ["a": 1] },
      roster("the wrong format tag", mentions: ["format"]) { $0["format"] = "secondment-instance" },
      roster("a person twice", mentions: ["postings[1]", "market-o01"], edit: posting(1, "person", "market-o01")),
      text(.roster, "a CSV roster with no person column", "town,mode\nguchang,stationed\n", name: "roster.csv", place: "person", command: check),
      text(.roster, "a CSV roster naming nobody", "person,mode,town\nnobody,stationed,guchang\n", name: "roster.csv", place: "line 2", command: check),
    ]
  }

  // MARK: - Scenarios

  static var scenarios: [BadInput] {
    let whatif: @Sendable (String, URL) -> [String] = { path, folder in
      ["whatif", rongchang, "--scenario", path, "--solver", "greedy", "--quiet",
       "--report", folder.appendingPathComponent("report.html").path]
    }
    func scenario(_ label: String, _ changes: String, mentions: [String]) -> BadInput {
      text(
        .scenario, label, "title: bad\nname: bad\nbase: \(rongchang)\nchanges:\n\(changes)", name: "bad.yaml",
        place: mentions[0], command: whatif, output: "report.html", also: Array(mentions.dropFirst()))
    }
    return [
      scenario("a change kind that does not exist", "  - promote:\n      count: 2\n", mentions: ["bad.yaml:5", "promote"]),
      scenario("a hire of a hundred million", "  - hire:\n      count: 100000000\n      department: market\n      role: officer\n", mentions: ["bad.yaml:6", "25000"]),
      scenario("a hire of minus one", "  - hire:\n      count: -1\n      department: market\n      role: officer\n", mentions: ["bad.yaml:6", "count"]),
      scenario("a hire into no department", "  - hire:\n      count: 2\n      department: police\n      role: officer\n", mentions: ["bad.yaml:7", "police"]),
      scenario("a leaver nobody knows", "  - remove: [nobody]\n", mentions: ["bad.yaml:5", "nobody"]),
      scenario("demand in an unknown town", "  - demand:\n      towns: [atlantis]\n      factor: 1.2\n", mentions: ["bad.yaml:6", "atlantis"]),
      scenario("a negative demand factor", "  - demand:\n      towns: [anfu]\n      factor: -2\n", mentions: ["bad.yaml:7", "factor"]),
      scenario("a count that is a word", "  - hire:\n      count: ten\n      department: market\n      role: officer\n", mentions: ["bad.yaml:6", "count"]),
      scenario("changes as a string", "  everything\n", mentions: ["bad.yaml", "changes"]),
      text(.scenario, "YAML that does not parse", "title: [unclosed\nchanges:\n  - hire: {count: 2\n", name: "bad.yaml", place: "line", command: whatif, output: "report.html"),
      text(.scenario, "tabs for indentation", "title: t\nchanges:\n\t- hire:\n\t\tcount: 2\n", name: "bad.yaml", place: "line", command: whatif, output: "report.html"),
      text(.scenario, "an empty file", "", name: "bad.yaml", place: "changes", command: whatif, output: "report.html"),
      text(.scenario, "a JSON scenario with a syntax error", "{\"title\": \"t\",, \"changes\": []}", name: "bad.json", place: "bad.json:1", command: whatif, output: "report.html"),
    ]
  }

  // MARK: - Change lists

  static var changeLists: [BadInput] {
    func changes(_ label: String, _ rows: String, mentions: [String]) -> BadInput {
      BadInput(
        kind: .changeList, label: label, mentions: ["changes.csv"] + mentions,
        make: { folder in
          let history = folder.appendingPathComponent("plans.sqlite").path
          try adoptFirstQuarter(history)
          let path = try write("person,change,name,department,role,posting,town,fte\n" + rows, "changes.csv", in: folder)
          return ["replan", "--changes", path, "--history", history, "--quarter", "2025Q2", "--solver", "greedy",
                  "--quiet", "--output", folder.appendingPathComponent("out.json").path]
        }, output: "out.json")
    }
    return [
      changes("a change that is not one", "market-o01,promoted,,,,,,\n", mentions: ["row 2", "change"]),
      changes("a leaver nobody knows", "nobody,leaves,,,,,,\n", mentions: ["row 2", "nobody"]),
      changes("a joiner without a department", "new-1,joins,新人,,officer,,,\n", mentions: ["row 2", "department"]),
      changes("a pin to an unknown town", "market-o01,pin,,,,stationed:atlantis,,\n", mentions: ["row 2", "atlantis"]),
      changes("demand that is a word", ",demand,,market,,,anfu,lots\n", mentions: ["row 2", "fte"]),
      changes("demand in an unknown town", ",demand,,market,,,atlantis,2\n", mentions: ["row 2", "town"]),
    ]
  }

  // MARK: - Quarters

  static var quarters: [BadInput] {
    ["2025Q5", "Q3", "2025-3", "", "spring", "99999Q1", "2025q0"].map { value in
      BadInput(
        kind: .quarter, label: "--quarter '\(value)'", mentions: ["--quarter", "2025Q2"],
        make: { folder in
          ["replan", quarter1, "--history", folder.appendingPathComponent("plans.sqlite").path,
           "--quarter", value, "--solver", "greedy", "--output", folder.appendingPathComponent("out.json").path]
        }, output: "out.json")
    } + [
      BadInput(
        kind: .quarter, label: "history --export of no quarter", mentions: ["--export", "2025Q2"],
        make: { folder in
          let history = folder.appendingPathComponent("plans.sqlite").path
          try adoptFirstQuarter(history)
          return ["history", history, "--export", "last spring", "--json", folder.appendingPathComponent("out.json").path]
        }, output: "out.json"),
      BadInput(
        kind: .quarter, label: "a quarter the instance contradicts", mentions: ["2025Q1", "2025Q3"],
        make: { folder in
          ["replan", quarter1, "--history", folder.appendingPathComponent("plans.sqlite").path,
           "--quarter", "2025Q3", "--solver", "greedy", "--output", folder.appendingPathComponent("out.json").path]
        }, output: "out.json"),
    ]
  }

  // MARK: - Plan histories

  static var histories: [BadInput] {
    func history(_ label: String, mentions: [String], make file: @escaping @Sendable (URL) throws -> Void) -> BadInput {
      BadInput(
        kind: .history, label: label, mentions: ["plans.sqlite"] + mentions,
        make: { folder in
          try file(folder.appendingPathComponent("plans.sqlite"))
          return ["replan", quarter1, "--history", folder.appendingPathComponent("plans.sqlite").path,
                  "--quarter", "2025Q1", "--solver", "greedy", "--adopt",
                  "--output", folder.appendingPathComponent("out.json").path]
        }, output: "out.json")
    }
    return [
      history("a text file", mentions: ["not a plan history"]) { url in
        try Data("quarter,roster\n2025Q1,x\n".utf8).write(to: url)
      },
      history("the first 100 bytes of a history", mentions: ["plans.sqlite"]) { url in
        try adoptFirstQuarter(url.path)
        let data = try Data(contentsOf: url)
        try data.prefix(100).write(to: url)
      },
      history("4 KB of garbage in the middle", mentions: ["damaged"]) { url in
        try adoptFirstQuarter(url.path)
        var data = try Data(contentsOf: url)
        let start = min(8192, data.count / 2)
        data.replaceSubrange(start..<min(start + 4096, data.count), with: Data(repeating: 0xA5, count: 4096))
        try data.write(to: url)
      },
      history("a folder", mentions: ["plans.sqlite"]) { url in
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
      },
      history("written by a newer secondment", mentions: ["newer version"]) { url in
        try adoptFirstQuarter(url.path)
        // A migration this build does not know, as a newer build would record it.
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: a future table')") }
      },
      BadInput(
        kind: .history, label: "history of a file that is not one", mentions: ["plans.sqlite"],
        make: { folder in
          let path = try write("not sqlite at all, just text", "plans.sqlite", in: folder)
          return ["history", path]
        }),
    ]
  }

  // MARK: - Option values

  static var options: [BadInput] {
    let solve: [(String, [String], String)] = [
      ("--time-limit abc", ["--time-limit", "abc"], "--time-limit"),
      ("--time-limit -1", ["--time-limit", "-1"], "--time-limit"),
      ("--time-limit 0", ["--time-limit", "0"], "--time-limit"),
      ("--time-limit 1e400", ["--time-limit", "1e400"], "--time-limit"),
      ("--time-limit nan", ["--time-limit", "nan"], "--time-limit"),
      ("--time-limit inf", ["--time-limit", "inf"], "--time-limit"),
      ("--gap -0.1", ["--gap", "-0.1"], "--gap"),
      ("--gap 2", ["--gap", "2"], "--gap"),
      ("--gap abc", ["--gap", "abc"], "--gap"),
      ("--seed -1", ["--seed", "-1"], "--seed"),
      ("--seed abc", ["--seed", "abc"], "--seed"),
      ("--solver cplex", ["--solver", "cplex"], "--solver"),
      ("--lang fr", ["--lang", "fr"], "--lang"),
      ("--encoding latin1", ["--encoding", "latin1"], "--encoding"),
      ("--output into a missing folder", ["--output", "/nonexistent/folder/out.json"], "/nonexistent/folder"),
      ("--output onto the instance", ["--output", rongchang], "rongchang-2024.json"),
      ("--export-model as .txt", ["--export-model", "/tmp/model.txt"], "--export-model"),
      ("an unknown option", ["--fast"], "--fast"),
    ]
    var battery = solve.map { label, extra, place in
      BadInput(
        kind: .option, label: label, mentions: [place],
        make: { folder in
          ["solve", rongchang, "--quiet", "--output", folder.appendingPathComponent("out.json").path] + extra
        }, output: label.hasPrefix("--output") ? nil : "out.json")
    }
    let generate: [(String, [String], String)] = [
      ("generate --towns 0", ["--towns", "0", "--people", "5"], "--towns"),
      ("generate --towns 5001", ["--towns", "5001", "--people", "5"], "--towns"),
      ("generate --people 0", ["--towns", "5", "--people", "0"], "--people"),
      ("generate --people 25001", ["--towns", "5", "--people", "25001"], "--people"),
      ("generate --departments 101", ["--towns", "5", "--people", "50", "--departments", "101"], "--departments"),
      ("generate --towns huge", ["--towns", "9223372036854775807", "--people", "5"], "--towns"),
    ]
    battery += generate.map { label, extra, place in
      BadInput(
        kind: .option, label: label, mentions: [place],
        make: { folder in ["generate", "--output", folder.appendingPathComponent("out.json").path] + extra },
        output: "out.json")
    }
    battery += [
      BadInput(
        kind: .option, label: "gap --format xml", mentions: ["--format"],
        make: { _ in ["gap", shipped("Instances/gap/gap1.txt"), "--format", "xml"] }),
      BadInput(
        kind: .option, label: "check --format yaml", mentions: ["--format"],
        make: { _ in ["check", rongchang, rongchang, "--format", "yaml"] }),
      BadInput(
        kind: .option, label: "replan --max-moves -3", mentions: ["--max-moves"],
        make: { folder in
          ["replan", quarter1, "--history", folder.appendingPathComponent("plans.sqlite").path,
           "--quarter", "2025Q1", "--max-moves", "-3", "--output", folder.appendingPathComponent("out.json").path]
        }, output: "out.json"),
      BadInput(
        kind: .option, label: "replan --pin without a town", mentions: ["--pin"],
        make: { folder in
          ["replan", quarter1, "--history", folder.appendingPathComponent("plans.sqlite").path,
           "--quarter", "2025Q1", "--pin", "market-o01", "--output", folder.appendingPathComponent("out.json").path]
        }, output: "out.json"),
      BadInput(
        kind: .option, label: "replan --supersede without --adopt", mentions: ["--supersede"],
        make: { folder in
          ["replan", quarter1, "--history", folder.appendingPathComponent("plans.sqlite").path,
           "--quarter", "2025Q1", "--supersede", "--output", folder.appendingPathComponent("out.json").path]
        }, output: "out.json"),
      BadInput(
        kind: .option, label: "export with nothing to write", mentions: ["--xlsx"],
        make: { _ in ["export", rongchang] }),
    ]
    return battery
  }

  // MARK: - GAP benchmark files

  static var gapFiles: [BadInput] {
    let gap: @Sendable (String, URL) -> [String] = { path, _ in ["gap", path, "--solver", "greedy"] }
    return [
      text(.gapFile, "an empty file", "", name: "bad.txt", place: "bad.txt", command: gap),
      text(.gapFile, "a word where a count goes", "one\n5 10\n", name: "bad.txt", place: "line 1", command: gap),
      text(.gapFile, "fewer costs than promised", "1\n2 3\n1 2 3\n", name: "bad.txt", place: "bad.txt", command: gap),
      text(.gapFile, "a negative agent count", "1\n-2 3\n", name: "bad.txt", place: "bad.txt", command: gap),
    ]
  }
}
