import Foundation
import SecondmentDomain

/// One input file of a run, identified by its SHA-256.
public struct InputFile: Sendable, Hashable {
  /// What the file is, e.g. `base instance` or `scenario law-graduates`.
  public var role: String
  public var path: String
  /// 64 lowercase hex digits.
  public var sha256: String
  public var bytes: Int

  public init(role: String, path: String, sha256: String, bytes: Int) {
    self.role = role
    self.path = path
    self.sha256 = sha256
    self.bytes = bytes
  }

  /// Hashes a file on disk; nil when it cannot be read.
  ///
  /// A folder (an instance as CSV files) is hashed over its CSV files' names
  /// and bytes, in name order.
  public static func hashing(role: String, path: String) -> InputFile? {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
    guard isFolder.boolValue else {
      guard let data = FileManager.default.contents(atPath: path) else { return nil }
      return InputFile(role: role, path: path, sha256: ContentHash.sha256(data), bytes: data.count)
    }
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
    var bytes: [UInt8] = []
    var size = 0
    for name in names.filter({ $0.lowercased().hasSuffix(".csv") }).sorted() {
      let data = FileManager.default.contents(atPath: (path as NSString).appendingPathComponent(name)) ?? Data()
      size += data.count
      bytes += Array(name.utf8) + [0] + Array(data)
    }
    return InputFile(role: role, path: path, sha256: ContentHash.sha256(bytes), bytes: size)
  }
}

/// Where a report's numbers come from: inputs, solver, options, date.
public struct ReportProvenance: Sendable {
  public var inputs: [InputFile]
  /// The solver asked for, e.g. `auto`, `glpk`, `greedy`.
  public var solver: String
  /// The solver library's version, e.g. `GLPK 5.0`, when known.
  public var solverVersion: String?
  /// The `secondment` version.
  public var toolVersion: String
  /// Solver options in force, as (name, value).
  public var options: [(name: String, value: String)]
  public var date: Date
  /// The command line that made the report, when known.
  public var command: String?

  public init(
    inputs: [InputFile], solver: String, solverVersion: String? = nil, toolVersion: String,
    options: [(name: String, value: String)] = [], date: Date = Date(), command: String? = nil
  ) {
    self.inputs = inputs
    self.solver = solver
    self.solverVersion = solverVersion
    self.toolVersion = toolVersion
    self.options = options
    self.date = date
    self.command = command
  }
}

/// One line of the comparison table: a figure for every run.
public struct ComparisonRow: Sendable {
  public var metric: String
  /// The figure per run, formatted for reading.
  public var cells: [String]
  /// The figure per run as a number (nil for text rows), for differences against the base.
  public var values: [Double?]
  /// Whether a smaller figure is better (for colouring differences).
  public var lowerIsBetter: Bool
}

/// The planner's report on one run or a base and its scenarios.
///
/// Render it with `html()` (self-contained: inline CSS and SVG, no scripts, no
/// network; XHTML-compatible so it parses as XML) or `markdown()`; the first
/// run is the base the others are compared with. Its words come from the
/// catalogue (`Words`, keys `report.`) in `language`.
public struct Report: Sendable {
  public var title: String
  public var summaries: [RunSummary]
  public var provenance: ReportProvenance
  /// The language of the report's words; names of towns and departments
  /// follow it (Chinese names in `.zh`, pinyin and English names in `.en`).
  public var language: SheetLanguage

  public init(
    title: String, runs: [ReportRun], provenance: ReportProvenance, language: SheetLanguage = .en
  ) {
    self.title = title
    self.summaries = runs.map(RunSummary.init)
    self.provenance = provenance
    self.language = language
  }

  /// The catalogue's word for `key` in the report's language, `{0}`… filled.
  func word(_ key: String, _ arguments: CustomStringConvertible...) -> String {
    Words(language).format(key, arguments: arguments)
  }

  /// A town's name in the report's language.
  func name(_ town: Town) -> String { language == .zh ? town.name : town.displayName }

  /// A department's name in the report's language.
  func name(_ department: Department) -> String { language == .zh ? department.name : department.displayName }

  public var runs: [ReportRun] { summaries.map(\.run) }

  /// What each scenario changed for people, against the first run (empty for one run).
  public var peopleChanges: [PeopleChanges] {
    guard let base = summaries.first else { return [] }
    return summaries.dropFirst().map { PeopleChanges(base: base, scenario: $0, language: language) }
  }

  /// The comparison table's rows, one column per run.
  public var comparison: [ComparisonRow] {
    let s = summaries
    func row(_ metric: String, lower: Bool = true, _ value: (RunSummary) -> Double, _ text: (RunSummary) -> String)
      -> ComparisonRow
    {
      ComparisonRow(
        metric: metric, cells: s.map(text), values: s.map { value($0) }, lowerIsBetter: lower)
    }
    func textRow(_ metric: String, _ text: (RunSummary) -> String) -> ComparisonRow {
      ComparisonRow(metric: metric, cells: s.map(text), values: s.map { _ in nil }, lowerIsBetter: true)
    }
    var rows: [ComparisonRow] = [
      row(
        word("report.pairsCovered"), lower: false,
        { share($0.coveredPairs, $0.pairsWithDemand) },
        { "\($0.coveredPairs)/\($0.pairsWithDemand) (\(percent($0.coveredPairs, $0.pairsWithDemand)))" }),
      row(
        word("report.pairsPresent"), lower: false,
        { share($0.presentPairs, $0.pairsWithDemand) },
        { "\($0.presentPairs)/\($0.pairsWithDemand) (\(percent($0.presentPairs, $0.pairsWithDemand)))" }),
      row(word("report.unmet"), { $0.unmetFTE }, { number($0.unmetFTE) }),
      row(
        word("report.pilotCovered"), lower: false,
        { share($0.pilotCoveredPairs, $0.pilotPairsWithDemand) },
        { "\($0.pilotCoveredPairs)/\($0.pilotPairsWithDemand) (\(percent($0.pilotCoveredPairs, $0.pilotPairsWithDemand)))" }),
      row(word("report.pilotUnmet"), { $0.pilotUnmetFTE }, { number($0.pilotUnmetFTE) }),
      row(word("report.travel"), { $0.travelMinutes }, { number($0.travelMinutes, digits: 0) }),
      row(
        word("report.worstResponse"), { $0.run.evaluation.measures.worstResponseMinutes },
        { number($0.run.evaluation.measures.worstResponseMinutes, digits: 0) }),
      row(
        word("report.meanResponse"), { $0.run.evaluation.measures.meanResponseMinutes },
        { number($0.run.evaluation.measures.meanResponseMinutes, digits: 1) }),
      row(word("report.jointInspection"), { Double($0.jointMissing) }, { "\($0.jointMissing)" }),
      row(
        word("report.auxiliariesAlone"), { Double($0.auxiliariesWithoutOfficer) },
        { "\($0.auxiliariesWithoutOfficer)" }),
      textRow(word("report.postingCounts")) { "\($0.stationed) / \($0.zoned) / \($0.unassigned)" },
      row(word("report.objective"), { $0.run.objective.total }, { number($0.run.objective.total) }),
    ]
    for (index, term) in ObjectiveBreakdown().terms.enumerated() {
      // The terms' words are the roster's (`uncoveredPairs`: uncovered pairs, 未覆盖).
      let label = word("report.term", word(term.name))
      rows.append(
        row(label, { $0.run.objective.terms[index].value }, { number($0.run.objective.terms[index].value) }))
    }
    rows.append(textRow(word("report.solverStatus")) { "\($0.run.solver) / \($0.run.status)" })
    rows.append(textRow(word("report.gap")) { $0.run.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "–" })
    rows.append(
      row(word("report.brokenCount"), { Double($0.run.brokenRules.count) }, { "\($0.run.brokenRules.count)" }))
    return rows
  }

  /// The heading of run `i`: `Base: …`, `Scenario law-graduates: …` or, for one run, `Run: …`.
  func runHeading(_ i: Int) -> String {
    let run = runs[i]
    if runs.count == 1 { return word("report.run", run.title) }
    return i == 0 ? word("report.base", run.title) : word("report.scenarioRun", run.label, run.title)
  }

  // MARK: - Plain text (for the terminal)

  /// The comparison table as aligned plain text, differences against the base in brackets.
  public func comparisonText() -> String {
    let header = [word("report.measure")] + runs.map(\.label)
    var table = [header]
    for row in comparison {
      var line = [row.metric]
      for (i, cell) in row.cells.enumerated() {
        line.append(cell + (i > 0 ? deltaText(row, i).map { " (\($0))" } ?? "" : ""))
      }
      table.append(line)
    }
    let widths = header.indices.map { c in table.map { $0[c].count }.max() ?? 0 }
    var out = ""
    for (r, line) in table.enumerated() {
      let cells = line.enumerated().map { c, text in
        c == 0
          ? text.padding(toLength: widths[c], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[c] - text.count) + text
      }
      out += cells.joined(separator: "  ") + "\n"
      if r == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
    }
    return out
  }

  /// Per scenario, who moves, who is new, who leaves and which towns gain or lose staff.
  public func peopleChangesText(limit: Int = 15) -> String {
    var out = ""
    for (run, changes) in zip(runs.dropFirst(), peopleChanges) {
      out += "\n\(run.label): \(run.title)\n"
      for line in run.changes { out += "  change: \(line)\n" }
      out += section("new", changes.newPeople, limit)
      out += section("leaving", changes.leaving, limit)
      out += section("moves", changes.moves, limit)
      let towns = changes.townChanges.map { "\($0.town) \($0.before)→\($0.after) (\(signed($0.after - $0.before)))" }
      out += section("towns gaining or losing staff present", towns, limit)
    }
    return out
  }

  private func section(_ title: String, _ lines: [String], _ limit: Int) -> String {
    guard !lines.isEmpty else { return "  \(title): none\n" }
    var out = "  \(title) (\(lines.count)):\n"
    for line in lines.prefix(limit) { out += "    \(line)\n" }
    if lines.count > limit { out += "    … and \(lines.count - limit) more (see the report)\n" }
    return out
  }

  /// The difference of row `row` in run `i` against the base, e.g. `+2.5`; nil when there is none.
  func deltaText(_ row: ComparisonRow, _ i: Int) -> String? {
    guard i > 0, let v = row.values[i], let b = row.values[0] else { return nil }
    let d = v - b
    if abs(d) < 0.005 { return "±0" }
    let unit = row.cells[i].hasSuffix("%)") ? " pts" : ""
    return (d > 0 ? "+" : "−") + number(abs(d), digits: unit.isEmpty ? 2 : 1) + unit
  }

  /// Whether run `i`'s figure in `row` is better (+1), worse (−1) or the same (0) as the base.
  func deltaSign(_ row: ComparisonRow, _ i: Int) -> Int {
    guard i > 0, let v = row.values[i], let b = row.values[0], abs(v - b) >= 0.005 else { return 0 }
    return (v < b) == row.lowerIsBetter ? 1 : -1
  }
}

// MARK: - Formatting helpers

func number(_ x: Double, digits: Int = 2) -> String {
  let r = (x * 100).rounded() / 100
  if digits == 0 || r == r.rounded() { return String(Int(x.rounded())) }
  return String(format: "%.\(digits)f", r)
}

func percent(_ a: Int, _ b: Int) -> String {
  b == 0 ? "–" : String(format: "%.0f%%", Double(a) / Double(b) * 100)
}

/// A share in percent, for differences in percentage points (100 when there is nothing to cover).
func share(_ a: Int, _ b: Int) -> Double { b == 0 ? 100 : Double(a) / Double(b) * 100 }

func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : n < 0 ? "−\(-n)" : "±0" }
