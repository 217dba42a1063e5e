import SecondmentDomain

/// A value read from a scenario file, with the line it was written on.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
  public var value: Value
  /// 1-based line in the scenario file, when known.
  public var line: Int?

  public init(_ value: Value, line: Int? = nil) {
    self.value = value
    self.line = line
  }
}

/// A what-if scenario: a titled list of changes to a base instance.
///
/// Read one with `Scenario.load(path:)` or `Scenario.parse(_:file:)`; apply it
/// with `apply(to:)`. `docs/scenarios.md` describes the file format.
public struct Scenario: Sendable, Hashable {
  /// The scenario file as the planner named it (used in every error message).
  public var file: String
  /// Short identifier, e.g. `law-graduates`; defaults to the file name without extension.
  public var name: String
  /// What the scenario asks, e.g. `10 law-graduate hires for market regulation`.
  public var title: String
  /// Free text: why, and where the figures come from.
  public var description: String?
  /// The base instance's path as written, relative to the scenario file.
  public var base: Located<String>
  /// The changes, applied in order.
  public var changes: [ScenarioStep]

  public init(
    file: String, name: String, title: String, description: String? = nil,
    base: Located<String>, changes: [ScenarioStep]
  ) {
    self.file = file
    self.name = name
    self.title = title
    self.description = description
    self.base = base
    self.changes = changes
  }
}

/// One change of a scenario and the line it starts on.
public struct ScenarioStep: Sendable, Hashable {
  public var change: ScenarioChange
  public var line: Int?

  public init(_ change: ScenarioChange, line: Int? = nil) {
    self.change = change
    self.line = line
  }
}

/// What one scenario change does to the base instance.
public enum ScenarioChange: Sendable, Hashable {
  /// New people join a department.
  case hire(Hire)
  /// People leave the secondment (removed from the staff list).
  case remove(PeopleSelection)
  /// People stay on the staff list but get no posting (leave, training).
  case makeUnavailable(PeopleSelection)
  /// Demand is scaled, set or raised for selected towns and departments.
  case demand(DemandChange)
  /// A department's seconded headcount is set; staff are hired or removed to match.
  case quota(QuotaChange)
  /// Policy switches, parameters or weights are set (keys as in `Policy`).
  case policy([PolicySetting])
  /// A zone is added, or replaced when its id exists.
  case zone(ZoneChange)
  /// A zone is dropped.
  case removeZone(Located<String>)
  /// One department's secondment (people and demand) moves into another's.
  case merge(Merge)
  /// Demand derived from a workload (docs/workload.md), its counts scaled first.
  case workload(WorkloadChange)

  /// The key that introduces this change in a scenario file.
  public var keyword: String {
    switch self {
    case .hire: "hire"
    case .remove: "remove"
    case .makeUnavailable: "unavailable"
    case .demand: "demand"
    case .quota: "quota"
    case .policy: "policy"
    case .zone: "zone"
    case .removeZone: "removeZone"
    case .merge: "merge"
    case .workload: "workload"
    }
  }

  /// Every change keyword a scenario file may use.
  public static let keywords = [
    "hire", "remove", "unavailable", "demand", "quota", "policy", "zone", "removeZone", "merge", "workload",
  ]
}

/// Attributes new people get.
public struct HireAttributes: Sendable, Hashable {
  public var role: Role
  public var certified: Bool
  public var legal: Bool
  public var drives: Bool
  /// Home towns, given to the new people in turn (cycled); empty: no home town.
  public var homeTowns: [Located<String>]
  /// Preferred towns of every new person.
  public var preferredTowns: [Located<String>]

  public init(
    role: Role = .officer, certified: Bool = true, legal: Bool = false, drives: Bool = true,
    homeTowns: [Located<String>] = [], preferredTowns: [Located<String>] = []
  ) {
    self.role = role
    self.certified = certified
    self.legal = legal
    self.drives = drives
    self.homeTowns = homeTowns
    self.preferredTowns = preferredTowns
  }
}

/// `count` new people of one department.
public struct Hire: Sendable, Hashable {
  public var count: Located<Int>
  public var department: Located<String>
  public var attributes: HireAttributes
  /// Ids for the new people (exactly `count` when given); else generated.
  public var ids: [Located<String>]
  /// Names for the new people (exactly `count` when given); else generated.
  public var names: [Located<String>]

  public init(
    count: Located<Int>, department: Located<String>, attributes: HireAttributes = .init(),
    ids: [Located<String>] = [], names: [Located<String>] = []
  ) {
    self.count = count
    self.department = department
    self.attributes = attributes
    self.ids = ids
    self.names = names
  }
}

/// Which people a removal or leave concerns.
public enum PeopleSelection: Sendable, Hashable {
  /// These people, by id.
  case people([Located<String>])
  /// `count` people of one role from a department: the last available ones in
  /// the instance's staff order (deterministic).
  case fromDepartment(department: Located<String>, count: Located<Int>, role: Role)
}

/// Which towns a demand change concerns.
public enum TownSelector: Sendable, Hashable {
  case all
  case towns([Located<String>])
  /// Pilot towns (`true`) or the other towns (`false`).
  case pilot(Located<Bool>)
}

/// How a demand change alters each selected (town, department) figure.
public enum DemandOperation: Sendable, Hashable {
  /// Multiply existing demand (pairs without demand stay without).
  case factor(Double)
  /// Set demand to this FTE (0 removes it).
  case set(Double)
  /// Add this FTE to the demand (may be negative; the result is floored at 0).
  case add(Double)
}

/// A change of demand for some towns and departments.
public struct DemandChange: Sendable, Hashable {
  public var towns: TownSelector
  /// Departments concerned; empty means every department.
  public var departments: [Located<String>]
  public var operation: Located<DemandOperation>

  public init(
    towns: TownSelector, departments: [Located<String>], operation: Located<DemandOperation>
  ) {
    self.towns = towns
    self.departments = departments
    self.operation = operation
  }
}

/// A department's new seconded headcount.
///
/// When the staff list has fewer people of a role than the new figure, new
/// people with `newHires` attributes join; when it has more, the last ones in
/// staff order leave.
public struct QuotaChange: Sendable, Hashable {
  public var department: Located<String>
  public var officers: Located<Int>?
  public var auxiliaries: Located<Int>?
  /// Attributes of people hired to reach the quota (role is set per quota).
  public var newHires: HireAttributes

  public init(
    department: Located<String>, officers: Located<Int>? = nil, auxiliaries: Located<Int>? = nil,
    newHires: HireAttributes = .init()
  ) {
    self.department = department
    self.officers = officers
    self.auxiliaries = auxiliaries
    self.newHires = newHires
  }
}

/// A scalar a policy key is set to.
public enum PolicyValue: Sendable, Hashable, CustomStringConvertible {
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  /// Switches an optional rule off (`maxTenureQuarters`, `maxMoves`, `responseMinutes`).
  case null

  public var description: String {
    switch self {
    case .bool(let b): "\(b)"
    case .int(let i): "\(i)"
    case .double(let d): "\(d)"
    case .string(let s): s
    case .null: "null"
    }
  }
}

/// One policy key set by a scenario, e.g. `avoidanceRadiusMinutes = 15` or
/// `weights.unmetDemand = 120`.
public struct PolicySetting: Sendable, Hashable {
  /// `["avoidanceRadiusMinutes"]` or `["weights", "unmetDemand"]`.
  public var path: [String]
  public var value: PolicyValue
  public var line: Int?

  public init(path: [String], value: PolicyValue, line: Int? = nil) {
    self.path = path
    self.value = value
    self.line = line
  }

  public var key: String { path.joined(separator: ".") }
}

/// A zone to add (or replace, when its id exists).
public struct ZoneChange: Sendable, Hashable {
  public var id: Located<String>
  public var name: String?
  /// Town ids, hub first.
  public var towns: [Located<String>]

  public init(id: Located<String>, name: String? = nil, towns: [Located<String>]) {
    self.id = id
    self.name = name
    self.towns = towns
  }
}

/// Department `from` stops seconding on its own: its people and demand move to `into`.
public struct Merge: Sendable, Hashable {
  public var from: Located<String>
  public var into: Located<String>
  /// A new English name for the merged department, when given.
  public var englishName: String?

  public init(from: Located<String>, into: Located<String>, englishName: String? = nil) {
    self.from = from
    self.into = into
    self.englishName = englishName
  }
}

/// Demand from a workload: the item catalogue and the records (files
/// relative to the scenario file), counts scaled by `scalings` in order,
/// then every town's demand derived (`DemandDerivation`) and the joint
/// inspections planned where the records have them.
public struct WorkloadChange: Sendable, Hashable {
  /// The workload file as written (CSV or workbook).
  public var file: Located<String>
  /// The catalogue file as written; nil when the workload workbook holds it.
  public var items: Located<String>?
  public var scalings: [WorkloadScaling]
  /// The files' contents, read by `Scenario.load` (names as written); nil
  /// for a scenario parsed without reading them.
  public var workload: Workload?

  public init(
    file: Located<String>, items: Located<String>? = nil, scalings: [WorkloadScaling] = [],
    workload: Workload? = nil
  ) {
    self.file = file
    self.items = items
    self.scalings = scalings
    self.workload = workload
  }
}

/// Scales the counts (invocations, cases, inspections) of some records: of
/// the items of a category or listed, less those excepted, in some towns.
public struct WorkloadScaling: Sendable, Hashable {
  /// Items of this category (nil: any).
  public var category: ItemCategory?
  /// These items (ids); empty: every item of the category.
  public var items: [Located<String>]
  /// Items left as they are.
  public var except: [Located<String>]
  /// Towns concerned; empty: every town.
  public var towns: [Located<String>]
  /// Each count becomes round(count × factor); 0 drops the work.
  public var factor: Located<Double>
  public var line: Int?

  public init(
    category: ItemCategory? = nil, items: [Located<String>] = [], except: [Located<String>] = [],
    towns: [Located<String>] = [], factor: Located<Double>, line: Int? = nil
  ) {
    self.category = category
    self.items = items
    self.except = except
    self.towns = towns
    self.factor = factor
    self.line = line
  }
}
