import Foundation
import SecondmentDomain

extension ScenarioApplier {
  /// Derives every town's demand from the workload, its counts scaled first.
  mutating func apply(_ change: WorkloadChange, line: Int?) throws {
    guard let read = change.workload else {
      throw fail(line, "the workload \(change.file.value) was not read", fix: "load the scenario with Scenario.load(path:)")
    }
    let (resolved, unresolved) = read.resolved(in: instance)
    if let first = unresolved.first {
      throw fail(
        change.file.line ?? line, "the workload names \(first), which the instance does not have"
          + (unresolved.count > 1 ? " (and \(unresolved.count - 1) more)" : ""),
        fix: "write towns and departments as the instance names them (id, Chinese name or pinyin)")
    }
    var workload = resolved
    let index = NameIndex(instance)
    let before = instance.towns.reduce(0) { $0 + $1.demand.values.reduce(0, +) }
    let hoursBefore = workload.totals.hours
    var said: [String] = []
    for scaling in change.scalings {
      for id in scaling.items + scaling.except where workload.item(id.value) == nil {
        throw fail(id.line ?? scaling.line, "no item `\(id.value)` in the catalogue", fix: "use an item id of the catalogue (事项编号)")
      }
      var towns = Set<String>()
      for town in scaling.towns {
        guard case .id(let t) = index.town(town.value) else {
          throw unknown("town", town, known: instance.towns.map(\.id))
        }
        towns.insert(t)
      }
      let listed = Set(scaling.items.map(\.value))
      let excepted = Set(scaling.except.map(\.value))
      let category = Dictionary(workload.items.map { ($0.id, $0.category) }, uniquingKeysWith: { a, _ in a })
      var touched = Set<String>()
      for r in workload.records.indices {
        let record = workload.records[r]
        guard scaling.category.map({ category[record.item] == $0 }) ?? true,
          listed.isEmpty || listed.contains(record.item), !excepted.contains(record.item),
          towns.isEmpty || towns.contains(record.town)
        else { continue }
        let f = scaling.factor.value
        workload.records[r].invocations = Int((Double(record.invocations) * f).rounded())
        workload.records[r].cases = Int((Double(record.cases) * f).rounded())
        workload.records[r].inspections = Int((Double(record.inspections) * f).rounded())
        touched.insert(record.item)
      }
      let what = [
        scaling.category.map { "\($0.rawValue) items" } ?? (listed.isEmpty ? "all items" : "items \(listing(scaling.items.map(\.value)))"),
        excepted.isEmpty ? nil : "except \(excepted.count)",
        towns.isEmpty ? nil : "in \(listing(scaling.towns.map(\.value)))",
      ].compactMap { $0 }.joined(separator: " ")
      said.append("\(what) × \(fmt(scaling.factor.value)) (\(touched.count) items)")
    }
    let demand = DemandDerivation.derive(
      workload, towns: instance.towns.map(\.id), departments: instance.departments.map(\.id), policy: instance.policy)
    instance = DemandDerivation.apply(demand, workload: workload, to: instance)
    let after = instance.towns.reduce(0) { $0 + $1.demand.values.reduce(0, +) }
    let hours = workload.totals.hours
    log.append(
      "demand from the workload \(change.file.value)"
        + (said.isEmpty ? "" : ", " + said.joined(separator: "; "))
        + ": \(Int(hoursBefore.rounded())) → \(Int(hours.rounded())) working hours; demand "
        + "\(Rounding.round(before, 0.1)) → \(Rounding.round(after, 0.1)) FTE over \(demand.filter { $0.fte > 0 }.count) pairs")
  }
}
