import Foundation
import SecondmentDomain

/// A replanning input the planner must fix, in the planner's words.
public enum ReplanError: Error, CustomStringConvertible, Equatable {
  /// `--pin` text that is not `person=town` or `person=zone:ZONE`.
  case badPin(String)
  /// A pin names a person the instance does not have.
  case unknownPerson(pin: String, person: String)
  /// A pin names a town or zone the instance does not have.
  case unknownPlace(pin: String, place: String)
  /// A pin posts someone who is on leave this quarter.
  case pinnedOnLeave(pin: String, person: String)
  /// A pin zones an auxiliary (auxiliaries are only ever stationed).
  case pinnedAuxiliaryToZone(pin: String, person: String)
  /// The same person pinned twice, differently.
  case pinnedTwice(person: String)
  /// A negative moves budget.
  case badBudget(Int)

  public var description: String {
    switch self {
    case .badPin(let text):
      return "--pin '\(text)': write person=town or person=zone:ZONE, e.g. p017=changyuan"
    case .unknownPerson(let pin, let person):
      return "--pin '\(pin)': no person '\(person)' in the instance"
    case .unknownPlace(let pin, let place):
      return "--pin '\(pin)': no town or zone '\(place)' in the instance"
    case .pinnedOnLeave(let pin, let person):
      return "--pin '\(pin)': \(person) is on leave (unavailable) this quarter and gets no posting"
    case .pinnedAuxiliaryToZone(let pin, let person):
      return "--pin '\(pin)': \(person) is an auxiliary; auxiliaries are stationed, never zoned"
    case .pinnedTwice(let person):
      return "--pin: \(person) is pinned twice to different postings"
    case .badBudget(let n):
      return "--max-moves \(n): the moves budget cannot be negative"
    }
  }
}

/// Why a person's line changed from the previous quarter's roster.
public enum ChangeReason: String, Sendable, Hashable, Codable, CaseIterable {
  /// Staying would exceed the maximum tenure at one posting.
  case rotation = "rotation (tenure limit)"
  /// On leave (unavailable) this quarter.
  case leave
  /// No longer in the instance: left the secondment.
  case departure
  /// Moved to cover demand elsewhere (the optimiser's choice).
  case coverage
  /// Not in the history: a first posting.
  case newHire = "new hire"
  /// Back from leave, to a posting other than the one held before.
  case backFromLeave = "back from leave"
  /// Pinned by the planner to a posting other than the current one.
  case pinned
  /// The current posting no longer exists or no longer suits the person
  /// (town or zone withdrawn, auxiliary zoned, zoned without driving, avoidance).
  case postingWithdrawn = "posting withdrawn"
}

/// One line of the change list: a person whose posting differs from the
/// previous adopted roster.
public struct RosterChange: Sendable, Hashable {
  public var person: String
  /// The posting before: the previous quarter's (or, back from leave, the one
  /// held before the leave); nil for a new hire.
  public var from: Posting?
  /// The posting now; nil for a departure.
  public var to: Posting?
  public var reason: ChangeReason
  /// Whether it counts as a move (docs/rules.md, term `moves`).
  public var isMove: Bool

  public init(person: String, from: Posting?, to: Posting?, reason: ChangeReason, isMove: Bool) {
    self.person = person
    self.from = from
    self.to = to
    self.reason = reason
    self.isMove = isMove
  }
}

/// Moves the rules force before any optimisation: each person counted once.
public struct ForcedMoves: Sendable, Hashable {
  /// People who reached the maximum tenure at their posting (and are not pinned there).
  public var rotation: [String] = []
  /// People pinned away from their current posting.
  public var pins: [String] = []
  /// People whose current posting no longer exists or no longer suits them.
  public var withdrawn: [String] = []

  public init() {}

  /// The least number of moves the roster must make.
  public var total: Int { rotation.count + pins.count + withdrawn.count }
}

/// A quarter's planning problem built from an instance and the history.
public struct PreparedReplan: Sendable {
  /// The instance to solve: each person's `currentPosting` and `tenure` from
  /// the history, the pins applied, the moves budget in force.
  public var instance: Instance
  /// The adopted quarter it starts from; nil when planned from scratch.
  public var previous: Quarter?
  /// The previous roster's lines (for the change list).
  public var previousPostings: [String: Posting]
  /// People in the previous roster who are not in the instance, with their last line.
  public var departures: [(person: String, posting: Posting)]
  /// Available people the history does not know.
  public var newHires: [String]
  /// People on leave (unavailable) this quarter.
  public var onLeave: [String]
  /// People on leave last quarter and available now.
  public var backFromLeave: [String]
  /// Moves the rules force (tenure, pins, withdrawn postings).
  public var forced: ForcedMoves
  /// The moves budget in force (nil: none).
  public var maxMoves: Int? { instance.policy.maxMoves }
  /// The planned quarter.
  public var quarter: Quarter

  /// Whether this quarter is planned from scratch (empty history before it).
  public var fromScratch: Bool { previous == nil }

  /// Each person of the instance keeping their current posting (people on
  /// leave and new hires unassigned): the roster "if nothing changed", for the
  /// coverage before the replan.
  public var unchangedPostings: [String: Posting] {
    var result: [String: Posting] = [:]
    for person in instance.people {
      result[person.id] = person.unavailable ? .unassigned : (person.currentPosting ?? .unassigned)
    }
    return result
  }

  /// When the moves budget is smaller than the moves the rules force: what
  /// to tell the planner (rule, by how many moves, and who); nil otherwise.
  public var budgetShortfall: String? {
    guard let budget = maxMoves, forced.total > budget else { return nil }
    var causes: [String] = []
    if !forced.rotation.isEmpty {
      let limit = instance.policy.maxTenureQuarters.map { "\($0) quarters" } ?? "the limit"
      causes.append(
        "tenure (\(limit) at one posting): \(forced.rotation.count) must rotate (\(Self.names(forced.rotation)))"
      )
    }
    if !forced.pins.isEmpty {
      causes.append(
        "pinned: \(forced.pins.count) pinned away from their posting (\(Self.names(forced.pins)))")
    }
    if !forced.withdrawn.isEmpty {
      causes.append(
        "withdrawn postings: \(forced.withdrawn.count) (\(Self.names(forced.withdrawn)))")
    }
    let short = forced.total - budget
    return """
      [max-moves] the budget allows \(budget) move\(budget == 1 ? "" : "s") but the rules force at least \(forced.total): \(short) move\(short == 1 ? "" : "s") short
        \(causes.joined(separator: "\n  "))
        raise --max-moves to at least \(forced.total), or pin people where they are (a pin outranks the tenure limit)
      """
  }

  private static func names(_ ids: [String]) -> String {
    ids.count <= 8 ? ids.joined(separator: ", ") : ids.prefix(8).joined(separator: ", ") + ", …"
  }

  /// Moves a set of postings makes (docs/rules.md: available people with a
  /// current posting whose posting differs from it).
  public func moves(_ postings: [String: Posting]) -> Int {
    instance.people.filter { person in
      guard !person.unavailable, let current = person.currentPosting else { return false }
      return postings[person.id] != current
    }.count
  }

  /// The change list against the previous roster, person by person (sorted by
  /// person id; departures included).
  public func changes(_ postings: [String: Posting]) -> [RosterChange] {
    var result: [RosterChange] = []
    let backFromLeave = Set(self.backFromLeave)
    let forcedRotation = Set(forced.rotation)
    let forcedPins = Set(forced.pins)
    let withdrawn = Set(forced.withdrawn)
    for person in instance.people {
      let now = postings[person.id] ?? .unassigned
      let before = previousPostings[person.id]
      if person.unavailable {
        if let before, before != .unassigned {
          result.append(
            RosterChange(person: person.id, from: before, to: .unassigned, reason: .leave, isMove: false))
        }
        continue
      }
      guard let current = person.currentPosting else {
        if !fromScratch || before != nil {
          result.append(
            RosterChange(person: person.id, from: nil, to: now, reason: .newHire, isMove: false))
        }
        continue
      }
      let reason: ChangeReason
      if forcedPins.contains(person.id) {
        reason = .pinned
      } else if forcedRotation.contains(person.id) {
        reason = .rotation
      } else if withdrawn.contains(person.id) {
        reason = .postingWithdrawn
      } else if backFromLeave.contains(person.id) {
        reason = .backFromLeave
      } else {
        reason = .coverage
      }
      // Back from leave to the posting held before is listed but is no move.
      guard now != current || reason == .backFromLeave else { continue }
      result.append(
        RosterChange(person: person.id, from: current, to: now, reason: reason, isMove: now != current))
    }
    for (person, posting) in departures {
      result.append(
        RosterChange(person: person, from: posting, to: nil, reason: .departure, isMove: false))
    }
    return result.sorted { $0.person < $1.person }
  }
}

/// Builds a quarter's planning problem from an instance and the plan history.
public enum Replanning {
  /// Reads `--pin` values: `person=town` or `person=zone:ZONE` (a bare zone id
  /// works too when no town has that id). Checks people and places exist.
  public static func pins(_ texts: [String], district: District) throws -> [String: Posting] {
    var pins: [String: Posting] = [:]
    for text in texts {
      let parts = text.split(separator: "=", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw ReplanError.badPin(text)
      }
      let (personID, place) = (parts[0], parts[1])
      guard let person = district.person(personID) else {
        throw ReplanError.unknownPerson(pin: text, person: personID)
      }
      let posting: Posting
      if place.hasPrefix("zone:") {
        let zone = String(place.dropFirst("zone:".count))
        guard district.zone(zone) != nil else { throw ReplanError.unknownPlace(pin: text, place: zone) }
        posting = .zoned(zone: zone)
      } else if district.town(place) != nil {
        posting = .stationed(town: place)
      } else if district.zone(place) != nil {
        posting = .zoned(zone: place)
      } else {
        throw ReplanError.unknownPlace(pin: text, place: place)
      }
      if person.unavailable { throw ReplanError.pinnedOnLeave(pin: text, person: personID) }
      if case .zoned = posting, !person.isOfficer {
        throw ReplanError.pinnedAuxiliaryToZone(pin: text, person: personID)
      }
      if let earlier = pins[personID], earlier != posting {
        throw ReplanError.pinnedTwice(person: personID)
      }
      pins[personID] = posting
    }
    return pins
  }

  /// The quarter's problem: everyone's current posting and tenure from the
  /// history (anything the instance file says about them is replaced), pins,
  /// and the moves budget (`maxMoves` overrides the policy's). With an empty
  /// history the quarter is planned from scratch and no budget applies.
  public static func prepare(
    instance: Instance, quarter: Quarter, standing: HistoryStanding,
    pins: [String: Posting] = [:], maxMoves: Int? = nil
  ) throws -> PreparedReplan {
    if let maxMoves, maxMoves < 0 { throw ReplanError.badBudget(maxMoves) }
    var instance = instance
    instance.quarter = quarter.description
    let fromScratch = standing.previous == nil
    let district = District(instance)
    var forced = ForcedMoves()
    var newHires: [String] = []
    var onLeave: [String] = []
    var backFromLeave: [String] = []
    for index in instance.people.indices {
      var person = instance.people[index]
      if let pin = pins[person.id] { person.pinned = pin }
      let held = standing.held[person.id]
      person.currentPosting = held?.posting
      person.tenure = held?.quarters ?? 0
      defer { instance.people[index] = person }
      if person.unavailable {
        onLeave.append(person.id)
        continue
      }
      guard let current = person.currentPosting else {
        if !fromScratch { newHires.append(person.id) }
        continue
      }
      if standing.postings[person.id] == .unassigned || standing.postings[person.id] == nil {
        backFromLeave.append(person.id)
      }
      if let pin = person.pinned {
        if pin != current { forced.pins.append(person.id) }
        continue
      }
      if !suits(current, person: person, district: district) {
        forced.withdrawn.append(person.id)
      } else if let limit = instance.policy.maxTenureQuarters, person.tenure + 1 > limit {
        forced.rotation.append(person.id)
      }
    }
    if fromScratch {
      instance.policy.maxMoves = nil
    } else if let maxMoves {
      instance.policy.maxMoves = maxMoves
    }
    let present = Set(instance.people.map(\.id))
    let departures = standing.postings.filter { !present.contains($0.key) }
      .map { (person: $0.key, posting: $0.value) }.sorted { $0.person < $1.person }
    return PreparedReplan(
      instance: instance, previous: standing.previous, previousPostings: standing.postings,
      departures: departures, newHires: newHires, onLeave: onLeave, backFromLeave: backFromLeave,
      forced: forced, quarter: quarter)
  }

  /// Whether a person may keep a posting under this quarter's instance: the
  /// town or zone still exists, auxiliaries are stationed, zoned officers
  /// drive (when the policy says so), avoidance holds.
  static func suits(_ posting: Posting, person: Person, district: District) -> Bool {
    switch posting {
    case .unassigned: return false
    case .stationed(let town):
      return district.town(town) != nil && !district.avoids(person, town: town)
    case .zoned(let zone):
      guard district.zone(zone) != nil, person.isOfficer else { return false }
      return person.drives || !district.policy.zonedMustDrive
    }
  }
}
