import ArgumentParser
import SecondmentDomain
import Foundation
import SecondmentPlanner

extension Secondment {
  /// `secondment validate INSTANCE [--staff CSV]`: load, validate, summarise.
  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check an instance file and print a one-screen summary of it.",
      discussion: """
        Exits 0 when the instance is valid, 2 when it is not (every problem is
        listed on standard error with the file, the JSON path or CSV line, and
        a fix). With --staff, the people of the staff CSV replace the
        instance's people (see docs/instance-format.md for the CSV columns).
        """)

    @Argument(help: ArgumentHelp(instanceHelp))
    var instance: String

    @OptionGroup var inputs: InputOptions

    func run() throws {
      let district = try loadDistrictOrExit(instance, inputs: inputs.source, outcome: "fix them and run validate again")
      print(InstanceSummary(district, file: instance, staff: inputs.staff).text)
    }
  }
}

/// The one-screen summary `validate` prints.
struct InstanceSummary {
  let text: String

  init(_ district: District, file: String, staff: String?) {
    let instance = district.instance
    let people = instance.people
    let officers = people.filter(\.isOfficer)
    let auxiliaries = people.filter { !$0.isOfficer }
    let subdistricts = instance.towns.filter { $0.kind == .subdistrict }.count
    let pilots = instance.towns.filter(\.pilot)
    let auxFTE = instance.policy.auxiliaryFTE
    var lines: [String] = []
    lines.append("\(instance.name)\(instance.title.map { ": \($0)" } ?? "")")
    lines.append("File: \(file)" + (staff.map { " (people from \($0))" } ?? "") + "; valid")
    lines.append("")
    lines.append(
      "  \(instance.towns.count) towns: \(subdistricts) sub-districts (街道), \(instance.towns.count - subdistricts) towns (镇); \(pilots.count) pilot towns"
    )
    lines.append("  \(instance.departments.count) departments")
    lines.append(
      "  \(people.count) people: \(officers.count) officers, \(auxiliaries.count) auxiliaries; \(people.filter(\.unavailable).count) unavailable"
    )
    lines.append(
      "  officers: \(officers.filter(\.certified).count) certified, \(officers.filter(\.legal).count) legal background, \(officers.filter(\.drives).count) drivers"
    )
    let sizes = district.zones.map(\.towns.count)
    let range = sizes.isEmpty ? "" : " (\(sizes.min() ?? 0)–\(sizes.max() ?? 0) towns each)"
    if district.zonesGenerated {
      lines.append(
        "  zones: \(district.zones.count) generated from travel times (radius \(number(instance.policy.zoneRadiusMinutes)) min, up to \(instance.policy.zoneMaxTowns) towns)\(range)"
      )
    } else {
      lines.append("  zones: \(district.zones.count) given\(range)")
    }
    lines.append(
      instance.travel != nil
        ? "  travel: matrix given for \(instance.travel?.towns.count ?? 0) towns"
        : "  travel: from coordinates at \(number(instance.policy.travelSpeedKmh)) km/h")
    if !pilots.isEmpty {
      let shown = pilots.prefix(12).map(\.displayName).joined(separator: ", ")
      lines.append("  pilot towns: " + shown + (pilots.count > 12 ? ", …" : ""))
    }
    lines.append("")

    // Per-department table.
    let header = ["department", "officers", "aux", "certified", "legal", "demand", "supply", "balance"]
    var rows: [[String]] = []
    var totals = Array(repeating: 0.0, count: 7)
    for department in instance.departments {
      let mine = people.filter { $0.department == department.id }
      let o = mine.filter(\.isOfficer)
      let a = mine.filter { !$0.isOfficer }
      let demand = instance.towns.reduce(0) { $0 + $1.demand(of: department.id) }
      let supply =
        Double(o.filter { !$0.unavailable }.count)
        + auxFTE * Double(a.filter { !$0.unavailable }.count)
      let values = [
        Double(o.count), Double(a.count), Double(o.filter(\.certified).count),
        Double(o.filter(\.legal).count), demand, supply, supply - demand,
      ]
      for k in values.indices { totals[k] += values[k] }
      rows.append([department.id] + values.enumerated().map { k, v in k < 4 ? String(Int(v)) : fte(v, signed: k == 6) })
    }
    rows.append(["total"] + totals.enumerated().map { k, v in k < 4 ? String(Int(v)) : fte(v, signed: k == 6) })
    let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
    func render(_ row: [String]) -> String {
      row.enumerated().map { c, cell in
        c == 0
          ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[c] - cell.count) + cell
      }.joined(separator: "  ")
    }
    lines.append("  " + render(header))
    for (i, row) in rows.enumerated() {
      if i == rows.count - 1 {
        lines.append("  " + String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1)))
      }
      lines.append("  " + render(row))
    }
    lines.append("")
    let demand = totals[4]
    let supply = totals[5]
    lines.append(
      "Demand \(fte(demand)) FTE against supply \(fte(supply)) FTE (\(fte(supply - demand, signed: true)))."
    )
    lines.append(
      "Supply: every available officer stationed (1 FTE) plus \(number(auxFTE)) FTE per available auxiliary; zoned officers give \(number(1 - instance.policy.zoneTravelOverhead)) FTE, so a real roster gives less."
    )
    let short = instance.departments.indices.filter { rows[$0][7].hasPrefix("-") }
    if !short.isEmpty {
      lines.append(
        "Short of demand: "
          + short.map { "\(instance.departments[$0].displayName) (\(rows[$0][7]))" }
          .joined(separator: ", ") + ".")
    }
    text = lines.joined(separator: "\n")
  }
}

/// FTE with one decimal; with `signed`, a leading + for surpluses.
func fte(_ value: Double, signed: Bool = false) -> String {
  let v = abs(value) < 0.05 ? 0 : value
  let text = String(format: "%.1f", v)
  return signed && v > 0 ? "+" + text : text
}

/// A number without a trailing .0 when whole.
func number(_ value: Double) -> String {
  value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
