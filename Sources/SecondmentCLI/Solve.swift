import ArgumentParser
import DeploymentFormulation
import SecondmentDomain
import MIPModel
import GLPKBackend
import Foundation
import SecondmentPlanner
import SecondmentSheets

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Secondment {
  /// `secondment solve INSTANCE`: plans a roster and prints a planner's summary.
  struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Plan a roster for an instance: every person's posting, with coverage and cost.",
      discussion: """
        Builds the deployment model (docs/model.md), solves it, checks the
        roster with the independent checker and prints status, objective term
        by term, bound and gap, coverage per department and town, pilot towns,
        unmet demand and travel. When the hard rules cannot all hold, it says
        which rules fail where and still writes the roster that breaks the
        fewest, marked "rules-broken".

        Exit status: 0 with a roster that keeps every hard rule; 1 with a
        roster that breaks rules (written, marked); 2 on bad input; 3 when no
        roster could be produced; 4 when Ctrl-C or SIGTERM stopped the search
        (the best roster found so far is written, with its status, bound and
        gap; a second interrupt ends at once).
        """)

    @Argument(help: ArgumentHelp(instanceHelp))
    var instance: String

    @OptionGroup var inputs: InputOptions

    @OptionGroup var solverOptions: SolverOptions

    @Option(help: "Write the roster as JSON here (atomically).")
    var output: String?

    @Option(help: "Write the roster as CSV here (atomically).")
    var csv: String?

    @Option(
      help: ArgumentHelp(
        "Write the roster as an Excel workbook here: by person, by town, by department, coverage, notes.",
        valueName: "file.xlsx"))
    var xlsx: String?

    @Option(help: "The language of the roster workbook and the reports: zh (default) or en.")
    var lang: SheetLanguage = .zh

    @Option(help: "Write the planner's HTML report here (heat map, unmet bars, roster per town, provenance).")
    var report: String?

    @Option(help: "Write the same report as Markdown here.")
    var markdown: String?

    @Flag(
      name: .customLong("progress-json"),
      help: "Write progress as one JSON object a line on standard error ({\"elapsed\": s, \"incumbent\", \"bound\", \"gap\"}), the first as soon as the solve starts, for programs such as the workbench.")
    var progressJSON = false

    @Option(
      name: .customLong("export-model"),
      help: "Write the exact model (one column per person and posting) as free MPS (.mps) or CPLEX LP (.lp) for another solver.")
    var exportModel: String?

    func validate() throws {
      if let xlsx, Workbook.form(of: xlsx) != .workbook {
        throw ValidationError("--xlsx \(xlsx): the name must end in .xlsx")
      }
      if let path = exportModel {
        guard Self.modelFormat(path) != nil else {
          throw ValidationError("--export-model \(path): the name must end in .mps or .lp")
        }
      }
    }

    static func modelFormat(_ path: String) -> ModelFileFormat? {
      let lower = path.lowercased()
      if lower.hasSuffix(".mps") { return .mps }
      if lower.hasSuffix(".lp") { return .cplexLP }
      return nil
    }

    func run() throws {
      // From the start, so that an interrupt while the instance loads (a
      // workbench cancelling a job that just began) still stops the plan.
      Interrupt.shared.install()
      // The first report says the solve has started and heeds an interrupt.
      if progressJSON { ProgressLine.writeJSONStart() }
      try checkOutputsOrExit(
        [
          ("--output", output), ("--csv", csv), ("--xlsx", xlsx), ("--report", report), ("--markdown", markdown),
          ("--export-model", exportModel),
        ], inputs: [instance, inputs.staff])
      let district = try loadDistrictOrExit(instance, inputs: inputs.source, outcome: "nothing was planned")

      if let path = exportModel, let format = Self.modelFormat(path) {
        // The exact per-person model, also where the planner starts from the
        // pooled relaxation: its solutions are rosters another solver can be judged by.
        let formulation = DeploymentFormulation(
          district: district, options: FormulationOptions(poolGroups: false))
        do {
          try GLPKSolver().writeModel(formulation.model, to: path, format: format)
        } catch {
          printError("--export-model \(path): \(error)")
          throw ExitCode(2)
        }
      }

      var options = solverOptions.planOptions
      options.shouldStop = Interrupt.shared.shouldStop
      let progress = ProgressLine(enabled: !progressJSON && !solverOptions.quiet && isatty(2) != 0)
      if progress.enabled { options.progress = { progress.show($0) } }
      if progressJSON { options.progress = { ProgressLine.writeJSON($0) } }
      let result: PlanResult
      do {
        result = try Planner().plan(district, options: options)
      } catch {
        progress.clear()
        printError("no roster: \(error)")
        throw ExitCode(3)
      }
      progress.clear()
      if !solverOptions.quiet { printError(SolveSummary.finalLine(result)) }

      guard let postings = result.postings else {
        print(SolveSummary.text(result, district: district, evaluation: nil))
        printError(
          "no roster: " + (result.notes.isEmpty ? "\(result.termination)" : result.notes.joined(separator: "; ")))
        throw ExitCode(3)
      }
      var written =
        result.roster(district: district)
        ?? RosterIO.roster(
          from: postings, splits: result.splits, district: district, solver: result.solver)
      let reproducibility = result.reproducibility(asked: options.solver)
      written.reproducible = reproducibility.reproducible
      written.reproducibleReason = reproducibility.reason
      print(SolveSummary.text(result, district: district, evaluation: result.evaluation))
      do {
        if let output {
          try RosterIO.writeJSON(written, to: output)
          print("Roster written to \(output)")
        }
        if let csv {
          try RosterIO.writeCSV(written, to: csv)
          print("Roster written to \(csv)")
        }
        if let xlsx {
          let book = RosterWorkbook.workbook(written, district: district, language: lang, notes: result.notes)
          try AtomicFile.write(XLSXWriter.data(book), to: xlsx)
          print("Roster written to \(xlsx)")
        }
      } catch {
        printError("could not write the roster: \(error)")
        throw ExitCode(2)
      }
      if report != nil || markdown != nil {
        do {
          try writeSolveReport(
            instancePath: instance, district: district, result: result, options: options,
            optionSummary: solverOptions.summary, html: report, markdown: markdown, language: lang)
          for path in [report, markdown].compactMap({ $0 }) { print("Report written to \(path)") }
        } catch {
          printError("could not write the report: \(error)")
          throw ExitCode(2)
        }
      }
      if Interrupt.shared.signalled {
        printError("stopped by an interrupt: the best roster found so far was written")
        throw ExitCode(Interrupt.exitStatus)
      }
      if result.status == .rulesBroken || !(result.evaluation?.isFeasible ?? true) {
        throw ExitCode(1)
      }
    }
  }
}

/// The progress line on standard error, rewritten in place.
final class ProgressLine: @unchecked Sendable {
  let enabled: Bool
  private let lock = NSLock()
  private var width = 0

  init(enabled: Bool) { self.enabled = enabled }

  /// The first JSON progress line (elapsed 0), written as soon as a command
  /// starts: it tells a program such as the workbench that the run has begun
  /// and heeds an interrupt.
  static func writeJSONStart() {
    writeJSON(SolveProgress(elapsed: 0, incumbent: nil, bound: nil, gap: nil))
  }

  /// One progress report as a JSON line on standard error (`--progress-json`).
  static func writeJSON(_ p: SolveProgress) {
    var fields = ["\"elapsed\":\(p.elapsed)"]
    if let i = p.incumbent, i.isFinite { fields.append("\"incumbent\":\(i)") }
    if let b = p.bound, b.isFinite { fields.append("\"bound\":\(b)") }
    if let g = p.gap, g.isFinite { fields.append("\"gap\":\(g)") }
    FileHandle.standardError.write(Data(("{" + fields.joined(separator: ",") + "}\n").utf8))
  }

  func show(_ p: SolveProgress) {
    guard enabled else { return }
    var text = String(format: "  %6.1f s", p.elapsed)
    text += "  incumbent " + (p.incumbent.map { String(format: "%.2f", $0) } ?? "none yet")
    text += "  bound " + (p.bound.map { String(format: "%.2f", $0) } ?? "-")
    text += "  gap " + (p.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "-")
    lock.lock()
    defer { lock.unlock() }
    let padded = text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
    width = text.count
    FileHandle.standardError.write(Data(("\r" + padded).utf8))
  }

  func clear() {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    guard width > 0 else { return }
    FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: width) + "\r").utf8))
    width = 0
  }
}

/// What `solve` prints.
enum SolveSummary {
  static func finalLine(_ r: PlanResult) -> String {
    var text = "\(r.solver): \(r.status.rawValue)"
    if let o = r.evaluation?.objective.total ?? r.objective?.total {
      text += ", objective " + fixed(o)
    }
    if let b = r.bound { text += ", bound " + fixed(b) }
    if let g = r.gap { text += ", gap " + fixed(g * 100) + "%" }
    text += ", " + fixed(r.seconds) + " s"
    return text
  }

  static func text(_ r: PlanResult, district: District, evaluation: RosterEvaluation?) -> String {
    let instance = district.instance
    var lines: [String] = []
    let people = instance.people.count
    lines.append(
      "\(instance.title ?? instance.name): \(instance.towns.count) towns, "
        + "\(instance.departments.count) departments, \(people) people, \(district.zones.count) zones")
    lines.append("Status: \(r.status.rawValue) (\(r.solver), \(fixed(r.seconds)) s)")
    if let size = r.modelSize { lines.append("Model: \(size)") }
    for note in r.notes { lines.append("Note: \(note)") }
    if !r.brokenRules.isEmpty {
      lines.append("")
      lines.append("Hard rules that cannot all hold (\(r.brokenRules.count)):")
      for v in r.brokenRules { lines.append("  \(v)") }
    }
    guard let evaluation, let postings = r.postings else { return lines.joined(separator: "\n") }
    if !evaluation.isFeasible, r.brokenRules.isEmpty {
      lines.append("Checker: the roster breaks \(evaluation.violations.count) rule(s):")
      for v in evaluation.violations.prefix(20) { lines.append("  \(v)") }
    }
    lines.append("")
    let m = evaluation.measures
    let o = evaluation.objective
    let w = instance.policy.weights
    lines.append("Objective (lower is better)")
    let rows: [(String, String, Double)] = [
      ("uncovered pairs", "\(m.uncoveredPairs) with no officer present × \(fixed(w.uncoveredPair))", o.uncoveredPairs),
      (
        "unmet demand",
        "\(fixed(m.unmetDemandFTE)) FTE (pilot \(fixed(m.pilotUnmetDemandFTE))) × \(fixed(w.unmetDemand))/\(fixed(w.pilotUnmetDemand))",
        o.unmetDemand
      ),
      ("travel", "\(fixed(m.travelMinutes, 0)) min × \(fixed(w.travelMinute))", o.travel),
      ("moves", "\(m.moves) × \(fixed(w.move))", o.moves),
      ("preference misses", "\(m.preferenceMisses) × \(fixed(w.preferenceMiss))", o.preferenceMisses),
      ("imbalance", "\(fixed(m.imbalance * 100, 1))% × \(fixed(w.imbalance))", o.imbalance),
      (
        "response",
        "worst \(fixed(m.worstResponseMinutes, 0)) min, mean \(fixed(m.meanResponseMinutes, 1)) min, \(fixed(m.responseMinutes, 0)) min in all × \(fixed(w.responseMinute))",
        o.response
      ),
    ]
    let mw = rows.map(\.1.count).max() ?? 0
    for row in rows {
      lines.append("  " + pad(row.0, 19) + pad(row.1, mw) + lead(fixed(row.2), 11))
    }
    lines.append("  " + pad("total", 19 + mw) + lead(fixed(o.total), 11))
    if let model = r.objective, abs(model.total - o.total) > 1e-6 * max(1, abs(o.total)) {
      lines.append("  (the solver's model says \(fixed(model.total)); the checker's figure is shown)")
    }
    if let b = r.bound {
      lines.append("  bound " + fixed(b) + (r.gap.map { ", gap " + fixed($0 * 100) + "%" } ?? ""))
    }

    // Coverage per department.
    lines.append("")
    lines.append("Coverage by department (FTE)")
    // Departments by their Chinese name, as planners call them.
    let nameWidth = instance.departments.map { displayWidth($0.name) }.max().map { max($0 + 2, 12) } ?? 12
    lines.append(
      "  " + pad("department", nameWidth) + lead("demand", 8) + lead("supply", 8) + lead("unmet", 8)
        + lead("uncovered", 11) + lead("stationed", 11) + lead("zoned", 7) + lead("aux", 5))
    for dept in instance.departments {
      let cov = evaluation.coverage.filter { $0.department == dept.id }
      let staff = instance.people.filter { $0.department == dept.id }
      var st = 0
      var zo = 0
      var aux = 0
      for p in staff {
        switch postings[p.id] ?? .unassigned {
        case .stationed: if p.role == .officer { st += 1 } else { aux += 1 }
        case .zoned: zo += 1
        case .unassigned: break
        }
      }
      lines.append(
        "  " + dept.name + String(repeating: " ", count: max(1, nameWidth - displayWidth(dept.name))) + lead(fixed(cov.reduce(0) { $0 + $1.demand }, 1), 8)
          + lead(fixed(cov.reduce(0) { $0 + $1.supply }, 1), 8)
          + lead(fixed(cov.reduce(0) { $0 + $1.unmet }, 1), 8)
          + lead(String(cov.filter(\.isUncovered).count), 11) + lead(String(st), 11)
          + lead(String(zo), 7) + lead(String(aux), 5))
    }

    lines.append("")
    lines += whoGoesWhere(postings, district: district, evaluation: evaluation)
    let pilots = instance.towns.filter(\.pilot)
    if !pilots.isEmpty {
      lines.append("")
      lines.append(
        "Pilot towns (\(pilots.count)): unmet \(fixed(m.pilotUnmetDemandFTE)) FTE of "
          + fixed(
            evaluation.coverage.filter { c in pilots.contains { $0.id == c.town } }
              .reduce(0) { $0 + $1.demand }) + " FTE demand")
    }
    lines.append(
      "Unmet demand: \(fixed(m.unmetDemandFTE)) FTE; travel: \(fixed(m.travelMinutes, 0)) minutes")
    return lines.joined(separator: "\n")
  }

  /// Who goes where, town by town: one line per town (* pilot) with its
  /// demand, supply and unmet FTE and the names stationed there, then one
  /// line per zone with its zoned officers; then anyone unassigned.
  static func whoGoesWhere(
    _ postings: [String: Posting], district: District, evaluation: RosterEvaluation
  ) -> [String] {
    let instance = district.instance
    var lines = ["Who goes where (town: demand/supply FTE, unmet; stationed officers | auxiliaries; * pilot)"]
    let width = instance.towns.map { displayWidth(label($0)) }.max() ?? 10
    for town in instance.towns {
      let cov = evaluation.coverage.filter { $0.town == town.id }
      var officers: [String] = []
      var auxiliaries: [String] = []
      for p in instance.people where postings[p.id] == .stationed(town: town.id) {
        if p.isOfficer { officers.append(p.name) } else { auxiliaries.append(p.name) }
      }
      let figures =
        fixed(cov.reduce(0) { $0 + $1.demand }, 1) + "/" + fixed(cov.reduce(0) { $0 + $1.supply }, 1)
        + ", " + fixed(cov.reduce(0) { $0 + $1.unmet }, 1)
      lines.append(
        "  " + (town.pilot ? "*" : " ") + label(town)
          + String(repeating: " ", count: width - displayWidth(label(town))) + lead(figures, 15) + "  "
          + (officers.isEmpty ? "-" : officers.joined(separator: " "))
          + (auxiliaries.isEmpty ? "" : " | " + auxiliaries.joined(separator: " ")))
    }
    var zoneLines: [String] = []
    for zone in district.zones {
      let names = instance.people.filter { postings[$0.id] == .zoned(zone: zone.id) }.map(\.name)
      guard !names.isEmpty else { continue }
      let towns = zone.towns.map { district.town($0)?.name ?? $0 }.joined(separator: "、")
      zoneLines.append("  \(zone.name ?? zone.id) (\(towns)): " + names.joined(separator: " "))
    }
    if !zoneLines.isEmpty { lines += ["Zoned officers by zone"] + zoneLines }
    let idle = instance.people.filter { (postings[$0.id] ?? .unassigned) == .unassigned }.map(\.name)
    if !idle.isEmpty { lines.append("Unassigned (\(idle.count)): " + idle.joined(separator: " ")) }
    let joint = JointInspectionRule.staffing(in: district, coverage: evaluation.coverage)
    if !joint.isEmpty {
      let missing = joint.filter { !$0.missing.isEmpty }.count
      lines.append("Joint inspections (综合查一次) planned in \(joint.count) towns, \(missing) missing a department")
      for town in joint {
        let name = district.town(town.town).map(label) ?? town.town
        lines.append(
          "  \(name): " + town.scenarios.joined(separator: "、")
            + (town.missing.isEmpty
              ? "" : " (missing: " + town.missing.map { id in district.departments.first { $0.id == id }?.name ?? id }.joined(separator: "、") + ")"))
      }
    }
    return lines
  }

  /// A town as the summary names it: `昌元街道 Changyuan`.
  static func label(_ town: Town) -> String {
    town.pinyin.map { "\(town.name) \($0)" } ?? town.name
  }

  static func fixed(_ value: Double, _ digits: Int = 2) -> String {
    String(format: "%.\(digits)f", value)
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }

  static func lead(_ text: String, _ width: Int) -> String {
    text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
  }
}
