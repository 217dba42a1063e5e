import ArgumentParser
import SecondmentDomain
import Foundation
import PlanHistory
import Scenarios
import SecondmentSheets
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
        or scenario files, with file and line), 3 when a run produced no roster,
        4 when Ctrl-C or SIGTERM stopped a run (it keeps its best roster so far;
        the runs after it are left out of the comparison).
        """)

    @Argument(help: ArgumentHelp("The base instance: a JSON file, an Excel workbook (.xlsx) or a folder of CSV files."))
    var base: String

    @OptionGroup var inputs: InputOptions

    @Option(
      name: .customLong("scenario"),
      help: ArgumentHelp(
        "A scenario: a scenario file (YAML or JSON), or an edited copy of the base (workbook, CSV folder, instance JSON) or of its staff list (CSV, or a workbook with only people); repeat for more.",
        valueName: "file"))
    var scenarios: [String] = []

    @Option(
      help: ArgumentHelp(
        "The roster in force (JSON or CSV): the base is this roster, and every scenario weighs moves from it.",
        valueName: "roster"))
    var from: String?

    @Option(
      help: ArgumentHelp(
        "A plan history: its latest adopted roster is the roster in force (as --from).", valueName: "file"))
    var history: String?

    @Option(help: "Write the HTML report here.")
    var report: String?

    @Option(help: "The language of the HTML and Markdown reports: zh (default) or en; the terminal stays in English.")
    var lang: SheetLanguage = .zh

    @Option(help: "Write the Markdown report here.")
    var markdown: String?

    @Option(
      help: ArgumentHelp(
        "Write each run's roster as JSON into this folder (base.json and one file per scenario).",
        valueName: "folder"))
    var rosters: String?

    @OptionGroup var solverOptions: SolverOptions

    func run() throws {
      try checkOutputsOrExit(
        [("--report", report), ("--markdown", markdown)], inputs: [base, inputs.staff, from, history] + scenarios)
      var options = solverOptions.planOptions
      Interrupt.shared.install()
      options.shouldStop = Interrupt.shared.shouldStop
      let runner = WhatIfRunner(
        basePath: base, inputs: inputs.source, scenarioPaths: scenarios, rosterInForce: from, history: history,
        options: options,
        optionSummary: solverOptions.summary, quiet: solverOptions.quiet)
      let report = try runner.run()
      for run in report.runs.dropFirst() where !run.changes.isEmpty {
        print("\(run.label) changes (\(run.changes.count)):")
        for line in run.changes.prefix(20) { print("  \(line)") }
        if run.changes.count > 20 { print("  … and \(run.changes.count - 20) more") }
      }
      if report.runs.count > 1, report.runs.dropFirst().contains(where: { !$0.changes.isEmpty }) { print("") }
      print(report.comparisonText(), terminator: "")
      if scenarios.count > 0 { print(report.peopleChangesText(), terminator: "") }
      fflush(nil)
      do {
        var written = report
        written.language = lang
        written.title = reportTitle(report.runs, language: lang)
        try ReportWriter.write(written, html: self.report, markdown: markdown)
      } catch {
        printError("\(error)")
        throw ExitCode(1)
      }
      for path in [self.report, markdown].compactMap({ $0 }) { printError("wrote \(path)") }
      if let rosters {
        do {
          try FileManager.default.createDirectory(atPath: rosters, withIntermediateDirectories: true)
          for run in report.runs {
            let path = (rosters as NSString).appendingPathComponent("\(run.label).json")
            let roster = RosterIO.roster(
              from: run.postings, splits: run.evaluation.splits, district: run.district, solver: run.solver,
              status: run.status, gap: run.gap)
            try RosterIO.writeJSON(roster, to: path)
          }
          printError("wrote \(report.runs.count) rosters to \(rosters)")
        } catch {
          printError("\(rosters): cannot write the rosters (\(error.localizedDescription))")
          throw ExitCode(1)
        }
      }
      if report.runs.contains(where: { $0.status == PlanStatus.noRoster.rawValue }) {
        printError("no roster for: " + report.runs.filter { $0.status == PlanStatus.noRoster.rawValue }.map(\.label).joined(separator: ", "))
        throw ExitCode(3)
      }
      if Interrupt.shared.signalled {
        printError("stopped by an interrupt: the run it stopped kept its best roster so far, the runs after it are left out")
        throw ExitCode(Interrupt.exitStatus)
      }
    }
  }
}

/// Loads the base and scenarios, solves every run, and builds the report.
struct WhatIfRunner {
  var basePath: String
  var inputs = InputSource()
  var scenarioPaths: [String]
  /// A roster file whose postings are the roster in force.
  var rosterInForce: String? = nil
  /// A plan history whose latest adopted roster is the roster in force.
  var history: String? = nil
  var options: PlanOptions
  var optionSummary: [(name: String, value: String)]
  var quiet = false

  func run() throws -> Report {
    var base = try loadInstanceOrExit(basePath, inputs: inputs, outcome: "nothing was planned")
    guard let baseInput = InputFile.hashing(role: "base instance", path: basePath) else {
      printError("\(basePath): cannot read the base instance")
      throw ExitCode(2)
    }
    var inputs = [baseInput]
    // The roster in force: everyone's current posting, so moves are weighed from it.
    let anchor = try rosterInForce(base)
    if let anchor {
      for i in base.people.indices { base.people[i].currentPosting = anchor.postings[base.people[i].id] }
      if let input = InputFile.hashing(role: "roster in force", path: anchor.file) { inputs.append(input) }
    }
    var variants: [(label: String, title: String, instance: Instance, changes: [String])] = []
    for path in scenarioPaths {
      do {
        if let edited = try editedCopy(path, base: base, anchored: anchor != nil) {
          variants.append(edited)
        } else {
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
          variants.append((scenario.name, scenario.title, outcome.instance, outcome.log))
        }
        if let input = InputFile.hashing(role: "scenario \(variants.last?.label ?? path)", path: path) {
          inputs.append(input)
        }
      } catch let error as ScenarioError {
        printError(error.description)
        throw ExitCode(2)
      }
    }
    let planner = Planner()
    var runs: [ReportRun] = []
    let baseDistrict = District(base)
    if let anchor {
      runs.append(
        ReportRun(
          label: "base", title: "roster in force (\(anchor.file))", district: baseDistrict,
          postings: anchor.postings, evaluation: RosterChecker(baseDistrict).evaluate(anchor.postings),
          solver: "roster in force", status: "in force"))
    }
    let all = (anchor == nil ? [("base", base.title ?? base.name, base, [String]())] : []) + variants
    for run in all {
      if !runs.isEmpty, options.shouldStop?() == true {
        // Ctrl-C: the run it stopped keeps its best roster; the runs after it are left out.
        printError("\(run.label): left out (interrupted)")
        continue
      }
      let district = District(run.instance)
      var result: PlanResult
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
      var postings = result.postings ?? [:]
      var evaluation = result.evaluation
      if let reference = runs.first?.postings, result.postings != nil {
        // A swap of interchangeable people is no move: match them to the base.
        let aligned = RosterAlignment.align(
          postings, splits: result.splits, to: reference, people: district.people, policy: district.policy)
        postings = aligned.postings
        evaluation = RosterChecker(district).evaluate(postings, splits: aligned.splits)
      }
      runs.append(
        ReportRun(
          label: run.label, title: run.title, district: district, postings: postings, evaluation: evaluation,
          solver: result.solver, status: result.status.rawValue, gap: result.gap, seconds: result.seconds,
          changes: run.changes))
    }
    let provenance = ReportProvenance(
      inputs: inputs, solver: options.solver.rawValue,
      solverVersion: solverVersions(runs), toolVersion: Secondment.configuration.version,
      options: optionSummary, date: Date(),
      command: (["secondment"] + CommandLine.arguments.dropFirst()).joined(separator: " "))
    return Report(title: reportTitle(runs, language: .en), runs: runs, provenance: provenance)
  }

  /// The roster in force from `--from` or `--history`, resolved against the base.
  func rosterInForce(_ base: Instance) throws -> (file: String, postings: [String: Posting])? {
    if let path = rosterInForce {
      return try exitingOnBadInput {
        let loaded = try RosterIO.read(path: path)
        let resolved = try RosterChecker(District(base)).resolve(
          loaded.roster, file: path, locations: loaded.locations)
        return (path, resolved.postings)
      }
    }
    guard let history else { return nil }
    do {
      let store = try PlanHistory(path: history, create: false)
      guard let latest = try store.adoptions().last else {
        printError("\(history): no adopted roster yet (fix: adopt one with replan --adopt, or use --from)")
        throw ExitCode(2)
      }
      var postings = try store.adoptedPostings(latest.quarter)
      // People of the base whom the history does not know are new: no posting yet.
      postings = postings.filter { id, _ in base.people.contains { $0.id == id } }
      return ("\(history) (\(latest.quarter))", postings)
    } catch let error as HistoryError {
      printError(error.description)
      throw ExitCode(2)
    }
  }

  /// A scenario given as an edited copy of the base or of its staff list;
  /// nil when `path` is a scenario file.
  func editedCopy(
    _ path: String, base: Instance, anchored: Bool
  ) throws -> (label: String, title: String, instance: Instance, changes: [String])? {
    let lower = path.lowercased()
    if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return nil }
    if lower.hasSuffix(".json") {
      guard let data = FileManager.default.contents(atPath: path),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        object["format"] as? String == Instance.formatTag || object["towns"] != nil
      else { return nil }
    }
    let label = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    var edited: Instance
    let staffOnly: Bool
    switch Workbook.form(of: path) {
    case .workbook:
      let sheets = (try? XLSXReader.read(path: path))?.sheets ?? []
      staffOnly = !sheets.contains { SheetCatalogue.townsSheet.matches($0.name) }
    case .csvFolder: staffOnly = false
    case .json: staffOnly = lower.hasSuffix(".csv")
    }
    if staffOnly {
      var staffInputs = inputs
      staffInputs.staff = path
      edited = try loadInstanceOrExit(basePath, inputs: staffInputs, outcome: "nothing was planned")
    } else {
      edited = try loadInstanceOrExit(path, outcome: "nothing was planned")
    }
    if anchored {
      // Everyone the base knows keeps their posting in the roster in force as current.
      let current = Dictionary(base.people.map { ($0.id, $0.currentPosting) }, uniquingKeysWith: { a, _ in a })
      for i in edited.people.indices {
        if let posting = current[edited.people[i].id] { edited.people[i].currentPosting = posting }
      }
    }
    let changes = EditedCopy.differences(from: base, to: edited)
    return (label, "edited copy \(URL(fileURLWithPath: path).lastPathComponent)", edited, changes)
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

/// A report's title: `Roster report: …` for one run, `What-if: …` for a base
/// and scenarios, the base's title in `language`.
func reportTitle(_ runs: [ReportRun], language: SheetLanguage) -> String {
  Words(language).format(runs.count == 1 ? "report.title" : "report.whatIfTitle", runs.first?.title ?? "")
}

/// Writes the report of one `solve` run (for `secondment solve --report/--markdown`).
///
/// - Parameters:
///   - instancePath: the instance file solved (hashed into the provenance).
///   - inputs: further input files to hash, as (role, path), e.g. a staff CSV.
func writeSolveReport(
  instancePath: String, district: District, result: PlanResult, options: PlanOptions,
  optionSummary: [(name: String, value: String)], inputs: [(role: String, path: String)] = [],
  html: String?, markdown: String?, language: SheetLanguage
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
    title: reportTitle([run], language: language), runs: [run], provenance: provenance, language: language)
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
