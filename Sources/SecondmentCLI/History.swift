import ArgumentParser
import SecondmentDomain
import Foundation
import PlanHistory
import SecondmentPlanner
import SecondmentSheets

extension Secondment {
  /// `secondment history FILE`: what the plan history holds.
  struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show a plan history: adopted rosters per quarter, moves, tenure per person.",
      discussion: """
        Lists each quarter with its adopted roster (who adopted it and when,
        solver, objective), the moves and other changes it made, and for every
        person their latest posting and the consecutive quarters they have
        held it (tenure, computed from the history). Exits 2 when the file is
        not a plan history.
        """)

    @Argument(help: "The plan history (SQLite) that `replan --history` writes.")
    var file: String

    @Flag(help: "Leave out the tenure table.")
    var quartersOnly = false

    @Option(help: ArgumentHelp("Export the roster adopted for this quarter, e.g. 2025Q2.", valueName: "quarter"))
    var export: String?

    @Option(help: ArgumentHelp("With --export: write the roster as an Excel workbook here.", valueName: "file.xlsx"))
    var xlsx: String?

    @Option(help: ArgumentHelp("With --export: write the roster JSON here.", valueName: "file.json"))
    var json: String?

    @Option(help: "With --export --xlsx: the workbook's language, zh (default) or en.")
    var lang: SheetLanguage = .zh

    func validate() throws {
      if export != nil && xlsx == nil && json == nil {
        throw ValidationError("--export needs --xlsx FILE or --json FILE")
      }
      if export == nil && (xlsx != nil || json != nil) {
        throw ValidationError("--xlsx and --json go with --export QUARTER")
      }
    }

    func run() throws {
      if let export { return try exportRoster(export) }
      let adoptions: [AdoptionRecord]
      let tenure: [HeldPosting]
      let problems: [String]
      let store: PlanHistory
      do {
        store = try PlanHistory(path: file, create: false)
        adoptions = try store.adoptions()
        tenure = try store.currentTenure()
        problems = try store.integrityProblems()
      } catch let error as HistoryError {
        printError(error.description)
        throw ExitCode(2)
      }
      print("Plan history \(file): \(adoptions.count) quarter\(adoptions.count == 1 ? "" : "s") adopted")
      for problem in problems { print("  damaged: \(problem)") }
      guard !adoptions.isEmpty else { return }
      print("")
      let formatter = ISO8601DateFormatter()
      formatter.formatOptions = [.withInternetDateTime]
      let rows = adoptions.map { a -> [String] in
        [
          a.quarter.description, a.instanceName, "#\(a.rosterID)", a.solver ?? "—",
          a.status ?? "—", a.objective.map { String(format: "%.2f", $0) } ?? "—", "\(a.moves)",
          "\(a.posted)", a.adoptedBy, formatter.string(from: a.adoptedAt),
          String(a.inputHash.prefix(12)),
        ]
      }
      replanTable(
        header: [
          "quarter", "instance", "roster", "solver", "status", "objective", "moves", "posted",
          "adopted by", "adopted at", "input sha256",
        ], rows: rows)
      print("")
      print("Changes per quarter (change-list lines by reason)")
      let reasons = ChangeReason.allCases.map(\.rawValue)
      replanTable(
        header: ["quarter"] + reasons,
        rows: adoptions.map { a in [a.quarter.description] + reasons.map { "\(a.changes[$0] ?? 0)" } })
      guard !quartersOnly, let latest = adoptions.last else { return }
      let names = latestNames(store, quarter: latest.quarter)
      let places = placeNames(store, quarter: latest.quarter)
      let inForce = (try? store.adoptedPostings(latest.quarter)) ?? [:]
      print("")
      print("Tenure after \(latest.quarter) (consecutive adopted quarters in the latest posting)")
      let tenureRows = tenure.map { held -> [String] in
        let status: String
        switch inForce[held.person] {
        case .none: status = "left"
        case .some(.unassigned): status = "on leave"
        default: status = ""
        }
        return [
          held.person, names[held.person] ?? "", describe(held.posting, places), "\(held.quarters)",
          held.since.description, held.last.description, status,
        ]
      }
      replanTable(
        header: ["person", "name", "posting", "quarters", "since", "last", ""], rows: tenureRows)
    }

    private func describe(_ posting: Posting, _ places: [String: String]) -> String {
      switch posting {
      case .stationed(let town): return places[town] ?? town
      case .zoned(let zone): return "zone:\(places["zone:" + zone] ?? zone)"
      case .unassigned: return "unassigned"
      }
    }

    /// Town names (by id) and zone names (by `zone:` id) of a quarter's adopted instance.
    private func placeNames(_ store: PlanHistory, quarter: Quarter) -> [String: String] {
      guard let data = try? store.adoptedInstanceData(quarter),
        let instance = try? InstanceLoader.decode(data, file: file)
      else { return [:] }
      var names: [String: String] = [:]
      for town in instance.towns { names[town.id] = town.name }
      for zone in District(instance).zones { names["zone:" + zone.id] = zone.name ?? zone.id }
      return names
    }

    /// People's names from every adopted roster document, the latest last,
    /// so people who have left keep theirs.
    private func latestNames(_ store: PlanHistory, quarter: Quarter) -> [String: String] {
      var names: [String: String] = [:]
      for adoption in (try? store.adoptions()) ?? [] where adoption.quarter <= quarter {
        guard let data = try? store.adoptedRosterData(adoption.quarter),
          let loaded = try? RosterIO.decodeJSON(data, file: file)
        else { continue }
        for entry in loaded.roster.postings { names[entry.person] = entry.name ?? names[entry.person] }
      }
      return names
    }

    /// `--export Q`: the adopted roster as JSON and/or a workbook, with the
    /// change list it was planned from among the workbook's notes.
    private func exportRoster(_ text: String) throws {
      guard let quarter = Quarter(text) else {
        printError("--export '\(text)': not a quarter; write it like 2025Q2")
        throw ExitCode(2)
      }
      try checkOutputsOrExit([("--xlsx", xlsx), ("--json", json)], inputs: [file])
      try exitingOnBadInput {
        let store = try PlanHistory(path: file, create: false)
        guard let rosterData = try store.adoptedRosterData(quarter),
          let instanceData = try store.adoptedInstanceData(quarter)
        else {
          let adopted = try store.adoptions().map(\.quarter.description).joined(separator: ", ")
          printError("\(file): no roster adopted for \(quarter) (adopted: \(adopted.isEmpty ? "none" : adopted))")
          throw ExitCode(2)
        }
        let roster = try RosterIO.decodeJSON(rosterData, file: file).roster
        if let json {
          try RosterIO.writeJSON(roster, to: json)
          print("Roster adopted for \(quarter) written to \(json)")
        }
        if let xlsx {
          let instance = try InstanceLoader.decode(instanceData, file: "\(file) (\(quarter))")
          let notes = try store.adoptedChangeList(quarter).map { "change: \($0)" }
          let book = RosterWorkbook.workbook(roster, district: District(instance), language: lang, notes: notes)
          try AtomicFile.write(XLSXWriter.data(book), to: xlsx)
          print("Roster adopted for \(quarter) written to \(xlsx)")
        }
      }
    }
  }
}
