import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes files so that nothing is ever half-written: the data goes to a
/// temporary file in the same folder, is flushed to disk, and is renamed over
/// the target; then the folder is flushed too.
///
/// A reader sees either the old file or the complete new one, never a torn
/// one; when writing fails the target is untouched and the temporary file is
/// removed. The temporary file is `.NAME.secondment-PID.tmp`: one per writing
/// process, and one left by a process that was killed is removed by the next
/// write to the same target. Writing through a symbolic link writes the
/// link's target (the link stays); an existing file keeps its permissions;
/// a device or a pipe (`--output /dev/null`) is written to directly.
public enum AtomicFile {
  /// Why an output could not be written, in one line.
  public struct WriteError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// The output as the planner named it.
    public var path: String
    /// The system's reason, e.g. `Permission denied`.
    public var reason: String

    public var description: String { "cannot write \(path): \(reason)" }
    public var errorDescription: String? { description }
  }

  /// Writes `data` to `path` atomically (temporary file in the same folder, flushed, then renamed).
  ///
  /// - Throws: `WriteError` naming the output and the reason.
  public static func write(_ data: Data, to path: String) throws {
    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
    let folder = target.deletingLastPathComponent()
    let prefix = ".\(target.lastPathComponent).secondment-"
    removeOrphans(in: folder.path, prefix: prefix)
    let temporary = folder.appendingPathComponent("\(prefix)\(getpid()).tmp").path
    func fail(_ code: Int32) -> WriteError {
      WriteError(path: path, reason: String(cString: strerror(code)))
    }
    var status = stat()
    let exists = stat(target.path, &status) == 0
    let kind = status.st_mode & S_IFMT
    if exists, kind == S_IFCHR || kind == S_IFIFO {
      // A device or a pipe (`/dev/null`, `/dev/stdout`) is written to as it
      // is: renaming over it would replace it with a file.
      let fd = open(target.path, O_WRONLY)
      guard fd >= 0 else { throw fail(errno) }
      defer { close(fd) }
      guard writeAll(data, to: fd) else { throw fail(errno) }
      return
    }
    let mode: mode_t = exists ? status.st_mode & 0o7777 : 0o644
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode)
    guard fd >= 0 else { throw fail(errno) }
    let ok = writeAll(data, to: fd)
    let writeErrno = errno
    if !ok || fsync(fd) != 0 {
      let code = ok ? errno : writeErrno
      close(fd)
      unlink(temporary)
      throw fail(code)
    }
    fchmod(fd, mode)  // open's mode is masked by the umask; keep the file's own
    close(fd)
    if rename(temporary, target.path) != 0 {
      let code = errno
      unlink(temporary)
      throw fail(code)
    }
    let dir = open(folder.path, O_RDONLY)
    if dir >= 0 {
      fsync(dir)
      close(dir)
    }
  }

  /// Writes all of `data` to `fd`, again after an interrupted call; false on an error (in `errno`).
  static func writeAll(_ data: Data, to fd: Int32) -> Bool {
    var written = 0
    return data.withUnsafeBytes { raw -> Bool in
      guard let base = raw.baseAddress else { return true }
      while written < raw.count {
        let n = Foundation.write(fd, base + written, raw.count - written)
        if n < 0 {
          if errno == EINTR { continue }
          return false
        }
        written += n
      }
      return true
    }
  }

  /// Writes `text` as UTF-8 to `path` atomically.
  public static func write(_ text: String, to path: String) throws {
    try write(Data(text.utf8), to: path)
  }

  /// Removes temporary files of writes to the same target whose process is gone.
  static func removeOrphans(in folder: String, prefix: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
      let pidText = name.dropFirst(prefix.count).dropLast(4)
      guard let pid = Int32(pidText), pid != getpid() else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH {
        unlink((folder as NSString).appendingPathComponent(name))
      }
    }
  }

  /// Why `path` cannot be written, checked before any work: its folder is
  /// missing or not writable, or it is a folder; nil when it can be.
  public static func problem(writing path: String) -> String? {
    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder), isFolder.boolValue {
      return "it is a folder"
    }
    let folder = target.deletingLastPathComponent().path
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
      return "the folder \(folder) does not exist"
    }
    guard access(folder, W_OK) == 0 else { return "the folder \(folder) is not writable" }
    if FileManager.default.fileExists(atPath: target.path), access(target.path, W_OK) != 0 {
      return "the file is read-only"
    }
    return nil
  }
}
