import Foundation
import Hummingbird
import Scenarios
import SecondmentDomain

/// What-ifs on the page: a scenario (the file format of `whatif`,
/// docs/scenarios.md) applied to a roster's instance, anchored on that
/// roster, and the comparison of several.
///
/// Anchored means what `whatif --from` means: each person's current posting
/// is theirs in the base roster (`Resolve.instance`), so a scenario's roster
/// weighs moves from it and shows only the changes the scenario causes.
enum WhatIf {
  /// The instance of a what-if: `scenario` applied to `district`'s instance anchored on `roster`.
  ///
  /// - Throws: `APIError` (400) with the scenario's line and fix when it
  ///   does not read, does not apply, or leaves an instance that is not valid.
  static func instance(_ text: String, district: District, roster: Roster) throws -> (Scenario, ScenarioOutcome) {
    let anchored = Resolve.instance(district, from: roster, edits: Resolve.Edits())
    do {
      let scenario = try Scenario.parse(text, file: "scenario")
      let outcome = try scenario.outcome(of: anchored)
      if let first = InstanceValidation.problems(in: outcome.instance, file: "scenario").first {
        throw ScenarioError(
          file: "scenario", line: nil,
          message: "the changed instance is not valid: \(first.message)" + (first.location.map { " (at \($0))" } ?? ""),
          fix: first.hint ?? "change the scenario so the instance stays valid")
      }
      return (scenario, outcome)
    } catch let error as ScenarioError {
      var refused = APIError(.badRequest, "the scenario cannot be used")
      refused.problems = [
        APIProblem(file: "scenario", place: error.line.map { "line \($0)" }, message: error.message, fix: error.fix)
      ]
      throw refused
    }
  }

  /// Several rosters side by side: the first is the base.
  struct Comparison: Codable, Sendable {
    struct Run: Codable, Sendable {
      var job: String
      /// The scenario's title, or the base's name.
      var label: String
      /// What the scenario changed, one line each (empty for the base).
      var changes: [String]
      var result: JobResult?
      var pairsWithDemand: Int
      var pairsCovered: Int
      var unmet: Double
      /// The slowest response to a town's call, minutes (docs/rules.md, Response time).
      var worstResponse: Double
      var objective: Double
      var brokenRules: Int
      /// People whose posting differs from the base roster's, people new to it, and people gone.
      var moves: [RosterView.Move]
      var joined: [String]
      var left: [String]
    }

    /// One (town, department) pair with demand in any run: supply per run, in run order.
    struct Cell: Codable, Sendable {
      var town: String
      var department: String
      var demand: [Double]
      var supply: [Double]
    }

    var runs: [Run]
    var cells: [Cell]
    /// Town and department names, in instance order (the base's, then any new).
    var towns: [[String]]
    var departments: [[String]]
  }

  /// The comparison of `rosters` (job id, label, changes, result, roster, district); the first is the base.
  static func compare(
    _ rosters: [(job: String, label: String, changes: [String], result: JobResult?, roster: Roster, district: District)],
    language: SheetLanguage
  ) -> Comparison {
    let round = { (x: Double) in Rounding.round(x, Rounding.displayStep) }
    let tables = rosters.map { RosterTables($0.roster, district: $0.district) }
    guard let base = rosters.first, let baseTables = tables.first else {
      return Comparison(runs: [], cells: [], towns: [], departments: [])
    }
    let names = PlaceNames(instance: base.district.instance, zones: base.district.zones, language: language)
    let basePostings = Dictionary(baseTables.people.map { ($0.person.id, $0.posting) }, uniquingKeysWith: { a, _ in a })
    var runs: [Comparison.Run] = []
    for (i, run) in rosters.enumerated() {
      let table = tables[i]
      let ids = Set(run.district.people.map(\.id))
      let runNames = PlaceNames(instance: run.district.instance, zones: run.district.zones, language: language)
      let moves = i == 0 ? [] : Resolve.moves(from: basePostings, to: table, names: runNames)
        .filter { basePostings[$0.person] != nil }
      let pairs = table.evaluation.coverage.filter { $0.demand > 0 }
      runs.append(
        Comparison.Run(
          job: run.job, label: run.label, changes: run.changes, result: run.result, pairsWithDemand: pairs.count,
          pairsCovered: pairs.filter(\.receivesFTE).count, unmet: round(pairs.reduce(0) { $0 + $1.unmet }),
          worstResponse: round(table.evaluation.measures.worstResponseMinutes),
          objective: round(table.evaluation.objective.total), brokenRules: table.evaluation.violations.count,
          moves: moves,
          joined: run.district.people.filter { basePostings[$0.id] == nil }.map(\.name),
          left: base.district.people.filter { !ids.contains($0.id) }.map(\.name)))
    }
    // Every pair with demand in any run, in the base's town and department order.
    var keys: [String: Int] = [:]
    var cells: [Comparison.Cell] = []
    var townOrder: [String] = base.district.instance.towns.map(\.id)
    var departmentOrder: [String] = base.district.instance.departments.map(\.id)
    for (i, table) in tables.enumerated() {
      for c in table.evaluation.coverage where c.demand > 0 {
        let key = c.town + "\u{1}" + c.department
        if keys[key] == nil {
          keys[key] = cells.count
          cells.append(
            Comparison.Cell(
              town: c.town, department: c.department, demand: Array(repeating: 0, count: tables.count),
              supply: Array(repeating: 0, count: tables.count)))
          if !townOrder.contains(c.town) { townOrder.append(c.town) }
          if !departmentOrder.contains(c.department) { departmentOrder.append(c.department) }
        }
        cells[keys[key]!].demand[i] = round(c.demand)
        cells[keys[key]!].supply[i] = round(c.supply)
      }
    }
    return Comparison(
      runs: runs, cells: cells, towns: townOrder.map { [$0, names.town($0)] },
      departments: departmentOrder.map { [$0, names.department($0)] })
  }
}
