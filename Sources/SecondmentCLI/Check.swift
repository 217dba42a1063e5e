import ArgumentParser
import SecondmentDomain
import Foundation
import SecondmentPlanner

extension Secondment {
  /// `secondment check INSTANCE ROSTER [--format text|json] [--coverage]`:
  /// every hard rule and objective term of a roster, recomputed independently.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a roster against an instance: every hard rule, and the objective.",
      discussion: """
        Recomputes every hard rule and objective term of docs/rules.md from the
        instance, never from a solver's model. Prints each broken rule in
        planner's words (who, where, which rule) and the objective term by term.

        The roster is JSON (docs/roster-format.md), or CSV when its name ends in
        .csv. Exit status: 0 when every hard rule holds, 1 when one or more are
        broken, 2 on bad input (the message on standard error names the file,
        the JSON path or CSV line, and a fix).
        """)

    /// How the result is printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text
      case json
    }

    @Argument(help: ArgumentHelp(instanceHelp))
    var instance: String

    @OptionGroup var inputs: InputOptions

    @Argument(help: "The roster file: JSON, or CSV when the name ends in .csv.")
    var roster: String

    @Option(help: "Output format: text for people, json for scripts and tests.")
    var format: Format = .text

    @Flag(help: "Also print demand, supply and unmet demand per town and department.")
    var coverage = false

    func run() throws {
      let district = try loadDistrictOrExit(instance, inputs: inputs.source, outcome: "nothing was checked")
      let evaluation: RosterEvaluation
      let loaded: LoadedRoster
      do {
        loaded = try RosterIO.read(path: roster)
      } catch let error as InputError {
        printError(error.description)
        throw ExitCode(2)
      }
      // Said first: a roster of another instance explains the errors that follow.
      let made = loaded.roster.instance
      if !made.isEmpty, made != district.instance.name {
        printError(
          "note: \(roster) was made for instance '\(made)'; checking it against "
            + "'\(district.instance.name)'")
      }
      do {
        evaluation = try RosterChecker(district).evaluate(
          loaded.roster, file: roster, locations: loaded.locations)
      } catch let error as InputError {
        printError(error.description)
        throw ExitCode(2)
      } catch let errors as InputErrors {
        printError(errors.description)
        printError("\(roster): \(errors.errors.count) lines cannot be read; nothing was checked")
        throw ExitCode(2)
      }
      // Zoned officers whose line gives no split: the checker chose theirs.
      let chosen = loaded.roster.postings.filter {
        $0.split == nil && evaluation.splits[$0.person] != nil
      }.map(\.person)
      switch format {
      case .text:
        print(
          CheckReport.text(
            evaluation, district: district, roster: roster, coverage: coverage,
            chosenSplits: chosen))
      case .json:
        print(
          try CheckReport.json(
            evaluation, district: district, roster: roster, chosenSplits: chosen))
      }
      if !evaluation.isFeasible { throw ExitCode(1) }
    }
  }
}

/// What `check` prints.
enum CheckReport {
  /// The machine-readable result (`--format json`): keys sorted, stable.
  struct Document: Encodable {
    var instance: String
    var roster: String
    var feasible: Bool
    var brokenRules: [String]
    var violations: [RuleViolation]
    var objective: ObjectiveBreakdown
    var measures: RosterMeasures
    var coverage: [TownCoverage]
    /// Every zoned officer's split the figures use, by person id.
    var splits: [String: ZoneSplit]
    /// Zoned officers whose roster line gives no split (the checker chose it).
    var chosenSplits: [String]
  }

  static func json(
    _ evaluation: RosterEvaluation, district: District, roster: String, chosenSplits: [String]
  ) throws -> String {
    let document = Document(
      instance: district.instance.name, roster: roster, feasible: evaluation.isFeasible,
      brokenRules: evaluation.brokenRules.map(\.rawValue), violations: evaluation.violations,
      objective: evaluation.objective, measures: evaluation.measures,
      coverage: evaluation.coverage, splits: evaluation.splits, chosenSplits: chosenSplits)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(document), as: UTF8.self)
  }

  static func text(
    _ evaluation: RosterEvaluation, district: District, roster: String, coverage: Bool,
    chosenSplits: [String] = []
  ) -> String {
    let instance = district.instance
    var lines: [String] = []
    lines.append(
      "Roster \(roster) against \(instance.name) "
        + "(\(instance.towns.count) towns, \(instance.people.count) people)")
    lines.append("")
    if evaluation.isFeasible {
      lines.append("Hard rules: all hold")
    } else {
      let broken = evaluation.brokenRules.map(\.rawValue).joined(separator: ", ")
      lines.append(
        "Hard rules: \(evaluation.violations.count) "
          + "violation\(evaluation.violations.count == 1 ? "" : "s") of \(broken)")
      for violation in evaluation.violations { lines.append("  \(violation)") }
    }
    lines.append("")
    lines.append("Objective (lower is better)")
    let m = evaluation.measures
    let o = evaluation.objective
    let w = instance.policy.weights
    let rows: [(String, String, Double)] = [
      (
        "uncovered pairs",
        "\(m.uncoveredPairs) town-department pair\(m.uncoveredPairs == 1 ? "" : "s") "
          + "with demand and no officer × \(fixed(w.uncoveredPair))",
        o.uncoveredPairs
      ),
      (
        "unmet demand",
        "\(fixed(m.unmetDemandFTE)) FTE, of which \(fixed(m.pilotUnmetDemandFTE)) in pilot towns "
          + "× \(fixed(w.unmetDemand)) / \(fixed(w.pilotUnmetDemand))",
        o.unmetDemand
      ),
      ("travel", "\(fixed(m.travelMinutes, 1)) minutes × \(fixed(w.travelMinute))", o.travel),
      (
        "moves",
        "\(m.moves) posting\(m.moves == 1 ? "" : "s") changed × \(fixed(w.move))", o.moves
      ),
      (
        "preference misses",
        "\(m.preferenceMisses) \(m.preferenceMisses == 1 ? "person" : "people") "
          + "outside preferred towns × \(fixed(w.preferenceMiss))",
        o.preferenceMisses
      ),
      (
        "imbalance",
        "\(fixed(m.imbalance * 100, 1))% largest unmet share of a town's demand "
          + "× \(fixed(w.imbalance)) per 100%",
        o.imbalance
      ),
      (
        "response",
        "worst \(fixed(m.worstResponseMinutes, 0)) min, mean \(fixed(m.meanResponseMinutes, 1)) min; "
          + "\(fixed(m.responseMinutes, 1)) minutes in all × \(fixed(w.responseMinute))",
        o.response
      ),
    ]
    let measureWidth = rows.map(\.1.count).max() ?? 0
    let costs = rows.map { fixed($0.2) } + [fixed(o.total)]
    let costWidth = costs.map(\.count).max() ?? 0
    for (i, row) in rows.enumerated() {
      lines.append(
        "  " + pad(row.0, 19) + pad(row.1, measureWidth) + "  " + lead(costs[i], costWidth))
    }
    lines.append("  " + pad("total", 19 + measureWidth) + "  " + lead(fixed(o.total), costWidth))
    if !chosenSplits.isEmpty {
      lines.append("")
      lines.append(
        "Zone splits: \(chosenSplits.count) zoned "
          + (chosenSplits.count == 1 ? "officer's line gives " : "officers' lines give ")
          + "no split; the checker used the split that leaves the least weighted unmet demand "
          + "(docs/rules.md, Capacity):")
      for id in chosenSplits {
        let split = evaluation.splits[id] ?? [:]
        let text =
          split.isEmpty
          ? "all time spare (nothing left to cover)"
          : split.sorted {
            (district.townIndex[$0.key] ?? .max) < (district.townIndex[$1.key] ?? .max)
          }.map { "\(district.town($0.key)?.displayName ?? $0.key) \(fixed($0.value)) FTE" }
          .joined(separator: ", ")
        lines.append("  \(district.person(id)?.name ?? id) (\(id)): \(text)")
      }
    }
    if coverage {
      let shown = evaluation.coverage.filter {
        $0.demand > 0 || $0.officersPresent > 0 || $0.stationedHeadcount > 0
      }
      let names = shown.map { c -> (String, String) in
        let town = district.town(c.town)?.displayName ?? c.town
        let department =
          district.departmentIndex[c.department].map { district.departments[$0].displayName }
          ?? c.department
        return (town, department)
      }
      let townWidth = max(4, names.map(\.0.count).max() ?? 0) + 2
      let departmentWidth = max(10, names.map(\.1.count).max() ?? 0) + 2
      lines.append("")
      lines.append("Coverage (FTE) per town and department with demand or presence")
      lines.append(
        "  " + pad("town", townWidth) + pad("department", departmentWidth) + lead("demand", 8)
          + lead("supply", 8) + lead("unmet", 8) + lead("officers", 10) + lead("stationed", 11))
      for (c, name) in zip(shown, names) {
        lines.append(
          "  " + pad(name.0, townWidth) + pad(name.1, departmentWidth) + lead(fixed(c.demand), 8)
            + lead(fixed(c.supply), 8) + lead(fixed(c.unmet), 8)
            + lead(String(c.officersPresent), 10) + lead(String(c.stationedHeadcount), 11)
            + (c.isUncovered ? "  uncovered" : ""))
      }
    }
    return lines.joined(separator: "\n")
  }

  /// A number with `digits` decimals.
  private static func fixed(_ value: Double, _ digits: Int = 2) -> String {
    String(format: "%.\(digits)f", value)
  }

  /// Pads on the right to `width` characters.
  private static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }

  /// Pads on the left to `width` characters.
  private static func lead(_ text: String, _ width: Int) -> String {
    text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
  }
}
