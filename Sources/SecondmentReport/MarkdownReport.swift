import Foundation
import SecondmentDomain

/// Escapes text for Markdown (inline and table cells).
public func escapeMarkdown(_ text: String) -> String {
  var out = ""
  for ch in text {
    switch ch {
    case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "{", "}", "!":
      out.append("\\")
      out.append(ch)
    case "&": out += "&amp;"
    case "\n", "\r": out += " "
    default: out.append(ch)
    }
  }
  return out
}

extension Report {
  /// The report as Markdown: the same tables and lists as the HTML, with the
  /// heat map as a table of coverage percentages.
  public func markdown() -> String {
    var m = "# \(escapeMarkdown(title))\n\n"
    m += escapeMarkdown(
      "\(runs.count) run\(runs.count == 1 ? "" : "s"), made \(iso(provenance.date)) with secondment \(provenance.toolVersion).")
      + "\n\n"
    m += "## \(runs.count > 1 ? "Comparison" : "Summary")\n\n"
    m += "| Measure | " + runs.map { escapeMarkdown($0.label) }.joined(separator: " | ") + " |\n"
    m += "|---|" + runs.map { _ in "---:|" }.joined() + "\n"
    for row in comparison {
      let cells = row.cells.enumerated().map { i, cell in
        escapeMarkdown(cell + (deltaText(row, i).map { " (\($0))" } ?? ""))
      }
      m += "| \(escapeMarkdown(row.metric.trimmingCharacters(in: .whitespaces))) | "
        + cells.joined(separator: " | ") + " |\n"
    }
    let changes = peopleChanges
    for (i, s) in summaries.enumerated() {
      let run = s.run
      m += "\n## \(escapeMarkdown(runHeading(i)))\n\n"
      m += escapeMarkdown(
        "Solver \(run.solver), status \(run.status)"
          + (run.gap.map { String(format: ", gap %.2f%%", $0 * 100) } ?? "")
          + ". Objective \(number(run.objective.total)); \(s.coveredPairs)/\(s.pairsWithDemand) pairs covered; unmet \(number(s.unmetFTE)) FTE.")
        + "\n\n"
      if !run.changes.isEmpty {
        m += "### What the scenario changes\n\n"
        m += run.changes.map { "- \(escapeMarkdown($0))\n" }.joined() + "\n"
      }
      if !run.brokenRules.isEmpty {
        m += "### Hard rules broken\n\n"
        m += run.brokenRules.map { "- \(escapeMarkdown($0))\n" }.joined() + "\n"
      }
      if i > 0, i - 1 < changes.count {
        let c = changes[i - 1]
        m += "### What changes for people (against the base)\n\n"
        if c.townChanges.isEmpty {
          m += "No town gains or loses staff.\n\n"
        } else {
          m += "| Town | Staff present (base) | Scenario | Change |\n|---|---:|---:|---:|\n"
          for t in c.townChanges {
            m += "| \(escapeMarkdown(t.town)) | \(t.before) | \(t.after) | \(escapeMarkdown(signed(t.after - t.before))) |\n"
          }
          m += "\n"
        }
        for (title, lines) in [("New people", c.newPeople), ("Leaving or unavailable", c.leaving), ("Moves", c.moves)] {
          m += "**\(title)** (\(lines.count))" + (lines.isEmpty ? ": none.\n\n" : ":\n\n")
          m += lines.map { "- \(escapeMarkdown($0))\n" }.joined()
          if !lines.isEmpty { m += "\n" }
        }
      }
      let departments = run.district.departments
      m += "### Coverage (supply over demand, town × department)\n\n"
      m += "| Town | " + departments.map { escapeMarkdown($0.displayName) }.joined(separator: " | ")
        + " | Unmet FTE |\n"
      m += "|---|" + departments.map { _ in "---:|" }.joined() + "---:|\n"
      for town in run.district.towns {
        let cells = departments.map { d -> String in
          guard let c = s.coverage(town: town.id, department: d.id) else { return "·" }
          return !c.isUncovered ? String(format: "%.0f%%", c.ratio * 100) : "none"
        }
        m += "| \(town.pilot ? "★ " : "")\(escapeMarkdown(town.displayName)) | "
          + cells.joined(separator: " | ") + " | \(number(s.unmet(town: town.id))) |\n"
      }
      m += "\n★ pilot town; · no demand; none: demand but no officer present.\n\n"
      m += "### Roster per town\n\n"
      for town in run.district.towns {
        let people = run.district.people.filter {
          run.district.towns(of: run.posting(of: $0.id)).contains(town.id)
        }
        let names = people.map { p -> String in
          var s = "\(p.id) \(p.name) (\(p.department)"
          if case .zoned(let z) = run.posting(of: p.id) {
            s += ", zoned \(z), \(number(run.evaluation.splits[p.id]?[town.id] ?? 0)) FTE here"
          }
          if !p.isOfficer { s += ", auxiliary" }
          return escapeMarkdown(s + ")")
        }
        m += "- **\(escapeMarkdown(town.displayName))**: " + (names.isEmpty ? "nobody" : names.joined(separator: "; ")) + "\n"
      }
      let none = run.district.people.filter { run.posting(of: $0.id) == .unassigned }
      if !none.isEmpty {
        m += "- **No posting**: " + none.map { escapeMarkdown("\($0.id) \($0.name)") }.joined(separator: "; ") + "\n"
      }
    }
    let p = provenance
    m += "\n## Provenance\n\n"
    m += "- Date: \(escapeMarkdown(iso(p.date)))\n- secondment: \(escapeMarkdown(p.toolVersion))\n"
    m += "- Solver: \(escapeMarkdown(p.solver + (p.solverVersion.map { " (\($0))" } ?? "")))\n"
    for option in p.options { m += "- Option \(escapeMarkdown(option.name)): \(escapeMarkdown(option.value))\n" }
    if let command = p.command { m += "- Command: \(escapeMarkdown(command))\n" }
    m += "\n| Input | Path | Bytes | SHA-256 |\n|---|---|---:|---|\n"
    for file in p.inputs {
      m += "| \(escapeMarkdown(file.role)) | \(escapeMarkdown(file.path)) | \(file.bytes) | \(file.sha256) |\n"
    }
    return m
  }
}
