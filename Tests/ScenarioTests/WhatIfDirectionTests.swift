import Foundation
import SecondmentDomain
import GLPKBackend
import Scenarios
import SecondmentPlanner
import Testing
import SecondmentTestSupport

/// One shipped run: the solver's result on the base or a scenario.
struct SolvedRun {
  var label: String
  var result: PlanResult

  var objective: Double? { result.objective?.total }
  var optimal: Bool { result.status == .optimal }
}

/// Solves the shipped base and the named shipped scenarios with GLPK, the same options for all.
func solveShipped(_ scenarios: [String], timeLimit: Double) throws -> [SolvedRun] {
  let basePath = shipped("Instances/rongchang-2024.json")
  let base = try InstanceLoader.load(path: basePath)
  var instances = [("base", base)]
  for name in scenarios {
    let scenario = try Scenario.load(path: shipped("Instances/scenarios/\(name).yaml"))
    instances.append((name, try scenario.apply(to: base)))
  }
  let options = PlanOptions(solver: .glpk, timeLimit: timeLimit, relativeGap: 0, seed: 1)
  return try instances.map { label, instance in
    SolvedRun(label: label, result: try Planner().plan(District(instance), options: options))
  }
}

@Suite("What-if directions on the shipped scenarios (GLPK)")
struct WhatIfDirectionTests {
  /// Comparisons allow the rules' tolerance, 1e-6 × max(1, |objective|), plus GLPK's own.
  static func tolerance(_ x: Double) -> Double { 1e-5 * max(1, abs(x)) }

  @Test(
    "more hires never worsen the optimal objective; a stricter avoidance rule never improves it",
    .enabled(if: GLPKSolver.isAvailable, "GLPK is not built in (trait GLPK off): optimality-based directions need the exact solver"),
    .timeLimit(.minutes(3)))
  func directions() throws {
    let runs = try solveShipped(["law-graduates", "avoidance-radius"], timeLimit: 12)
    let base = runs[0]
    let hires = runs[1]
    let stricter = runs[2]
    for run in runs {
      #expect(run.result.postings != nil, "\(run.label): no roster (\(run.result.notes))")
      if let evaluation = run.result.evaluation, let objective = run.objective,
        run.result.status != .rulesBroken
      {
        // The checker and the solver agree on the objective (docs/rules.md).
        #expect(abs(evaluation.objective.total - objective) <= Self.tolerance(objective), "\(run.label)")
      }
    }
    let baseObjective = try #require(base.objective)

    // More hires: opt(hires) ≤ opt(base). Whatever the status, the hires run's
    // proven bound can never exceed any roster's objective on the base.
    if let bound = hires.result.bound {
      #expect(bound <= baseObjective + Self.tolerance(baseObjective), "hires' bound above the base's objective")
    }
    if base.optimal && hires.optimal, let h = hires.objective {
      #expect(h <= baseObjective + Self.tolerance(baseObjective))
    } else {
      print("whatif directions: hires vs base not both proven optimal (\(base.result.status.rawValue), \(hires.result.status.rawValue)); checked the bound only")
    }

    // A stricter rule: opt(stricter) ≥ opt(base) ≥ bound(base).
    if stricter.result.status == .rulesBroken {
      // Worse than any roster keeping the rules: the direction holds.
      #expect(!stricter.result.brokenRules.isEmpty)
    } else if let s = stricter.objective {
      if let bound = base.result.bound {
        #expect(s >= bound - Self.tolerance(bound), "stricter rule beat the base's proven bound")
      }
      if base.optimal && stricter.optimal {
        #expect(s >= baseObjective - Self.tolerance(baseObjective))
      }
    }
  }

  @Test(
    "whatif through the binary: table, people changes, HTML report with one heat map per run",
    .enabled(if: GLPKSolver.isAvailable, "GLPK is not built in: the default solver of this build cannot plan yet"),
    .timeLimit(.minutes(3)))
  func binary() throws {
    let folder = try temporaryFolder()
    let html = folder.appendingPathComponent("whatif.html").path
    let md = folder.appendingPathComponent("whatif.md").path
    let outcome = try runSecondment([
      "whatif", shipped("Instances/rongchang-2024.json"),
      "--scenario", shipped("Instances/scenarios/market-loses-3.yaml"),
      "--scenario", shipped("Instances/scenarios/pilot-growth.yaml"),
      "--report", html, "--markdown", md, "--time-limit", "4", "--quiet", "--lang", "en",
    ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    // What each scenario changes comes first, then the comparison table.
    #expect(outcome.stdout.hasPrefix("market-loses-3 changes ("), "\(outcome.stdout.prefix(200))")
    let header = try #require(outcome.stdout.split(separator: "\n").first { $0.hasPrefix("Measure") })
    #expect(header.contains("base") && header.contains("market-loses-3") && header.contains("pilot-growth"))
    for metric in [
      "Pairs covered", "Unmet demand (FTE)", "Pilot-town pairs covered", "Travel (minutes)",
      "Auxiliaries without an officer", "objective: unmet demand", "Solver / status", "Gap",
    ] {
      #expect(outcome.stdout.contains(metric), "missing \(metric)")
    }
    #expect(outcome.stdout.contains("leaving (3)"))
    #expect(outcome.stdout.contains("towns gaining or losing staff present"))

    let xml = XMLSummary(try Data(contentsOf: URL(fileURLWithPath: html)))
    #expect(xml.parsed, "report does not parse: \(String(describing: xml.error))")
    #expect(xml.count("svg", cls: "heatmap") == 3)
    #expect(xml.count("svg", cls: "unmet-bars") == 3)
    #expect(xml.count("script") == 0)
    let baseHash = try #require(SHA256Hex.of(shipped("Instances/rongchang-2024.json")))
    #expect(xml.text.contains(baseHash))
    let markdown = try String(contentsOfFile: md, encoding: .utf8)
    #expect(markdown.contains(baseHash))
    #expect(markdown.contains("## Scenario market-loses-3"))
  }

  @Test(
    "solve --report writes the same report for one run, in Chinese unless asked for English",
    .enabled(if: GLPKSolver.isAvailable, "GLPK is not built in: the default solver of this build cannot plan yet"),
    .timeLimit(.minutes(2)))
  func solveReport() throws {
    let folder = try temporaryFolder()
    let html = folder.appendingPathComponent("solve.html").path
    let md = folder.appendingPathComponent("solve.md").path
    let outcome = try runSecondment([
      "solve", shipped("Instances/rongchang-2024.json"), "--time-limit", "4", "--quiet",
      "--report", html, "--markdown", md,
    ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let xml = XMLSummary(try Data(contentsOf: URL(fileURLWithPath: html)))
    #expect(xml.parsed, "report does not parse: \(String(describing: xml.error))")
    #expect(xml.count("svg", cls: "heatmap") == 1)
    #expect(xml.count("svg", cls: "unmet-bars") == 1)
    #expect(xml.text.contains("来源") && xml.text.contains("派驻方案报告："))
    let markdown = try String(contentsOfFile: md, encoding: .utf8)
    #expect(markdown.contains("## 概要"))
    #expect(markdown.contains("## 方案："))
    let english = try runSecondment([
      "solve", shipped("Instances/rongchang-2024.json"), "--time-limit", "4", "--quiet", "--lang", "en",
      "--markdown", md,
    ])
    #expect(english.status == 0, "\(english.stderr)")
    let englishMarkdown = try String(contentsOfFile: md, encoding: .utf8)
    #expect(englishMarkdown.contains("## Summary") && englishMarkdown.contains("## Run: "))
  }

  @Test("a bad scenario stops whatif with exit 2, naming the file and line")
  func badScenario() throws {
    let folder = try temporaryFolder()
    let bad = folder.appendingPathComponent("bad.yaml")
    let base = shipped("Instances/rongchang-2024.json")
    try "title: Bad\nbase: \(base)\nchanges:\n  - remove: {department: markt, count: 2}\n"
      .write(to: bad, atomically: true, encoding: .utf8)
    let outcome = try runSecondment(["whatif", base, "--scenario", bad.path, "--quiet"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("\(bad.path):4: unknown department `markt`"), "\(outcome.stderr)")
    #expect(outcome.stderr.contains("did you mean `market`"))

    let other = folder.appendingPathComponent("other-base.yaml")
    try "title: Other\nbase: ../nowhere.json\nchanges: []\n".write(to: other, atomically: true, encoding: .utf8)
    let mismatch = try runSecondment(["whatif", base, "--scenario", other.path, "--quiet"])
    #expect(mismatch.status == 2)
    #expect(mismatch.stderr.contains("\(other.path):2:"), "\(mismatch.stderr)")
  }
}

/// SHA-256 of a file through the system's `sha256sum` (independent of the report's own).
enum SHA256Hex {
  static func of(_ path: String) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sha256sum", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init)
  }
}

@Suite("What-if directions where GLPK proves optimality (small district)")
struct SmallDirectionTests {
  @Test(
    "hires never worsen, a wider avoidance radius never improves, the proven optimum",
    .enabled(if: GLPKSolver.isAvailable, "GLPK is not built in (trait GLPK off): optimality-based directions need the exact solver"),
    .timeLimit(.minutes(1)))
  func directions() throws {
    let base = smallInstance()
    let hires = try Scenario.parse(
      "title: Hires\nbase: small.json\nchanges:\n  - hire: {count: 2, department: market, legal: true}\n  - hire: {count: 1, department: transport}\n",
      file: "hires.yaml"
    ).apply(to: base)
    let stricter = try Scenario.parse(
      "title: Stricter\nbase: small.json\nchanges:\n  - policy: {avoidanceRadiusMinutes: 21}\n",
      file: "stricter.yaml"
    ).apply(to: base)
    let options = PlanOptions(solver: .glpk, timeLimit: 20, relativeGap: 0, seed: 1)
    let b = try Planner().plan(District(base), options: options)
    let h = try Planner().plan(District(hires), options: options)
    let s = try Planner().plan(District(stricter), options: options)
    try #require(b.status == .optimal && h.status == .optimal, "not proven optimal: \(b.status), \(h.status)")
    let bo = try #require(b.objective?.total)
    let ho = try #require(h.objective?.total)
    #expect(ho <= bo + 1e-6 * max(1, bo), "hires worsened the optimum: \(ho) > \(bo)")
    #expect(ho < bo, "two more market officers should meet some of the unmet demand")
    switch s.status {
    case .optimal:
      let so = try #require(s.objective?.total)
      #expect(so >= bo - 1e-6 * max(1, bo), "a stricter rule improved the optimum: \(so) < \(bo)")
    case .rulesBroken:
      #expect(!s.brokenRules.isEmpty)
    default:
      Issue.record("stricter run neither optimal nor explained: \(s.status)")
    }
  }
}
