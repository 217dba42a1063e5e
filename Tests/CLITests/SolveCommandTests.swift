import Foundation
import GLPKBackend
import Testing
import SecondmentTestSupport

/// The objective total in `check --format json` output.
private func checkedTotal(_ json: String) throws -> Double {
  let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
  let objective = object?["objective"] as? [String: Any]
  return try #require(objective?["total"] as? Double)
}

/// The `total` line of the solve summary.
private func summaryTotal(_ stdout: String) throws -> Double {
  let line = try #require(stdout.split(separator: "\n").first { $0.hasPrefix("  total") })
  return try #require(line.split(separator: " ").last.flatMap { Double($0) })
}

/// What `solve` must do in every build: with GLPK (auto: greedy, then GLPK)
/// and without it (the greedy alone).
@Suite("secondment solve")
struct SolveCommandTests {
  @Test("rongchang-2024: optimal with GLPK (a rule-keeping greedy roster without); check exits 0 with the same objective terms")
  func rongchang() throws {
    let folder = try temporaryFolder()
    let instance = packageRoot.appendingPathComponent("Instances/rongchang-2024.json").path
    let roster = folder.appendingPathComponent("r.json").path
    let csv = folder.appendingPathComponent("r.csv").path
    let solved = try runSecondment([
      "solve", instance, "--time-limit", "120", "--output", roster, "--csv", csv, "--quiet",
    ])
    #expect(solved.status == 0, "\(solved.stderr)")
    if GLPKSolver.isAvailable {
      #expect(solved.stdout.contains("Status: optimal"), "\(solved.stdout)")
    } else {
      #expect(solved.stdout.contains("Status: feasible (greedy"), "\(solved.stdout)")
    }
    #expect(solved.stdout.contains("Coverage by department"))
    #expect(solved.stdout.contains("Who goes where"))
    // Town by town, with the names stationed there.
    #expect(solved.stdout.contains("昌元街道 Changyuan"))
    #expect(!solved.stderr.contains("objective"), "--quiet: no progress or final line")
    #expect(FileManager.default.fileExists(atPath: csv))
    let checked = try runSecondment(["check", instance, roster, "--format", "json"])
    #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
    let total = try summaryTotal(solved.stdout)
    #expect(abs(try checkedTotal(checked.stdout) - total) <= 0.01)
    // Term by term: the text of check prints the same weighted terms as solve.
    let text = try runSecondment(["check", instance, roster])
    for term in ["uncovered pairs", "unmet demand", "travel", "preference misses", "total"] {
      let cost = { (out: String) in
        out.split(separator: "\n").first { $0.hasPrefix("  \(term) ") }?.split(separator: " ").last
      }
      #expect(cost(solved.stdout) != nil && cost(solved.stdout) == cost(text.stdout), "\(term)")
    }
    // Every zoned officer's split is in the roster, so check chose none.
    #expect(!text.stdout.contains("Zone splits:"))
  }

  @Test("too few lawyers: exit 1, legal access named with towns, the roster is written and marked")
  func brokenRules() throws {
    let folder = try temporaryFolder()
    let instance = folder.appendingPathComponent("g.json").path
    _ = try runSecondment([
      "generate", "--towns", "4", "--people", "20", "--departments", "3", "--seed", "5",
      "--output", instance,
    ])
    var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: instance))) as? [String: Any] ?? [:]
    var policy = json["policy"] as? [String: Any] ?? [:]
    policy["minLegalPerTown"] = 9
    json["policy"] = policy
    try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: instance))
    let roster = folder.appendingPathComponent("r.json").path
    let solved = try runSecondment(["solve", instance, "--output", roster, "--quiet"])
    #expect(solved.status == 1)
    #expect(solved.stdout.contains("Status: rules-broken"))
    #expect(solved.stdout.contains("[legal-access]"))
    #expect(solved.stdout.contains("needs 9"))
    let written = try String(contentsOfFile: roster, encoding: .utf8)
    #expect(written.contains("rules-broken"))
    #expect(written.contains("legal-access"))
  }

  @Test("bad options are refused before solving")
  func badOptions() throws {
    let instance = packageRoot.appendingPathComponent("Instances/rongchang-2024.json").path
    let gap = try runSecondment(["solve", instance, "--gap", "2"])
    #expect(gap.status != 0)
    #expect(gap.stderr.contains("--gap"))
    let limit = try runSecondment(["solve", instance, "--time-limit", "0"])
    #expect(limit.status != 0)
    #expect(limit.stderr.contains("--time-limit"))
    let missing = try runSecondment(["solve", "/nonexistent/instance.json"])
    #expect(missing.status == 2)
  }
}

/// What only the exact solver can promise: proven optima and exported models.
@Suite("secondment solve with GLPK", .enabled(if: GLPKSolver.isAvailable, "this build has no GLPK"))
struct SolveCommandGLPKTests {
  @Test("generated districts: optimal, and check agrees", arguments: [11, 12] as [Int])
  func generated(seed: Int) throws {
    let folder = try temporaryFolder()
    let instance = folder.appendingPathComponent("g.json").path
    let made = try runSecondment([
      "generate", "--towns", "4", "--people", "20", "--departments", "3", "--seed", "\(seed)",
      "--output", instance,
    ])
    #expect(made.status == 0, "\(made.stderr)")
    let roster = folder.appendingPathComponent("r.json").path
    let solved = try runSecondment(["solve", instance, "--solver", "glpk", "--output", roster])
    #expect(solved.status == 0, "\(solved.stderr)")
    #expect(solved.stdout.contains("Status: optimal"))
    #expect(solved.stderr.contains("optimal"), "a final line on standard error")
    let checked = try runSecondment(["check", instance, roster, "--format", "json"])
    #expect(checked.status == 0)
    #expect(abs(try checkedTotal(checked.stdout) - (try summaryTotal(solved.stdout))) <= 0.01)
  }

  @Test("a time limit short for the district's size: the greedy alone, no model, and the limit that would try the exact search")
  func shortLimitForTheSize() throws {
    let instance = shipped("Instances/rongchang-2024.json")
    // 105 people × 36 postings at 20,000 pairs a second: the exact search from 0.19 s.
    let short = try runSecondment(["solve", instance, "--time-limit", "0.1", "--quiet"])
    #expect(short.status == 0, "\(short.stderr)")
    #expect(short.stdout.contains("Status: feasible (greedy"), "\(short.stdout)")
    #expect(short.stdout.contains("the exact search is tried from a limit of 0.2 s"), "\(short.stdout)")
    #expect(!short.stdout.contains("Model:"))
    let enough = try runSecondment(["solve", instance, "--time-limit", "30", "--quiet"])
    #expect(enough.stdout.contains("Status: optimal (glpk"), "\(enough.stdout)")
    #expect(!enough.stdout.contains("the exact search is tried from"))
  }

  @Test("--export-model writes MPS and CPLEX LP files")
  func exportModel() throws {
    let folder = try temporaryFolder()
    let instance = folder.appendingPathComponent("g.json").path
    _ = try runSecondment([
      "generate", "--towns", "4", "--people", "20", "--departments", "3", "--seed", "5",
      "--output", instance,
    ])
    for name in ["m.mps", "m.lp"] {
      let path = folder.appendingPathComponent(name).path
      let solved = try runSecondment([
        "solve", instance, "--solver", "glpk", "--export-model", path, "--quiet",
      ])
      #expect(solved.status == 0)
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(text.contains("post_c0"), "rows are named as in docs/model.md")
    }
    let bad = try runSecondment(["solve", instance, "--export-model", folder.appendingPathComponent("m.txt").path])
    #expect(bad.status != 0)
    #expect(bad.stderr.contains(".mps or .lp"))
  }
}
