import Foundation
import GLPKBackend
import SecondmentTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Runs `arguments`, sends SIGTERM after `seconds`, and returns how it ended.
private func interrupted(
  _ arguments: [String], after seconds: Double
) throws -> (reason: Process.TerminationReason, status: Int32, stderr: String, seconds: Double) {
  let process = Process()
  process.executableURL = try secondmentBinary()
  process.arguments = arguments
  let err = Pipe()
  process.standardError = err
  process.standardOutput = FileHandle.nullDevice
  let started = Date()
  try process.run()
  Thread.sleep(forTimeInterval: seconds)
  kill(process.processIdentifier, SIGTERM)
  let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  return (process.terminationReason, process.terminationStatus, stderr, Date().timeIntervalSince(started))
}

/// A generated district of `towns` towns (5 people a town, 9 departments) in `folder`.
private func generated(_ towns: Int, in folder: URL) throws -> String {
  let path = folder.appendingPathComponent("d\(towns).json").path
  let made = try runSecondment([
    "generate", "--towns", "\(towns)", "--people", "\(towns * 5)", "--departments", "9", "--seed", "7",
    "--output", path,
  ])
  try #require(made.status == 0, "\(made.stderr)")
  return path
}

/// Ctrl-C or SIGTERM stops the search and keeps the best roster found.
@Suite("Interrupting a run")
struct InterruptTests {
  @Test("SIGTERM during the greedy: the best roster so far is written whole, and the exit status is 4")
  func sigtermStopsTheGreedy() throws {
    let folder = try temporaryFolder()
    let district = try generated(300, in: folder)
    let roster = folder.appendingPathComponent("roster.json").path
    let run = try interrupted(
      ["solve", district, "--solver", "greedy", "--time-limit", "300", "--output", roster, "--quiet"], after: 3)
    #expect(run.reason == .exit, "no signal death")
    #expect(run.status == 4, "\(run.stderr)")
    #expect(run.seconds < 60, "stopped long before the 300 s limit")
    let check = try runSecondment(["check", district, roster, "--format", "json"])
    #expect(check.status == 0 || check.status == 1, "the roster file is whole: \(check.stderr)")
  }
}

@Suite("Interrupting a GLPK search", .enabled(if: GLPKSolver.isAvailable, "this build has no GLPK search to interrupt"))
struct GLPKInterruptTests {
  @Test("SIGTERM during the search: the best roster so far is written whole, and the exit status is 4")
  func sigtermWritesTheBestRoster() throws {
    let folder = try temporaryFolder()
    let district = try generated(100, in: folder)
    let roster = folder.appendingPathComponent("roster.json").path
    let run = try interrupted(["solve", district, "--time-limit", "300", "--output", roster, "--quiet"], after: 8)
    #expect(run.reason == .exit, "no signal death")
    #expect(run.status == 4, "\(run.stderr)")
    #expect(run.seconds < 120, "stopped long before the 300 s limit")
    #expect(run.stderr.contains("stopped by an interrupt"))
    let check = try runSecondment(["check", district, roster, "--format", "json"])
    #expect(check.status == 0 || check.status == 1, "the roster file is whole: \(check.stderr)")
    let text = try String(contentsOfFile: roster, encoding: .utf8)
    #expect(text.contains("\"status\""), "marked with its status")
  }

  @Test("SIGTERM during replan --adopt: the roster so far is written, nothing is adopted, exit 4")
  func sigtermDuringReplan() throws {
    let folder = try temporaryFolder()
    let district = try generated(100, in: folder)
    let history = folder.appendingPathComponent("plans.sqlite").path
    let roster = folder.appendingPathComponent("roster.json").path
    let run = try interrupted(
      ["replan", district, "--history", history, "--quarter", "2025Q1", "--adopt", "--time-limit", "300",
       "--output", roster, "--quiet"], after: 8)
    #expect(run.reason == .exit, "no signal death")
    #expect(run.status == 4, "\(run.stderr)")
    #expect(run.seconds < 120, "stopped long before the 300 s limit")
    #expect(run.stderr.contains("nothing adopted"), "\(run.stderr)")
    #expect(FileManager.default.fileExists(atPath: roster))
    let listed = try runSecondment(["history", history, "--quarters-only"])
    #expect(listed.stdout.contains("0 quarters adopted") || !listed.stdout.contains("2025Q1"), "\(listed.stdout)")
  }

  @Test("SIGTERM during a what-if: the run it stops keeps its roster, the runs after it are left out, exit 4")
  func sigtermDuringWhatIf() throws {
    let folder = try temporaryFolder()
    let district = try generated(100, in: folder)
    let scenario = folder.appendingPathComponent("more.yaml")
    try Data("title: more\nname: more\nbase: d100.json\nchanges:\n  - hire:\n      count: 5\n      department: market\n      role: officer\n".utf8)
      .write(to: scenario)
    let report = folder.appendingPathComponent("report.html").path
    let run = try interrupted(
      ["whatif", district, "--scenario", scenario.path, "--time-limit", "300", "--report", report, "--quiet"],
      after: 8)
    #expect(run.reason == .exit, "no signal death")
    #expect(run.status == 4, "\(run.stderr)")
    #expect(run.seconds < 120, "stopped long before the 300 s limit")
    #expect(run.stderr.contains("more: left out (interrupted)"), "\(run.stderr)")
    #expect(FileManager.default.fileExists(atPath: report), "the report of the base run is written")
  }
}
