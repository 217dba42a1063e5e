import Foundation
import Testing
import SecondmentTestSupport

@Suite("secondment gap")
struct GapCommandTests {
  /// The canonical (maximisation) optima of gap1.txt, from Instances/gap/known_values.csv.
  static let gap1Max: [String: Int] = [
    "c515-1": 336, "c515-2": 327, "c515-3": 339, "c515-4": 341, "c515-5": 326,
  ]

  /// Parses one JSON line into a dictionary.
  func object(_ line: Substring) throws -> [String: Any] {
    let any = try JSONSerialization.jsonObject(with: Data(line.utf8))
    return try #require(any as? [String: Any])
  }

  @Test("json: one object per instance of gap1, each at its known maximum")
  func gap1Json() throws {
    let file = packageRoot.appendingPathComponent("Instances/gap/gap1.txt").path
    let outcome = try runSecondment(["gap", file, "--format", "json"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let lines = outcome.stdout.split(separator: "\n")
    #expect(lines.count == 5)
    var seen: Set<String> = []
    for line in lines {
      let o = try object(line)
      let name = try #require(o["name"] as? String)
      seen.insert(name)
      let expected = try #require(Self.gap1Max[name], "unexpected instance \(name)")
      #expect((o["known"] as? NSNumber)?.intValue == expected)
      #expect(o["seconds"] is NSNumber)
      #expect(o["status"] is String)
      // With GLPK the default is the auto mode, which proves each optimum.
      let exact = o["solver"] as? String == "auto"
      if exact {
        #expect((o["objective"] as? NSNumber)?.doubleValue == Double(expected), "\(name)")
        #expect(o["status"] as? String == "optimal")
        #expect((o["bound"] as? NSNumber)?.doubleValue == Double(expected))
        #expect((o["gap"] as? NSNumber)?.doubleValue == 0)
      } else {
        // Built without GLPK: the greedy stands in; it may not reach the optimum.
        let objective = try #require((o["objective"] as? NSNumber)?.doubleValue)
        #expect(objective <= Double(expected))
      }
    }
    #expect(seen == Set(Self.gap1Max.keys))
  }

  @Test("table: header, one row per instance, summary; --sense min uses the min table")
  func gap1TableMin() throws {
    let file = packageRoot.appendingPathComponent("Instances/gap/gap1.txt").path
    let outcome = try runSecondment(["gap", file, "--sense", "min", "--solver", "greedy"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let lines = outcome.stdout.split(separator: "\n")
    #expect(lines.first?.hasPrefix("name") == true)
    #expect(lines.dropFirst().prefix(5).allSatisfy { $0.hasPrefix("c515-") })
    // c515-1's minimum is 261 (known-values table).
    let row = try #require(lines.first { $0.hasPrefix("c515-1 ") })
    #expect(row.split(separator: " ").contains("261"))
    #expect(lines.contains { $0.hasPrefix("5 instances") })
  }

  @Test("a missing or malformed file exits 2 and names it")
  func badFile() throws {
    let missing = try runSecondment(["gap", "/nonexistent/gap1.txt"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("/nonexistent/gap1.txt"))
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = dir.appendingPathComponent("gapx.txt")
    try "1 2 3 1 2 3 4 five".write(to: bad, atomically: true, encoding: .utf8)
    let outcome = try runSecondment(["gap", bad.path, "--solver", "greedy"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("gapx.txt: token 8"))
    #expect(outcome.stdout.isEmpty)
  }

  @Test("--solver glpk without GLPK exits 2 with a clear message; with GLPK it runs")
  func glpkChoice() throws {
    let file = packageRoot.appendingPathComponent("Instances/gap/gap1.txt").path
    let outcome = try runSecondment(["gap", file, "--solver", "glpk", "--format", "json"])
    if outcome.status == 2 {
      #expect(outcome.stderr.contains("no GLPK"))
      #expect(outcome.stdout.isEmpty)
    } else {
      #expect(outcome.status == 0)
      #expect(outcome.stdout.split(separator: "\n").count == 5)
    }
  }

  @Test("gap-generate writes a type E file that gap reads and solves; the same seed, the same bytes")
  func generateAndSolve() throws {
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("e5100.txt").path
    let args = ["gap-generate", "--type", "e", "--agents", "5", "--jobs", "100", "--count", "2", "--seed", "4"]
    let made = try runSecondment(args + ["--output", file])
    #expect(made.status == 0, "\(made.stderr)")
    #expect(made.stderr.contains("2 type E instance(s), 5 agents × 100 jobs"))
    let again = try runSecondment(args)
    #expect(again.stdout == (try String(contentsOfFile: file, encoding: .utf8)))
    let solved = try runSecondment(["gap", file, "--time-limit", "2", "--format", "json"])
    #expect(solved.status == 0, "\(solved.stderr)")
    let rows = try solved.stdout.split(separator: "\n").map(object)
    #expect(rows.map { $0["name"] as? String } == ["e5100-1", "e5100-2"])
    // Minimised, as the literature solves type E; every instance gets an assignment.
    #expect(rows.allSatisfy { $0["sense"] as? String == "min" && $0["objective"] is NSNumber })
  }

  @Test("gap-generate refuses sizes out of range, naming the option and the range")
  func generateRanges() throws {
    let outcome = try runSecondment(["gap-generate", "--type", "c", "--agents", "0", "--jobs", "10"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("--agents must be from 1 to 1000, not 0"))
    #expect(outcome.stdout.isEmpty)
  }
}
