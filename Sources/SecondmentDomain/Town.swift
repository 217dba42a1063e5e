/// Whether a town is an urban sub-district (街道) or a rural town (镇).
public enum TownKind: String, Codable, Sendable, CaseIterable {
  case subdistrict
  case town
}

/// A town or sub-district that receives seconded staff.
///
/// `demand` is in full-time equivalents (FTE) per department id; a department
/// absent from the map has no demand here. Coordinates are kilometres on a
/// local east/north grid and are used for travel times when the instance gives
/// no travel matrix.
public struct Town: Codable, Sendable, Hashable, Identifiable {
  /// Stable identifier, e.g. `changyuan`.
  public var id: String
  /// Name in Chinese, e.g. `昌元街道`.
  public var name: String
  /// Romanised name, e.g. `Changyuan`.
  public var pinyin: String?
  public var kind: TownKind
  /// A standardisation pilot town: its unmet demand weighs more.
  public var pilot: Bool
  /// Kilometres east of the district's reference point.
  public var x: Double?
  /// Kilometres north of the district's reference point.
  public var y: Double?
  /// Maximum stationed headcount (officers and auxiliaries together).
  public var deskCapacity: Int
  /// Demand in FTE per department id; never negative.
  public var demand: [String: Double]

  public init(
    id: String, name: String, pinyin: String? = nil, kind: TownKind,
    pilot: Bool = false, x: Double? = nil, y: Double? = nil,
    deskCapacity: Int, demand: [String: Double]
  ) {
    self.id = id
    self.name = name
    self.pinyin = pinyin
    self.kind = kind
    self.pilot = pilot
    self.x = x
    self.y = y
    self.deskCapacity = deskCapacity
    self.demand = demand
  }

  /// The name a planner reads: pinyin when known, else the Chinese name.
  public var displayName: String { pinyin ?? name }

  /// Demand in FTE of one department here (0 when it has none).
  public func demand(of department: String) -> Double { demand[department] ?? 0 }
}

/// A department of the district government that seconds staff.
///
/// `officers` and `auxiliaries` are the quota the department seconds; when
/// given, validation checks the staff list against them.
public struct Department: Codable, Sendable, Hashable, Identifiable {
  public var id: String
  /// Name in Chinese, e.g. `市场监督管理局`.
  public var name: String
  /// Name in English, e.g. `Market regulation`.
  public var englishName: String?
  /// A short Chinese name planners write, e.g. `交通局` (optional).
  public var shortName: String?
  public var officers: Int?
  public var auxiliaries: Int?

  public init(
    id: String, name: String, englishName: String? = nil, shortName: String? = nil,
    officers: Int? = nil, auxiliaries: Int? = nil
  ) {
    self.id = id
    self.name = name
    self.englishName = englishName
    self.shortName = shortName
    self.officers = officers
    self.auxiliaries = auxiliaries
  }

  /// The name a planner reads: English when known, else the Chinese name.
  public var displayName: String { englishName ?? name }
}

/// A cluster of neighbouring towns that one zoned officer covers (片区).
///
/// The first town is the zone's hub: a zoned officer commutes to it and tours
/// the others from there.
public struct Zone: Codable, Sendable, Hashable, Identifiable {
  public var id: String
  public var name: String?
  /// Town ids, hub first; at least one, no repeats.
  public var towns: [String]

  public init(id: String, name: String? = nil, towns: [String]) {
    self.id = id
    self.name = name
    self.towns = towns
  }

  public var hub: String { towns[0] }
}
