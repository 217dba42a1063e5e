import Foundation
import SecondmentDomain
import GLPKBackend
import SecondmentPlanner
import SecondmentSheets
import SecondmentTestSupport
import Testing

/// An instance survives every form: JSON, workbook (English or Chinese),
/// CSV folder, and the planner's own workbook written by openpyxl.
@Suite("Workbook and CSV folder forms")
struct WorkbookIdentityTests {
  let rongchang = shipped("Instances/rongchang-2024.json")

  @Test("JSON → workbook → JSON is the identity, byte for byte, in English and in Chinese")
  func jsonWorkbookJSONIsTheIdentity() throws {
    let work = try temporaryFolder()
    for lang in ["en", "zh"] {
      let book = work.appendingPathComponent("r-\(lang).xlsx").path
      let folder = work.appendingPathComponent("r-\(lang)").path
      let back = work.appendingPathComponent("back-\(lang).json").path
      let backCSV = work.appendingPathComponent("back-csv-\(lang).json").path
      try expectRun(["export", rongchang, "--xlsx", book, "--csv-dir", folder, "--lang", lang])
      try expectRun(["export", book, "--json", back])
      try expectRun(["export", folder, "--json", backCSV])
      let original = try Data(contentsOf: URL(fileURLWithPath: rongchang))
      #expect(try Data(contentsOf: URL(fileURLWithPath: back)) == original, "workbook (\(lang))")
      #expect(try Data(contentsOf: URL(fileURLWithPath: backCSV)) == original, "CSV folder (\(lang))")
    }
  }

  @Test("forbidden postings survive JSON → workbook → JSON, in both languages")
  func forbiddenPostingsSurviveTheWorkbook() throws {
    let work = try temporaryFolder()
    var instance = try InstanceLoader.load(path: rongchang)
    let zone = try #require(District(instance).zones.first)
    instance.people[0].forbidden = [.stationed(town: instance.towns[1].id), .zoned(zone: zone.id)]
    instance.people[40].forbidden = [.stationed(town: instance.towns[2].id)]
    let source = work.appendingPathComponent("forbidden.json").path
    try InstanceLoader.write(instance, to: source)
    for lang in ["en", "zh"] {
      let book = work.appendingPathComponent("f-\(lang).xlsx").path
      let back = work.appendingPathComponent("f-back-\(lang).json").path
      try expectRun(["export", source, "--xlsx", book, "--lang", lang])
      try expectRun(["export", book, "--json", back])
      #expect(try Data(contentsOf: URL(fileURLWithPath: back)) == (try Data(contentsOf: URL(fileURLWithPath: source))), "\(lang)")
    }
  }

  @Test("rongchang-2024 from its workbook has the same optimal roster as from its JSON")
  func workbookGivesTheSameOptimalRoster() throws {
    let work = try temporaryFolder()
    let book = work.appendingPathComponent("r.xlsx").path
    try expectRun(["export", rongchang, "--xlsx", book, "--lang", "zh"])
    let fromJSON = work.appendingPathComponent("a.json").path
    let fromBook = work.appendingPathComponent("b.json").path
    let a = try expectRun(["solve", rongchang, "--output", fromJSON, "--quiet"])
    let b = try expectRun(["solve", book, "--output", fromBook, "--quiet"])
    let x = try RosterIO.read(path: fromJSON).roster
    let y = try RosterIO.read(path: fromBook).roster
    #expect(x.postings == y.postings)
    #expect(x.objective == y.objective)
    #expect(x.status == y.status)
    if GLPKSolver.isAvailable { #expect(a.stdout.contains("Status: optimal") && b.stdout.contains("Status: optimal")) }
  }

  @Test("the planner's workbook (Chinese sheets, names for ids, no quotas) is rongchang-2024 with quotas from the staff list")
  func plannersWorkbookIsTheShippedInstance() throws {
    let work = try temporaryFolder()
    var expected = try InstanceLoader.load(path: rongchang)
    for i in expected.departments.indices {
      expected.departments[i].officers = nil
      expected.departments[i].auxiliaries = nil
    }
    for source in [fixture("rongchang-2024.xlsx"), fixture("rongchang-2024-gb18030")] {
      let out = work.appendingPathComponent(UUID().uuidString + ".json").path
      let run = try expectRun(["export", source, "--json", out])
      #expect(run.stderr.contains("column '备注' ignored"), "extra columns are ignored with a note")
      #expect(try InstanceLoader.load(path: out) == expected, "\(source)")
    }
  }

  @Test("a GB18030 CSV folder reads by detection and with --encoding gb18030; --encoding utf-8 refuses it")
  func gb18030IsDetectedOrStated() throws {
    let folder = fixture("rongchang-2024-gb18030")
    try expectRun(["validate", folder])
    try expectRun(["validate", folder, "--encoding", "gb18030"])
    let refused = try expectRun(["validate", folder, "--encoding", "utf-8"], status: 2)
    #expect(refused.stderr.contains("is not valid utf-8 text"), "\(refused.stderr)")
  }

  @Test("a staff workbook replaces the people; quotas stated in the instance must match it, naming both files")
  func staffWorkbookAndQuotas() throws {
    let work = try temporaryFolder()
    let staffBook = work.appendingPathComponent("staff.xlsx").path
    // The staff list of the hires copy: 10 more officers than rongchang-2024's quotas.
    let hires = try XLSXReader.read(path: fixture("rongchang-2024-hires.xlsx"))
    let people = try #require(hires.sheets.first { $0.name == "人员" })
    try XLSXWriter.data(Workbook(sheets: [people])).write(to: URL(fileURLWithPath: staffBook))
    let quoted = try expectRun(["validate", rongchang, "--staff", staffBook], status: 2)
    #expect(quoted.stderr.contains("交通运输局 (transport) seconds 10 officers in \(rongchang), but the staff list \(staffBook) has 12"), "\(quoted.stderr)")
    #expect(quoted.stderr.contains("leave the quota out so the staff list decides"))
    let solved = try expectRun(["solve", fixture("rongchang-2024.xlsx"), "--staff", staffBook, "--quiet", "--solver", "greedy"])
    #expect(solved.stdout.contains("115 people"), "\(solved.stdout.prefix(300))")
  }
}
