import Foundation

/// Writes files so that nothing is ever half-written: the data goes to a
/// temporary file in the same folder, which is then renamed over the target.
///
/// A reader sees either the old file or the complete new one, never a torn
/// one; when writing fails the target is untouched and the temporary file is
/// removed.
public enum AtomicFile {
  /// Writes `data` to `path` atomically (temporary file in the same folder, then rename).
  public static func write(_ data: Data, to path: String) throws {
    let target = URL(fileURLWithPath: path)
    let folder = target.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(
      ".\(target.lastPathComponent).\(UUID().uuidString).tmp")
    do {
      try data.write(to: temporary)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
    if rename(temporary.path, target.path) != 0 {
      let code = errno
      try? FileManager.default.removeItem(at: temporary)
      throw CocoaError(
        .fileWriteUnknown,
        userInfo: [
          NSFilePathErrorKey: path,
          NSLocalizedDescriptionKey:
            "cannot replace \(path): \(String(cString: strerror(code)))",
        ])
    }
  }

  /// Writes `text` as UTF-8 to `path` atomically.
  public static func write(_ text: String, to path: String) throws {
    try write(Data(text.utf8), to: path)
  }
}
