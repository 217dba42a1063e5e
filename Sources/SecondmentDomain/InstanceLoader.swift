import Foundation

/// Reads, validates and writes instance files (`docs/instance-format.md`).
///
/// Every problem is thrown as `InputErrors`: one or more `InputError`s that
/// name the file, the JSON path or CSV line, what is wrong and how to fix it.
public enum InstanceLoader {
  /// Loads and validates an instance; with `staff`, the staff CSV's people
  /// replace the instance's (`StaffCSV`).
  ///
  /// - Throws: `InputErrors` for an unreadable, malformed or invalid file.
  public static func load(path: String, staff: String? = nil) throws -> Instance {
    var instance = try decode(readFile(path), file: path)
    var source: StaffSource?
    if let staff {
      let list = try StaffCSV.read(path: staff)
      instance.people = list.people
      source = list.source
    }
    return try prepare(instance, file: path, staff: source)
  }

  /// Resolves the names a planner wrote to ids (`InstanceNames`), then
  /// validates: the instance ready to plan, or every problem found.
  ///
  /// - Parameters:
  ///   - staff: where the people came from when a staff CSV supplied them.
  ///   - peopleFile: the file the people came from when it is not `file`
  ///     and not a staff CSV (a staff workbook), for the quota messages.
  /// - Throws: `InputErrors` for an ambiguous name or an invalid instance.
  public static func prepare(
    _ instance: Instance, file: String, staff: StaffSource? = nil, peopleFile: String? = nil
  ) throws -> Instance {
    let (resolved, ambiguous) = InstanceNames.resolve(instance, file: file)
    let relocated = ambiguous.map { staff?.relocate($0) ?? $0 }
    let problems =
      relocated
      + InstanceValidation.problems(in: resolved, file: file, staff: staff, peopleFile: peopleFile)
    if !problems.isEmpty { throw InputErrors(problems) }
    return resolved
  }

  /// Loads and validates an instance and resolves it for planning.
  ///
  /// - Throws: `InputErrors` for an unreadable, malformed or invalid file.
  public static func loadDistrict(path: String, staff: String? = nil) throws -> District {
    District(try load(path: path, staff: staff))
  }

  /// Decodes an instance from JSON without validating it.
  ///
  /// Malformed JSON, a wrong format tag, an unsupported version, missing keys
  /// and wrong types become `InputErrors` with the JSON path.
  public static func decode(_ data: Data, file: String) throws -> Instance {
    if data.isEmpty {
      throw InputErrors(
        InputError(file: file, message: "the file is empty", hint: "give an instance JSON document"))
    }
    let tree: Any
    do {
      tree = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      throw InputErrors(syntaxError(error, data: data, file: file))
    }
    if let problem = JSONShape.firstProblem(in: data) {
      throw InputErrors(InputError(file: file, location: problem.location, message: problem.message, hint: problem.hint))
    }
    guard let root = tree as? [String: Any] else {
      throw InputErrors(
        InputError(
          file: file, message: "the file is not a JSON object",
          hint: "an instance is one object: { \"format\": \"\(Instance.formatTag)\", ... }"))
    }
    if let format = root["format"] {
      guard let tag = format as? String, tag == Instance.formatTag else {
        throw InputErrors(
          InputError(
            file: file, location: "format",
            message: "format is \(describe(format)), not '\(Instance.formatTag)'",
            hint: "is this the right file? a roster or other file cannot be read as an instance"))
      }
    }
    if let version = root["version"] as? NSNumber, !(root["version"] is Bool),
      !(1...Double(Instance.currentVersion)).contains(version.doubleValue)
        || version.doubleValue.rounded() != version.doubleValue
    {
      throw InputErrors(
        InputError(
          file: file, location: "version", message: "unsupported version \(version)",
          hint: "this build reads versions 1 to \(Instance.currentVersion); use a newer secondment"))
    }
    do {
      return try JSONDecoder().decode(Instance.self, from: data)
    } catch let error as DecodingError {
      throw InputErrors(translate(error, tree: root, file: file))
    }
  }

  /// The instance as JSON, byte for byte the same for the same instance:
  /// sorted keys, two-space indent, short arrays of numbers or ids on one line.
  public static func encode(_ instance: Instance) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let text = String(decoding: try encoder.encode(instance), as: UTF8.self)
    return Data((compactScalarArrays(text) + "\n").utf8)
  }

  /// Writes an instance to `path` atomically (temporary file, then rename).
  public static func write(_ instance: Instance, to path: String) throws {
    try AtomicFile.write(encode(instance), to: path)
  }

  // MARK: - Reading files

  /// The file's bytes, or an `InputErrors` saying why it cannot be read.
  public static func readFile(_ path: String) throws -> Data {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw InputErrors(
        InputError(file: path, message: "no such file", hint: "check the path and the working folder"))
    }
    if isFolder.boolValue {
      throw InputErrors(
        InputError(file: path, message: "is a folder, not a file", hint: "name the file itself"))
    }
    let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    if let type, type != .typeRegular, type != .typeSymbolicLink {
      throw InputErrors(
        InputError(file: path, message: "is not a regular file", hint: "name an instance file"))
    }
    do {
      return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw InputErrors(
        InputError(
          file: path, message: "cannot read the file (\(error.localizedDescription))",
          hint: "check its permissions"))
    }
  }

  // MARK: - Error translation

  /// A JSON syntax error with its line and column when the parser gives an offset.
  static func syntaxError(_ error: any Error, data: Data, file: String) -> InputError {
    let detail =
      ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String)
      ?? error.localizedDescription
    var location: String?
    /// Line and column (in characters) of a byte offset.
    func place(_ offset: Int) -> String {
      var line = 1
      var column = 1
      for byte in data.prefix(offset) {
        if byte == UInt8(ascii: "\n") {
          line += 1
          column = 1
        } else if byte & 0xC0 != 0x80 {
          column += 1
        }
      }
      return "line \(line), column \(column)"
    }
    if let range = detail.range(of: "character ", options: .backwards),
      let offset = Int(detail[range.upperBound...].prefix { $0.isNumber })
    {
      location = place(offset)
    } else if let number = detail.firstMatch(of: /Number (\S+) is not representable/)?.1,
      let found = data.firstRange(of: Data(number.utf8))
    {
      // A number beyond any Double (1e400): where it is, and the ranges.
      return InputError(
        file: file, location: place(found.lowerBound), message: "the number \(number) is too large",
        hint: "every figure has a range (docs/instance-format.md, Ranges)")
    } else if detail.lowercased().contains("end of file") {
      let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      let last = lines.last?.allSatisfy { $0 == UInt8(ascii: " ") } == true ? lines.count - 1 : lines.count
      location = "line \(max(1, last)), at the end of the file"
    }
    return InputError(
      file: file, location: location, message: "not valid JSON: \(detail)",
      hint: "check for a missing comma, quote or bracket near there")
  }

  /// A coding path as a JSON path: `towns[3].demand.market`.
  static func path(_ codingPath: [any CodingKey], appending key: String? = nil) -> String {
    var text = ""
    for element in codingPath {
      if let i = element.intValue {
        text += "[\(i)]"
      } else {
        text += text.isEmpty ? element.stringValue : ".\(element.stringValue)"
      }
    }
    if let key { text += text.isEmpty ? key : ".\(key)" }
    return text
  }

  static func typeName(_ type: Any.Type) -> String {
    switch type {
    case is Double.Type, is Float.Type: "a number"
    case is Int.Type: "a whole number"
    case is String.Type: "text in quotes"
    case is Bool.Type: "true or false"
    default: String(describing: type).hasPrefix("Array") ? "a list [...]" : "an object {...}"
    }
  }

  static func translate(_ error: DecodingError, tree: [String: Any], file: String) -> InputError {
    switch error {
    case .keyNotFound(let key, let context):
      return InputError(
        file: file, location: path(context.codingPath, appending: key.stringValue),
        message: "missing required key '\(key.stringValue)'",
        hint: "add \"\(key.stringValue)\" (see docs/instance-format.md)")
    case .typeMismatch(let type, let context):
      var found = ""
      if let range = context.debugDescription.range(of: "found ") {
        found = ", found " + context.debugDescription[range.upperBound...]
          .replacingOccurrences(of: " instead.", with: "")
      }
      return InputError(
        file: file, location: path(context.codingPath),
        message: "expected \(typeName(type))\(found)",
        hint: "see docs/instance-format.md for this field's type")
    case .valueNotFound(let type, let context):
      return InputError(
        file: file, location: path(context.codingPath),
        message: "expected \(typeName(type)), found null",
        hint: "give a value or leave the key out where it is optional")
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty, let (at, value) = firstFractionalInteger(in: tree) {
        return InputError(
          file: file, location: at, message: "expected a whole number, found \(value)",
          hint: "counts such as desks, tenure and quotas are whole numbers within their range (docs/instance-format.md, Ranges)")
      }
      return InputError(
        file: file, location: context.codingPath.isEmpty ? nil : path(context.codingPath),
        message: context.debugDescription, hint: "see docs/instance-format.md")
    @unknown default:
      return InputError(file: file, message: "\(error)")
    }
  }

  /// Keys whose values must be whole numbers.
  static let integerKeys: Set<String> = [
    "version", "deskCapacity", "tenure", "officers", "auxiliaries", "minCertifiedPerTown",
    "auxiliariesPerOfficer", "minLegalPerTown", "maxTenureQuarters", "maxMoves", "zoneMaxTowns",
  ]

  /// The first whole-number field holding a fraction or a number too large
  /// for a whole number (JSONDecoder says only "not valid JSON").
  static func firstFractionalInteger(in value: Any, at here: String = "") -> (String, String)? {
    if let object = value as? [String: Any] {
      for key in object.keys.sorted() {
        let child = here.isEmpty ? key : "\(here).\(key)"
        if integerKeys.contains(key), let number = object[key] as? NSNumber, !(object[key] is Bool),
          number.doubleValue.rounded() != number.doubleValue || abs(number.doubleValue) >= 9.2e18
        {
          return (child, "\(number)")
        }
        if let found = firstFractionalInteger(in: object[key] as Any, at: child) { return found }
      }
    } else if let array = value as? [Any] {
      for (i, element) in array.enumerated() {
        if let found = firstFractionalInteger(in: element, at: "\(here)[\(i)]") { return found }
      }
    }
    return nil
  }

  static func describe(_ value: Any) -> String {
    if let text = value as? String { return "'\(text)'" }
    return "\(value)"
  }

  // MARK: - Output layout

  /// Joins arrays of scalars onto one line when they are numbers or short,
  /// so travel matrices and town lists stay readable.
  static func compactScalarArrays(_ text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var out: [String] = []
    var i = 0
    while i < lines.count {
      let line = lines[i]
      if line.hasSuffix("[") {
        var items: [String] = []
        var j = i + 1
        var scalar = true
        while j < lines.count {
          let item = lines[j].trimmingCharacters(in: .whitespaces)
          if item.hasPrefix("]") { break }
          if item.hasSuffix("{") || item.hasSuffix("[") {
            scalar = false
            break
          }
          items.append(item.hasSuffix(",") ? String(item.dropLast()) : item)
          j += 1
        }
        if scalar, j < lines.count {
          let closing = lines[j].trimmingCharacters(in: .whitespaces)
          let joined = line + items.joined(separator: ", ") + closing
          let numeric = items.allSatisfy { Double($0) != nil }
          if numeric || joined.count <= 100 {
            out.append(joined)
            i = j + 1
            continue
          }
        }
      }
      out.append(line)
      i += 1
    }
    return out.joined(separator: "\n")
  }
}
