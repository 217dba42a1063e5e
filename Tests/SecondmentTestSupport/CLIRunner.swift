import Foundation

/// What one run of the built `secondment` binary produced.
public struct CLIOutcome: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

/// The package's root folder (where Package.swift is), for shipped instances.
public let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A shipped file's path, e.g. `Instances/scenarios/law-graduates.yaml`.
public func shipped(_ relative: String) -> String {
  packageRoot.appendingPathComponent(relative).path
}

/// The built `secondment` executable, next to the test bundle in the build folder.
public func secondmentBinary() throws -> URL {
  var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  for _ in 0..<4 {
    let candidate = dir.appendingPathComponent("secondment")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    dir = dir.deletingLastPathComponent()
  }
  struct Missing: Error, CustomStringConvertible {
    var description: String { "secondment binary not found next to the test bundle" }
  }
  throw Missing()
}

/// Runs `secondment` with arguments and waits for it.
///
/// `directory` is its working folder (the package root by default);
/// `environment` adds to (or overrides) the test's own environment.
public func runSecondment(
  _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
) throws -> CLIOutcome {
  let process = Process()
  process.executableURL = try secondmentBinary()
  process.arguments = arguments
  process.currentDirectoryURL = directory ?? packageRoot
  if !environment.isEmpty {
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  // Read standard error on another thread so neither pipe can fill up and block the child.
  let errors = DataBox()
  let reader = Thread { errors.set(err.fileHandleForReading.readDataToEndOfFile()) }
  reader.start()
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  let errData = errors.wait()
  return CLIOutcome(
    status: process.terminationStatus,
    stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}

/// A fresh temporary folder for one test's files, inside this test
/// process's own folder (`testProcessFolder`), which goes when the process ends.
public func temporaryFolder() throws -> URL {
  let url = testProcessFolder.appendingPathComponent(UUID().uuidString)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// The folder of this test process's temporary folders, made on first use
/// and removed, with all in it, when the process exits.
private let testProcessFolder: URL = {
  atexit { try? FileManager.default.removeItem(at: processFolderURL()) }
  return processFolderURL()
}()

private func processFolderURL() -> URL {
  FileManager.default.temporaryDirectory
    .appendingPathComponent("secondment-tests-\(ProcessInfo.processInfo.processIdentifier)")
}

/// Data a reader thread hands back once.
private final class DataBox: @unchecked Sendable {
  private let condition = NSCondition()
  private var value: Data?

  func set(_ data: Data) {
    condition.lock()
    value = data
    condition.signal()
    condition.unlock()
  }

  func wait() -> Data {
    condition.lock()
    defer { condition.unlock() }
    while value == nil { condition.wait() }
    return value ?? Data()
  }
}
