/// The independent roster checker: every hard rule and objective term of
/// `docs/rules.md`, recomputed from the district's data, never from a solver.
///
/// Build one per district (the constructor precomputes lookup tables: O(people
/// × (towns + zones)) memory) and call `evaluate` as often as needed; it is
/// cheap enough for local search. Thread-safe: a value type with no mutable state.
public struct RosterChecker: Sendable {
  /// The district rosters are checked against.
  public let district: District

  /// The precomputed tables and the evaluation itself, shared by copies of the checker.
  private let tables: CheckerTables

  /// Prepares the checker for one district (precomputes its tables).
  public init(_ district: District) {
    self.district = district
    tables = CheckerTables(district)
  }

  // MARK: - Roster files

  /// Resolves a roster's lines against the instance, or throws its bad lines:
  /// one `InputError`, or `InputErrors` when several lines are bad (every
  /// line is read, so a roster of another instance shows all its problems).
  ///
  /// Errors (bad input, exit 2): a line naming an unknown person, a person
  /// listed twice, an invalid mode, a stationed line without a known town, a
  /// zoned line without a known zone or whose `towns` are not the zone's towns
  /// (order aside), and instance people with no line at all.
  /// - Parameters:
  ///   - file: the file name for messages.
  ///   - locations: where each line came from (e.g. `line 5` for CSV); by
  ///     default `postings[i]`.
  public func resolve(
    _ roster: Roster, file: String = "roster", locations: [String]? = nil
  ) throws -> ResolvedRoster {
    var reader = RosterLineReader(district: district, file: file, locations: locations)
    var problems: [InputError] = []
    for (i, entry) in roster.postings.enumerated() {
      do {
        try reader.read(i, entry)
      } catch let error as InputError {
        problems.append(error)
      }
    }
    if problems.count == 1, let only = problems.first { throw only }
    if !problems.isEmpty { throw InputErrors(problems) }
    let missing = district.people.filter { reader.postings[$0.id] == nil }
    if !missing.isEmpty {
      let names = missing.prefix(5).map { "\($0.name) (\($0.id))" }.joined(separator: ", ")
      let more = missing.count > 5 ? " and \(missing.count - 5) more" : ""
      throw InputError(
        file: file, location: "postings",
        message:
          "\(missing.count) \(missing.count == 1 ? "person has" : "people have") no line: \(names)\(more)",
        hint: "add one line per person; use mode unassigned for people on leave")
    }
    return ResolvedRoster(
      postings: reader.postings, departments: reader.departments, splits: reader.splits)
  }

  /// Checks a roster file's lines: resolves them (throwing `InputError` on
  /// bad input), then evaluates every rule, including [own-department] for
  /// lines whose `department` is not the person's.
  public func evaluate(
    _ roster: Roster, file: String = "roster", locations: [String]? = nil
  ) throws -> RosterEvaluation {
    let resolved = try resolve(roster, file: file, locations: locations)
    return evaluate(resolved)
  }

  /// Evaluates resolved roster lines, including [own-department].
  public func evaluate(_ resolved: ResolvedRoster) -> RosterEvaluation {
    tables.evaluate(
      resolved.postings, splits: resolved.splits, claimedDepartments: resolved.departments)
  }

  /// Evaluates postings by person id against every hard rule and objective term.
  ///
  /// A person missing from `postings` counts as `unassigned`; ids that are not
  /// instance people are ignored; a posting to an unknown town or zone counts
  /// as no posting and is reported under [one-posting]. Violations come in
  /// `HardRule` order, then town, then person (instance order).
  ///
  /// `splits` gives zoned officers' time per town (`ZoneSplit`); a zoned
  /// officer without one gets `District.bestSplits`. Splits of people who are
  /// not zoned officers are ignored.
  public func evaluate(
    _ postings: [String: Posting], splits: [String: ZoneSplit] = [:]
  ) -> RosterEvaluation {
    tables.evaluate(postings, splits: splits, claimedDepartments: [:])
  }
}

/// Reads a roster file's lines one by one against a district: names settled
/// to ids, each line's posting, department and split (`RosterChecker.resolve`).
private struct RosterLineReader {
  let district: District
  let file: String
  let locations: [String]?
  let names: NameIndex
  let exampleTown: String
  var postings: [String: Posting] = [:]
  var departments: [String: String] = [:]
  var splits: [String: ZoneSplit] = [:]
  var firstLine: [String: Int] = [:]

  init(district: District, file: String, locations: [String]?) {
    self.district = district
    self.file = file
    self.locations = locations
    var named = district.instance
    named.zones = district.zones
    names = NameIndex(named)
    exampleTown = district.towns.first?.id ?? "a town id"
  }

  private var zoneExample: String {
    district.zones.first.map { ", e.g. '\($0.id)'" } ?? ""
  }

  func place(_ i: Int) -> String {
    if let locations, i < locations.count { return locations[i] }
    return "postings[\(i)]"
  }

  func fail(_ i: Int, _ message: String, _ fix: String) -> InputError {
    InputError(file: file, location: place(i), message: message, hint: fix)
  }

  /// The id a name on line `i` stands for; unknown names stay as written.
  func settle(_ text: String, _ match: NameMatch, _ what: String, _ i: Int) throws -> String {
    switch match {
    case .id(let id): return id
    case .unknown: return text
    case .ambiguous(let ids):
      throw fail(
        i, "'\(text)' could be any of several \(what): \(ids.joined(separator: ", "))",
        "write the id of the one meant")
    }
  }

  func town(_ text: String, _ i: Int) throws -> String { try settle(text, names.town(text), "towns", i) }

  /// Line `i`: its person, posting, department and split.
  mutating func read(_ i: Int, _ entry: RosterEntry) throws {
    let written = entry.person.trimmingCharacters(in: .whitespaces)
    let id = try settle(written, names.person(written), "people", i)
    guard !id.isEmpty else {
      throw fail(i, "the line names no person", "give the person's id from the instance")
    }
    guard district.personIndex[id] != nil else {
      throw fail(
        i, "unknown person '\(id)'",
        "use a person id from the instance's people list, or remove the line")
    }
    if let first = firstLine[id] {
      throw fail(
        i, "person '\(id)' is listed twice (first at \(place(first)))",
        "keep exactly one line per person")
    }
    firstLine[id] = i
    let posting: Posting
    switch entry.mode.trimmingCharacters(in: .whitespaces).lowercased() {
    case "stationed", "派驻":
      guard let town = try entry.town.map({ try town($0, i) }), !town.isEmpty else {
        throw fail(
          i, "\(id) is stationed but the line gives no town",
          "set town to a town id, e.g. '\(exampleTown)'")
      }
      guard district.townIndex[town] != nil else {
        throw fail(
          i, "unknown town '\(town)'", "use a town id from the instance, e.g. '\(exampleTown)'")
      }
      posting = .stationed(town: town)
    case "zoned", "包片":
      posting = try zoned(i, entry, person: id)
    case "unassigned", "未安排":
      posting = .unassigned
    default:
      throw fail(
        i, "mode '\(entry.mode)' is not a posting mode", "use stationed, zoned or unassigned")
    }
    if entry.split != nil, posting.mode != "zoned" {
      throw fail(
        i, "\(id) is \(posting.mode) but the line gives a split",
        "a split is only for zoned officers; remove it")
    }
    postings[id] = posting
    if let department = entry.department, !department.isEmpty {
      departments[id] = try settle(department, names.department(department), "departments", i)
    }
  }

  /// A zoned line's zone, checked against its towns, and its split.
  private mutating func zoned(_ i: Int, _ entry: RosterEntry, person id: String) throws -> Posting {
    guard let zoneID = try entry.zone.map({ try settle($0, names.zone($0), "zones", i) }),
      !zoneID.isEmpty
    else {
      throw fail(
        i, "\(id) is zoned but the line gives no zone",
        "set zone to a zone id from the instance\(zoneExample)")
    }
    guard let zone = district.zone(zoneID) else {
      throw fail(i, "unknown zone '\(zoneID)'", "use a zone id from the instance\(zoneExample)")
    }
    if let towns = try entry.towns?.map({ try town($0, i) }), !towns.isEmpty,
      Set(towns) != Set(zone.towns)
    {
      throw fail(
        i,
        "zone '\(zoneID)' covers \(zone.towns.joined(separator: ", ")) "
          + "but the line lists \(towns.joined(separator: ", "))",
        "list the zone's towns exactly, or leave towns out")
    }
    if let written = entry.split {
      var split: ZoneSplit = [:]
      for (t, fte) in written { split[try town(t, i), default: 0] += fte }
      if let unknown = split.keys.sorted().first(where: { district.townIndex[$0] == nil }) {
        throw fail(
          i, "the split names unknown town '\(unknown)'",
          "give time only to the zone's towns: \(zone.towns.joined(separator: ", "))")
      }
      splits[id] = split
    }
    return .zoned(zone: zoneID)
  }
}
