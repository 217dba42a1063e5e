/// Travel times between towns in minutes, one row per town in `towns` order.
///
/// The matrix must be square, symmetric, non-negative and zero on the diagonal.
public struct TravelMatrix: Codable, Sendable, Hashable {
  /// Town ids naming the rows and columns.
  public var towns: [String]
  /// `minutes[i][j]`: minutes by road from `towns[i]` to `towns[j]`.
  public var minutes: [[Double]]

  public init(towns: [String], minutes: [[Double]]) {
    self.towns = towns
    self.minutes = minutes
  }
}

/// One planning problem: a district's departments, towns, zones, staff and policy.
///
/// This is the JSON document `docs/instance-format.md` describes. `zones` and
/// `travel` are optional: without zones the planner generates them from travel
/// times (see `Policy.zoneRadiusMinutes`), without travel it derives times from
/// town coordinates.
public struct Instance: Codable, Sendable, Hashable {
  /// The format tag every instance file carries.
  public static let formatTag = "secondment-instance"
  /// The newest format version this build reads and writes.
  public static let currentVersion = 1

  public var format: String = Instance.formatTag
  public var version: Int = Instance.currentVersion
  /// Short identifier, e.g. `rongchang-2024`.
  public var name: String
  /// A human title, e.g. `Rongchang District, 2024 baseline`.
  public var title: String?
  /// Free text: sources, what is real and what is illustrative.
  public var notes: [String]
  /// Which figures are made up rather than taken from a source.
  public var illustrative: [String]
  /// The planning quarter, e.g. `2025Q1` (optional).
  public var quarter: String?
  public var departments: [Department]
  public var towns: [Town]
  public var zones: [Zone]?
  public var travel: TravelMatrix?
  public var people: [Person]
  public var policy: Policy
  /// The inspect-once scenarios (综合查一次) and the towns each is planned in
  /// (absent: none); read by [joint-inspection].
  public var jointInspections: [JointInspection]?

  public init(
    name: String, title: String? = nil, notes: [String] = [],
    illustrative: [String] = [], quarter: String? = nil,
    departments: [Department], towns: [Town], zones: [Zone]? = nil,
    travel: TravelMatrix? = nil, people: [Person], policy: Policy = Policy(),
    jointInspections: [JointInspection]? = nil
  ) {
    self.name = name
    self.title = title
    self.notes = notes
    self.illustrative = illustrative
    self.quarter = quarter
    self.departments = departments
    self.towns = towns
    self.zones = zones
    self.travel = travel
    self.people = people
    self.policy = policy
    self.jointInspections = jointInspections
  }

  private enum CodingKeys: String, CodingKey {
    case format, version, name, title, notes, illustrative, quarter, departments
    case towns, zones, travel, people, policy, jointInspections
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    format = try c.decodeIfPresent(String.self, forKey: .format) ?? Instance.formatTag
    version = try c.decodeIfPresent(Int.self, forKey: .version) ?? Instance.currentVersion
    name = try c.decode(String.self, forKey: .name)
    title = try c.decodeIfPresent(String.self, forKey: .title)
    notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
    illustrative = try c.decodeIfPresent([String].self, forKey: .illustrative) ?? []
    quarter = try c.decodeIfPresent(String.self, forKey: .quarter)
    departments = try c.decode([Department].self, forKey: .departments)
    towns = try c.decode([Town].self, forKey: .towns)
    zones = try c.decodeIfPresent([Zone].self, forKey: .zones)
    travel = try c.decodeIfPresent(TravelMatrix.self, forKey: .travel)
    people = try c.decode([Person].self, forKey: .people)
    policy = try c.decodeIfPresent(Policy.self, forKey: .policy) ?? Policy()
    jointInspections = try c.decodeIfPresent([JointInspection].self, forKey: .jointInspections)
  }
}

/// An inspect-once scenario (综合查一次): departments that inspect together,
/// and the towns where the year's plan has such inspections.
public struct JointInspection: Codable, Sendable, Hashable, Identifiable {
  public var id: String
  /// Its name in Chinese, e.g. `沿街商铺`.
  public var name: String
  /// Department ids, every one taking part.
  public var departments: [String]
  /// Town ids where it is planned.
  public var towns: [String]

  public init(id: String, name: String, departments: [String], towns: [String]) {
    self.id = id
    self.name = name
    self.departments = departments
    self.towns = towns
  }
}
