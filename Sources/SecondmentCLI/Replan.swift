import ArgumentParser
import GLPKBackend
import SecondmentDomain
import Foundation
import PlanHistory
import SecondmentPlanner
import SecondmentSheets

extension Secondment {
  /// `secondment replan INSTANCE --history FILE --quarter Q`: the quarterly reassignment.
  struct Replan: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Plan a quarter from the roster in force: rotation, leave, departures, new hires.",
      discussion: """
        Starts from the roster adopted for the previous quarter in the plan
        history (created on first use): each person's current posting and
        tenure come from it. People missing from the instance have left,
        unavailable people are on leave, people the history does not know are
        new hires. The maximum tenure (policy.maxTenureQuarters) and the moves
        budget (policy.maxMoves, or --max-moves) are hard rules; moves are
        minimised with the other objective terms. With an empty history the
        quarter is planned from scratch and no moves are counted.

        Prints the change list (person, from, to, reason) and the effect on
        coverage. --adopt records the roster as the one in force for the
        quarter, in one transaction. Exits 0 with a roster that keeps every
        hard rule, 1 when the rules cannot all hold (the broken rule and by
        how many moves are said; nothing is adopted), 2 for bad input, 4 when
        Ctrl-C or SIGTERM stopped the search (the best roster so far is
        written; nothing is adopted). See docs/replanning.md.
        """)

    @Argument(
      help: ArgumentHelp(
        "The quarter's instance: a JSON file, an Excel workbook (.xlsx) or a folder of CSV files; with --changes it may be left out (the last adopted instance is the start)."))
    var instance: String?

    @Option(
      help: ArgumentHelp(
        "A change list (CSV or workbook): leaves, joins, on-leave, returns, pin, unpin, demand; applied to the instance, or to the last adopted one.",
        valueName: "file"))
    var changes: String?

    @OptionGroup var inputs: InputOptions

    @Option(help: "The plan history (SQLite); created on first use.")
    var history: String

    @Option(help: "The quarter planned, e.g. 2025Q2.")
    var quarter: String

    @Option(help: "The moves budget for this quarter (overrides policy.maxMoves).")
    var maxMoves: Int?

    @Option(
      name: .customLong("pin"),
      help: "Keep a posting: person=town or person=zone:ZONE (repeatable).")
    var pins: [String] = []

    @Option(help: "Write the roster here (JSON; .csv for CSV), atomically.")
    var output: String?

    @Option(
      help: ArgumentHelp(
        "Write the instance as planned (current postings, tenure, pins, budget), for `check`.",
        valueName: "file"))
    var plannedInstance: String?

    @Option(
      help: ArgumentHelp(
        "Take this roster (JSON or CSV) as the quarter's plan instead of planning one: it is checked against the quarter's rules, its changes are listed, and with --adopt it is recorded (the roster a planner reviewed, e.g. on the workbench).",
        valueName: "file"))
    var roster: String?

    @Option(
      help: ArgumentHelp(
        "Write the quarter's summary as JSON: where it starts, every change with its reason, moves against the budget, coverage before and after (docs/replanning.md).",
        valueName: "file"))
    var summaryJSON: String?

    @Flag(
      name: .customLong("progress-json"),
      help: "Write progress as one JSON object a line on standard error, as `solve --progress-json` does.")
    var progressJSON = false

    @Flag(help: "Record the roster as the one in force for the quarter.")
    var adopt = false

    @Option(help: "Who adopts the roster (default: the USER environment variable).")
    var adoptedBy: String?

    @Flag(
      help: "With --adopt: replace the roster already adopted for the quarter (recorded with who and when); without it such a quarter is refused.")
    var supersede = false

    @OptionGroup var solver: SolverOptions

    func validate() throws {
      if supersede && !adopt {
        throw ValidationError("--supersede replaces a quarter's adopted roster, so it needs --adopt")
      }
    }

    func run() throws {
      guard let quarter = Quarter(quarter) else {
        printError("--quarter '\(self.quarter)': not a quarter; write it like 2025Q2")
        throw ExitCode(2)
      }
      // From the start, so that an interrupt while the inputs load still stops the plan.
      Interrupt.shared.install()
      if progressJSON { ProgressLine.writeJSONStart() }
      try checkOutputsOrExit(
        [("--output", output), ("--planned-instance", plannedInstance), ("--summary-json", summaryJSON)],
        inputs: [instance, inputs.staff, changes, history, roster])
      let (store, rawDistrict, changeList, instanceData) = try openQuarter(quarter)

      let prepared: PreparedReplan
      do {
        let standing = try store.standing(before: quarter)
        let pinned = try Replanning.pins(pins, district: rawDistrict)
        prepared = try Replanning.prepare(
          instance: rawDistrict.instance, quarter: quarter, standing: standing, pins: pinned,
          maxMoves: maxMoves)
      } catch let error as HistoryError {
        printError(error.description)
        throw ExitCode(2)
      } catch let error as ReplanError {
        printError(error.description)
        throw ExitCode(2)
      }
      let district = District(prepared.instance)
      if let path = plannedInstance {
        try InstanceLoader.write(prepared.instance, to: path)
      }

      var formerNames: [String: String] = [:]
      if let previous = prepared.previous, let data = try? store.adoptedRosterData(previous),
        let loaded = try? RosterIO.decodeJSON(data, file: history)
      {
        for entry in loaded.roster.postings { formerNames[entry.person] = entry.name }
      }
      let out = ReplanReport(
        district: district, prepared: prepared, instanceFile: instance ?? changes ?? history,
        formerNames: formerNames)
      out.header()
      if let shortfall = prepared.budgetShortfall {
        printError(shortfall)
        printError("no roster planned for \(quarter); nothing adopted")
        throw ExitCode(1)
      }

      let checker = RosterChecker(district)
      let plan = try self.roster.map { try givenPlan($0, checker: checker) } ?? planQuarter(district, prepared: prepared)
      let postings = plan.postings
      let evaluation = checker.evaluate(postings, splits: plan.splits)
      let written = RosterIO.roster(
        from: postings, splits: plan.splits, district: district, solver: plan.solver,
        status: plan.status, bound: plan.bound, gap: plan.gap, checker: checker)
      let changes = prepared.changes(postings)
      let moves = prepared.moves(postings)
      out.solved(plan, evaluation: evaluation, changes: changes, moves: moves, checker: checker)

      if let output {
        try RosterIO.write(written, to: output)
        print("Roster written to \(output)")
      }
      if let summaryJSON {
        let summary = QuarterSummary(
          prepared: prepared, postings: postings, after: evaluation.measures, checker: checker,
          formerNames: formerNames, changeList: changeList?.summary ?? [])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(try encoder.encode(summary), to: summaryJSON)
      }
      guard evaluation.isFeasible else {
        if let budget = prepared.maxMoves, moves > budget {
          printError(
            "[max-moves] this roster needs \(moves) moves, the budget allows \(budget): \(moves - budget) over"
          )
        }
        printError(
          "the roster breaks \(evaluation.violations.count) hard rule\(evaluation.violations.count == 1 ? "" : "s"); nothing adopted"
        )
        throw ExitCode(1)
      }
      if Interrupt.shared.signalled {
        // A roster cut short is not the one the planner asked to adopt.
        printError(
          "stopped by an interrupt: the best roster found so far was written\(adopt ? "; nothing adopted (fix: run replan again and let it finish to adopt)" : "")")
        throw ExitCode(Interrupt.exitStatus)
      }
      guard adopt else { return }

      var counts: [String: Int] = [:]
      for change in changes { counts[change.reason.rawValue, default: 0] += 1 }
      let options = ReplanOptionsRecord(
        pins: pins, maxMoves: prepared.maxMoves, maxTenureQuarters: district.policy.maxTenureQuarters,
        solver: plan.solver)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let adoption = NewAdoption(
        quarter: quarter, instanceName: district.instance.name, instanceData: instanceData,
        rosterData: try RosterIO.encodeJSON(written), optionsData: try encoder.encode(options),
        solver: plan.solver, status: plan.status,
        objective: evaluation.objective.total, moves: moves, changes: counts,
        changeList: changeList?.summary ?? [],
        postings: district.people.map { (person: $0.id, posting: postings[$0.id] ?? .unassigned) },
        adoptedBy: adoptedBy ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown")
      var adoptionToWrite = adoption
      adoptionToWrite.supersede = supersede
      let outcome: AdoptionOutcome
      do {
        outcome = try store.adopt(adoptionToWrite, duringTransaction: Self.testPause)
      } catch let error as HistoryError {
        printError(error.description)
        switch error {
        case .damaged, .locked, .readOnly, .notAHistory: throw ExitCode(2)
        default: throw ExitCode(1)
        }
      }
      switch outcome {
      case .adopted(let id):
        print("Adopted for \(quarter) by \(adoption.adoptedBy) (roster #\(id) in \(history))")
      case .alreadyInForce(let id):
        print("This roster is already in force for \(quarter) (roster #\(id)); nothing recorded")
      }
    }

    /// The quarter's roster from `Planner.plan`, with Ctrl-C caught: the
    /// roster in force is the exact search's start when it still keeps every
    /// rule (glpk and auto alike), so a search stopped at a gap never returns
    /// a roster worse than changing nothing.
    func planQuarter(_ district: District, prepared: PreparedReplan) throws -> QuarterPlan {
      var options = solver.planOptions
      options.shouldStop = Interrupt.shared.shouldStop
      if progressJSON { options.progress = { ProgressLine.writeJSON($0) } }
      if !prepared.fromScratch { options.rosterInForce = prepared.unchangedPostings }
      let result: PlanResult
      do {
        result = try Planner().plan(district, options: options)
      } catch let error as PlannerError {
        printError(error.description)
        throw ExitCode(2)
      }
      guard let postings = result.postings else {
        printError("no roster for \(prepared.quarter): " + result.notes.joined(separator: "; "))
        throw ExitCode(1)
      }
      var verdict = "\(result.solver), \(result.status.rawValue)"
      if let gap = result.gap { verdict += String(format: " (gap %.2f%%)", gap * 100) }
      return QuarterPlan(
        postings: postings, splits: result.splits, solver: result.solver, status: result.status.rawValue,
        bound: result.bound, gap: result.gap, verdict: String(format: "%@, %.1f s", verdict, result.seconds),
        notes: result.notes)
    }

    /// The roster of `--roster` as the quarter's plan: its lines resolved
    /// against the quarter's instance (names or ids); exits 2 on a roster
    /// that cannot be read.
    func givenPlan(_ file: String, checker: RosterChecker) throws -> QuarterPlan {
      let (loaded, resolved) = try resolveRosterOrExit(file, checker: checker, outcome: "nothing was adopted")
      let solver = loaded.roster.solver ?? "given"
      return QuarterPlan(
        postings: resolved.postings, splits: resolved.splits, solver: solver,
        status: loaded.roster.status ?? "given", bound: loaded.roster.bound, gap: loaded.roster.gap,
        verdict: "the roster of \(file) (\(solver))", notes: [])
    }

    /// The plan history (checked writable when adopting) and the quarter's
    /// instance with its change list and its JSON as the history keeps it;
    /// exits 2 on a history or instance that cannot be used.
    func openQuarter(_ quarter: Quarter) throws -> (PlanHistory, District, ChangeList?, Data) {
      let store: PlanHistory
      do {
        store = try PlanHistory(path: history)
      } catch let error as HistoryError {
        printError(error.description)
        throw ExitCode(2)
      }
      if adopt {
        // Before any planning: the history must take the adoption.
        do {
          try store.checkWritable()
        } catch let error as HistoryError {
          printError(error.description)
          printError("nothing was planned")
          throw ExitCode(2)
        }
      }
      let (rawDistrict, changeList) = try quarterInstance(quarter, store: store)
      if let stated = rawDistrict.instance.quarter, stated != quarter.description, changeList == nil {
        printError(
          "\(instance ?? history): the instance is for \(stated), not \(quarter) (fix: give --quarter \(stated), or the instance of \(quarter)); nothing was planned")
        throw ExitCode(2)
      }
      let instanceFile = instance ?? changes ?? history
      let instanceData: Data
      do {
        // The history keeps the instance as planned from, in its JSON form.
        instanceData = try InstanceLoader.encode(rawDistrict.instance)
      } catch {
        printError("\(instanceFile): cannot encode the instance (\(error))")
        throw ExitCode(2)
      }
      return (store, rawDistrict, changeList, instanceData)
    }

    /// The quarter's instance: the instance given, or the last adopted one,
    /// with the change list applied; names resolved, validated.
    func quarterInstance(_ quarter: Quarter, store: PlanHistory) throws -> (District, ChangeList?) {
      guard let changes else {
        guard let instance else {
          printError("replan: give the quarter's instance, or --changes to start from the last adopted one")
          throw ExitCode(2)
        }
        return (try loadDistrictOrExit(instance, inputs: inputs.source, outcome: "nothing was planned"), nil)
      }
      do {
        let list = try ChangeListSheets.read(path: changes, encoding: inputs.encoding)
        var start: Instance
        let file: String
        if let instance {
          start = try loadInstanceOrExit(instance, inputs: inputs.source, outcome: "nothing was planned")
          file = instance
        } else {
          guard let previous = try store.adoptions().last(where: { $0.quarter < quarter })?.quarter,
            let data = try store.adoptedInstanceData(previous)
          else {
            printError(
              "\(history): no adopted quarter before \(quarter) to start from (fix: give the quarter's instance as well as --changes)")
            throw ExitCode(2)
          }
          start = try InstanceLoader.decode(data, file: "\(history) (\(previous))")
          // The roster in force and tenure come from the history again; leave
          // and pins carry over until the change list says returns or unpin.
          for i in start.people.indices {
            start.people[i].currentPosting = nil
            start.people[i].tenure = 0
          }
          file = "\(history) (\(previous))"
        }
        let next = try InstanceLoader.prepare(list.apply(to: start, quarter: quarter.description), file: file)
        print("Change list \(changes): \(list.lines.count) change\(list.lines.count == 1 ? "" : "s")")
        for line in list.summary { print("  \(line)") }
        return (District(next), list)
      } catch let errors as InputErrors {
        printError(errors.description)
        printError("\(changes): the change list cannot be applied; nothing was planned")
        throw ExitCode(2)
      } catch let error as HistoryError {
        printError(error.description)
        throw ExitCode(2)
      }
    }

    /// Test hook: with SECONDMENT_TEST_ADOPT_PAUSE=seconds set, adoption says
    /// so on standard error and waits inside its transaction (after the
    /// roster and postings are written, before the adoption row), so a test
    /// can kill the process there.
    static let testPause: (@Sendable () throws -> Void)? = {
      guard let text = ProcessInfo.processInfo.environment["SECONDMENT_TEST_ADOPT_PAUSE"],
        let seconds = Double(text), seconds > 0
      else { return nil }
      return {
        printError("adopt: paused inside the transaction")
        Thread.sleep(forTimeInterval: seconds)
      }
    }()
  }
}

/// A quarter's roster, planned or given (`--roster`), and what to say of it.
struct QuarterPlan {
  var postings: [String: Posting]
  var splits: [String: ZoneSplit]
  var solver: String
  var status: String
  var bound: Double?
  var gap: Double?
  /// The solver's verdict in one line: solver, status, gap, seconds.
  var verdict: String
  var notes: [String]
}

/// The replanning options stored with an adopted roster.
struct ReplanOptionsRecord: Codable {
  var pins: [String]
  var maxMoves: Int?
  var maxTenureQuarters: Int?
  var solver: String
}

/// What `replan` prints on standard output.
struct ReplanReport {
  let district: District
  let prepared: PreparedReplan
  let instanceFile: String
  /// Names from the previous roster, for people who have left.
  let formerNames: [String: String]

  /// The plan's starting point: quarter, history, churn, rules in force.
  func header() {
    let p = prepared
    let source =
      p.previous.map { "replanned from the roster adopted for \($0)" }
      ?? "planned from scratch (empty history: no moves counted)"
    print("\(district.instance.name), \(p.quarter): \(source)")
    let available = district.people.filter { !$0.unavailable }.count
    print(
      "  people: \(district.people.count) (\(available) available); \(p.departures.count) departures, \(p.onLeave.count) on leave, \(p.backFromLeave.count) back from leave, \(p.newHires.count) new hires"
    )
    let tenure = district.policy.maxTenureQuarters.map { "\($0) quarters" } ?? "none"
    let budget = p.maxMoves.map(String.init) ?? "none"
    let pinned = district.people.filter { $0.pinned != nil }.count
    print(
      "  rules: maximum tenure \(tenure); moves budget \(budget); \(pinned) pinned; forced moves \(p.forced.total) (rotation \(p.forced.rotation.count), pins \(p.forced.pins.count), withdrawn postings \(p.forced.withdrawn.count))"
    )
  }

  /// The solver's verdict, the change list and the coverage before and after.
  func solved(
    _ plan: QuarterPlan, evaluation: RosterEvaluation, changes: [RosterChange], moves: Int,
    checker: RosterChecker
  ) {
    print("Solver: \(plan.verdict)")
    for note in plan.notes { print("  note: \(note)") }
    if evaluation.isFeasible {
      print("Checker: every hard rule holds")
    } else {
      print("Checker: \(evaluation.violations.count) hard rule(s) broken")
      for violation in evaluation.violations.prefix(20) { print("  \(violation)") }
    }
    print("")
    let budget = prepared.maxMoves.map { " of \($0) allowed" } ?? ""
    print("Changes: \(changes.count) lines, \(moves) moves\(budget)")
    if changes.isEmpty { print("  nobody moves") }
    let rows = changes.map { change -> [String] in
      let person = district.person(change.person)
      return [
        change.person, person?.name ?? formerNames[change.person] ?? "",
        label(change.from, none: "—"),
        label(change.to, none: "(left)"), change.reason.rawValue + (change.isMove ? "" : " *"),
      ]
    }
    replanTable(header: ["person", "name", "from", "to", "reason"], rows: rows)
    if changes.contains(where: { !$0.isMove }) { print("  * not counted as a move") }
    print("")
    let before = checker.evaluate(prepared.unchangedPostings).measures
    let after = evaluation.measures
    print("Coverage: before (everyone kept where they were) and after")
    replanTable(
      header: ["", "before", "after"],
      rows: [
        ["uncovered (town, department) pairs", "\(before.uncoveredPairs)", "\(after.uncoveredPairs)"],
        ["unmet demand FTE", fte(before.unmetDemandFTE), fte(after.unmetDemandFTE)],
        ["  of which pilot towns", fte(before.pilotUnmetDemandFTE), fte(after.pilotUnmetDemandFTE)],
        ["largest unmet share", pct(before.imbalance), pct(after.imbalance)],
      ])
    print(String(format: "Objective: %.2f", evaluation.objective.total))
  }

  private func label(_ posting: Posting?, none: String) -> String {
    guard let posting else { return none }
    switch posting {
    case .stationed(let town): return district.town(town)?.displayName ?? town
    case .zoned(let zone): return "zone \(district.zone(zone)?.name ?? zone)"
    case .unassigned: return "on leave"
    }
  }

  private func fte(_ value: Double) -> String { String(format: "%.2f", value) }
  private func pct(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }
}

/// Prints rows under a header, columns padded to their widest cell (Chinese
/// characters count two columns, as a terminal shows them).
func replanTable(header: [String], rows: [[String]]) {
  guard !rows.isEmpty else { return }
  let all = [header] + rows
  let widths = header.indices.map { column in all.map { displayWidth($0[column]) }.max() ?? 0 }
  for row in all {
    let cells = row.enumerated().map { index, cell in
      index == row.count - 1
        ? cell : cell + String(repeating: " ", count: max(widths[index] - displayWidth(cell), 0))
    }
    print("  " + cells.joined(separator: "  "))
  }
}

/// Terminal columns a text takes (`Workbook.displayWidth`).
func displayWidth(_ text: String) -> Int { Workbook.displayWidth(text) }
