/// Whether a seconded person is a sworn officer or an auxiliary (协管员).
public enum Role: String, Codable, Sendable, CaseIterable {
  case officer
  case auxiliary
}

/// Where one person works for the planned period.
///
/// Officers are stationed at one town or zoned to one zone; auxiliaries are
/// only ever stationed; unavailable people are unassigned.
public enum Posting: Hashable, Sendable, CustomStringConvertible {
  case stationed(town: String)
  case zoned(zone: String)
  case unassigned

  /// The posting's kind as it is written in files: `stationed`, `zoned`, `unassigned`.
  public var mode: String {
    switch self {
    case .stationed: "stationed"
    case .zoned: "zoned"
    case .unassigned: "unassigned"
    }
  }

  public var description: String {
    switch self {
    case .stationed(let town): "stationed at \(town)"
    case .zoned(let zone): "zoned to \(zone)"
    case .unassigned: "unassigned"
    }
  }
}

extension Posting: Codable {
  private enum CodingKeys: String, CodingKey { case mode, town, zone }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let mode = try c.decode(String.self, forKey: .mode)
    switch mode {
    case "stationed": self = .stationed(town: try c.decode(String.self, forKey: .town))
    case "zoned": self = .zoned(zone: try c.decode(String.self, forKey: .zone))
    case "unassigned": self = .unassigned
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .mode, in: c,
        debugDescription:
          "unknown posting mode '\(mode)'; use stationed, zoned or unassigned")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(mode, forKey: .mode)
    switch self {
    case .stationed(let town): try c.encode(town, forKey: .town)
    case .zoned(let zone): try c.encode(zone, forKey: .zone)
    case .unassigned: break
    }
  }
}

/// One seconded officer or auxiliary.
public struct Person: Codable, Sendable, Hashable, Identifiable {
  public var id: String
  public var name: String
  /// Department id; the person serves only this department's demand.
  public var department: String
  public var role: Role
  /// Holds an enforcement certificate (执法证).
  public var certified: Bool
  /// Has a legal background (can do joint legal review, 法制审核).
  public var legal: Bool
  /// Can drive; zoned officers must.
  public var drives: Bool
  /// Town id where the person lives; avoidance keeps them from being stationed there.
  public var homeTown: String?
  /// The posting in force before this plan (for re-planning); nil for a new hire.
  public var currentPosting: Posting?
  /// Consecutive quarters already served in `currentPosting` (0 or more).
  public var tenure: Int
  /// Town ids the person would like to work in; empty means no preference.
  public var preferredTowns: [String]
  /// On leave or departing: gets no posting.
  public var unavailable: Bool
  /// A posting the plan must keep (set by the planner).
  public var pinned: Posting?
  /// Postings the plan must not give the person (set by the planner; nil or
  /// empty: none). The rule [forbidden].
  public var forbidden: [Posting]?

  public init(
    id: String, name: String, department: String, role: Role,
    certified: Bool = false, legal: Bool = false, drives: Bool = false,
    homeTown: String? = nil, currentPosting: Posting? = nil, tenure: Int = 0,
    preferredTowns: [String] = [], unavailable: Bool = false,
    pinned: Posting? = nil, forbidden: [Posting]? = nil
  ) {
    self.id = id
    self.name = name
    self.department = department
    self.role = role
    self.certified = certified
    self.legal = legal
    self.drives = drives
    self.homeTown = homeTown
    self.currentPosting = currentPosting
    self.tenure = tenure
    self.preferredTowns = preferredTowns
    self.unavailable = unavailable
    self.pinned = pinned
    self.forbidden = forbidden
  }

  private enum CodingKeys: String, CodingKey {
    case id, name, department, role, certified, legal, drives, homeTown
    case currentPosting, tenure, preferredTowns, unavailable, pinned, forbidden
  }

  /// Decodes a person; every attribute but id, name, department and role is optional.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    name = try c.decodeIfPresent(String.self, forKey: .name) ?? id
    department = try c.decode(String.self, forKey: .department)
    role = try c.decode(Role.self, forKey: .role)
    certified = try c.decodeIfPresent(Bool.self, forKey: .certified) ?? false
    legal = try c.decodeIfPresent(Bool.self, forKey: .legal) ?? false
    drives = try c.decodeIfPresent(Bool.self, forKey: .drives) ?? false
    homeTown = try c.decodeIfPresent(String.self, forKey: .homeTown)
    currentPosting = try c.decodeIfPresent(Posting.self, forKey: .currentPosting)
    tenure = try c.decodeIfPresent(Int.self, forKey: .tenure) ?? 0
    preferredTowns = try c.decodeIfPresent([String].self, forKey: .preferredTowns) ?? []
    unavailable = try c.decodeIfPresent(Bool.self, forKey: .unavailable) ?? false
    pinned = try c.decodeIfPresent(Posting.self, forKey: .pinned)
    forbidden = try c.decodeIfPresent([Posting].self, forKey: .forbidden)
  }

  public var isOfficer: Bool { role == .officer }
}
