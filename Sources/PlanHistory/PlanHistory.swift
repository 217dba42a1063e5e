import Foundation
import GRDB
import SecondmentDomain

/// The plan history: one SQLite file with instances, rosters, adoptions and
/// the postings of adopted rosters, per quarter.
///
/// The file is created on first use and migrated with GRDB's
/// `DatabaseMigrator`; foreign keys are on. Adopting a roster is one
/// transaction: a process killed in the middle leaves the roster fully
/// recorded or absent. Tenure is computed from the adopted postings in SQL,
/// never typed by hand.
public final class PlanHistory: Sendable {
  /// The file's path.
  public let path: String
  private let db: DatabaseQueue

  /// Opens the history at `path`, creating and migrating it when `create` is
  /// true and it does not exist yet.
  public init(path: String, create: Bool = true) throws {
    self.path = path
    if !create && !FileManager.default.fileExists(atPath: path) {
      throw HistoryError.missing(path: path)
    }
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.busyMode = .timeout(10)
    do {
      // Processes that open one history at once take turns creating and
      // migrating it: GRDB's migrator reads and creates its own table in
      // separate steps, and two of them interleaved see half a schema.
      db = try PlanHistory.takingTurns(at: path) {
        let db = try DatabaseQueue(path: path, configuration: configuration)
        // A history a newer secondment wrote may hold what this one cannot
        // keep consistent: refuse it rather than write past its schema.
        if try db.read({ try PlanHistory.migrator.hasBeenSuperseded($0) }) {
          throw HistoryError.newerVersion(path: path)
        }
        try PlanHistory.migrator.migrate(db)
        return db
      }
    } catch let error as DatabaseError {
      throw HistoryError.notAHistory(path: path, reason: error.message ?? "\(error)")
    }
  }

  /// Runs `body` holding an exclusive lock on the folder that holds `path`.
  ///
  /// The lock is `flock(2)` on the folder, not on the SQLite file, so it
  /// never meets SQLite's own `fcntl` locks; no lock file is left behind. A
  /// folder that cannot be opened runs `body` unlocked, and SQLite then
  /// reports what is wrong with the path.
  static func takingTurns<T>(at path: String, _ body: () throws -> T) throws -> T {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let descriptor = open(folder, O_RDONLY)
    guard descriptor >= 0 else { return try body() }
    defer { close(descriptor) }
    while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    defer { flock(descriptor, LOCK_UN) }
    return try body()
  }

  /// The schema, one migration per change; never edit a shipped migration.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: instances, rosters, adoptions, postings") { db in
      try db.create(table: "instance") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("quarter", .text).notNull()
        t.column("name", .text).notNull()
        t.column("inputHash", .text).notNull()
        t.column("json", .text).notNull()
        t.column("recordedAt", .text).notNull()
        t.uniqueKey(["quarter", "inputHash"])
      }
      try db.create(table: "roster") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("quarter", .text).notNull().indexed()
        t.column("instanceId", .integer).notNull()
          .references("instance", onDelete: .restrict)
        t.column("json", .text).notNull()
        t.column("postingsHash", .text).notNull()
        t.column("options", .text).notNull().defaults(to: "{}")
        t.column("solver", .text)
        t.column("status", .text)
        t.column("objective", .double)
        t.column("moves", .integer).notNull().defaults(to: 0)
        t.column("changes", .text).notNull().defaults(to: "{}")
        t.column("createdAt", .text).notNull()
      }
      try db.create(table: "adoption") { t in
        t.primaryKey("quarter", .text)
        t.column("rosterId", .integer).notNull().unique()
          .references("roster", onDelete: .restrict)
        t.column("adoptedBy", .text).notNull()
        t.column("adoptedAt", .text).notNull()
      }
      try db.create(table: "posting") { t in
        t.column("rosterId", .integer).notNull()
          .references("roster", onDelete: .cascade)
        t.column("person", .text).notNull()
        t.column("mode", .text).notNull()
          .check(sql: "mode IN ('stationed', 'zoned', 'unassigned')")
        t.column("town", .text)
        t.column("zone", .text)
        t.primaryKey(["rosterId", "person"])
      }
      try db.create(index: "posting_person", on: "posting", columns: ["person"])
    }
    migrator.registerMigration("v2: the planner's change list with each roster") { db in
      try db.alter(table: "roster") { t in t.add(column: "changeList", .text).notNull().defaults(to: "[]") }
    }
    migrator.registerMigration("v3: supersessions of adopted rosters") { db in
      try db.create(table: "supersession") { t in
        t.column("quarter", .text).notNull()
        t.column("oldRosterId", .integer).notNull().references("roster", onDelete: .restrict)
        t.column("newRosterId", .integer).notNull().references("roster", onDelete: .restrict)
        t.column("supersededBy", .text).notNull()
        t.column("supersededAt", .text).notNull()
      }
    }
    return migrator
  }

  // MARK: - Reading

  /// Adopted quarters, oldest first.
  public func adoptions() throws -> [AdoptionRecord] {
    try read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT a.quarter, a.rosterId, a.adoptedBy, a.adoptedAt, r.solver, r.status,
                 r.objective, r.moves, r.changes, r.createdAt, i.name, i.inputHash,
                 (SELECT count(*) FROM posting p
                   WHERE p.rosterId = r.id AND p.mode <> 'unassigned') AS posted
          FROM adoption a JOIN roster r ON r.id = a.rosterId
          JOIN instance i ON i.id = r.instanceId
          ORDER BY a.quarter
          """)
      return try rows.map { row in
        AdoptionRecord(
          quarter: try PlanHistory.quarter(row["quarter"]),
          rosterID: row["rosterId"], instanceName: row["name"], inputHash: row["inputHash"],
          solver: row["solver"], status: row["status"], objective: row["objective"],
          moves: row["moves"], posted: row["posted"],
          changes: PlanHistory.counts(row["changes"]), adoptedBy: row["adoptedBy"],
          adoptedAt: PlanHistory.date(row["adoptedAt"]),
          createdAt: PlanHistory.date(row["createdAt"]))
      }
    }
  }

  /// The adopted roster's postings for a quarter, by person; empty when none is adopted.
  public func adoptedPostings(_ quarter: Quarter) throws -> [String: Posting] {
    try read { db in try PlanHistory.postings(db, quarter: quarter.description) }
  }

  /// The adopted roster document (JSON) for a quarter, when one is adopted.
  public func adoptedRosterData(_ quarter: Quarter) throws -> Data? {
    try read { db in
      try String.fetchOne(
        db,
        sql: "SELECT r.json FROM adoption a JOIN roster r ON r.id = a.rosterId WHERE a.quarter = ?",
        arguments: [quarter.description]
      ).map { Data($0.utf8) }
    }
  }

  /// The instance (JSON) of a quarter's adopted roster, when one is adopted.
  public func adoptedInstanceData(_ quarter: Quarter) throws -> Data? {
    try read { db in
      try String.fetchOne(
        db,
        sql: """
          SELECT i.json FROM adoption a JOIN roster r ON r.id = a.rosterId
          JOIN instance i ON i.id = r.instanceId WHERE a.quarter = ?
          """,
        arguments: [quarter.description]
      ).map { Data($0.utf8) }
    }
  }

  /// The change list a quarter's adopted roster was planned from (empty when none).
  public func adoptedChangeList(_ quarter: Quarter) throws -> [String] {
    try read { db in
      let text = try String.fetchOne(
        db,
        sql: "SELECT r.changeList FROM adoption a JOIN roster r ON r.id = a.rosterId WHERE a.quarter = ?",
        arguments: [quarter.description])
      guard let data = text?.data(using: .utf8) else { return [] }
      return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }
  }

  /// Where the history stands before `quarter`: the previous adopted roster
  /// and everyone's tenure.
  ///
  /// Throws `HistoryError.gap` when the quarter just before has no adopted
  /// roster but an earlier one does: replanning skips no quarter.
  public func standing(before quarter: Quarter) throws -> HistoryStanding {
    try read { db in
      guard
        let latestText = try String.fetchOne(
          db, sql: "SELECT max(quarter) FROM adoption WHERE quarter < ?",
          arguments: [quarter.description])
      else { return .empty }
      let latest = try PlanHistory.quarter(latestText)
      guard latest == quarter.previous else {
        throw HistoryError.gap(planned: quarter, latestAdopted: latest)
      }
      return HistoryStanding(
        previous: latest, postings: try PlanHistory.postings(db, quarter: latestText),
        held: try PlanHistory.tenure(db, before: quarter.description))
    }
  }

  /// Quarters whose adopted roster was replaced (`NewAdoption.supersede`), by whom, oldest first.
  public func supersessions() throws -> [(quarter: Quarter, by: String, at: Date)] {
    try read { db in
      try Row.fetchAll(
        db, sql: "SELECT quarter, supersededBy, supersededAt FROM supersession ORDER BY rowid"
      ).map { row in
        (try PlanHistory.quarter(row["quarter"]), row["supersededBy"], PlanHistory.date(row["supersededAt"]))
      }
    }
  }

  /// Everyone's latest posting and tenure after the latest adopted quarter.
  public func currentTenure() throws -> [HeldPosting] {
    try read { db in
      try PlanHistory.tenure(db, before: "9999Q9").values.sorted { $0.person < $1.person }
    }
  }

  /// The number of quarters in force, for quick checks.
  public func adoptedQuarterCount() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM adoption") ?? 0 }
  }

  /// The number of rosters recorded (adopted or superseded), and of posting rows.
  public func rowCounts() throws -> (instances: Int, rosters: Int, postings: Int, adoptions: Int) {
    try read { db in
      (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM instance") ?? 0,
        try Int.fetchOne(db, sql: "SELECT count(*) FROM roster") ?? 0,
        try Int.fetchOne(db, sql: "SELECT count(*) FROM posting") ?? 0,
        try Int.fetchOne(db, sql: "SELECT count(*) FROM adoption") ?? 0
      )
    }
  }

  /// Checks the file's integrity and foreign keys; returns the problems found.
  public func integrityProblems() throws -> [String] {
    try read { db in
      var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
      let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
      problems += orphans.map { "foreign key broken in table \(String(describing: $0[0]))" }
      let partial = try Row.fetchAll(
        db,
        sql: """
          SELECT a.quarter, count(p.person) AS n FROM adoption a
          LEFT JOIN posting p ON p.rosterId = a.rosterId
          GROUP BY a.quarter HAVING n = 0
          """)
      problems += partial.map { "adopted roster for \(String(describing: $0[0])) has no postings" }
      return problems
    }
  }

  // MARK: - Adopting

  /// Records a roster as the one in force for its quarter, in one transaction:
  /// the instance (unless the same file is already stored for the quarter),
  /// the roster, its postings and the adoption row.
  ///
  /// `duringTransaction` runs inside the transaction after the roster and its
  /// postings are written, before the adoption row: a test hook for killing
  /// the process there. Throwing from it rolls everything back.
  ///
  /// Re-adopting a quarter replaces its adoption (the old roster stays
  /// recorded, superseded) unless a later quarter is adopted already; adopting
  /// the same postings again writes nothing.
  @discardableResult
  public func adopt(
    _ adoption: NewAdoption, duringTransaction: (@Sendable () throws -> Void)? = nil
  ) throws -> AdoptionOutcome {
    let quarter = adoption.quarter.description
    let inputHash = ContentHash.sha256(adoption.instanceData)
    let postingsHash = PlanHistory.postingsHash(adoption.postings)
    let now = PlanHistory.dateText(adoption.adoptedAt)
    return try write { db in
      try PlanHistory.requireIntact(db, path: path)
      var superseded: Int64?
      if let existing = try Row.fetchOne(
        db,
        sql: """
          SELECT a.rosterId, a.adoptedBy, a.adoptedAt, r.postingsHash FROM adoption a
          JOIN roster r ON r.id = a.rosterId WHERE a.quarter = ?
          """, arguments: [quarter])
      {
        let existingHash: String = existing["postingsHash"]
        if existingHash == postingsHash { return .alreadyInForce(rosterID: existing["rosterId"]) }
        if let later = try String.fetchOne(
          db, sql: "SELECT min(quarter) FROM adoption WHERE quarter > ?", arguments: [quarter])
        {
          throw HistoryError.laterQuarterAdopted(
            quarter: adoption.quarter, later: try PlanHistory.quarter(later))
        }
        guard adoption.supersede else {
          throw HistoryError.alreadyAdopted(
            quarter: adoption.quarter, by: existing["adoptedBy"], at: PlanHistory.date(existing["adoptedAt"]))
        }
        superseded = existing["rosterId"]
        try db.execute(sql: "DELETE FROM adoption WHERE quarter = ?", arguments: [quarter])
      }
      let instanceID: Int64
      if let id = try Int64.fetchOne(
        db, sql: "SELECT id FROM instance WHERE quarter = ? AND inputHash = ?",
        arguments: [quarter, inputHash])
      {
        instanceID = id
      } else {
        try db.execute(
          sql:
            "INSERT INTO instance (quarter, name, inputHash, json, recordedAt) VALUES (?, ?, ?, ?, ?)",
          arguments: [
            quarter, adoption.instanceName, inputHash,
            String(decoding: adoption.instanceData, as: UTF8.self), now,
          ])
        instanceID = db.lastInsertedRowID
      }
      let options =
        adoption.optionsData.isEmpty ? "{}" : String(decoding: adoption.optionsData, as: UTF8.self)
      try db.execute(
        sql: """
          INSERT INTO roster (quarter, instanceId, json, postingsHash, options, solver, status,
                              objective, moves, changes, changeList, createdAt)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          quarter, instanceID, String(decoding: adoption.rosterData, as: UTF8.self), postingsHash,
          options, adoption.solver, adoption.status, adoption.objective, adoption.moves,
          PlanHistory.countsText(adoption.changes), PlanHistory.linesText(adoption.changeList), now,
        ])
      let rosterID = db.lastInsertedRowID
      let insert = try db.makeStatement(
        sql: "INSERT INTO posting (rosterId, person, mode, town, zone) VALUES (?, ?, ?, ?, ?)")
      for (person, posting) in adoption.postings {
        let (town, zone) = PlanHistory.columns(posting)
        try insert.execute(arguments: [rosterID, person, posting.mode, town, zone])
      }
      try duringTransaction?()
      try db.execute(
        sql: "INSERT INTO adoption (quarter, rosterId, adoptedBy, adoptedAt) VALUES (?, ?, ?, ?)",
        arguments: [quarter, rosterID, adoption.adoptedBy, now])
      if let superseded {
        try db.execute(
          sql: """
            INSERT INTO supersession (quarter, oldRosterId, newRosterId, supersededBy, supersededAt)
            VALUES (?, ?, ?, ?, ?)
            """, arguments: [quarter, superseded, rosterID, adoption.adoptedBy, now])
      }
      return .adopted(rosterID: rosterID)
    }
  }

  // MARK: - SQL helpers

  /// The tenure query: for each person, the latest real posting among adopted
  /// quarters before `before`, and the run of quarters in it (leave skipped).
  static func tenure(_ db: Database, before: String) throws -> [String: HeldPosting] {
    let rows = try Row.fetchAll(
      db,
      sql: """
        WITH h AS (
          SELECT p.person, a.quarter, p.mode, p.town, p.zone,
                 p.mode || ':' || coalesce(p.town, p.zone, '') AS key
          FROM adoption a JOIN posting p ON p.rosterId = a.rosterId
          WHERE a.quarter < ? AND p.mode <> 'unassigned'
        ),
        ranked AS (
          SELECT *, row_number() OVER (PARTITION BY person ORDER BY quarter DESC) AS rn FROM h
        ),
        cur AS (SELECT * FROM ranked WHERE rn = 1),
        run AS (
          SELECT r.person, count(*) AS quarters, min(r.quarter) AS since FROM ranked r
          JOIN cur c ON c.person = r.person
          WHERE r.rn < coalesce(
            (SELECT min(x.rn) FROM ranked x WHERE x.person = r.person AND x.key <> c.key),
            1000000)
          GROUP BY r.person
        )
        SELECT c.person, c.mode, c.town, c.zone, c.quarter AS last, run.quarters, run.since
        FROM cur c JOIN run ON run.person = c.person
        ORDER BY c.person
        """, arguments: [before])
    var held: [String: HeldPosting] = [:]
    for row in rows {
      let person: String = row["person"]
      held[person] = HeldPosting(
        person: person,
        posting: try posting(mode: row["mode"], town: row["town"], zone: row["zone"]),
        quarters: row["quarters"], since: try quarter(row["since"]),
        last: try quarter(row["last"]))
    }
    return held
  }

  static func postings(_ db: Database, quarter: String) throws -> [String: Posting] {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT p.person, p.mode, p.town, p.zone FROM adoption a
        JOIN posting p ON p.rosterId = a.rosterId WHERE a.quarter = ?
        """, arguments: [quarter])
    var result: [String: Posting] = [:]
    for row in rows {
      result[row["person"]] = try posting(mode: row["mode"], town: row["town"], zone: row["zone"])
    }
    return result
  }

  static func posting(mode: String, town: String?, zone: String?) throws -> Posting {
    switch (mode, town, zone) {
    case ("stationed", .some(let town), _): return .stationed(town: town)
    case ("zoned", _, .some(let zone)): return .zoned(zone: zone)
    case ("unassigned", _, _): return .unassigned
    default: throw HistoryError.corrupted("posting row with mode '\(mode)' and no town or zone")
    }
  }

  static func columns(_ posting: Posting) -> (town: String?, zone: String?) {
    switch posting {
    case .stationed(let town): return (town, nil)
    case .zoned(let zone): return (nil, zone)
    case .unassigned: return (nil, nil)
    }
  }

  /// A stable fingerprint of a roster's postings (person order does not matter).
  static func postingsHash(_ postings: [(person: String, posting: Posting)]) -> String {
    let text: String = postings.sorted { $0.person < $1.person }.map { line -> String in
      let (town, zone) = columns(line.posting)
      return "\(line.person)\t\(line.posting.mode)\t\(town ?? "")\t\(zone ?? "")"
    }.joined(separator: "\n")
    return ContentHash.sha256(Data(text.utf8))
  }

  static func quarter(_ text: String) throws -> Quarter {
    guard let quarter = Quarter(text) else {
      throw HistoryError.corrupted("'\(text)' is stored as a quarter")
    }
    return quarter
  }

  static func countsText(_ counts: [String: Int]) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? encoder.encode(counts)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }

  static func linesText(_ lines: [String]) -> String {
    (try? JSONEncoder().encode(lines)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
  }

  static func counts(_ text: String) -> [String: Int] {
    (try? JSONDecoder().decode([String: Int].self, from: Data(text.utf8))) ?? [:]
  }

  static func dateText(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }

  static func date(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text) ?? Date(timeIntervalSince1970: 0)
  }

  private func read<T>(_ body: (Database) throws -> T) throws -> T {
    do { return try db.read(body) } catch let error as DatabaseError {
      throw translate(error)
    }
  }

  /// Writes in one immediate transaction: the write lock is taken first, so
  /// two adoptions never both read "not adopted yet" and both write.
  private func write<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try db.writeWithoutTransaction { db in
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(db)
          return .commit
        }
        guard let result else { throw HistoryError.corrupted("the transaction gave no result") }
        return result
      }
    } catch let error as DatabaseError {
      throw translate(error)
    }
  }

  /// Throws `.damaged` unless SQLite's quick integrity check passes.
  static func requireIntact(_ db: Database, path: String) throws {
    let found = try String.fetchAll(db, sql: "PRAGMA quick_check")
    guard found == ["ok"] else {
      throw HistoryError.damaged(path: path, detail: found.prefix(2).joined(separator: "; "))
    }
  }

  /// Checks, before any planning, that a roster could be adopted into the
  /// history: it is intact, not locked by another process, and writable.
  public func checkWritable() throws {
    if FileManager.default.fileExists(atPath: path), access(path, W_OK) != 0 {
      throw HistoryError.readOnly(path: path)
    }
    try write { db in try PlanHistory.requireIntact(db, path: path) }
  }

  private func translate(_ error: DatabaseError) -> HistoryError {
    let reason = error.message ?? "\(error)"
    switch error.resultCode {
    case .SQLITE_NOTADB: return .notAHistory(path: path, reason: reason)
    case .SQLITE_CORRUPT: return .damaged(path: path, detail: reason)
    case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
    case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: return .readOnly(path: path)
    default: return .corrupted(reason)
    }
  }
}
