import Foundation
import SecondmentDomain

/// What went wrong with a plan history, in the planner's words.
public enum HistoryError: Error, CustomStringConvertible, Equatable {
  /// The file does not exist and the command only reads histories.
  case missing(path: String)
  /// The file exists but is not a plan history (not SQLite, or other tables).
  case notAHistory(path: String, reason: String)
  /// Text that should be a quarter is not one.
  case badQuarter(String)
  /// The quarter before the one planned has no adopted roster, but an earlier one does.
  case gap(planned: Quarter, latestAdopted: Quarter)
  /// Adopting this quarter would rewrite the past of a later adopted quarter.
  case laterQuarterAdopted(quarter: Quarter, later: Quarter)
  /// A roster line or a stored row the history cannot read.
  case corrupted(String)
  /// SQLite's integrity check failed: the file is damaged; nothing is written to it.
  case damaged(path: String, detail: String)
  /// The quarter already has an adopted roster; replacing it needs `supersede`.
  case alreadyAdopted(quarter: Quarter, by: String, at: Date)
  /// Another process holds the history's write lock.
  case locked(path: String)
  /// The history cannot be written (a read-only file or file system).
  case readOnly(path: String)
  /// A newer secondment changed the history's schema past what this one knows.
  case newerVersion(path: String)

  public var description: String {
    switch self {
    case .missing(let path):
      return "\(path): no plan history there (replan --history creates one on first use)"
    case .notAHistory(let path, let reason):
      return "\(path): not a plan history: \(reason)"
    case .badQuarter(let text):
      return "'\(text)' is not a quarter; write it like 2025Q2"
    case .gap(let planned, let latest):
      return
        "\(planned.previous) has no adopted roster, but \(latest) has: plan and adopt the quarters after \(latest) in order before \(planned)"
    case .laterQuarterAdopted(let quarter, let later):
      return
        "\(later) is already adopted and was planned from \(quarter); a different roster for \(quarter) cannot be adopted now"
    case .corrupted(let what):
      return "plan history is damaged: \(what)"
    case .damaged(let path, let detail):
      return
        "\(path): the plan history is damaged (\(detail)); nothing was written to it (fix: restore it from the last backup, or export what it still holds with `history \(path) --export QUARTER --json F` and start a new history)"
    case .alreadyAdopted(let quarter, let by, let at):
      let when = ISO8601DateFormatter().string(from: at)
      return
        "\(quarter) already has an adopted roster (by \(by), \(when)); nothing adopted (fix: replan with --supersede to replace it; the history records who replaced it and when)"
    case .locked(let path):
      return "\(path): the plan history is locked by another process (fix: wait for the other replan to finish, then run again)"
    case .readOnly(let path):
      return "\(path): the plan history is read-only (fix: make the file and its folder writable, or use another --history)"
    case .newerVersion(let path):
      return "\(path): the plan history was written by a newer version of secondment; nothing was read or written (fix: run it with the newer secondment that wrote it)"
    }
  }
}

/// One adopted roster, as `secondment history` lists it.
public struct AdoptionRecord: Sendable, Hashable {
  public var quarter: Quarter
  public var rosterID: Int64
  public var instanceName: String
  /// SHA-256 of the instance file the roster was planned from.
  public var inputHash: String
  public var solver: String?
  public var status: String?
  /// The roster's objective total, when known.
  public var objective: Double?
  /// Postings changed from the previous adopted roster (docs/rules.md, term `moves`).
  public var moves: Int
  /// People with a posting (not unassigned) in the roster.
  public var posted: Int
  /// The change list's lines by reason (`ChangeReason` raw values).
  public var changes: [String: Int]
  public var adoptedBy: String
  public var adoptedAt: Date
  public var createdAt: Date
}

/// A person's latest posting in the history and how long they have held it.
public struct HeldPosting: Sendable, Hashable {
  public var person: String
  public var posting: Posting
  /// Consecutive adopted quarters in this posting, up to the latest one that
  /// counts (quarters on leave neither count nor break the run).
  public var quarters: Int
  /// The first quarter of that run.
  public var since: Quarter
  /// The latest adopted quarter the person held it.
  public var last: Quarter
}

/// Where the history stands just before a quarter is planned.
public struct HistoryStanding: Sendable {
  /// The adopted quarter the plan starts from; nil when the history holds none
  /// before the quarter (the quarter is planned from scratch).
  public var previous: Quarter?
  /// Every person's line in the previous quarter's adopted roster, leave included.
  public var postings: [String: Posting]
  /// Every person's latest real posting and tenure there, before the quarter.
  public var held: [String: HeldPosting]

  public init(previous: Quarter?, postings: [String: Posting], held: [String: HeldPosting]) {
    self.previous = previous
    self.postings = postings
    self.held = held
  }

  /// An empty history.
  public static let empty = HistoryStanding(previous: nil, postings: [:], held: [:])
}

/// A roster to record as the one in force for a quarter.
public struct NewAdoption: Sendable {
  public var quarter: Quarter
  public var instanceName: String
  /// The instance file as read (stored verbatim; hashed with SHA-256).
  public var instanceData: Data
  /// The roster document (JSON).
  public var rosterData: Data
  /// The replanning options that shaped it (pins, budget), as JSON; may be empty.
  public var optionsData: Data
  public var solver: String?
  public var status: String?
  public var objective: Double?
  public var moves: Int
  /// The change list's lines by reason.
  public var changes: [String: Int]
  /// The planner's change list the quarter was built from (`replan
  /// --changes`), one line per change; empty when there was none.
  public var changeList: [String]
  /// One line per person of the instance, leave included.
  public var postings: [(person: String, posting: Posting)]
  public var adoptedBy: String
  public var adoptedAt: Date
  /// Replace the quarter's adopted roster if it has one (recorded as a
  /// supersession: who, when, which roster replaced which); without it a
  /// quarter that already has one is refused.
  public var supersede = false

  public init(
    quarter: Quarter, instanceName: String, instanceData: Data, rosterData: Data,
    optionsData: Data = Data(), solver: String?, status: String?, objective: Double?,
    moves: Int, changes: [String: Int] = [:], changeList: [String] = [],
    postings: [(person: String, posting: Posting)], adoptedBy: String, adoptedAt: Date = Date()
  ) {
    self.changeList = changeList
    self.quarter = quarter
    self.instanceName = instanceName
    self.instanceData = instanceData
    self.rosterData = rosterData
    self.optionsData = optionsData
    self.solver = solver
    self.status = status
    self.objective = objective
    self.moves = moves
    self.changes = changes
    self.postings = postings
    self.adoptedBy = adoptedBy
    self.adoptedAt = adoptedAt
  }
}

/// What `adopt` did.
public enum AdoptionOutcome: Sendable, Equatable {
  /// A new roster was recorded and is in force for the quarter.
  case adopted(rosterID: Int64)
  /// The same roster (same postings) was already in force; nothing was written.
  case alreadyInForce(rosterID: Int64)
}
