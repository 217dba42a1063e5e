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
    h.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(language == .zh ? "zh-CN" : "en")\">\n<head>\n")
    h.raw("<meta charset=\"utf-8\"/>\n")
    h.element("title", title)
    h.raw("<style>\n\(Self.css)</style>\n</head>\n<body>\n")
    h.element("h1", title)
    h.element(
      "p",
      runs.count == 1
        ? word("report.madeOne", iso(provenance.date), provenance.toolVersion)
        : word("report.madeMany", runs.count, iso(provenance.date), provenance.toolVersion),
      cls: "lead")
    comparisonHTML(&h)
    let maxUnmet = max(
      1, summaries.flatMap { s in s.run.district.towns.map { s.unmet(town: $0.id) } }.max() ?? 1)
    let changes = peopleChanges
    for (i, summary) in summaries.enumerated() {
      let run = summary.run
      h.raw("<section class=\"run\" id=\"run-\(i)\">\n")
      h.element("h2", runHeading(i))
      h.element("p", runLine(summary), cls: "meta")
      if !run.changes.isEmpty {
        h.element("h3", word("report.scenarioChanges"))
        h.list(run.changes)
      }
      if !run.brokenRules.isEmpty {
        h.element("h3", word("report.brokenRules"))
        h.list(run.brokenRules, cls: "broken")
      }
      if i > 0, i - 1 < changes.count {
        peopleChangesHTML(&h, changes[i - 1])
      }
      h.element("h3", word("report.heatMap"))
      h.raw(heatMapSVG(summary, index: i))
      h.element("h3", word("report.unmetByTown"))
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

  /// A run's solver, status, gap, time, objective, pairs covered and unmet FTE in one line.
  func runLine(_ summary: RunSummary) -> String {
    let run = summary.run
    return word(
      "report.meta", run.solver, run.status,
      run.gap.map { word("report.gapPart", String(format: "%.2f%%", $0 * 100)) } ?? "",
      run.seconds.map { word("report.secondsPart", String(format: "%.1f", $0)) } ?? "",
      number(run.objective.total), summary.coveredPairs, summary.pairsWithDemand, number(summary.unmetFTE))
  }

  private func comparisonHTML(_ h: inout HTMLBuilder) {
    h.element("h2", word(runs.count > 1 ? "report.comparison" : "report.summary"))
    h.raw("<div class=\"scroll\"><table class=\"compare\">\n<thead><tr><th>\(escapeHTML(word("report.measure")))</th>")
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
      h.element("p", word("report.deltaNote"), cls: "meta")
    }
  }

  private func peopleChangesHTML(_ h: inout HTMLBuilder, _ c: PeopleChanges) {
    h.element("h3", word("report.peopleChanges"))
    if !c.townChanges.isEmpty {
      h.raw(headerRow(["report.town", "report.staffBase", "report.scenario", "report.change"]))
      for t in c.townChanges {
        let cls = t.after > t.before ? "better" : "worse"
        h.raw(
          "<tr><td>\(escapeHTML(t.town))</td><td class=\"num\">\(t.before)</td><td class=\"num\">\(t.after)</td><td class=\"num \(cls)\">\(escapeHTML(signed(t.after - t.before)))</td></tr>\n"
        )
      }
      h.raw("</tbody></table>\n")
    } else {
      h.element("p", word("report.noTownChange"), cls: "meta")
    }
    for (key, lines) in [("report.newPeople", c.newPeople), ("report.leaving", c.leaving), ("report.moves", c.moves)] {
      let title = word(key)
      if lines.isEmpty {
        h.element("p", word("report.none", title), cls: "meta")
        continue
      }
      h.raw("<details><summary>\(escapeHTML("\(title) (\(lines.count))"))</summary>\n")
      h.list(lines)
      h.raw("</details>\n")
    }
  }

  /// A table's opening and header row, the headers' words by key.
  func headerRow(_ keys: [String]) -> String {
    "<table><thead><tr>" + keys.map { "<th>\(escapeHTML(word($0)))</th>" }.joined() + "</tr></thead><tbody>\n"
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
    svg += "<title>\(escapeHTML(word("report.heatTitle", s.run.label)))</title>\n"
    for (j, d) in departments.enumerated() {
      let x = left + cw * Double(j) + cw / 2
      svg +=
        "<text x=\"\(f(x))\" y=\"\(f(top - 8))\" transform=\"rotate(-35 \(f(x)) \(f(top - 8)))\">\(escapeHTML(short(name(d), 26)))<title>\(escapeHTML("\(d.displayName) (\(d.id)) \(d.name)"))</title></text>\n"
    }
    for (i, t) in towns.enumerated() {
      let y = top + ch * Double(i)
      let label = (t.pilot ? "★ " : "") + name(t)
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
          word("report.heatTip", name(t), name(d), number(c.demand), number(c.supply))
          + (!c.isUncovered ? "" : word("report.noOfficer"))
        let stroke = !c.isUncovered ? "" : " stroke=\"#6b0000\" stroke-width=\"2\""
        svg += "<rect \(rect) fill=\"\(color(c.ratio))\"\(stroke)><title>\(escapeHTML(tip))</title></rect>\n"
        let text = !c.isUncovered ? String(format: "%.0f%%", c.ratio * 100) : escapeHTML(word("report.noneCell"))
        let textColor = c.ratio < 0.35 ? "#ffffff" : "#1d2530"
        svg +=
          "<text x=\"\(f(x + cw / 2))\" y=\"\(f(y + ch * 0.7))\" text-anchor=\"middle\" fill=\"\(textColor)\" font-size=\"11\">\(text)</text>\n"
      }
    }
    // Legend.
    let ly = top + ch * Double(towns.count) + 18
    svg += "<text x=\"\(f(left))\" y=\"\(f(ly + 12))\" font-size=\"11\">\(escapeHTML(word("report.coverageLegend")))</text>\n"
    for (k, r) in [0.0, 0.25, 0.5, 0.75, 1.0].enumerated() {
      let x = left + 70 + Double(k) * 64
      svg += "<rect x=\"\(f(x))\" y=\"\(f(ly))\" width=\"60\" height=\"16\" fill=\"\(color(r))\"/>\n"
      svg +=
        "<text x=\"\(f(x + 30))\" y=\"\(f(ly + 12))\" text-anchor=\"middle\" font-size=\"11\" fill=\"\(r < 0.35 ? "#ffffff" : "#1d2530")\">\(Int(r * 100))%</text>\n"
    }
    let nx = left + 70 + 5 * 64 + 10
    svg += "<rect x=\"\(f(nx))\" y=\"\(f(ly))\" width=\"60\" height=\"16\" fill=\"#f2f4f7\"/>\n"
    svg += "<text x=\"\(f(nx + 66))\" y=\"\(f(ly + 12))\" font-size=\"11\">\(escapeHTML(word("report.heatLegend")))</text>\n"
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
    svg += "<title>\(escapeHTML(word("report.unmetTitle", s.run.label)))</title>\n"
    svg += "<line x1=\"\(f(left))\" y1=\"\(f(top - 4))\" x2=\"\(f(left))\" y2=\"\(f(top + rowH * Double(towns.count)))\" stroke=\"#8795a1\"/>\n"
    for (i, t) in towns.enumerated() {
      let y = top + rowH * Double(i)
      let unmet = s.unmet(town: t.id)
      let w = unmet / scale * barMax
      svg +=
        "<text x=\"\(f(left - 8))\" y=\"\(f(y + rowH * 0.7))\" text-anchor=\"end\"\(t.pilot ? " font-weight=\"bold\"" : "")>\(escapeHTML((t.pilot ? "★ " : "") + name(t)))</text>\n"
      if w > 0 {
        svg +=
          "<rect x=\"\(f(left + 1))\" y=\"\(f(y + 3))\" width=\"\(f(w))\" height=\"\(f(rowH - 6))\" fill=\"\(t.pilot ? "#b03a2e" : "#e59866")\"><title>\(escapeHTML(word("report.unmetTip", name(t), number(unmet))))</title></rect>\n"
      }
      svg +=
        "<text x=\"\(f(left + w + 6))\" y=\"\(f(y + rowH * 0.7))\" font-size=\"11\">\(number(unmet))</text>\n"
    }
    let ly = top + rowH * Double(towns.count) + 18
    svg += "<text x=\"\(f(left))\" y=\"\(f(ly))\" font-size=\"11\">\(escapeHTML(word("report.unmetLegend", number(scale))))</text>\n"
    svg += "</svg>\n"
    return svg
  }

  private func rosterHTML(_ h: inout HTMLBuilder, _ s: RunSummary) {
    let district = s.run.district
    h.raw("<details><summary>\(escapeHTML(word("report.rosterPerTown", district.people.count)))</summary>\n")
    for town in district.towns {
      let here = district.people.filter { s.run.posting(of: $0.id) == .stationed(town: town.id) }
      let zoned = district.people.filter {
        if case .zoned = s.run.posting(of: $0.id) {
          return district.towns(of: s.run.posting(of: $0.id)).contains(town.id)
        }
        return false
      }
      let label = (town.pilot ? "★ " : "") + (language == .zh ? town.name : "\(town.displayName) \(town.name)")
      h.element(
        "h4", word("report.townLine", label, here.count, zoned.count, number(s.unmet(town: town.id))))
      if here.isEmpty && zoned.isEmpty { continue }
      h.raw(
        headerRow([
          "report.person", "report.name", "report.department", "report.role", "report.postingHere",
          "report.certified", "report.legal",
        ]))
      for p in here + zoned {
        let posting = s.run.posting(of: p.id)
        let mode: String
        if case .zoned(let z) = posting {
          let here = s.run.evaluation.splits[p.id]?[town.id] ?? 0
          mode = word("report.zonedHere", district.zone(z)?.name ?? z, number(here))
        } else {
          mode = word("report.stationed")
        }
        let dept = district.departments.first { $0.id == p.department }.map(name) ?? p.department
        let yes = escapeHTML(word("report.yes"))
        let role = language == .zh ? Words(language).role(p.role) : p.role.rawValue
        h.raw(
          "<tr><td>\(escapeHTML(p.id))</td><td>\(escapeHTML(p.name))</td><td>\(escapeHTML(dept))</td><td>\(escapeHTML(role))</td><td>\(escapeHTML(mode))</td><td>\(p.certified ? yes : "")</td><td>\(p.legal ? yes : "")</td></tr>\n"
        )
      }
      h.raw("</tbody></table>\n")
    }
    let none = district.people.filter { s.run.posting(of: $0.id) == .unassigned }
    if !none.isEmpty {
      h.element("h4", word("report.noPosting", none.count))
      h.list(none.map { "\($0.id) \($0.name) (\($0.department) \($0.role.rawValue))" })
    }
    h.raw("</details>\n")
  }

  private func provenanceHTML(_ h: inout HTMLBuilder) {
    let p = provenance
    h.element("h2", word("report.provenance"))
    h.raw("<table><tbody>\n")
    for (k, v) in provenanceFacts {
      h.raw("<tr><th>\(escapeHTML(k))</th><td><code>\(escapeHTML(v))</code></td></tr>\n")
    }
    h.raw("</tbody></table>\n")
    h.element("h3", word("report.inputs"))
    h.raw(headerRow(["report.input", "report.path", "report.bytes", "SHA-256"]))
    for file in p.inputs {
      h.raw(
        "<tr><td>\(escapeHTML(file.role))</td><td><code>\(escapeHTML(file.path))</code></td><td class=\"num\">\(file.bytes)</td><td class=\"hash\">\(file.sha256)</td></tr>\n"
      )
    }
    h.raw("</tbody></table>\n")
  }

  /// The provenance as (what, value): date, version, solver, options, command.
  var provenanceFacts: [(String, String)] {
    let p = provenance
    var facts: [(String, String)] = [
      (word("report.date"), iso(p.date)), ("secondment", p.toolVersion),
      (word("report.solver"), p.solver + (p.solverVersion.map { " (\($0))" } ?? "")),
    ]
    facts += p.options.map { (word("report.option", $0.name), $0.value) }
    if let command = p.command { facts.append((word("report.command"), command)) }
    return facts
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
