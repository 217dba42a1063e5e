/// The kind of an enforcement item in the town's list (执法事项清单).
///
/// `statutory` items are the town's own powers by law (法定), `delegated`
/// ones were handed to the town by the district (赋权), `entrusted` ones are
/// exercised in a department's name (委托). A `joint` entry is an
/// inspect-once scenario (综合查一次): one visit by several departments
/// together.
public enum ItemCategory: String, Codable, Sendable, CaseIterable, Hashable {
  case statutory
  case delegated
  case entrusted
  case joint

  /// The Chinese word a planner writes for the category.
  public var chinese: String {
    switch self {
    case .statutory: "法定"
    case .delegated: "赋权"
    case .entrusted: "委托"
    case .joint: "综合查一次"
    }
  }
}

/// One entry of the item catalogue: an enforcement item or an inspect-once scenario.
///
/// Hours are the working hours one invocation, one closed penalty case or
/// one inspection takes a department's officer. A joint scenario names
/// every department taking part; each spends `hoursPerInspection` on every
/// inspection.
public struct WorkItem: Codable, Sendable, Hashable, Identifiable {
  public var id: String
  /// The item's name in Chinese, e.g. `对无照经营的行政处罚`.
  public var name: String
  public var category: ItemCategory
  /// Department ids: one for an item, every taking part for a joint scenario.
  public var departments: [String]
  public var hoursPerInvocation: Double
  public var hoursPerCase: Double
  public var hoursPerInspection: Double
  /// Whether the work needs an officer holding an enforcement certificate.
  public var certified: Bool

  public init(
    id: String, name: String, category: ItemCategory, departments: [String],
    hoursPerInvocation: Double = 0, hoursPerCase: Double = 0, hoursPerInspection: Double = 0,
    certified: Bool = false
  ) {
    self.id = id
    self.name = name
    self.category = category
    self.departments = departments
    self.hoursPerInvocation = hoursPerInvocation
    self.hoursPerCase = hoursPerCase
    self.hoursPerInspection = hoursPerInspection
    self.certified = certified
  }
}

/// A town's yearly workload on one item: how often it was invoked, penalty
/// cases closed, inspections made.
public struct WorkRecord: Codable, Sendable, Hashable {
  /// Town id.
  public var town: String
  /// Item id (or joint scenario id).
  public var item: String
  public var invocations: Int
  public var cases: Int
  public var inspections: Int

  public init(town: String, item: String, invocations: Int = 0, cases: Int = 0, inspections: Int = 0) {
    self.town = town
    self.item = item
    self.invocations = invocations
    self.cases = cases
    self.inspections = inspections
  }

  /// The hours this record asks of each department of `item`.
  public func hours(of item: WorkItem) -> Double {
    Double(invocations) * item.hoursPerInvocation + Double(cases) * item.hoursPerCase
      + Double(inspections) * item.hoursPerInspection
  }
}

/// A district's item catalogue and a year of workload records, with ids resolved.
public struct Workload: Sendable, Hashable {
  public var items: [WorkItem]
  public var records: [WorkRecord]

  public init(items: [WorkItem], records: [WorkRecord]) {
    self.items = items
    self.records = records
  }

  /// The catalogue's entry with this id.
  public func item(_ id: String) -> WorkItem? { items.first { $0.id == id } }

  /// What the workload adds up to, as the district's report states it.
  public var totals: WorkloadTotals {
    let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var t = WorkloadTotals()
    for item in items { t.items[item.category, default: 0] += 1 }
    var inspected = Set<String>()
    for record in records {
      guard let item = byID[record.item] else { continue }
      t.invocations[item.category, default: 0] += record.invocations
      t.cases += record.cases
      t.inspections += record.inspections
      if record.inspections > 0 && item.category == .joint { inspected.insert(item.id) }
      let hours = record.hours(of: item) * Double(item.departments.count)
      t.hours += hours
      if item.certified { t.certifiedHours += hours }
    }
    t.scenariosInspected = inspected.count
    return t
  }
}

/// The figures a district's report gives for a year's workload.
public struct WorkloadTotals: Sendable, Hashable {
  /// Catalogue entries per category (joint: inspect-once scenarios).
  public var items: [ItemCategory: Int] = [:]
  /// Invocations per category of item.
  public var invocations: [ItemCategory: Int] = [:]
  /// Penalty cases closed.
  public var cases = 0
  /// Inspections made (joint inspections for the scenarios).
  public var inspections = 0
  /// Joint scenarios with at least one inspection.
  public var scenariosInspected = 0
  /// Working hours the workload asks of the departments, all towns.
  public var hours = 0.0
  /// Of those, hours that need a certified officer.
  public var certifiedHours = 0.0

  public init() {}
}

/// Demand derived from workload: one (town, department) with the items behind it.
public struct DerivedDemand: Sendable, Hashable {
  public var town: String
  public var department: String
  /// Working hours a year the workload asks of the department in the town.
  public var hours: Double
  /// `basePresenceFTE` + hours / `hoursPerFTE`, to the step `DemandDerivation.step`.
  public var fte: Double
  /// The items behind the hours, most hours first: item id and hours.
  public var items: [ItemHours]

  /// One item's share of a town's demand.
  public struct ItemHours: Sendable, Hashable {
    public var item: String
    public var hours: Double
  }
}

/// Demand(town, department) from the workload (docs/workload.md).
///
/// demand = `policy.basePresenceFTE` + hours / `policy.hoursPerFTE` for every
/// (town, department) with workload, rounded to `step`; a pair without
/// workload has no demand. The hours of a record are its invocations, cases
/// and inspections times the item's hours for each; a joint scenario's hours
/// count for every department taking part.
public enum DemandDerivation {
  /// The precision of derived demand, FTE: 0.1, a half day a week.
  public static let step = 0.1

  /// Every (town, department) with workload, in `towns` and `departments` order.
  public static func derive(
    _ workload: Workload, towns: [String], departments: [String], policy: Policy
  ) -> [DerivedDemand] {
    let byID = Dictionary(workload.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    struct Key: Hashable { let town: String, department: String }
    var parts: [Key: [String: Double]] = [:]
    for record in workload.records {
      guard let item = byID[record.item] else { continue }
      let hours = record.hours(of: item)
      for department in item.departments {
        parts[Key(town: record.town, department: department), default: [:]][item.id, default: 0] += hours
      }
    }
    var out: [DerivedDemand] = []
    for town in towns {
      for department in departments {
        guard let items = parts[Key(town: town, department: department)] else { continue }
        let hours = items.values.reduce(0, +)
        let order = items.map { DerivedDemand.ItemHours(item: $0.key, hours: $0.value) }
          .sorted { ($0.hours, $1.item) > ($1.hours, $0.item) }
        out.append(
          DerivedDemand(
            town: town, department: department, hours: hours,
            fte: fte(hours: hours, policy: policy), items: order))
      }
    }
    return out
  }

  /// The FTE of a year's hours: base presence plus hours over FTE hours, to `step`.
  public static func fte(hours: Double, policy: Policy) -> Double {
    Rounding.round(policy.basePresenceFTE + hours / policy.hoursPerFTE, step)
  }

  /// The instance with every town's demand replaced by `demand` (pairs
  /// absent from it get none), and the joint scenarios planned per town.
  public static func apply(_ demand: [DerivedDemand], workload: Workload, to instance: Instance) -> Instance {
    var out = instance
    for i in out.towns.indices {
      let id = out.towns[i].id
      out.towns[i].demand = Dictionary(
        demand.filter { $0.town == id && $0.fte > 0 }.map { ($0.department, $0.fte) },
        uniquingKeysWith: +)
    }
    let joint = workload.items.filter { $0.category == .joint }
    if !joint.isEmpty {
      out.jointInspections = joint.map { item in
        let towns = Set(workload.records.filter { $0.item == item.id && $0.inspections > 0 }.map(\.town))
        return JointInspection(
          id: item.id, name: item.name, departments: item.departments,
          towns: instance.towns.map(\.id).filter(towns.contains))
      }
    }
    return out
  }
}

extension Workload {
  /// The workload with towns and departments written by name (`NameIndex`)
  /// turned into `instance`'s ids, and the names that fit no town or
  /// department, or several.
  public func resolved(in instance: Instance) -> (workload: Workload, unresolved: [String]) {
    let index = NameIndex(instance)
    var unresolved: [String] = []
    func settle(_ text: String, _ match: NameMatch, _ what: String) -> String {
      if case .id(let id) = match { return id }
      if !unresolved.contains("\(what) '\(text)'") { unresolved.append("\(what) '\(text)'") }
      return text
    }
    var out = self
    for i in out.items.indices {
      out.items[i].departments = out.items[i].departments.map { settle($0, index.department($0), "department") }
    }
    for i in out.records.indices {
      out.records[i].town = settle(out.records[i].town, index.town(out.records[i].town), "town")
    }
    return (out, unresolved)
  }
}
