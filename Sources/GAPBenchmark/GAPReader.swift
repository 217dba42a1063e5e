#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A malformed OR-Library GAP file: names the file, the token and its line.
public struct GAPFormatError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file as given to the reader (or `<text>`).
  public var file: String
  /// 1-based position of the offending token in the file's token stream;
  /// one past the last token when the file ends early.
  public var token: Int
  /// 1-based line of that token (for the reader's convenience only: line
  /// breaks carry no meaning in the format).
  public var line: Int
  /// What is wrong.
  public var message: String

  public var description: String { "\(file): token \(token) (line \(line)): \(message)" }
}

/// Reads OR-Library generalized assignment files (`gap1.txt` … `gapd.txt`).
///
/// The format is a stream of integers separated by any whitespace; line
/// breaks carry no meaning:
///
/// ```
/// P                      instances in the file
/// P times:  m n          agents, jobs
///           c[i][j]      m × n costs, agent by agent
///           r[i][j]      m × n resource use, agent by agent
///           b[i]         m capacities
/// ```
///
/// Nothing may follow the last instance. Instance names follow
/// `GAPNaming.name(file:index:agents:jobs:)`.
public enum GAPReader {
  /// Reads every instance of the file at `path`.
  public static func read(path: String) throws -> [GAPInstance] {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw GAPFormatError(file: path, token: 0, line: 0, message: "cannot read file: \(error)")
    }
    let fileName = path.split(separator: "/").last.map(String.init) ?? path
    return try parse(String(decoding: data, as: UTF8.self), file: path, fileName: fileName)
  }

  /// Parses the text of one file.
  ///
  /// - Parameters:
  ///   - text: the whole file.
  ///   - file: how errors name the file.
  ///   - fileName: the base name (`gap1.txt`) used to name instances.
  public static func parse(_ text: String, file: String = "<text>", fileName: String? = nil)
    throws -> [GAPInstance]
  {
    var tokens = TokenStream(text: text, file: file)
    let count = try tokens.next(at: "number of instances", minimum: 1)
    var instances: [GAPInstance] = []
    for index in 1...count {
      let what = "instance \(index)"
      let m = try tokens.next(at: "\(what): number of agents m", minimum: 1)
      let n = try tokens.next(at: "\(what): number of jobs n", minimum: 1)
      guard m.multipliedReportingOverflow(by: n).partialValue <= 10_000_000 else {
        throw tokens.error("\(what): \(m) × \(n) is too large")
      }
      var cost: [[Int]] = []
      for i in 1...m {
        cost.append(try (1...n).map { j in try tokens.next(at: "\(what): cost c[\(i)][\(j)]") })
      }
      var resource: [[Int]] = []
      for i in 1...m {
        resource.append(
          try (1...n).map { j in
            try tokens.next(at: "\(what): resource r[\(i)][\(j)]", minimum: 0)
          })
      }
      let capacity = try (1...m).map { i in
        try tokens.next(at: "\(what): capacity b[\(i)]", minimum: 0)
      }
      let name = GAPNaming.name(file: fileName ?? file, index: index, agents: m, jobs: n)
      instances.append(GAPInstance(name: name, cost: cost, resource: resource, capacity: capacity))
    }
    try tokens.expectEnd(after: count)
    return instances
  }
}

/// Whitespace-separated integer tokens with their position, for error messages.
struct TokenStream {
  private let bytes: [UInt8]
  private var offset = 0
  private let file: String
  private(set) var token = 0
  private(set) var line = 1

  init(text: String, file: String) {
    bytes = Array(text.utf8)
    self.file = file
  }

  func error(_ message: String) -> GAPFormatError {
    GAPFormatError(file: file, token: token, line: line, message: message)
  }

  private static func isSpace(_ b: UInt8) -> Bool { b == 32 || (9...13).contains(b) }

  /// Skips whitespace; returns the next token's bytes, or nil at the end.
  private mutating func raw() -> ArraySlice<UInt8>? {
    while offset < bytes.count, Self.isSpace(bytes[offset]) {
      if bytes[offset] == 10 { line += 1 }
      offset += 1
    }
    guard offset < bytes.count else { return nil }
    let start = offset
    while offset < bytes.count, !Self.isSpace(bytes[offset]) { offset += 1 }
    return bytes[start..<offset]
  }

  /// The next token as an integer of at least `minimum`; `what` says what it should be.
  mutating func next(at what: String, minimum: Int = Int.min) throws -> Int {
    token += 1
    guard let t = raw() else {
      throw error("file ends early; expected \(what)")
    }
    let text = String(decoding: t, as: UTF8.self)
    guard let value = Int(text) else {
      throw error("expected \(what) as an integer, found '\(text.prefix(40))'")
    }
    guard value >= minimum else {
      throw error("\(what) is \(value); it must be at least \(minimum)")
    }
    return value
  }

  /// Throws if any token is left after the last instance.
  mutating func expectEnd(after count: Int) throws {
    token += 1
    if let t = raw() {
      let text = String(decoding: t, as: UTF8.self)
      throw error("unexpected token '\(text.prefix(40))' after the \(count) declared instances")
    }
  }
}

/// OR-Library instance names, as in the benchmark README.
public enum GAPNaming {
  /// The name of instance `index` (1-based) of a file.
  ///
  /// `gapK.txt` → `c<m><n>-<index>` (e.g. `gap1.txt` #1 → `c515-1`);
  /// `gapX.txt` for X in a–d → `X` + m (2 digits) + n (e.g. `d10200`);
  /// any other file → `<base name>-<index>`.
  public static func name(file: String, index: Int, agents: Int, jobs: Int) -> String {
    var base = file.split(separator: "/").last.map(String.init) ?? file
    if base.hasSuffix(".txt") { base.removeLast(4) }
    let lower = base.lowercased()
    if lower.hasPrefix("gap") {
      let rest = lower.dropFirst(3)
      if !rest.isEmpty, rest.allSatisfy(\.isNumber) {
        return "c\(agents)\(jobs)-\(index)"
      }
      if rest.count == 1, let letter = rest.first, "abcd".contains(letter) {
        let m = agents < 10 ? "0\(agents)" : "\(agents)"
        return "\(letter)\(m)\(jobs)"
      }
    }
    return "\(base)-\(index)"
  }
}
