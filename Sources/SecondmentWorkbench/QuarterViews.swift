import Foundation
import PlanHistory
import SecondmentDomain

/// The plan history as the quarter page shows it: adopted quarters, and
/// each person's latest posting with their tenure there, names in the
/// page's language.
struct HistoryView: Codable, Sendable {
  struct AdoptionLine: Codable, Sendable {
    var quarter: String
    var instance: String
    var roster: Int64
    var solver: String?
    var status: String?
    var objective: Double?
    var moves: Int
    var posted: Int
    /// Change-list lines by reason, the reasons in words.
    var changes: [String: Int]
    var adoptedBy: String
    /// ISO 8601, UTC.
    var adoptedAt: String
  }

  struct TenureLine: Codable, Sendable {
    var person: String
    var name: String
    var posting: String
    /// Consecutive adopted quarters at the posting, and the first of them.
    var quarters: Int
    var since: String
    var last: String
    /// Whether the posting is in the latest adopted roster (false: left or on leave since).
    var inForce: Bool
  }

  var adoptions: [AdoptionLine] = []
  var tenure: [TenureLine] = []
  /// The quarter after the latest adopted one: the next to plan.
  var nextQuarter: String?

  /// The view of the history at `history`; empty when the file does not exist yet.
  ///
  /// - Throws: `APIError` (500) with the history's own words when it cannot be read.
  init(history: URL, language: SheetLanguage) throws {
    guard FileManager.default.fileExists(atPath: history.path) else { return }
    let words = Words(language)
    do {
      let store = try PlanHistory(path: history.path, create: false)
      let records = try store.adoptions()
      let formatter = ISO8601DateFormatter()
      adoptions = records.map { a in
        AdoptionLine(
          quarter: a.quarter.description, instance: a.instanceName, roster: a.rosterID, solver: a.solver,
          status: a.status, objective: a.objective, moves: a.moves, posted: a.posted,
          changes: Dictionary(
            a.changes.map { (words.word("reason:" + $0.key), $0.value) }, uniquingKeysWith: +),
          adoptedBy: a.adoptedBy, adoptedAt: formatter.string(from: a.adoptedAt))
      }
      guard let latest = records.last?.quarter else { return }
      nextQuarter = latest.next.description
      // Names from the roster of the last quarter each person held their
      // posting (each such roster read once: the latest alone while nobody
      // has left); places from the latest instance.
      let held = try store.currentTenure()
      var names: [Quarter: [String: String]] = [:]
      for quarter in Set(held.map(\.last)) {
        guard let data = try store.adoptedRosterData(quarter),
          let roster = try? RosterIO.decodeJSON(data, file: history.path).roster
        else { continue }
        names[quarter] = Dictionary(
          roster.postings.compactMap { entry in entry.name.map { (entry.person, $0) } }, uniquingKeysWith: { a, _ in a })
      }
      let places = try store.adoptedInstanceData(latest)
        .flatMap { try? InstanceLoader.decode($0, file: history.path) }
        .map { PlaceNames(instance: $0, zones: District($0).zones, language: language) }
      tenure = held.map { held in
        TenureLine(
          person: held.person, name: names[held.last]?[held.person] ?? held.person,
          posting: places?.posting(held.posting, words: words) ?? held.posting.description,
          quarters: held.quarters, since: held.since.description, last: held.last.description,
          inForce: held.last == latest)
      }
    } catch let error as HistoryError {
      throw APIError(
        .internalServerError, error.description, fix: "check the workspace's history.sqlite with `secondment history`")
    }
  }
}

/// A replan job's quarter as the quarter page shows it: the run's summary
/// (`--summary-json`: where it starts, moves, coverage before and after)
/// and every change with its postings and reason in words.
struct QuarterView: Codable, Sendable {
  struct ChangeLine: Codable, Sendable {
    var person: String
    var name: String
    /// Both postings in words (`—` for a new hire's before, a word for a departure's after).
    var from: String
    var to: String
    var reason: String
    var isMove: Bool
  }

  var summary: QuarterSummary
  var changes: [ChangeLine]

  /// The view of `summary` with postings named by `names`.
  init(_ summary: QuarterSummary, names: PlaceNames) {
    let words = Words(names.language)
    self.summary = summary
    changes = summary.changes.map { line in
      ChangeLine(
        person: line.person, name: line.name, from: line.from.map { names.posting($0, words: words) } ?? "—",
        to: line.to.map { names.posting($0, words: words) } ?? words.word("departed"),
        reason: words.word("reason:" + line.reason.rawValue), isMove: line.isMove)
    }
  }

  /// The view of a replan job's `summary.json` in `folder`; nil when it has none.
  static func read(folder: URL, names: PlaceNames) -> QuarterView? {
    guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("summary.json").path),
      let summary = try? JSONDecoder().decode(QuarterSummary.self, from: data)
    else { return nil }
    return QuarterView(summary, names: names)
  }
}
