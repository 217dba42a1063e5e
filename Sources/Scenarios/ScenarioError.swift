/// A scenario that cannot be read or applied, in the planner's words.
///
/// Every error names the scenario file and, where it can, the line of the
/// offending entry, says what is wrong and how to fix it, e.g.
/// `pilot-growth.yaml:7: unknown town 'anfuu'. Fix: use one of changyuan, …`.
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The scenario file as the planner named it.
  public var file: String
  /// The 1-based line of the entry at fault, when known.
  public var line: Int?
  /// What is wrong.
  public var message: String
  /// How to put it right.
  public var fix: String?

  public init(file: String, line: Int?, message: String, fix: String? = nil) {
    self.file = file
    self.line = line
    self.message = message
    self.fix = fix
  }

  public var description: String {
    var text = file
    if let line { text += ":\(line)" }
    text += ": \(message)"
    if let fix { text += ". Fix: \(fix)" }
    return text
  }
}
