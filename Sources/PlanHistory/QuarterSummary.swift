import Foundation
import SecondmentDomain

/// A quarter's plan as `replan --summary-json` writes it: where it starts,
/// every change with its reason, the moves against the budget and the
/// coverage before and after, for programs such as the workbench.
///
/// Postings are `{"mode": "stationed", "town": id}` as in roster files;
/// names are the people's (a departure keeps the name of the roster it left).
public struct QuarterSummary: Codable, Sendable, Equatable {
  /// One line of the change list (`RosterChange`) with the person's name.
  public struct Line: Codable, Sendable, Equatable {
    public var person: String
    public var name: String
    /// nil for a new hire.
    public var from: Posting?
    /// nil for a departure.
    public var to: Posting?
    public var reason: ChangeReason
    /// Whether it counts as a move (docs/rules.md, term `moves`).
    public var isMove: Bool
  }

  /// The planned quarter, e.g. `2025Q2`.
  public var quarter: String
  /// The adopted quarter it starts from; nil when planned from scratch.
  public var previous: String?
  public var people: Int
  public var available: Int
  public var departures: Int
  public var onLeave: Int
  public var backFromLeave: Int
  public var newHires: Int
  /// The moves budget (nil: none) and the moves the roster makes.
  public var maxMoves: Int?
  public var moves: Int
  /// Moves the rules force before any optimisation (tenure, pins, withdrawn postings).
  public var forcedMoves: Int
  public var maxTenureQuarters: Int?
  public var changes: [Line]
  /// The coverage if everyone kept their posting, and with the roster.
  public var before: RosterMeasures
  public var after: RosterMeasures
  /// The change list's lines in words, when the quarter came from one.
  public var changeList: [String]

  /// The summary of `postings` planned for `prepared`.
  ///
  /// - Parameters:
  ///   - formerNames: names from the previous roster, for people who have left.
  ///   - checker: the checker of `prepared.instance`'s district.
  public init(
    prepared: PreparedReplan, postings: [String: Posting], after: RosterMeasures, checker: RosterChecker,
    formerNames: [String: String], changeList: [String]
  ) {
    let instance = prepared.instance
    let names = Dictionary(instance.people.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    quarter = prepared.quarter.description
    previous = prepared.previous?.description
    people = instance.people.count
    available = instance.people.filter { !$0.unavailable }.count
    departures = prepared.departures.count
    onLeave = prepared.onLeave.count
    backFromLeave = prepared.backFromLeave.count
    newHires = prepared.newHires.count
    maxMoves = prepared.maxMoves
    moves = prepared.moves(postings)
    forcedMoves = prepared.forced.total
    maxTenureQuarters = instance.policy.maxTenureQuarters
    changes = prepared.changes(postings).map { change in
      Line(
        person: change.person, name: names[change.person] ?? formerNames[change.person] ?? change.person,
        from: change.from, to: change.to, reason: change.reason, isMove: change.isMove)
    }
    before = checker.evaluate(prepared.unchangedPostings).measures
    self.after = after
    self.changeList = changeList
  }
}
