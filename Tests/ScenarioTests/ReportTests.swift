import Foundation
import Scenarios
import SecondmentDomain
import SecondmentReport
import Testing
import SecondmentTestSupport

@Suite("The planner's report")
struct ReportTests {
  /// A hand-made roster for the small district (no solver needed).
  static func run(_ instance: Instance, label: String, changes: [String] = []) -> ReportRun {
    let district = District(instance)
    var postings: [String: Posting] = [:]
    let towns = instance.towns.map(\.id)
    for (k, person) in instance.people.enumerated() {
      postings[person.id] = person.unavailable ? .unassigned : .stationed(town: towns[(k + 1) % towns.count])
    }
    return ReportRun(
      label: label, title: instance.title ?? instance.name, district: district,
      postings: postings, solver: "hand", status: "feasible", gap: nil, changes: changes)
  }

  static func report() throws -> Report {
    var base = smallInstance()
    base.towns[0].pinyin = "North <script>alert('x')</script> & \"co\""
    base.departments[0].englishName = "Market | regulation *bold* <b>"
    let scenario = try Scenario.parse(
      "title: Hires & <more>\nbase: small.json\nchanges:\n  - hire: {count: 2, department: market, names: ['A <b>', 'B & C']}\n  - unavailable: [t2]\n",
      file: "s.yaml")
    let outcome = try scenario.outcome(of: base)
    let provenance = ReportProvenance(
      inputs: [InputFile(role: "base <instance>", path: "/x/small.json", sha256: ContentHash.sha256(Array("abc".utf8)), bytes: 3)],
      solver: "hand", toolVersion: "0.1.0", options: [("time limit", "5 s")],
      date: Date(timeIntervalSince1970: 1_790_000_000), command: "secondment whatif <x>")
    return Report(
      title: "What-if <small> & co",
      runs: [run(base, label: "base"), run(outcome.instance, label: "hires", changes: outcome.log)],
      provenance: provenance)
  }

  @Test("the HTML is well-formed XML with one heat map and one bar chart per run, text escaped")
  func html() throws {
    let report = try Self.report()
    let html = report.html()
    let xml = XMLSummary(Data(html.utf8))
    #expect(xml.parsed, "HTML does not parse: \(String(describing: xml.error))")
    #expect(xml.count("svg", cls: "heatmap") == 2)
    #expect(xml.count("svg", cls: "unmet-bars") == 2)
    #expect(xml.count("script") == 0)
    #expect(!html.contains("<script>"))
    #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    #expect(xml.text.contains("Market | regulation *bold* <b>"))
    #expect(xml.text.contains("B & C"))
    #expect(!html.contains("http://") || !html.contains("src=\"http"))
    #expect(!html.contains("<link"))
    #expect(html.contains("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
  }

  @Test("the Markdown has the comparison, coverage tables, rosters and provenance, escaped")
  func markdown() throws {
    let md = try Self.report().markdown()
    #expect(md.contains("## Comparison"))
    #expect(md.contains("| Measure | base | hires |"))
    #expect(md.contains("### Coverage (supply over demand, town × department)"))
    #expect(md.contains("### Roster per town"))
    #expect(md.contains("## Provenance"))
    #expect(md.contains("Market \\| regulation \\*bold\\* \\<b\\>"))
    #expect(!md.contains("<script>"))
    #expect(md.contains("market-new-1"))
  }

  @Test("in Chinese every heading, header and legend comes from the catalogue, and no English word of the report is left")
  func chinese() throws {
    var report = try Self.report()
    report.language = .zh
    let html = report.html()
    let xml = XMLSummary(Data(html.utf8))
    #expect(xml.parsed, "HTML does not parse: \(String(describing: xml.error))")
    #expect(html.contains("lang=\"zh-CN\""))
    for word in ["对比", "指标", "人员变化（相对基准）", "覆盖热力图（镇街 × 部门）", "各镇街需求缺口（当量）", "来源", "输入文件（SHA-256）", "已覆盖"] {
      #expect(xml.text.contains(word), "missing \(word)")
    }
    let english = Words(.en)
    for key in Words(.zh).all.keys where key.hasPrefix("report.") {
      let text = english.word(key)
      guard !text.contains("{"), text.count > 6 else { continue }
      #expect(!xml.text.contains(text), "English left in the Chinese report: \(text)")
    }
    let md = report.markdown()
    #expect(md.contains("## 对比") && md.contains("## 来源") && !md.contains("## Provenance"))
  }

  @Test("people changes: who is new, who leaves, which towns change")
  func peopleChanges() throws {
    let report = try Self.report()
    let changes = try #require(report.peopleChanges.first)
    #expect(changes.newPeople.count == 2)
    #expect(changes.leaving.count == 1)
    #expect(changes.leaving[0].hasPrefix("Yang (交通运输局): was stationed at 北镇"), "people by name, departments and towns by their Chinese names: \(changes.leaving)")
    #expect(!changes.townChanges.isEmpty)
    let text = report.comparisonText()
    #expect(text.contains("Pairs covered"))
    #expect(text.contains("Objective total"))
    #expect(report.peopleChangesText().contains("new (2)"))
  }

  @Test("figures agree with the independent checker")
  func figures() throws {
    let report = try Self.report()
    for summary in report.summaries {
      let evaluation = RosterChecker(summary.run.district).evaluate(summary.run.postings)
      #expect(abs(summary.unmetFTE - evaluation.measures.unmetDemandFTE) < 1e-9)
      #expect(summary.pairsWithDemand - summary.coveredPairs == evaluation.measures.uncoveredPairs)
      #expect(abs(summary.run.objective.total - evaluation.objective.total) < 1e-9)
    }
  }

  @Test("reports are written atomically and rewritten in place")
  func writing() throws {
    let folder = try temporaryFolder()
    let html = folder.appendingPathComponent("r.html").path
    let md = folder.appendingPathComponent("r.md").path
    try ReportWriter.write(try Self.report(), html: html, markdown: md)
    try ReportWriter.write(try Self.report(), html: html, markdown: md)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(files == ["r.html", "r.md"])
    #expect(throws: ReportWriteError.self) {
      try ReportWriter.write(try Self.report(), html: "/nonexistent-folder/r.html")
    }
  }
}
