import Foundation
import Synchronization
import Testing

@testable import PlanHistory
import SecondmentPlanner
import SecondmentTestSupport

/// A plan is never lost and a history never written when it should not be.
@Suite("Plan history safety", .enabled(if: plannerAvailable, "this build cannot plan"))
struct HistorySafetyTests {
  let q1 = packageRoot.appendingPathComponent("Instances/quarters/2025Q1.json").path
  let q3 = packageRoot.appendingPathComponent("Instances/quarters/2025Q3.json").path

  @Test("a damaged history is refused before planning, with how to recover, and left as it was")
  func damagedHistoryIsRefused() throws {
    let folder = try temporaryFolder()
    let history = folder.appendingPathComponent("h.sqlite").path
    let first = try runSecondment(replanArguments(q1, quarter: "2025Q1", history: history, extra: ["--adopt"]))
    #expect(first.status == 0, "\(first.stderr)")
    // 4 KB of garbage in the middle of the file.
    var bytes = try Data(contentsOf: URL(fileURLWithPath: history))
    let middle = bytes.count / 2 / 4096 * 4096
    bytes.replaceSubrange(middle..<min(bytes.count, middle + 4096), with: Data(repeating: 0x5A, count: 4096))
    try bytes.write(to: URL(fileURLWithPath: history))
    let before = try Data(contentsOf: URL(fileURLWithPath: history))
    let run = try runSecondment(replanArguments(q1, quarter: "2025Q2", history: history, extra: ["--adopt"]))
    #expect(run.status == 2, "exit \(run.status): \(run.stderr)")
    #expect(run.stderr.contains("damaged") || run.stderr.contains("not a plan history"), "\(run.stderr)")
    #expect(run.stderr.contains("fix:"), "\(run.stderr)")
    #expect(!run.stdout.contains("Adopted"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: history)) == before, "nothing was written")
  }

  @Test("two adoptions of one quarter at once: exactly one is adopted; the other finds it in force or is refused")
  func concurrentAdoptions() throws {
    let folder = try temporaryFolder()
    let history = folder.appendingPathComponent("h.sqlite").path
    // The first adoption waits 3 s inside its transaction while the second starts.
    let first = Process()
    first.executableURL = try secondmentBinary()
    first.arguments = replanArguments(q1, quarter: "2025Q1", history: history, extra: ["--adopt"])
    first.environment = ProcessInfo.processInfo.environment.merging(["SECONDMENT_TEST_ADOPT_PAUSE": "3"]) { $1 }
    let out = Pipe()
    first.standardOutput = out
    first.standardError = FileHandle.nullDevice
    try first.run()
    let second = try runSecondment(
      replanArguments(q1, quarter: "2025Q1", history: history, extra: ["--adopt", "--max-moves", "0"]))
    let firstOut = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    first.waitUntilExit()
    let adopted = [firstOut, second.stdout].filter { $0.contains("Adopted for 2025Q1") }.count
    let inForce = [firstOut, second.stdout].filter { $0.contains("already in force") }.count
    #expect(adopted == 1, "exactly one adoption: \(firstOut)\n\(second.stdout)\n\(second.stderr)")
    // The other either planned the same roster (nothing to record) or was refused.
    #expect(inForce == 1 || second.stderr.contains("already has an adopted roster"), "\(second.stderr)")
    let store = try PlanHistory(path: history, create: false)
    #expect(try store.adoptions().count == 1)
    #expect(try store.integrityProblems().isEmpty)
  }

  @Test("eight openings of a new history at once all find it made, with its whole schema")
  func simultaneousOpeningsOfANewHistory() throws {
    for round in 0..<5 {
      let history = try temporaryFolder().appendingPathComponent("h\(round).sqlite").path
      let failures = Mutex<[String]>([])
      DispatchQueue.concurrentPerform(iterations: 8) { _ in
        do {
          let store = try PlanHistory(path: history)
          _ = try store.adoptions()
        } catch {
          failures.withLock { $0.append("\(error)") }
        }
      }
      #expect(failures.withLock { $0 }.isEmpty, "round \(round): \(failures.withLock { $0 })")
      #expect(try PlanHistory(path: history, create: false).integrityProblems().isEmpty)
    }
  }

  @Test("an instance for another quarter is refused, naming both quarters")
  func quarterMustMatchTheInstance() throws {
    let folder = try temporaryFolder()
    let history = folder.appendingPathComponent("h.sqlite").path
    let run = try runSecondment(replanArguments(q3, quarter: "2025Q2", history: history, extra: ["--adopt"]))
    #expect(run.status == 2)
    #expect(run.stderr.contains("the instance is for 2025Q3, not 2025Q2"), "\(run.stderr)")
    #expect(try PlanHistory(path: history, create: false).adoptions().isEmpty)
  }
}
