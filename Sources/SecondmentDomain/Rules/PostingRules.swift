/// The rules of one person's posting: [one-posting], [own-department],
/// [auxiliary-stationed], [avoidance], [zoned-must-drive], [pinned],
/// [forbidden], [tenure].
///
/// They depend on the person and the posting alone, so the formulation keeps
/// them by leaving the posting's column out of the strict model (in the
/// elastic re-solve the column stays, priced per rule broken), and the greedy
/// offers only postings that keep them (or, where none does, prices each
/// rule broken at its hard penalty). [one-posting] and [own-department] hold
/// by construction in both; only a roster from a file can break them.
///
/// Postings are slots, as in `District.slot(of:)`: town t is `t`, zone z is
/// `townCount + z`, no posting is `-1`.
public enum PostingRules {
  /// What the rules need to know of one person.
  public struct Facts: Sendable, Hashable {
    public let isOfficer: Bool
    public let drives: Bool
    /// Quarters served at the current posting.
    public let tenure: Int
    /// The current posting's slot; nil when none is given.
    public let current: Int?
    /// The pinned posting's slot; nil when not pinned.
    public let pinned: Int?
    /// The slots of the postings forbidden for the person.
    public let forbidden: [Int]

    /// A posting the district does not have (a pin or current posting to an unknown town).
    public static let unknownSlot = Int.min

    public init(_ person: Person, in district: District) {
      isOfficer = person.isOfficer
      drives = person.drives
      tenure = person.tenure
      current = person.currentPosting.map { district.slot(of: $0) ?? Facts.unknownSlot }
      pinned = person.pinned.map { district.slot(of: $0) ?? Facts.unknownSlot }
      forbidden = (person.forbidden ?? []).compactMap { district.slot(of: $0) }
    }
  }

  /// The per-person rules posting `slot` breaks.
  ///
  /// - Parameter avoidsTown: whether the slot is a town the person avoids
  ///   (`District.avoids(person:town:)`); false for a zone or no posting.
  @inlinable
  public static func broken(
    slot: Int, facts: Facts, avoidsTown: Bool, townCount: Int, policy: Policy
  ) -> PostingRuleSet {
    var broken: PostingRuleSet = []
    if slot >= townCount {
      if !facts.isOfficer { broken.insert(.auxiliaryStationed) }
      if policy.zonedMustDrive, facts.isOfficer, !facts.drives { broken.insert(.zonedMustDrive) }
    } else if slot >= 0, avoidsTown {
      broken.insert(.avoidance)
    }
    if let pin = facts.pinned, pin != slot { broken.insert(.pinned) }
    if slot >= 0, facts.forbidden.contains(slot) { broken.insert(.forbidden) }
    if let limit = policy.maxTenureQuarters, slot >= 0, facts.current == slot,
      facts.pinned != slot, facts.tenure + 1 > limit
    {
      broken.insert(.tenure)
    }
    return broken
  }

  /// The per-person rules `posting` breaks for `person`, in `HardRule` order.
  public static func broken(
    by posting: Posting, for person: Person, in district: District
  ) -> [HardRule] {
    let slot = district.slot(of: posting) ?? Facts.unknownSlot
    var avoids = false
    if case .stationed(let town) = posting { avoids = district.avoids(person, town: town) }
    return broken(
      slot: slot, facts: Facts(person, in: district), avoidsTown: avoids,
      townCount: district.towns.count, policy: district.policy
    ).rules
  }

  /// The planner's words for a per-person rule that `posting` breaks for
  /// person `p`, e.g. `Zhou Jie (t4) is stationed in Delta, their home town`.
  public static func message(
    _ rule: HardRule, person p: Int, posting: Posting, in district: District
  ) -> String {
    let person = district.people[p]
    let who = district.label(ofPerson: p)
    let place = district.words(for: posting)
    let policy = district.policy
    switch rule {
    case .avoidance:
      let why =
        if case .stationed(let town) = posting, person.homeTown == town {
          "their home town"
        } else {
          "within \(RuleWords.number(policy.avoidanceRadiusMinutes)) minutes of their home town"
        }
      return "\(who) is \(place), \(why)"
    case .auxiliaryStationed:
      return "\(who) is an auxiliary but is \(place); auxiliaries are only stationed"
    case .zonedMustDrive:
      return "\(who) is \(place) but cannot drive"
    case .pinned:
      let pin = person.pinned.map { district.words(for: $0) } ?? "unassigned"
      return "\(who) is pinned \(pin) but the roster has them \(place)"
    case .forbidden:
      return "\(who) is \(place), a posting the planner forbade for them"
    case .tenure:
      return
        "\(who) would serve \(person.tenure + 1) quarters in a row \(place); at most "
        + "\(policy.maxTenureQuarters ?? 0) allowed"
    case .onePosting:
      if person.unavailable { return "\(who) is unavailable but is \(place)" }
      switch posting {
      case .stationed(let town) where district.townIndex[town] == nil:
        return "\(who) is posted to unknown town '\(town)'"
      case .zoned(let zone) where district.zoneIndex[zone] == nil:
        return "\(who) is posted to unknown zone '\(zone)'"
      default:
        return "\(who) is available but has no posting"
      }
    default:
      return "\(who) is \(place): \(rule.rawValue)"
    }
  }

  /// The planner's words for a roster line that names another department
  /// than the person's own ([own-department]).
  public static func ownDepartmentMessage(person p: Int, claimed: String, in district: District)
    -> String
  {
    let person = district.people[p]
    let own = district.departmentIndex[person.department].map {
      district.departments[$0].displayName
    } ?? person.department
    return "\(district.label(ofPerson: p)) belongs to \(own) but the roster line puts them under "
      + "department '\(claimed)'"
  }
}

/// A set of per-person rules (`PostingRules`), as the greedy counts them.
public struct PostingRuleSet: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let auxiliaryStationed = PostingRuleSet(rawValue: 1 << 0)
  public static let avoidance = PostingRuleSet(rawValue: 1 << 1)
  public static let zonedMustDrive = PostingRuleSet(rawValue: 1 << 2)
  public static let pinned = PostingRuleSet(rawValue: 1 << 3)
  public static let tenure = PostingRuleSet(rawValue: 1 << 4)
  public static let forbidden = PostingRuleSet(rawValue: 1 << 5)

  /// Rules in the set.
  @inlinable public var count: Int { rawValue.nonzeroBitCount }

  /// The rules, in `HardRule` order.
  public var rules: [HardRule] {
    let all: [(PostingRuleSet, HardRule)] = [
      (.auxiliaryStationed, .auxiliaryStationed), (.avoidance, .avoidance),
      (.zonedMustDrive, .zonedMustDrive), (.pinned, .pinned), (.forbidden, .forbidden), (.tenure, .tenure),
    ]
    return all.filter { contains($0.0) }.map(\.1)
  }
}

/// Postings, people and numbers in the planner's words, for the rules' messages.
enum RuleWords {
  /// A number without a trailing `.0`: `12`, `0.5`.
  static func number(_ value: Double) -> String {
    let text = String(value)
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }
}

extension District {
  /// A posting's slot: town t is `t`, zone z is `towns.count + z`, no posting
  /// is -1; nil for a town or zone the district does not have.
  public func slot(of posting: Posting) -> Int? {
    switch posting {
    case .unassigned: -1
    case .stationed(let town): townIndex[town]
    case .zoned(let zone): zoneIndex[zone].map { towns.count + $0 }
    }
  }

  /// A person as messages name them: `Zhou Jie (t4)`.
  public func label(ofPerson p: Int) -> String { "\(people[p].name) (\(people[p].id))" }

  /// A posting in the planner's words: `stationed in Delta`,
  /// `zoned to Valley (Gamma, Delta)`, `unassigned`.
  public func words(for posting: Posting) -> String {
    switch posting {
    case .unassigned:
      return "unassigned"
    case .stationed(let id):
      guard let town = town(id) else { return posting.description }
      return "stationed in \(town.displayName)"
    case .zoned(let id):
      guard let zone = zone(id) else { return posting.description }
      let names = towns(of: posting).map { town($0)?.displayName ?? $0 }.joined(separator: ", ")
      return "zoned to \(zone.name ?? zone.id) (\(names))"
    }
  }
}
