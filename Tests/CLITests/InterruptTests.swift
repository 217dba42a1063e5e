import Foundation
import GLPKBackend
import SecondmentTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Ctrl-C or SIGTERM stops the search and keeps the best roster found.
@Suite("Interrupting a solve", .enabled(if: GLPKSolver.isAvailable, "this build has no GLPK search to interrupt"))
struct InterruptTests {
  @Test("SIGTERM during the search: the best roster so far is written whole, and the exit status is 4")
  func sigtermWritesTheBestRoster() throws {
    let folder = try temporaryFolder()
    let district = folder.appendingPathComponent("d100.json").path
    let roster = folder.appendingPathComponent("roster.json").path
    let made = try runSecondment([
      "generate", "--towns", "100", "--people", "500", "--departments", "9", "--seed", "7", "--output", district,
    ])
    try #require(made.status == 0, "\(made.stderr)")
    let process = Process()
    process.executableURL = try secondmentBinary()
    process.arguments = ["solve", district, "--time-limit", "300", "--output", roster, "--quiet"]
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    let started = Date()
    try process.run()
    Thread.sleep(forTimeInterval: 5)
    kill(process.processIdentifier, SIGTERM)
    process.waitUntilExit()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationReason == .exit, "no signal death")
    #expect(process.terminationStatus == 4, "\(stderr)")
    #expect(Date().timeIntervalSince(started) < 120, "stopped long before the 300 s limit")
    #expect(stderr.contains("stopped by an interrupt"))
    let check = try runSecondment(["check", district, roster, "--format", "json"])
    #expect(check.status == 0 || check.status == 1, "the roster file is whole: \(check.stderr)")
    let text = try String(contentsOfFile: roster, encoding: .utf8)
    #expect(text.contains("\"status\""), "marked with its status")
  }
}
