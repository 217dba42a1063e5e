import Foundation
import SecondmentDomain
import Testing

@testable import PlanHistory
import SecondmentPlanner
import SecondmentTestSupport

/// The quarterly series, end to end through the built binary: these runs
/// share one history and are slow, so the suite runs them one at a time.
@Suite(
  "Quarterly replanning, end to end", .serialized,
  .enabled(if: plannerAvailable, "this build has neither GLPK nor the greedy solver: nothing can plan"))
struct QuarterlySeriesTests {
  @Test("The whole series from an empty history: rules, tenure, budget, determinism")
  func wholeSeries() throws {
    let folder = try temporaryHistoryFolder()
    let history = folder.appendingPathComponent("history.sqlite").path
    let series = try seriesFiles()
    try #require(series.count >= 4, "Instances/quarters holds at least four quarters")
    var rotations = 0
    for (index, (quarter, path)) in series.enumerated() {
      let roster = folder.appendingPathComponent("\(quarter)-roster.json").path
      let planned = folder.appendingPathComponent("\(quarter)-planned.json").path
      let run = try runSecondment(
        replanArguments(
          path, quarter: quarter, history: history,
          extra: ["--output", roster, "--planned-instance", planned, "--adopt", "--adopted-by", "ci"]))
      try #require(run.status == 0, "replan \(quarter) failed:\n\(run.stdout)\n\(run.stderr)")
      #expect(run.stdout.contains("Adopted for \(quarter) by ci"))
      if index == 0 { #expect(run.stdout.contains("planned from scratch")) }

      // The roster passes the checker on the instance as planned (tenure and
      // moves budget included), through the library and through `check`.
      let district = try InstanceLoader.loadDistrict(path: planned)
      let loaded = try RosterIO.read(path: roster)
      let postings = Dictionary(
        uniqueKeysWithValues: loaded.roster.postings.map { ($0.person, posting(of: $0)) })
      let evaluation = RosterChecker(district).evaluate(postings)
      #expect(evaluation.violations.isEmpty, "\(quarter): \(evaluation.violations)")
      let check = try runSecondment(["check", planned, roster])
      #expect(check.status == 0, "check \(quarter):\n\(check.stdout)\n\(check.stderr)")

      // Moves within the budget; nobody beyond the maximum tenure.
      let policy = district.policy
      let moves = district.people.filter {
        !$0.unavailable && $0.currentPosting != nil && postings[$0.id] != $0.currentPosting
      }.count
      if index == 0 {
        #expect(moves == 0)
        #expect(policy.maxMoves == nil, "the first quarter is planned from scratch")
      } else {
        let budget = try #require(policy.maxMoves)
        #expect(moves <= budget, "\(quarter): \(moves) moves, budget \(budget)")
      }
      let limit = try #require(policy.maxTenureQuarters)
      let store = try PlanHistory(path: history, create: false)
      for held in try store.currentTenure() {
        #expect(held.quarters <= limit, "\(held.person) has \(held.quarters) quarters at \(held.posting)")
      }
      let record = try #require(try store.adoptions().last)
      #expect(record.quarter.description == quarter)
      #expect(record.moves == moves)
      rotations += record.changes[ChangeReason.rotation.rawValue] ?? 0
      #expect(try store.integrityProblems().isEmpty)
    }
    #expect(rotations > 0, "the tenure limit forces rotation within the series")

    // Re-running a quarter with the same inputs gives the same roster.
    let store = try PlanHistory(path: history, create: false)
    for (quarter, path) in series.dropFirst().prefix(2) {
      let again = folder.appendingPathComponent("\(quarter)-again.json").path
      let run = try runSecondment(
        replanArguments(path, quarter: quarter, history: history, extra: ["--output", again]))
      try #require(run.status == 0, "re-run \(quarter):\n\(run.stdout)\n\(run.stderr)")
      let rerun = try RosterIO.read(path: again).roster.postings.map { posting(of: $0) }
      let adopted = try store.adoptedPostings(try #require(Quarter(quarter)))
      let people = try RosterIO.read(path: again).roster.postings.map(\.person)
      #expect(zip(people, rerun).allSatisfy { adopted[$0.0] == $0.1 }, "\(quarter) re-run differs")
    }
    // Adopting the latest quarter again records nothing new.
    if let (quarter, path) = series.last {
      let before = try store.rowCounts()
      let run = try runSecondment(
        replanArguments(path, quarter: quarter, history: history, extra: ["--adopt"]))
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout.contains("already in force"))
      #expect(try store.rowCounts() == before)
    }
    let shown = try runSecondment(["history", history])
    #expect(shown.status == 0)
    #expect(shown.stdout.contains("\(series.count) quarters adopted"))
  }

  @Test("A replan with no change in the inputs moves nobody")
  func unchangedInputsMoveNobody() throws {
    let folder = try temporaryHistoryFolder()
    let history = folder.appendingPathComponent("history.sqlite").path
    let first = try #require(try seriesFiles().first)
    let adopt = try runSecondment(
      replanArguments(first.path, quarter: "2025Q1", history: history, extra: ["--adopt"]))
    try #require(adopt.status == 0, "\(adopt.stdout)\n\(adopt.stderr)")
    // The same instance again, for the next quarter.
    let roster = folder.appendingPathComponent("same.json").path
    let run = try runSecondment(
      replanArguments(
        try sameInputs(first.path, quarter: "2025Q2", in: folder), quarter: "2025Q2", history: history,
        extra: ["--output", roster]))
    try #require(run.status == 0, "\(run.stdout)\n\(run.stderr)")
    #expect(run.stdout.contains("0 moves"), "\(run.stdout)")
    #expect(run.stdout.contains("nobody moves"), "\(run.stdout)")
    let store = try PlanHistory(path: history, create: false)
    let adopted = try store.adoptedPostings(Quarter("2025Q1")!)
    for entry in try RosterIO.read(path: roster).roster.postings {
      #expect(adopted[entry.person] == posting(of: entry), "\(entry.person) moved")
    }
  }

  @Test("Killing the process inside the adoption transaction leaves the history consistent")
  func killDuringAdoption() throws {
    let folder = try temporaryHistoryFolder()
    let history = folder.appendingPathComponent("history.sqlite").path
    let series = try seriesFiles()
    let (q1, q1Path) = try #require(series.first)
    let (q2, q2Path) = series[1]
    let adopt = try runSecondment(
      replanArguments(q1Path, quarter: q1, history: history, extra: ["--adopt"]))
    try #require(adopt.status == 0, "\(adopt.stdout)\n\(adopt.stderr)")
    let before = try PlanHistory(path: history, create: false).rowCounts()

    // Start adopting 2025Q2, wait until the roster and postings are written
    // inside the transaction, and kill the process there.
    let process = Process()
    process.executableURL = try secondmentBinary()
    process.arguments = replanArguments(q2Path, quarter: q2, history: history, extra: ["--adopt"])
    process.environment = ProcessInfo.processInfo.environment.merging([
      "SECONDMENT_TEST_ADOPT_PAUSE": "120"
    ]) { $1 }
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    var seen = ""
    let deadline = Date().addingTimeInterval(300)
    while !seen.contains("paused inside the transaction") && Date() < deadline {
      let chunk = err.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      seen += String(decoding: chunk, as: UTF8.self)
    }
    try #require(seen.contains("paused inside the transaction"), "never reached adoption: \(seen)")
    #expect(FileManager.default.fileExists(atPath: history + "-journal"), "rows are being written")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)

    // Reopened: 2025Q2 is absent, 2025Q1 intact, nothing dangling.
    let store = try PlanHistory(path: history, create: false)
    #expect(try store.integrityProblems().isEmpty)
    #expect(try store.rowCounts() == before)
    #expect(try store.adoptedPostings(Quarter(q2)!).isEmpty)
    #expect(try store.adoptions().map(\.quarter.description) == [q1])

    // Adopting again, undisturbed, records the roster fully.
    let again = try runSecondment(
      replanArguments(q2Path, quarter: q2, history: history, extra: ["--adopt"]))
    try #require(again.status == 0, "\(again.stdout)\n\(again.stderr)")
    let people = try InstanceLoader.load(path: q2Path).people.count
    #expect(try store.adoptedPostings(Quarter(q2)!).count == people)
    let after = try store.rowCounts()
    #expect(after.adoptions == before.adoptions + 1)
    #expect(after.rosters == before.rosters + 1)
    #expect(after.postings == before.postings + people)
  }

  @Test("A roster given with --roster is checked against the quarter's rules: one breaking a pin is refused, the planned one is adopted as given")
  func givenRosterIsCheckedThenAdopted() throws {
    let folder = try temporaryHistoryFolder()
    let history = folder.appendingPathComponent("history.sqlite").path
    let first = try #require(try seriesFiles().first)
    let roster1 = folder.appendingPathComponent("q1.json").path
    let adopt = try runSecondment(
      replanArguments(first.path, quarter: "2025Q1", history: history, extra: ["--output", roster1, "--adopt"]))
    try #require(adopt.status == 0, "\(adopt.stdout)\n\(adopt.stderr)")
    let next = try sameInputs(first.path, quarter: "2025Q2", in: folder)
    let district = District(try InstanceLoader.load(path: next))
    let entry = try #require(try RosterIO.read(path: roster1).roster.postings.first { $0.mode == "stationed" })
    let person = try #require(district.person(entry.person))
    let town = try #require(
      district.instance.towns.first { $0.id != entry.town && !district.avoids(person, town: $0.id) })
    let pin = "\(person.id)=\(town.id)"

    // The roster in force, given for the next quarter, breaks the pin: refused, nothing adopted.
    let refused = try runSecondment(
      replanArguments(next, quarter: "2025Q2", history: history, extra: ["--pin", pin, "--roster", roster1, "--adopt"]))
    #expect(refused.status == 1, "\(refused.stdout)\n\(refused.stderr)")
    #expect(refused.stderr.contains("nothing adopted"))
    #expect(try PlanHistory(path: history, create: false).adoptedQuarterCount() == 1)

    // Planned with the pin, reviewed, then adopted as given: the history holds exactly its postings.
    let roster2 = folder.appendingPathComponent("q2.json").path
    let summary = folder.appendingPathComponent("q2-summary.json").path
    let planned = try runSecondment(
      replanArguments(next, quarter: "2025Q2", history: history, extra: ["--pin", pin, "--output", roster2]))
    try #require(planned.status == 0, "\(planned.stdout)\n\(planned.stderr)")
    let adopted = try runSecondment(
      replanArguments(
        next, quarter: "2025Q2", history: history,
        extra: ["--pin", pin, "--roster", roster2, "--adopt", "--summary-json", summary]))
    try #require(adopted.status == 0, "\(adopted.stdout)\n\(adopted.stderr)")
    #expect(adopted.stdout.contains("Solver: the roster of \(roster2)"))
    let store = try PlanHistory(path: history, create: false)
    let inForce = try store.adoptedPostings(Quarter("2025Q2")!)
    for entry in try RosterIO.read(path: roster2).roster.postings {
      #expect(inForce[entry.person] == posting(of: entry), "\(entry.person) differs from the roster given")
    }
    #expect(inForce[person.id] == .stationed(town: town.id))
    let written = try JSONDecoder().decode(QuarterSummary.self, from: Data(contentsOf: URL(fileURLWithPath: summary)))
    #expect(written.previous == "2025Q1" && written.quarter == "2025Q2")
    #expect(written.changes.contains { $0.person == person.id && $0.reason == .pinned && $0.isMove })
    #expect(written.moves == (try store.adoptions().last?.moves))
    #expect(written.moves == written.changes.filter(\.isMove).count)
  }

  @Test("A budget too small for the tenure limit is refused with the rule and the shortfall")
  func budgetShortfallIsExplained() throws {
    let folder = try temporaryHistoryFolder()
    let history = folder.appendingPathComponent("history.sqlite").path
    let first = try #require(try seriesFiles().first)
    for quarter in ["2025Q1", "2025Q2", "2025Q3"] {
      // The same inputs every quarter: nobody moves, so all reach the limit together.
      let run = try runSecondment(
        replanArguments(
          try sameInputs(first.path, quarter: quarter, in: folder), quarter: quarter, history: history,
          extra: ["--adopt"]))
      try #require(run.status == 0, "\(quarter): \(run.stdout)\n\(run.stderr)")
    }
    let run = try runSecondment(
      replanArguments(
        try sameInputs(first.path, quarter: "2025Q4", in: folder), quarter: "2025Q4", history: history,
        extra: ["--max-moves", "5", "--adopt"]))
    #expect(run.status == 1)
    #expect(run.stderr.contains("[max-moves] the budget allows 5 moves but the rules force at least"))
    #expect(run.stderr.contains("tenure (3 quarters at one posting)"))
    #expect(try PlanHistory(path: history, create: false).adoptedQuarterCount() == 3)
  }
}

/// A roster line's posting.
func posting(of entry: RosterEntry) -> Posting {
  switch entry.mode {
  case "stationed": return .stationed(town: entry.town ?? "")
  case "zoned": return .zoned(zone: entry.zone ?? "")
  default: return .unassigned
  }
}

/// A copy of an instance file for another quarter (the same inputs, its
/// `quarter` set to the one planned), so replanning it is not refused as
/// another quarter's instance.
func sameInputs(_ path: String, quarter: String, in folder: URL) throws -> String {
  var object = try #require(
    JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
  object["quarter"] = quarter
  let copy = folder.appendingPathComponent("same-\(quarter).json").path
  try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: copy))
  return copy
}
