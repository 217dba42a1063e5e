import Foundation
import Testing

/// What one run of the built `secondment` binary produced.
struct CLIOutcome {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// The built `secondment` executable, next to the test bundle in the build folder.
func secondmentBinary() throws -> URL {
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

/// Runs `secondment` with arguments and waits for it; `directory` is its working folder.
func runSecondment(_ arguments: [String], in directory: URL? = nil) throws -> CLIOutcome {
  let process = Process()
  process.executableURL = try secondmentBinary()
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = directory }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  // Read both pipes before waiting so a large output cannot block the child.
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return CLIOutcome(
    status: process.terminationStatus,
    stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}

/// The package's root folder (where Package.swift is), for shipped instances.
let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh temporary folder for one test's files.
func temporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("secondment-test-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
