import Foundation
import Testing

@testable import PlanHistory
import SecondmentDomain
import SecondmentTestSupport

/// SIGKILL at any moment of an adoption or of writing a roster: the plan
/// history stays whole (each quarter fully recorded or absent) and every
/// output is absent, as it was before, or complete.
@Suite("Killed at a random moment")
struct KillTests {
  /// Kills asked for per command.
  static let kills = 20

  /// Fixed delays as fractions of an undisturbed run, spread over all of it
  /// (seeded, so a failure repeats).
  static func fractions(seed: UInt64) -> [Double] {
    var state = seed
    return (0..<kills).map { _ in
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Double(state >> 11) / Double(1 << 53) * 1.1
    }
  }

  /// Runs `arguments`, killed with SIGKILL after `seconds`; whether the kill came before it ended.
  static func run(_ arguments: [String], killAfter seconds: Double) throws -> Bool {
    let process = Process()
    process.executableURL = try secondmentBinary()
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    Thread.sleep(forTimeInterval: seconds)
    let killed = process.isRunning
    if killed { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return killed && process.terminationReason == .uncaughtSignal
  }

  /// Seconds an undisturbed run of `arguments` takes: the fastest of three,
  /// so that a run slowed by other work on the machine does not push the
  /// kills past the end of the runs that follow.
  static func duration(_ arguments: [String], before: () throws -> Void = {}) throws -> Double {
    try (0..<3).map { _ in
      try before()
      let start = Date()
      let run = try runSecondment(arguments)
      #expect(run.status == 0, "\(run.stderr)")
      return Date().timeIntervalSince(start)
    }.min() ?? 0
  }

  /// The output after a kill: absent, the previous bytes, or a complete roster of `people`.
  static func expectWhole(_ output: URL, previous: Data, people: Int, after note: String) {
    guard let data = try? Data(contentsOf: output) else { return }
    if data == previous { return }
    do {
      let roster = try RosterIO.read(path: output.path).roster
      #expect(roster.postings.count == people, "\(note): \(roster.postings.count) of \(people) postings")
    } catch {
      Issue.record("\(note): the output is neither the previous file nor a complete roster: \(error)")
    }
  }

  @Test("20 kills of replan --adopt: the history passes its integrity check, the quarter is whole or absent, the output whole")
  func killedAdoptions() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let series = try seriesFiles()
    let (q1, q1Path) = try #require(series.first)
    let (q2, q2Path) = series[1]
    let people = try InstanceLoader.load(path: q2Path).people.count
    // A history with the first quarter adopted, copied afresh before each kill.
    let pristine = folder.appendingPathComponent("pristine.sqlite")
    let first = try runSecondment(
      ["replan", q1Path, "--history", pristine.path, "--quarter", q1, "--solver", "greedy", "--adopt", "--quiet"])
    try #require(first.status == 0, "\(first.stderr)")
    let history = folder.appendingPathComponent("history.sqlite")
    let output = folder.appendingPathComponent("roster.json")
    let previous = Data("{\"previous\": true}\n".utf8)
    let arguments = [
      "replan", q2Path, "--history", history.path, "--quarter", q2, "--solver", "greedy", "--adopt",
      "--quiet", "--output", output.path,
    ]
    let whole = try Self.duration(arguments) {
      try? FileManager.default.removeItem(at: history)
      try FileManager.default.copyItem(at: pristine, to: history)
    }
    var killed = 0
    for (i, fraction) in Self.fractions(seed: 20).enumerated() {
      for url in [history, output] { try? FileManager.default.removeItem(at: url) }
      for suffix in ["-journal", "-wal", "-shm"] {
        try? FileManager.default.removeItem(atPath: history.path + suffix)
      }
      try FileManager.default.copyItem(at: pristine, to: history)
      try previous.write(to: output)
      if try Self.run(arguments, killAfter: whole * fraction) { killed += 1 }
      let note = "kill \(i + 1) at \(String(format: "%.2f", whole * fraction)) s"
      let store = try PlanHistory(path: history.path, create: false)
      #expect(try store.integrityProblems().isEmpty, "\(note)")
      let quarters = try store.adoptions().map(\.quarter.description)
      #expect(quarters == [q1] || quarters == [q1, q2], "\(note): \(quarters)")
      if quarters.contains(q2) {
        #expect(try store.adoptedPostings(Quarter(q2)!).count == people, "\(note): a quarter half recorded")
      }
      Self.expectWhole(output, previous: previous, people: people, after: note)
    }
    #expect(killed >= Self.kills / 2, "only \(killed) of \(Self.kills) kills came before the run ended")
  }

  @Test("20 kills of solve --output: the roster file is the previous one or complete")
  func killedSolves() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let instance = shipped("Instances/rongchang-2024.json")
    let people = try InstanceLoader.load(path: instance).people.count
    let output = folder.appendingPathComponent("roster.json")
    let previous = Data("{\"previous\": true}\n".utf8)
    let arguments = ["solve", instance, "--solver", "greedy", "--quiet", "--output", output.path]
    let whole = try Self.duration(arguments)
    var killed = 0
    for (i, fraction) in Self.fractions(seed: 7).enumerated() {
      try previous.write(to: output)
      if try Self.run(arguments, killAfter: whole * fraction) { killed += 1 }
      Self.expectWhole(
        output, previous: previous, people: people,
        after: "kill \(i + 1) at \(String(format: "%.2f", whole * fraction)) s")
    }
    #expect(killed >= Self.kills / 2, "only \(killed) of \(Self.kills) kills came before the run ended")
  }
}
