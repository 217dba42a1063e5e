/// One problem with a planner's input file, said in the planner's words.
///
/// It names the file, where in it (a JSON path such as `towns[3].demand.market`,
/// or a CSV position such as `line 12, column homeTown`), what is wrong, and
/// how to fix it.
public struct InputError: Error, CustomStringConvertible, Sendable, Hashable {
  /// The file as the planner named it (path as given on the command line).
  public var file: String
  /// JSON path (`people[4].department`) or CSV position (`line 12, column role`);
  /// nil when the problem is about the whole file.
  public var location: String?
  /// What is wrong, e.g. `unknown department 'markt'`.
  public var message: String
  /// How to fix it, e.g. `use one of: market, transport`.
  public var hint: String?

  public init(file: String, location: String? = nil, message: String, hint: String? = nil) {
    self.file = file
    self.location = location
    self.message = message
    self.hint = hint
  }

  /// One line: `file: location: message (fix: hint)`.
  public var description: String {
    var text = file
    if let location, !location.isEmpty { text += ": \(location)" }
    text += ": \(message)"
    if let hint, !hint.isEmpty { text += " (fix: \(hint))" }
    return text
  }
}

/// Every problem found in one or more input files; what loading throws.
///
/// `description` lists the first `shownLimit` problems, one per line, and
/// says how many more there are.
public struct InputErrors: Error, CustomStringConvertible, Sendable, Hashable {
  /// How many problems `description` shows.
  public static let shownLimit = 20

  /// All problems found, in file order (never empty when thrown).
  public var errors: [InputError]

  public init(_ errors: [InputError]) {
    self.errors = errors
  }

  public init(_ error: InputError) {
    self.errors = [error]
  }

  public var description: String {
    var lines = errors.prefix(InputErrors.shownLimit).map(\.description)
    if errors.count > InputErrors.shownLimit {
      lines.append("… and \(errors.count - InputErrors.shownLimit) more problems")
    }
    return lines.joined(separator: "\n")
  }
}
