import ArgumentParser
import Foundation
import SecondmentDomain
import SecondmentSheets

extension Secondment {
  /// `secondment demand WORKLOAD [--items CATALOGUE] [--instance I --write F]`:
  /// demand that follows from the workload.
  struct Demand: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Derive each town's demand from the year's workload and the item catalogue.",
      discussion: """
        Prints the workload's totals (items per category, invocations, penalty
        cases, joint inspections) and the demand it asks for: per town and
        department, basePresenceFTE + working hours / hoursPerFTE (the
        policy's, defaults 0.25 and 1760), to 0.1 FTE, with the items behind
        the most hours (docs/workload.md).

        WORKLOAD is a CSV file (镇街, 事项, 办理次数, 办结案件, 检查次数) or a
        workbook with a 'workload' sheet (工作量) and, unless --items is given,
        an 'items' sheet (事项目录). With --instance, towns and departments may
        be written by name, the instance's policy is used, and --write writes
        the instance with the derived demand and the joint inspections planned
        per town (JSON, or a workbook by its .xlsx name). Exit status 0, or 2
        on bad input.
        """)

    @Argument(help: "The year's workload: a CSV file or a workbook.")
    var workload: String

    @Option(help: ArgumentHelp("The item catalogue (CSV or workbook); not needed when WORKLOAD is a workbook holding it.", valueName: "file"))
    var items: String?

    @Option(help: ArgumentHelp("The instance whose towns, departments and policy to use.", valueName: "file"))
    var instance: String?

    @Option(help: ArgumentHelp("Write the instance with the derived demand here (needs --instance).", valueName: "file"))
    var write: String?

    @Option(help: ArgumentHelp("Items shown behind each demand figure.", valueName: "n"))
    var top: Int = 3

    @Option(help: ArgumentHelp("The encoding of CSV input: utf-8 or gb18030 (default: detected).", valueName: "name"))
    var encoding: TextEncoding?

    func validate() throws {
      if write != nil && instance == nil {
        throw ValidationError("--write needs --instance: the demand is written into an instance")
      }
      if top < 0 { throw ValidationError("--top is \(top); use 0 or more") }
    }

    func run() throws {
      try checkOutputsOrExit([("--write", write)], inputs: [workload, items, instance])
      let base = try instance.map { try loadInstanceOrExit($0, outcome: "no demand was derived") }
      let loaded = try exitingOnBadInput {
        try WorkloadSheets.read(path: workload, items: items, instance: base, encoding: encoding)
      }
      let policy = base?.policy ?? Policy()
      let towns = base?.towns.map(\.id) ?? ordered(loaded.records.map(\.town))
      let departments = base?.departments.map(\.id) ?? ordered(loaded.items.flatMap(\.departments))
      let demand = DemandDerivation.derive(loaded, towns: towns, departments: departments, policy: policy)
      printTotals(loaded.totals)
      let townName = { (id: String) in base?.towns.first { $0.id == id }?.name ?? id }
      let departmentName = { (id: String) in base?.departments.first { $0.id == id }?.name ?? id }
      let itemName = { (id: String) in loaded.item(id).map { "\($0.id) \($0.name)" } ?? id }
      print(
        "\nDemand: \(fmt(policy.basePresenceFTE)) FTE base + hours / \(fmt(policy.hoursPerFTE)) h per FTE, to \(fmt(DemandDerivation.step)) FTE"
      )
      let current = { (cell: DerivedDemand) in
        base?.towns.first { $0.id == cell.town }?.demand(of: cell.department)
      }
      var header = ["town", "department", "hours", "FTE"]
      if base != nil { header.append("now") }
      if top > 0 { header.append("most hours") }
      replanTable(
        header: header,
        rows: demand.map { cell in
          var row = [townName(cell.town), departmentName(cell.department), fmt(cell.hours, 0), fmt(cell.fte)]
          if base != nil { row.append(fmt(current(cell) ?? 0)) }
          if top > 0 {
            row.append(cell.items.prefix(top).map { "\(itemName($0.item)) \(fmt($0.hours, 0)) h" }.joined(separator: "; "))
          }
          return row
        })
      let total = demand.map(\.fte).reduce(0, +)
      print("Total: \(fmt(total)) FTE over \(demand.count) (town, department) pairs")
      guard let base else { return }
      let derived = DemandDerivation.apply(demand, workload: loaded, to: base)
      let changed = zip(base.towns, derived.towns).map { old, new in
        Set(old.demand.keys).union(new.demand.keys).filter { old.demand(of: $0) != new.demand(of: $0) }.count
      }.reduce(0, +)
      print(
        "Against \(instance ?? ""): \(changed == 0 ? "the same demand" : "\(changed) (town, department) pairs differ") (was \(fmt(base.towns.flatMap(\.demand.values).reduce(0, +))) FTE)"
      )
      guard let write else { return }
      let problems = InstanceValidation.problems(in: derived, file: write)
      if !problems.isEmpty {
        printError(InputErrors(problems).description)
        printError("the derived instance is not valid; nothing was written")
        throw ExitCode(2)
      }
      try exitingOnBadInput {
        try InstanceFiles.write(derived, to: write, form: Workbook.form(of: write) == .workbook ? .workbook : .json)
      }
      print("Wrote \(write)")
    }

    private func printTotals(_ t: WorkloadTotals) {
      let count = { (c: ItemCategory) in t.items[c] ?? 0 }
      let invoked = { (c: ItemCategory) in t.invocations[c] ?? 0 }
      print("Workload: \(workload)" + (items.map { " (items: \($0))" } ?? ""))
      print(
        "  Items: \(count(.statutory)) statutory (法定), \(count(.delegated)) delegated (赋权), \(count(.entrusted)) entrusted (委托); \(count(.joint)) joint scenarios (综合查一次)"
      )
      print(
        "  Invocations: \(invoked(.statutory)) of statutory items, \(invoked(.delegated)) of delegated items, \(invoked(.entrusted)) of entrusted items"
      )
      print("  Penalty cases closed: \(t.cases)")
      print("  Joint inspections: \(t.inspections) in \(t.scenariosInspected) scenarios")
      print("  Working hours: \(fmt(t.hours, 0)) (\(fmt(t.certifiedHours, 0)) need a certified officer)")
    }

    private func ordered(_ ids: [String]) -> [String] {
      var seen = Set<String>()
      return ids.filter { seen.insert($0).inserted }
    }

    private func fmt(_ x: Double, _ digits: Int = 2) -> String {
      let r = Rounding.round(x, digits == 0 ? 1 : Rounding.displayStep)
      return r == r.rounded() ? String(Int(r)) : String(r)
    }
  }
}
