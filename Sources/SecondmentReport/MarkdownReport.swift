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
      runs.count == 1
        ? word("report.madeOne", iso(provenance.date), provenance.toolVersion)
        : word("report.madeMany", runs.count, iso(provenance.date), provenance.toolVersion))
      + "\n\n"
    m += "## \(word(runs.count > 1 ? "report.comparison" : "report.summary"))\n\n"
    m += "| \(escapeMarkdown(word("report.measure"))) | " + runs.map { escapeMarkdown($0.label) }.joined(separator: " | ") + " |\n"
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
      m += escapeMarkdown(runLine(s)) + "\n\n"
      if !run.changes.isEmpty {
        m += "### \(word("report.scenarioChanges"))\n\n"
        m += run.changes.map { "- \(escapeMarkdown($0))\n" }.joined() + "\n"
      }
      if !run.brokenRules.isEmpty {
        m += "### \(word("report.brokenRules"))\n\n"
        m += run.brokenRules.map { "- \(escapeMarkdown($0))\n" }.joined() + "\n"
      }
      if i > 0, i - 1 < changes.count {
        let c = changes[i - 1]
        m += "### \(word("report.peopleChanges"))\n\n"
        if c.townChanges.isEmpty {
          m += word("report.noTownChange") + "\n\n"
        } else {
          m += "| " + ["report.town", "report.staffBase", "report.scenario", "report.change"].map { word($0) }
            .joined(separator: " | ") + " |\n|---|---:|---:|---:|\n"
          for t in c.townChanges {
            m += "| \(escapeMarkdown(t.town)) | \(t.before) | \(t.after) | \(escapeMarkdown(signed(t.after - t.before))) |\n"
          }
          m += "\n"
        }
        for (key, lines) in [("report.newPeople", c.newPeople), ("report.leaving", c.leaving), ("report.moves", c.moves)] {
          let title = word(key)
          m += "**\(title)** (\(lines.count))" + (lines.isEmpty ? ": \(word("report.noneWord"))\n\n" : ":\n\n")
          m += lines.map { "- \(escapeMarkdown($0))\n" }.joined()
          if !lines.isEmpty { m += "\n" }
        }
      }
      let departments = run.district.departments
      m += "### \(word("report.coverageTable"))\n\n"
      m += "| \(word("report.town")) | " + departments.map { escapeMarkdown(name($0)) }.joined(separator: " | ")
        + " | \(word("report.unmetColumn")) |\n"
      m += "|---|" + departments.map { _ in "---:|" }.joined() + "---:|\n"
      for town in run.district.towns {
        let cells = departments.map { d -> String in
          guard let c = s.coverage(town: town.id, department: d.id) else { return "·" }
          return !c.isUncovered ? String(format: "%.0f%%", c.ratio * 100) : word("report.noneCell")
        }
        m += "| \(town.pilot ? "★ " : "")\(escapeMarkdown(name(town))) | "
          + cells.joined(separator: " | ") + " | \(number(s.unmet(town: town.id))) |\n"
      }
      m += "\n" + escapeMarkdown(word("report.coverageNote")) + "\n\n"
      m += "### \(word("report.rosterHeading"))\n\n"
      for town in run.district.towns {
        let people = run.district.people.filter {
          run.district.towns(of: run.posting(of: $0.id)).contains(town.id)
        }
        let names = people.map { p -> String in
          var s = "\(p.id) \(p.name) (\(p.department)"
          if case .zoned(let z) = run.posting(of: p.id) {
            s += word("report.zonedLine", z, number(run.evaluation.splits[p.id]?[town.id] ?? 0))
          }
          if !p.isOfficer { s += word("report.auxiliary") }
          return escapeMarkdown(s + ")")
        }
        m += "- **\(escapeMarkdown(name(town)))**: " + (names.isEmpty ? word("report.nobody") : names.joined(separator: "; ")) + "\n"
      }
      let none = run.district.people.filter { run.posting(of: $0.id) == .unassigned }
      if !none.isEmpty {
        m += "- **\(word("report.noPostingShort"))**: " + none.map { escapeMarkdown("\($0.id) \($0.name)") }.joined(separator: "; ") + "\n"
      }
    }
    let p = provenance
    m += "\n## \(word("report.provenance"))\n\n"
    for (what, value) in provenanceFacts { m += "- \(escapeMarkdown(what)): \(escapeMarkdown(value))\n" }
    m += "\n| " + ["report.input", "report.path", "report.bytes", "SHA-256"].map { word($0) }.joined(separator: " | ")
      + " |\n|---|---|---:|---|\n"
    for file in p.inputs {
      m += "| \(escapeMarkdown(file.role)) | \(escapeMarkdown(file.path)) | \(file.bytes) | \(file.sha256) |\n"
    }
    return m
  }
}
