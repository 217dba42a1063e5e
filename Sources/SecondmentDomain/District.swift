import Foundation

/// An instance resolved for planning: indices, travel minutes and zones.
///
/// Build it from an instance that passed validation (`InstanceLoader` does
/// both). Every rule that solvers and the checker must agree on — travel,
/// avoidance, a zoned officer's FTE and the best split (`ZoneSplit.swift`) —
/// is defined here once.
public struct District: Sendable {
  public let instance: Instance
  /// Town id to its position in `instance.towns`.
  public let townIndex: [String: Int]
  /// Department id to its position in `instance.departments`.
  public let departmentIndex: [String: Int]
  /// Person id to its position in `instance.people`.
  public let personIndex: [String: Int]
  /// The zones in force: the instance's, or generated when it gives none.
  public let zones: [Zone]
  /// Zone id to its position in `zones`.
  public let zoneIndex: [String: Int]
  /// Whether `zones` were generated from travel times.
  public let zonesGenerated: Bool
  /// `minutes[i][j]`: travel minutes between towns by index.
  public let minutes: [[Double]]
  /// Each person's home town by index, in instance order; nil when none or unknown.
  public let homeTownIndex: [Int?]
  /// Each zone's hub by town index (nil for an unknown hub), as `zones`.
  public let zoneHubIndex: [Int?]
  /// Each zone's tour minutes beyond the hub (`zoneTourMinutes`), as `zones`.
  public let zoneTours: [Double]

  public init(_ instance: Instance) {
    self.instance = instance
    townIndex = Dictionary(
      instance.towns.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    departmentIndex = Dictionary(
      instance.departments.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    personIndex = Dictionary(
      instance.people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let minutes = District.travelMinutes(instance, townIndex: townIndex)
    self.minutes = minutes
    if let given = instance.zones {
      zones = given
      zonesGenerated = false
    } else {
      zones = District.generateZones(instance, minutes: minutes)
      zonesGenerated = true
    }
    zoneIndex = Dictionary(
      zones.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let towns = townIndex
    homeTownIndex = instance.people.map { $0.homeTown.flatMap { towns[$0] } }
    zoneHubIndex = zones.map { towns[$0.hub] }
    zoneTours = zones.map { District.tourMinutes($0, townIndex: towns, minutes: minutes) }
  }

  public var towns: [Town] { instance.towns }
  public var departments: [Department] { instance.departments }
  public var people: [Person] { instance.people }
  public var policy: Policy { instance.policy }

  public func town(_ id: String) -> Town? { townIndex[id].map { instance.towns[$0] } }
  public func zone(_ id: String) -> Zone? { zoneIndex[id].map { zones[$0] } }
  public func person(_ id: String) -> Person? { personIndex[id].map { instance.people[$0] } }

  /// Travel minutes between two towns by id (0 for the same town or unknown ids).
  public func minutes(_ from: String, _ to: String) -> Double {
    guard let i = townIndex[from], let j = townIndex[to] else { return 0 }
    return minutes[i][j]
  }

  /// Minutes a zoned officer spends touring a zone beyond the hub: the sum of
  /// hub-to-town minutes over the zone's other towns.
  public func zoneTourMinutes(_ zone: Zone) -> Double {
    District.tourMinutes(zone, townIndex: townIndex, minutes: minutes)
  }

  private static func tourMinutes(_ zone: Zone, townIndex: [String: Int], minutes: [[Double]]) -> Double {
    guard let hub = townIndex[zone.hub] else { return 0 }
    return zone.towns.dropFirst().reduce(0) { sum, id in sum + (townIndex[id].map { minutes[hub][$0] } ?? 0) }
  }

  /// Travel minutes a posting costs a person: the commute from the home town
  /// to the posting town (or the zone's hub), plus the zone tour when zoned.
  /// People without a home town commute 0 minutes.
  public func travelMinutes(of person: Person, _ posting: Posting) -> Double {
    let home = person.homeTown.flatMap { townIndex[$0] }
    switch posting {
    case .unassigned: return 0
    case .stationed(let town):
      return townIndex[town].map { travelMinutes(home: home, stationedAt: $0) } ?? 0
    case .zoned(let zone):
      return zoneIndex[zone].map { travelMinutes(home: home, zonedIn: $0) } ?? 0
    }
  }

  /// `travelMinutes(of:_:)` for person `p` (index in the instance's people)
  /// stationed at town `t` (index in its towns); the checker's and the
  /// greedy's tables are built from it.
  public func travelMinutes(person p: Int, stationedAt t: Int) -> Double {
    travelMinutes(home: homeTownIndex[p], stationedAt: t)
  }

  /// `travelMinutes(of:_:)` for person `p` zoned in zone `z` (index in `zones`).
  public func travelMinutes(person p: Int, zonedIn z: Int) -> Double {
    travelMinutes(home: homeTownIndex[p], zonedIn: z)
  }

  private func travelMinutes(home: Int?, stationedAt t: Int) -> Double {
    home.map { minutes[$0][t] } ?? 0
  }

  private func travelMinutes(home: Int?, zonedIn z: Int) -> Double {
    let commute = home.flatMap { home in zoneHubIndex[z].map { minutes[home][$0] } } ?? 0
    return commute + zoneTours[z]
  }

  /// Whether avoidance keeps this person from being stationed at this town:
  /// it is their home town, or within `avoidanceRadiusMinutes` of it.
  public func avoids(_ person: Person, town: String) -> Bool {
    guard let t = townIndex[town] else { return false }
    return avoids(home: person.homeTown.flatMap { townIndex[$0] }, town: t)
  }

  /// `avoids(_:town:)` for person `p` and town `t`, both by index.
  public func avoids(person p: Int, town t: Int) -> Bool {
    avoids(home: homeTownIndex[p], town: t)
  }

  private func avoids(home: Int?, town t: Int) -> Bool {
    guard policy.avoidance, let home else { return false }
    if home == t { return true }
    let radius = policy.avoidanceRadiusMinutes
    return radius > 0 && minutes[home][t] <= radius
  }

  /// The towns a posting puts a person in: one when stationed, the zone's when zoned.
  public func towns(of posting: Posting) -> [String] {
    switch posting {
    case .stationed(let t): return [t]
    case .zoned(let z): return zone(z)?.towns ?? []
    case .unassigned: return []
    }
  }

  /// Minutes from a posting to a town for a call (docs/rules.md, Response
  /// time): 0 when the posting puts the officer in the town, else the travel
  /// from the nearest of its towns; nil for no posting.
  public func responseMinutes(from posting: Posting, to town: String) -> (minutes: Double, from: String)? {
    let towns = towns(of: posting)
    if towns.contains(town) { return (0, town) }
    guard let from = towns.min(by: { minutes($0, town) < minutes($1, town) }) else { return nil }
    return (minutes(from, town), from)
  }

  // MARK: - Derivation

  private static func travelMinutes(_ instance: Instance, townIndex: [String: Int]) -> [[Double]] {
    let n = instance.towns.count
    var m = Array(repeating: Array(repeating: 0.0, count: n), count: n)
    if let travel = instance.travel {
      for (a, ta) in travel.towns.enumerated() {
        for (b, tb) in travel.towns.enumerated() {
          guard let i = townIndex[ta], let j = townIndex[tb],
            a < travel.minutes.count, b < travel.minutes[a].count
          else { continue }
          m[i][j] = travel.minutes[a][b]
        }
      }
      return m
    }
    let speed = max(instance.policy.travelSpeedKmh, 1)
    for i in 0..<n {
      for j in 0..<n where i != j {
        let a = instance.towns[i]
        let b = instance.towns[j]
        let dx = (a.x ?? 0) - (b.x ?? 0)
        let dy = (a.y ?? 0) - (b.y ?? 0)
        let km = (dx * dx + dy * dy).squareRoot() * 1.3
        m[i][j] = (km / speed * 60).rounded()
      }
    }
    return m
  }

  /// Zones from travel times: for each town (as hub) the town plus its nearest
  /// neighbours within `zoneRadiusMinutes`, at most `zoneMaxTowns` in all;
  /// single-town zones and repeats of the same town set are dropped.
  static func generateZones(_ instance: Instance, minutes: [[Double]]) -> [Zone] {
    let policy = instance.policy
    var seen = Set<[String]>()
    var zones: [Zone] = []
    for (i, hub) in instance.towns.enumerated() {
      let neighbours = instance.towns.indices
        .filter { $0 != i && minutes[i][$0] <= policy.zoneRadiusMinutes }
        .sorted { (minutes[i][$0], $0) < (minutes[i][$1], $1) }
        .prefix(max(policy.zoneMaxTowns - 1, 0))
      guard !neighbours.isEmpty else { continue }
      let towns = [hub.id] + neighbours.map { instance.towns[$0].id }
      let key = towns.sorted()
      guard seen.insert(key).inserted else { continue }
      zones.append(Zone(id: "zone-\(hub.id)", name: "\(hub.displayName) zone", towns: towns))
    }
    return zones
  }
}
