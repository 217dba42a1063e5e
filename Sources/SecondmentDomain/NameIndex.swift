import Foundation

/// What a name in a planner's file stands for.
public enum NameMatch: Hashable, Sendable {
  /// Exactly one thing has this id or name.
  case id(String)
  /// Several things answer to this name; their ids.
  case ambiguous([String])
  /// Nothing has this id or name.
  case unknown
}

/// Finds towns, departments, zones and people by the names a planner writes.
///
/// - A town by its id, its Chinese name with or without the 镇/街道/乡 suffix
///   (`昌元街道`, `昌元`), or its pinyin (`Changyuan`, any case).
/// - A department by its id, its Chinese name (`交通运输局`), that name
///   without 局/委员会/委 (`交通运输`), its short name when the instance gives
///   one (`交通局`), or its English name.
/// - A zone by its id or name; a person by id, or by name when no one else
///   has it.
///
/// An exact id always wins; letters compare without case and spaces.
public struct NameIndex: Sendable {
  var towns: [String: Set<String>] = [:]
  var departments: [String: Set<String>] = [:]
  var zones: [String: Set<String>] = [:]
  var people: [String: Set<String>] = [:]
  var townIDs: Set<String>
  var departmentIDs: Set<String>
  var zoneIDs: Set<String>
  var personIDs: Set<String>

  /// Suffixes a town's Chinese name may be written without.
  public static let townSuffixes = ["街道办事处", "街道", "镇", "乡"]
  /// Suffixes a department's Chinese name may be written without.
  public static let departmentSuffixes = ["委员会", "局", "委"]

  public init(_ instance: Instance) {
    townIDs = Set(instance.towns.map(\.id))
    departmentIDs = Set(instance.departments.map(\.id))
    zoneIDs = Set((instance.zones ?? []).map(\.id))
    personIDs = Set(instance.people.map(\.id))
    for town in instance.towns {
      var names = [town.id, town.name, Self.strip(town.name, Self.townSuffixes)]
      if let pinyin = town.pinyin { names.append(pinyin) }
      Self.add(names, for: town.id, to: &towns)
    }
    for department in instance.departments {
      var names = [department.id, department.name, Self.strip(department.name, Self.departmentSuffixes)]
      if let short = department.shortName { names.append(short) }
      if let english = department.englishName { names.append(english) }
      Self.add(names, for: department.id, to: &departments)
    }
    for zone in instance.zones ?? [] {
      Self.add([zone.id] + (zone.name.map { [$0] } ?? []), for: zone.id, to: &zones)
    }
    for person in instance.people {
      Self.add([person.id, person.name], for: person.id, to: &people)
    }
  }

  public func town(_ text: String) -> NameMatch { Self.find(text, townIDs, towns) }
  public func department(_ text: String) -> NameMatch { Self.find(text, departmentIDs, departments) }
  public func zone(_ text: String) -> NameMatch { Self.find(text, zoneIDs, zones) }
  public func person(_ text: String) -> NameMatch { Self.find(text, personIDs, people) }

  /// Letters without case, spaces and full-width spaces dropped.
  public static func key(_ text: String) -> String {
    text.lowercased().filter { !$0.isWhitespace }
  }

  static func strip(_ name: String, _ suffixes: [String]) -> String {
    for suffix in suffixes where name.hasSuffix(suffix) && name.count > suffix.count {
      return String(name.dropLast(suffix.count))
    }
    return name
  }

  static func add(_ names: [String], for id: String, to map: inout [String: Set<String>]) {
    for name in names {
      let k = key(name)
      if !k.isEmpty { map[k, default: []].insert(id) }
    }
  }

  static func find(_ text: String, _ ids: Set<String>, _ map: [String: Set<String>]) -> NameMatch {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if ids.contains(trimmed) { return .id(trimmed) }
    let k = key(trimmed)
    guard let found = map[k] ?? map[key(strip(trimmed, townSuffixes))], !found.isEmpty else {
      return .unknown
    }
    return found.count == 1 ? .id(found.first ?? "") : .ambiguous(found.sorted())
  }
}

/// Rewrites every reference in an instance from the name a planner wrote to its id.
///
/// People's departments, home towns, postings, pins and preferred towns;
/// zones' towns; demand keys; the travel matrix's towns. A name that fits
/// several things is a problem (at its JSON path, listing the candidates); an
/// unknown name is left as written, for validation to report.
public enum InstanceNames {
  /// The instance with names resolved, and the ambiguous names found.
  public static func resolve(_ instance: Instance, file: String) -> (Instance, [InputError]) {
    let index = NameIndex(instance)
    var out = instance
    var errors: [InputError] = []
    func settle(_ text: String, _ match: NameMatch, _ what: String, at path: String) -> String {
      switch match {
      case .id(let id): return id
      case .unknown: return text
      case .ambiguous(let ids):
        errors.append(
          InputError(
            file: file, location: path, message: "'\(text)' could be any of several \(what): \(ids.joined(separator: ", "))",
            hint: "write the id of the one meant"))
        return text
      }
    }
    func town(_ text: String, _ path: String) -> String { settle(text, index.town(text), "towns", at: path) }
    func posting(_ p: Posting?, _ path: String) -> Posting? {
      switch p {
      case .stationed(let t)?: return .stationed(town: town(t, path + ".town"))
      case .zoned(let z)?: return .zoned(zone: settle(z, index.zone(z), "zones", at: path + ".zone"))
      default: return p
      }
    }
    for (i, t) in instance.towns.enumerated() {
      var demand: [String: Double] = [:]
      for (key, value) in t.demand {
        let id = settle(key, index.department(key), "departments", at: "towns[\(i)].demand.\(key)")
        demand[id, default: 0] += value
      }
      out.towns[i].demand = demand
    }
    for (i, zone) in (instance.zones ?? []).enumerated() {
      out.zones?[i].towns = zone.towns.enumerated().map { town($1, "zones[\(i)].towns[\($0)]") }
    }
    for (i, scenario) in (instance.jointInspections ?? []).enumerated() {
      out.jointInspections?[i].towns = scenario.towns.enumerated().map { town($1, "jointInspections[\(i)].towns[\($0)]") }
      out.jointInspections?[i].departments = scenario.departments.enumerated().map {
        settle($1, index.department($1), "departments", at: "jointInspections[\(i)].departments[\($0)]")
      }
    }
    if let travel = instance.travel {
      out.travel?.towns = travel.towns.enumerated().map { town($1, "travel.towns[\($0)]") }
    }
    for (i, p) in instance.people.enumerated() {
      let path = "people[\(i)]"
      out.people[i].department = settle(p.department, index.department(p.department), "departments", at: path + ".department")
      out.people[i].homeTown = p.homeTown.map { town($0, path + ".homeTown") }
      out.people[i].preferredTowns = p.preferredTowns.enumerated().map { town($1, "\(path).preferredTowns[\($0)]") }
      out.people[i].currentPosting = posting(p.currentPosting, path + ".currentPosting")
      out.people[i].pinned = posting(p.pinned, path + ".pinned")
      out.people[i].forbidden = p.forbidden.map { list in
        list.enumerated().compactMap { posting($1, "\(path).forbidden[\($0)]") }
      }
    }
    return (out, errors)
  }
}
