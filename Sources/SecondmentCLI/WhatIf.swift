import ArgumentParser
import Foundation
import Scenarios
import SecondmentPlanner
import SecondmentReport

extension Secondment {
  /// `secondment whatif BASE --scenario S1 [--scenario S2 …] [--report FILE] [--markdown FILE]`.
  struct WhatIf: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "whatif",
      abstract: "Solve a base instance and what-if scenarios against it; compare them side by side.",
      discussion: """
        Every scenario (docs/scenarios.md) names its base; it must be the same
        file (by SHA-256) as BASE. The base and each scenario are solved with
        the same solver options. Prints one comparison table, then per scenario
        what changes for people. --report writes a self-contained HTML report
        (comparison, coverage heat maps, unmet-demand bars, rosters per town,
        provenance); --markdown the same as Markdown.

        Exits 0 when every run produced a roster (a scenario whose rules cannot
        all hold is an answer, shown as rules-broken), 2 for bad input (instance
        or scenario files, with file and line), 3 when a run produced no roster.
        """)

    @Argument(help: ArgumentHelp("The base instance: a JSON file, an Excel workbook (.xlsx) or a folder of CSV files."))
    var base: String

    @OptionGroup var inputs: InputOptions

    @Option(name: .customLong("scenario"), help: "A scenario file (YAML or JSON); repeat for more.")
    var scenarios: [String] = []

    @Option(help: "Write the HTML report here.")
    var report: String?

    @Option(help: "Write the Markdown report here.")
    var markdown: String?

    @OptionGroup var solverOptions: SolverOptions

    func run() throws {
      let runner = WhatIfRunner(
        basePath: base, inputs: inputs, scenarioPaths: scenarios, options: solverOptions.planOptions,
        optionSummary: solverOptions.summary, quiet: solverOptions.quiet)
      let report = try runner.run()
      print(report.comparisonText(), terminator: "")
      if scenarios.count > 0 { print(report.peopleChangesText(), terminator: "") }
      fflush(nil)
      do {
        try ReportWriter.write(report, html: self.report, markdown: markdown)
      } catch {
        printError("\(error)")
        throw ExitCode(1)
      }
      for path in [self.report, markdown].compactMap({ $0 }) { printError("wrote \(path)") }
      if report.runs.contains(where: { $0.status == PlanStatus.noRoster.rawValue }) {
        printError("no roster for: " + report.runs.filter { $0.status == PlanStatus.noRoster.rawValue }.map(\.label).joined(separator: ", "))
        throw ExitCode(3)
      }
    }
  }
}

/// Loads the base and scenarios, solves every run, and builds the report.
struct WhatIfRunner {
  var basePath: String
  var inputs = InputOptions()
  var scenarioPaths: [String]
  var options: PlanOptions
  var optionSummary: [(name: String, value: String)]
  var quiet = false

  func run() throws -> Report {
    let base = try loadInstanceOrExit(basePath, inputs: inputs, outcome: "nothing was planned")
    guard let baseInput = InputFile.hashing(role: "base instance", path: basePath) else {
      printError("\(basePath): cannot read the base instance")
      throw ExitCode(2)
    }
    var inputs = [baseInput]
    var variants: [(scenario: Scenario, outcome: ScenarioOutcome)] = []
    for path in scenarioPaths {
      do {
        let scenario = try Scenario.load(path: path)
        try checkBase(scenario, path: path, baseHash: baseInput.sha256)
        let outcome = try scenario.outcome(of: base)
        let problems = InstanceValidation.problems(in: outcome.instance, file: path)
        if let first = problems.first {
          throw ScenarioError(
            file: path, line: nil,
            message:
              "the changed instance is not valid: \(first.message)"
              + (first.location.map { " (at \($0))" } ?? ""),
            fix: first.hint ?? "change the scenario so the instance stays valid")
        }
        variants.append((scenario, outcome))
        if let input = InputFile.hashing(role: "scenario \(scenario.name)", path: path) {
          inputs.append(input)
        }
      } catch let error as ScenarioError {
        printError(error.description)
        throw ExitCode(2)
      }
    }
    let planner = Planner()
    var runs: [ReportRun] = []
    let all: [(label: String, title: String, instance: Instance, changes: [String])] =
      [("base", base.title ?? base.name, base, [])]
      + variants.map { ($0.scenario.name, $0.scenario.title, $0.outcome.instance, $0.outcome.log) }
    for run in all {
      let district = District(run.instance)
      let result: PlanResult
      do {
        result = try planner.plan(district, options: options)
      } catch {
        printError("\(run.label): no roster: \(error)")
        throw ExitCode(3)
      }
      if !quiet {
        printError(
          "\(run.label): \(result.status.rawValue) by \(result.solver) in \(String(format: "%.1f", result.seconds)) s")
      }
      runs.append(
        ReportRun(label: run.label, title: run.title, district: district, plan: result, changes: run.changes))
    }
    let provenance = ReportProvenance(
      inputs: inputs, solver: options.solver.rawValue,
      solverVersion: solverVersions(runs), toolVersion: Secondment.configuration.version,
      options: optionSummary, date: Date(),
      command: (["secondment"] + CommandLine.arguments.dropFirst()).joined(separator: " "))
    let title =
      variants.isEmpty
      ? "Roster report: \(base.title ?? base.name)" : "What-if: \(base.title ?? base.name)"
    return Report(title: title, runs: runs, provenance: provenance)
  }

  /// The scenario's `base` must be the same file (by content) as BASE.
  func checkBase(_ scenario: Scenario, path: String, baseHash: String) throws {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    let named = URL(fileURLWithPath: scenario.base.value, relativeTo: folder).standardizedFileURL.path
    guard let hash = InputFile.hashing(role: "base", path: named)?.sha256 else {
      throw ScenarioError(
        file: path, line: scenario.base.line,
        message: "the base instance `\(scenario.base.value)` (\(named)) cannot be read",
        fix: "give `base` as a path relative to the scenario file")
    }
    guard hash == baseHash else {
      throw ScenarioError(
        file: path, line: scenario.base.line,
        message: "the scenario's base `\(scenario.base.value)` is not the file whatif was given (\(basePath))",
        fix: "run whatif with \(named) as BASE, or change `base`")
    }
  }
}

/// The solver names the runs report, e.g. `glpk 5.0`, each once.
func solverVersions(_ runs: [ReportRun]) -> String? {
  var seen: [String] = []
  for run in runs where !seen.contains(run.solver) { seen.append(run.solver) }
  return seen.isEmpty ? nil : seen.joined(separator: ", ")
}

extension ReportRun {
  /// A report run from a planning result (no roster: everyone unassigned).
  init(label: String, title: String, district: District, plan result: PlanResult, changes: [String] = []) {
    let postings = result.postings ?? [:]
    self.init(
      label: label, title: title, district: district, postings: postings,
      evaluation: result.evaluation, solver: result.solver, status: result.status.rawValue,
      gap: result.gap, seconds: result.seconds, changes: changes)
  }
}

/// Writes the report of one `solve` run (for `secondment solve --report/--markdown`).
///
/// - Parameters:
///   - instancePath: the instance file solved (hashed into the provenance).
///   - inputs: further input files to hash, as (role, path), e.g. a staff CSV.
func writeSolveReport(
  instancePath: String, district: District, result: PlanResult, options: PlanOptions,
  optionSummary: [(name: String, value: String)], inputs: [(role: String, path: String)] = [],
  html: String?, markdown: String?
) throws {
  let files = [("instance", instancePath)] + inputs
  let run = ReportRun(
    label: district.instance.name, title: district.instance.title ?? district.instance.name,
    district: district, plan: result)
  let provenance = ReportProvenance(
    inputs: files.compactMap { InputFile.hashing(role: $0.0, path: $0.1) },
    solver: options.solver.rawValue, solverVersion: result.solver,
    toolVersion: Secondment.configuration.version, options: optionSummary, date: Date(),
    command: (["secondment"] + CommandLine.arguments.dropFirst()).joined(separator: " "))
  let report = Report(
    title: "Roster report: \(district.instance.title ?? district.instance.name)", runs: [run],
    provenance: provenance)
  try ReportWriter.write(report, html: html, markdown: markdown)
}

extension SolverOptions {
  /// The options as (name, value) for a report's provenance.
  var summary: [(name: String, value: String)] {
    [
      ("solver", solver.rawValue), ("time limit", "\(timeLimit) s per run"),
      ("relative gap", "\(gap)"), ("seed", "\(seed)"),
    ]
  }
}
