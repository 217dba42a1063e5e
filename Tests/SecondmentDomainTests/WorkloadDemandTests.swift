import SecondmentDomain
import Testing

/// Demand from workload (docs/workload.md): base presence plus the hours of
/// a town's records over the working hours of an FTE.
@Suite("Demand from workload")
struct WorkloadDemandTests {
  let items = [
    WorkItem(id: "S1", name: "无照经营行政处罚", category: .statutory, departments: ["market"], hoursPerInvocation: 2, hoursPerCase: 10, certified: true),
    WorkItem(id: "D1", name: "食品经营行政检查", category: .delegated, departments: ["market"], hoursPerInvocation: 1.5),
    WorkItem(id: "E1", name: "占道经营行政强制", category: .entrusted, departments: ["urban"], hoursPerInvocation: 1),
    WorkItem(id: "J1", name: "沿街商铺", category: .joint, departments: ["market", "urban"], hoursPerInspection: 4),
  ]
  let policy = Policy()

  func demand(_ records: [WorkRecord]) -> [DerivedDemand] {
    DemandDerivation.derive(
      Workload(items: items, records: records), towns: ["alpha", "beta"], departments: ["market", "urban"], policy: policy)
  }

  @Test("a town's demand is the base presence plus its hours over the FTE hours, with the items behind it, most hours first")
  func demandIsBasePlusHoursOverFTEHours() {
    let cells = demand([
      WorkRecord(town: "alpha", item: "S1", invocations: 300, cases: 20),  // 800 h
      WorkRecord(town: "alpha", item: "D1", invocations: 400),  // 600 h
    ])
    #expect(cells.count == 1)
    let market = cells[0]
    #expect(market.town == "alpha" && market.department == "market")
    #expect(market.hours == 1400)
    #expect(market.fte == 1.0)  // 0.25 + 1400 / 1760 = 1.045 → 1.0
    #expect(market.items.map(\.item) == ["S1", "D1"])
    #expect(market.items.map(\.hours) == [800, 600])
  }

  @Test("adding a workload record changes the town's demand by exactly its hours over the FTE hours")
  func addedRecordChangesDemandByItsHours() {
    let before = demand([WorkRecord(town: "alpha", item: "S1", invocations: 660)])  // 1320 h: 0.25 + 0.75 = 1.0
    let added = WorkRecord(town: "alpha", item: "D1", invocations: 352)  // 528 h = 0.3 FTE
    let after = demand([WorkRecord(town: "alpha", item: "S1", invocations: 660), added])
    #expect(before[0].fte == 1.0)
    #expect(after[0].hours - before[0].hours == added.hours(of: items[1]))
    #expect(after[0].fte == before[0].fte + added.hours(of: items[1]) / policy.hoursPerFTE)
    #expect(after[0].fte == 1.3)
  }

  @Test("a joint inspection's hours count for every department taking part, and the towns it is planned in are written")
  func jointInspectionCountsForEveryDepartment() {
    let workload = Workload(items: items, records: [WorkRecord(town: "beta", item: "J1", inspections: 11)])
    let cells = DemandDerivation.derive(workload, towns: ["alpha", "beta"], departments: ["market", "urban"], policy: policy)
    #expect(cells.map(\.department) == ["market", "urban"])
    #expect(cells.allSatisfy { $0.hours == 44 && $0.town == "beta" })
    let totals = workload.totals
    #expect(totals.inspections == 11 && totals.scenariosInspected == 1 && totals.hours == 88)
    let instance = Instance(
      name: "two", departments: [Department(id: "market", name: "市场监督管理局"), Department(id: "urban", name: "城市管理局")],
      towns: [
        Town(id: "alpha", name: "甲镇", kind: .town, deskCapacity: 5, demand: ["market": 2]),
        Town(id: "beta", name: "乙镇", kind: .town, deskCapacity: 5, demand: [:]),
      ], people: [])
    let derived = DemandDerivation.apply(cells, workload: workload, to: instance)
    #expect(derived.towns[0].demand.isEmpty, "a pair without workload has no demand")
    #expect(derived.towns[1].demand == ["market": 0.3, "urban": 0.3])
    #expect(derived.jointInspections == [JointInspection(id: "J1", name: "沿街商铺", departments: ["market", "urban"], towns: ["beta"])])
  }

  @Test("the totals count items per category, invocations per category, cases and inspections")
  func totalsCountAsTheReportDoes() {
    let t = Workload(
      items: items,
      records: [
        WorkRecord(town: "alpha", item: "S1", invocations: 3, cases: 2),
        WorkRecord(town: "beta", item: "D1", invocations: 5, cases: 1),
        WorkRecord(town: "beta", item: "E1", invocations: 7),
      ]
    ).totals
    #expect(t.items == [.statutory: 1, .delegated: 1, .entrusted: 1, .joint: 1])
    #expect(t.invocations == [.statutory: 3, .delegated: 5, .entrusted: 7])
    #expect(t.cases == 3 && t.inspections == 0 && t.scenariosInspected == 0)
    #expect(t.certifiedHours == 26)
  }
}
