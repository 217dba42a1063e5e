import Foundation
import SecondmentDomain

/// Escapes text for HTML/XML content and attribute values.
public func escapeHTML(_ text: String) -> String {
  var out = ""
  out.reserveCapacity(text.count)
  for ch in text {
    switch ch {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    case "'": out += "&#39;"
    default:
      // Control characters other than tab and newline are not allowed in XML.
      if let ascii = ch.asciiValue, ascii < 0x20, ascii != 0x09, ascii != 0x0A { continue }
      out.append(ch)
    }
  }
  return out
}

extension Report {
  /// The report as one self-contained HTML file (XHTML-compatible).
  public func html() -> String {
    var h = HTMLBuilder()
    h.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
    h.raw("<meta charset=\"utf-8\"/>\n")
    h.element("title", title)
    h.raw("<style>\n\(Self.css)</style>\n</head>\n<body>\n")
    h.element("h1", title)
    h.element(
      "p",
      "\(runs.count) run\(runs.count == 1 ? "" : "s"), made \(iso(provenance.date)) with secondment \(provenance.toolVersion). Figures follow docs/rules.md; coverage is supply over demand per (town, department).",
      cls: "lead")
    comparisonHTML(&h)
    let maxUnmet = max(
      1, summaries.flatMap { s in s.run.district.towns.map { s.unmet(town: $0.id) } }.max() ?? 1)
    let changes = peopleChanges
    for (i, summary) in summaries.enumerated() {
      let run = summary.run
      h.raw("<section class=\"run\" id=\"run-\(i)\">\n")
      h.element("h2", runHeading(i))
      h.element(
        "p",
        "Solver \(run.solver), status \(run.status)"
          + (run.gap.map { String(format: ", gap %.2f%%", $0 * 100) } ?? "")
          + (run.seconds.map { String(format: ", %.1f s", $0) } ?? "")
          + ". Objective \(number(run.objective.total)); \(summary.coveredPairs)/\(summary.pairsWithDemand) pairs covered; unmet \(number(summary.unmetFTE)) FTE.",
        cls: "meta")
      if !run.changes.isEmpty {
        h.element("h3", "What the scenario changes")
        h.list(run.changes)
      }
      if !run.brokenRules.isEmpty {
        h.element("h3", "Hard rules broken")
        h.list(run.brokenRules, cls: "broken")
      }
      if i > 0, i - 1 < changes.count {
        peopleChangesHTML(&h, changes[i - 1])
      }
      h.element("h3", "Coverage heat map (town × department)")
      h.raw(heatMapSVG(summary, index: i))
      h.element("h3", "Unmet demand by town (FTE)")
      h.raw(unmetBarsSVG(summary, index: i, scale: maxUnmet))
      rosterHTML(&h, summary)
      h.raw("</section>\n")
    }
    provenanceHTML(&h)
    h.raw("</body>\n</html>\n")
    return h.text
  }

  static let css = """
    body { font-family: "Noto Sans", "Noto Sans CJK SC", "DejaVu Sans", Arial, sans-serif; margin: 24px auto; max-width: 1320px; color: #1d2530; padding: 0 16px; }
    h1 { font-size: 26px; margin-bottom: 4px; }
    h2 { font-size: 21px; border-bottom: 2px solid #2f5d8a; padding-bottom: 4px; margin-top: 36px; }
    h3 { font-size: 16px; margin: 18px 0 6px; color: #2f5d8a; }
    h4 { font-size: 14px; margin: 12px 0 4px; }
    p.lead, p.meta { color: #4a5563; }
    table { border-collapse: collapse; font-size: 13px; margin: 6px 0 12px; }
    th, td { border: 1px solid #cfd6de; padding: 4px 8px; text-align: left; vertical-align: top; }
    th { background: #eef2f6; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.compare { font-size: 12px; }
    table.compare td.num { white-space: normal; }
    table.compare td.metric { white-space: pre-wrap; min-width: 170px; max-width: 230px; }
    .better { color: #1a7f37; }
    .worse { color: #c0392b; }
    .delta { font-size: 11px; display: block; }
    div.scroll { overflow-x: auto; }
    ul.broken li { color: #c0392b; }
    details { margin: 6px 0; }
    summary { cursor: pointer; color: #2f5d8a; font-weight: bold; }
    svg { display: block; margin: 6px 0 12px; }
    code, .hash { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; word-break: break-all; }

    """

  private func comparisonHTML(_ h: inout HTMLBuilder) {
    h.element("h2", runs.count > 1 ? "Comparison" : "Summary")
    h.raw("<div class=\"scroll\"><table class=\"compare\">\n<thead><tr><th>Measure</th>")
    for run in runs { h.raw("<th>\(escapeHTML(run.label))</th>") }
    h.raw("</tr></thead>\n<tbody>\n")
    for row in comparison {
      h.raw("<tr><td class=\"metric\">\(escapeHTML(row.metric))</td>")
      for (i, cell) in row.cells.enumerated() {
        var delta = ""
        if let d = deltaText(row, i) {
          let sign = deltaSign(row, i)
          let cls = sign > 0 ? "better" : sign < 0 ? "worse" : ""
          delta = "<span class=\"delta \(cls)\">(\(escapeHTML(d)))</span>"
        }
        h.raw("<td class=\"num\">\(escapeHTML(cell))\(delta)</td>")
      }
      h.raw("</tr>\n")
    }
    h.raw("</tbody>\n</table></div>\n")
    if runs.count > 1 {
      h.element(
        "p", "Differences against the base are in brackets: green is better, red is worse.",
        cls: "meta")
    }
  }

  private func peopleChangesHTML(_ h: inout HTMLBuilder, _ c: PeopleChanges) {
    h.element("h3", "What changes for people (against the base)")
    if !c.townChanges.isEmpty {
      h.raw("<table><thead><tr><th>Town</th><th>Staff present (base)</th><th>Scenario</th><th>Change</th></tr></thead><tbody>\n")
      for t in c.townChanges {
        let cls = t.after > t.before ? "better" : "worse"
        h.raw(
          "<tr><td>\(escapeHTML(t.town))</td><td class=\"num\">\(t.before)</td><td class=\"num\">\(t.after)</td><td class=\"num \(cls)\">\(escapeHTML(signed(t.after - t.before)))</td></tr>\n"
        )
      }
      h.raw("</tbody></table>\n")
    } else {
      h.element("p", "No town gains or loses staff.", cls: "meta")
    }
    for (title, lines) in [("New people", c.newPeople), ("Leaving or unavailable", c.leaving), ("Moves", c.moves)] {
      if lines.isEmpty {
        h.element("p", "\(title): none.", cls: "meta")
        continue
      }
      h.raw("<details><summary>\(escapeHTML("\(title) (\(lines.count))"))</summary>\n")
      h.list(lines)
      h.raw("</details>\n")
    }
  }

  /// A town × department grid; each cell coloured by supply over demand.
  func heatMapSVG(_ s: RunSummary, index: Int) -> String {
    let district = s.run.district
    let towns = district.towns
    let departments = district.departments
    let left = 170.0
    let top = 120.0
    let cw = 78.0
    let ch = 22.0
    let width = max(left + cw * Double(departments.count) + 20, left + 70 + 6 * 64 + 340)
    let height = top + ch * Double(towns.count) + 50
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\" id=\"heatmap-\(index)\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-size=\"12\" role=\"img\">\n"
    svg += "<title>\(escapeHTML("Coverage heat map: \(s.run.label)"))</title>\n"
    for (j, d) in departments.enumerated() {
      let x = left + cw * Double(j) + cw / 2
      svg +=
        "<text x=\"\(f(x))\" y=\"\(f(top - 8))\" transform=\"rotate(-35 \(f(x)) \(f(top - 8)))\">\(escapeHTML(short(d.displayName, 26)))<title>\(escapeHTML("\(d.displayName) (\(d.id)) \(d.name)"))</title></text>\n"
    }
    for (i, t) in towns.enumerated() {
      let y = top + ch * Double(i)
      let label = (t.pilot ? "★ " : "") + t.displayName
      svg +=
        "<text x=\"\(f(left - 8))\" y=\"\(f(y + ch * 0.7))\" text-anchor=\"end\"\(t.pilot ? " font-weight=\"bold\"" : "")>\(escapeHTML(label))</text>\n"
      for (j, d) in departments.enumerated() {
        let x = left + cw * Double(j)
        let rect = "x=\"\(f(x + 1))\" y=\"\(f(y + 1))\" width=\"\(f(cw - 2))\" height=\"\(f(ch - 2))\""
        guard let c = s.coverage(town: t.id, department: d.id) else {
          svg += "<rect \(rect) fill=\"#f2f4f7\"/>\n"
          continue
        }
        let tip =
          "\(t.displayName) · \(d.displayName): demand \(number(c.demand)) FTE, supply \(number(c.supply)) FTE"
          + (!c.isUncovered ? "" : ", no officer present")
        let stroke = !c.isUncovered ? "" : " stroke=\"#6b0000\" stroke-width=\"2\""
        svg += "<rect \(rect) fill=\"\(color(c.ratio))\"\(stroke)><title>\(escapeHTML(tip))</title></rect>\n"
        let text = !c.isUncovered ? String(format: "%.0f%%", c.ratio * 100) : "none"
        let textColor = c.ratio < 0.35 ? "#ffffff" : "#1d2530"
        svg +=
          "<text x=\"\(f(x + cw / 2))\" y=\"\(f(y + ch * 0.7))\" text-anchor=\"middle\" fill=\"\(textColor)\" font-size=\"11\">\(text)</text>\n"
      }
    }
    // Legend.
    let ly = top + ch * Double(towns.count) + 18
    svg += "<text x=\"\(f(left))\" y=\"\(f(ly + 12))\" font-size=\"11\">coverage:</text>\n"
    for (k, r) in [0.0, 0.25, 0.5, 0.75, 1.0].enumerated() {
      let x = left + 70 + Double(k) * 64
      svg += "<rect x=\"\(f(x))\" y=\"\(f(ly))\" width=\"60\" height=\"16\" fill=\"\(color(r))\"/>\n"
      svg +=
        "<text x=\"\(f(x + 30))\" y=\"\(f(ly + 12))\" text-anchor=\"middle\" font-size=\"11\" fill=\"\(r < 0.35 ? "#ffffff" : "#1d2530")\">\(Int(r * 100))%</text>\n"
    }
    let nx = left + 70 + 5 * 64 + 10
    svg += "<rect x=\"\(f(nx))\" y=\"\(f(ly))\" width=\"60\" height=\"16\" fill=\"#f2f4f7\"/>\n"
    svg += "<text x=\"\(f(nx + 66))\" y=\"\(f(ly + 12))\" font-size=\"11\">no demand · ★ pilot town · dark border: no officer</text>\n"
    svg += "</svg>\n"
    return svg
  }

  /// Horizontal bars of unmet FTE per town, on a scale shared by all runs.
  func unmetBarsSVG(_ s: RunSummary, index: Int, scale: Double) -> String {
    let towns = s.run.district.towns
    let left = 170.0
    let barMax = 520.0
    let rowH = 18.0
    let top = 10.0
    let width = left + barMax + 90
    let height = top + rowH * Double(towns.count) + 26
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"unmet-bars\" id=\"unmet-\(index)\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-size=\"12\" role=\"img\">\n"
    svg += "<title>\(escapeHTML("Unmet demand by town: \(s.run.label)"))</title>\n"
    svg += "<line x1=\"\(f(left))\" y1=\"\(f(top - 4))\" x2=\"\(f(left))\" y2=\"\(f(top + rowH * Double(towns.count)))\" stroke=\"#8795a1\"/>\n"
    for (i, t) in towns.enumerated() {
      let y = top + rowH * Double(i)
      let unmet = s.unmet(town: t.id)
      let w = unmet / scale * barMax
      svg +=
        "<text x=\"\(f(left - 8))\" y=\"\(f(y + rowH * 0.7))\" text-anchor=\"end\"\(t.pilot ? " font-weight=\"bold\"" : "")>\(escapeHTML((t.pilot ? "★ " : "") + t.displayName))</text>\n"
      if w > 0 {
        svg +=
          "<rect x=\"\(f(left + 1))\" y=\"\(f(y + 3))\" width=\"\(f(w))\" height=\"\(f(rowH - 6))\" fill=\"\(t.pilot ? "#b03a2e" : "#e59866")\"><title>\(escapeHTML("\(t.displayName): \(number(unmet)) FTE unmet"))</title></rect>\n"
      }
      svg +=
        "<text x=\"\(f(left + w + 6))\" y=\"\(f(y + rowH * 0.7))\" font-size=\"11\">\(number(unmet))</text>\n"
    }
    let ly = top + rowH * Double(towns.count) + 18
    svg += "<text x=\"\(f(left))\" y=\"\(f(ly))\" font-size=\"11\">bar length: FTE unmet (full width = \(number(scale)) FTE, same scale in every run); dark: pilot town</text>\n"
    svg += "</svg>\n"
    return svg
  }

  private func rosterHTML(_ h: inout HTMLBuilder, _ s: RunSummary) {
    let district = s.run.district
    h.raw("<details><summary>\(escapeHTML("Roster per town (\(district.people.count) people)"))</summary>\n")
    for town in district.towns {
      let here = district.people.filter { s.run.posting(of: $0.id) == .stationed(town: town.id) }
      let zoned = district.people.filter {
        if case .zoned = s.run.posting(of: $0.id) {
          return district.towns(of: s.run.posting(of: $0.id)).contains(town.id)
        }
        return false
      }
      h.element(
        "h4",
        "\(town.pilot ? "★ " : "")\(town.displayName) \(town.name): \(here.count) stationed, \(zoned.count) zoned over it; unmet \(number(s.unmet(town: town.id))) FTE"
      )
      if here.isEmpty && zoned.isEmpty { continue }
      h.raw("<table><thead><tr><th>Person</th><th>Name</th><th>Department</th><th>Role</th><th>Posting (a zoned officer's time here)</th><th>Certified</th><th>Legal</th></tr></thead><tbody>\n")
      for p in here + zoned {
        let posting = s.run.posting(of: p.id)
        let mode: String
        if case .zoned(let z) = posting {
          let here = s.run.evaluation.splits[p.id]?[town.id] ?? 0
          mode = "zoned (\(z)), \(number(here)) FTE here"
        } else {
          mode = "stationed"
        }
        let dept = district.departments.first { $0.id == p.department }?.displayName ?? p.department
        h.raw(
          "<tr><td>\(escapeHTML(p.id))</td><td>\(escapeHTML(p.name))</td><td>\(escapeHTML(dept))</td><td>\(p.role.rawValue)</td><td>\(escapeHTML(mode))</td><td>\(p.certified ? "yes" : "")</td><td>\(p.legal ? "yes" : "")</td></tr>\n"
        )
      }
      h.raw("</tbody></table>\n")
    }
    let none = district.people.filter { s.run.posting(of: $0.id) == .unassigned }
    if !none.isEmpty {
      h.element("h4", "No posting (\(none.count))")
      h.list(none.map { "\($0.id) \($0.name) (\($0.department) \($0.role.rawValue))" })
    }
    h.raw("</details>\n")
  }

  private func provenanceHTML(_ h: inout HTMLBuilder) {
    let p = provenance
    h.element("h2", "Provenance")
    h.raw("<table><tbody>\n")
    var facts: [(String, String)] = [
      ("Date", iso(p.date)), ("secondment", p.toolVersion),
      ("Solver", p.solver + (p.solverVersion.map { " (\($0))" } ?? "")),
    ]
    facts += p.options.map { ("Option \($0.name)", $0.value) }
    if let command = p.command { facts.append(("Command", command)) }
    for (k, v) in facts {
      h.raw("<tr><th>\(escapeHTML(k))</th><td><code>\(escapeHTML(v))</code></td></tr>\n")
    }
    h.raw("</tbody></table>\n")
    h.element("h3", "Input files (SHA-256)")
    h.raw("<table><thead><tr><th>Input</th><th>Path</th><th>Bytes</th><th>SHA-256</th></tr></thead><tbody>\n")
    for file in p.inputs {
      h.raw(
        "<tr><td>\(escapeHTML(file.role))</td><td><code>\(escapeHTML(file.path))</code></td><td class=\"num\">\(file.bytes)</td><td class=\"hash\">\(file.sha256)</td></tr>\n"
      )
    }
    h.raw("</tbody></table>\n")
  }
}

/// Accumulates escaped HTML.
struct HTMLBuilder {
  var text = ""

  mutating func raw(_ s: String) { text += s }

  mutating func element(_ tag: String, _ content: String, cls: String? = nil) {
    let attr = cls.map { " class=\"\(escapeHTML($0))\"" } ?? ""
    text += "<\(tag)\(attr)>\(escapeHTML(content))</\(tag)>\n"
  }

  mutating func list(_ items: [String], cls: String? = nil) {
    text += cls.map { "<ul class=\"\(escapeHTML($0))\">\n" } ?? "<ul>\n"
    for item in items { text += "<li>\(escapeHTML(item))</li>\n" }
    text += "</ul>\n"
  }
}

/// Red (nothing) through amber to green (demand met).
func color(_ ratio: Double) -> String {
  let r = min(max(ratio, 0), 1)
  let stops: [(Double, (Double, Double, Double))] = [
    (0, (215, 48, 39)), (0.5, (253, 224, 139)), (1, (26, 152, 80)),
  ]
  let (a, b) = r <= 0.5 ? (stops[0], stops[1]) : (stops[1], stops[2])
  let t = (r - a.0) / (b.0 - a.0)
  func mix(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * t).rounded()) }
  return String(format: "#%02x%02x%02x", mix(a.1.0, b.1.0), mix(a.1.1, b.1.1), mix(a.1.2, b.1.2))
}

func f(_ x: Double) -> String { String(format: "%.1f", x) }

func short(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

func iso(_ date: Date) -> String {
  let formatter = ISO8601DateFormatter()
  formatter.formatOptions = [.withInternetDateTime]
  return formatter.string(from: date)
}
