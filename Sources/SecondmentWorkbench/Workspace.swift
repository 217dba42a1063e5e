import Foundation

/// The workbench's folder on disk: the district's files, one folder per
/// solve job (`jobs/ID/`: the uploaded instance, the roster, the solve's log).
///
/// Names a planner or a page gives never leave it: `file(named:)` refuses a
/// name with a path separator, a leading dot or `..`.
public struct Workspace: Sendable {
  /// The folder, absolute.
  public let root: URL

  /// Opens the folder, creating it and its `jobs` folder when missing.
  ///
  /// - Throws: `WorkspaceError.notAFolder` for a path that is a file, or the
  ///   file system's error when the folder cannot be made.
  public init(_ path: String) throws {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
      throw WorkspaceError.notAFolder(url.path)
    }
    try FileManager.default.createDirectory(
      at: url.appendingPathComponent("jobs"), withIntermediateDirectories: true)
    root = url
  }

  /// The plan history of the quarter page (`replan --history`).
  public var history: URL { root.appendingPathComponent("history.sqlite") }

  /// The folder of solve jobs.
  public var jobs: URL { root.appendingPathComponent("jobs") }

  /// A job's folder; nil for an id that is not a job id (`JobID.isValid`).
  public func job(_ id: String) -> URL? {
    JobID.isValid(id) ? jobs.appendingPathComponent(id) : nil
  }

  /// A file directly in the workspace named by a planner; nil when the name
  /// is empty, has a path separator or a NUL, starts with a dot, or is too
  /// long (255 bytes), so that no name reaches outside the workspace.
  public func file(named name: String) -> URL? {
    guard Workspace.isPlainName(name) else { return nil }
    return root.appendingPathComponent(name)
  }

  /// Whether `name` names a file in a folder and nothing beyond it.
  public static func isPlainName(_ name: String) -> Bool {
    !name.isEmpty && name.utf8.count <= 255 && !name.hasPrefix(".")
      && !name.contains("/") && !name.contains("\\") && !name.contains("\0")
  }
}

/// Why a workspace cannot be opened.
public enum WorkspaceError: Error, CustomStringConvertible, Sendable {
  case notAFolder(String)

  public var description: String {
    switch self {
    case .notAFolder(let path): "\(path) is a file, not a folder (fix: name a folder for --workspace)"
    }
  }
}

/// Job ids: 12 lowercase hexadecimal digits, random.
public enum JobID {
  /// A new random id.
  static func make() -> String { randomHex(12) }

  /// `digits` random lowercase hexadecimal digits from the system's generator.
  static func randomHex(_ digits: Int) -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<digits).map { _ in String(Int.random(in: 0..<16, using: &generator), radix: 16) }
      .joined()
  }

  /// Whether `id` has the form of a job id (so it names no other path).
  public static func isValid(_ id: String) -> Bool {
    id.count == 12 && id.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
  }
}
