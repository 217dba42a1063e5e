import Foundation
import SecondmentTestSupport
import Testing

@testable import SecondmentDomain

private func folder() throws -> URL {
  try temporaryFolder()
}

private func fileError(_ body: () throws -> Void) -> InputError? {
  do {
    try body()
    return nil
  } catch let error as InputError {
    return error
  } catch {
    Issue.record("expected a InputError, got \(error)")
    return nil
  }
}

@Suite("Roster files")
struct RosterIOTests {
  let district = Fixture.district()

  @Test func builderFillsNamesZonesAndTheCheckersObjective() {
    let roster = RosterIO.roster(from: Fixture.valid, district: district, solver: "greedy")
    #expect(roster.instance == "fixture")
    #expect(roster.solver == "greedy")
    #expect(roster.postings.map(\.person) == district.people.map(\.id))
    let m3 = roster.postings[2]
    #expect(m3.mode == "zoned")
    #expect(m3.zone == "valley")
    #expect(m3.towns == [Fixture.gamma, Fixture.delta])
    #expect(m3.name == "Li Na")
    #expect(m3.department == "mkt")
    #expect(m3.role == "officer")
    #expect(roster.postings[4].mode == "unassigned")
    let evaluation = RosterChecker(district).evaluate(Fixture.valid)
    #expect(roster.objective == evaluation.objective)
    #expect(roster.measures == evaluation.measures)
    #expect(roster.brokenRules == nil)
    let broken = RosterIO.roster(
      from: Fixture.valid(["t4": .stationed(town: Fixture.delta)]), district: district)
    #expect(broken.brokenRules == ["[avoidance] Zhou Jie (t4) is stationed in Delta, their home town"])
  }

  @Test func jsonRoundTripsAndIsStable() throws {
    let roster = RosterIO.roster(
      from: Fixture.valid, district: district, solver: "glpk", status: "optimal", bound: 1357,
      gap: 0.0003)
    let data = try RosterIO.encodeJSON(roster)
    #expect(try RosterIO.encodeJSON(roster) == data)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"format\" : \"secondment-roster\""))
    #expect(
      text.range(of: "\"bound\"")?.lowerBound ?? text.endIndex
        < text.range(of: "\"postings\"")?.lowerBound ?? text.startIndex)
    let loaded = try RosterIO.decodeJSON(data, file: "plan.json")
    // The file keeps every figure to Rounding.fileStep (1e-6).
    #expect(loaded.roster == roster.rounded(Rounding.fileStep))
    #expect(loaded.roster.measures?.imbalance == 0.333333)
    #expect(loaded.locations.first == "postings[0]")
    #expect(try RosterChecker(district).evaluate(loaded.roster).objective == roster.objective)
  }

  @Test func jsonWithOnlyPostingsIsEnough() throws {
    let json = #"{"postings": [{"person": "m1", "mode": "stationed", "town": "alpha"}]}"#
    let loaded = try RosterIO.decodeJSON(Data(json.utf8), file: "hand.json")
    #expect(loaded.roster.postings.count == 1)
    #expect(loaded.roster.instance == "")
  }

  @Test func jsonErrorsNameThePath() {
    let missingMode = #"{"postings": [{"person": "m1", "mode": "stationed"}, {"person": "m2"}]}"#
    let e = fileError { _ = try RosterIO.decodeJSON(Data(missingMode.utf8), file: "plan.json") }
    #expect(e?.file == "plan.json")
    #expect(e?.location == "postings[1]")
    #expect(e?.message == "missing 'mode'")
    let wrongType = #"{"postings": [{"person": 7, "mode": "stationed"}]}"#
    let t = fileError { _ = try RosterIO.decodeJSON(Data(wrongType.utf8), file: "plan.json") }
    #expect(t?.location == "postings[0].person")
    let noPostings = #"{"instance": "fixture"}"#
    let n = fileError { _ = try RosterIO.decodeJSON(Data(noPostings.utf8), file: "plan.json") }
    #expect(n?.message == "missing 'postings'")
    let broken = fileError { _ = try RosterIO.decodeJSON(Data("{\"postings\": [".utf8), file: "p") }
    #expect(broken?.message.hasPrefix("not valid JSON") == true, "\(String(describing: broken))")
    #expect(broken?.location == "line 1, at the end of the file")
    let instance = #"{"format": "secondment-instance", "postings": []}"#
    let f = fileError { _ = try RosterIO.decodeJSON(Data(instance.utf8), file: "plan.json") }
    #expect(f?.location == "format")
    #expect(f?.file == "plan.json")
    let empty = fileError { _ = try RosterIO.decodeJSON(Data(), file: "plan.json") }
    #expect(empty?.message == "the file is empty")
  }

  @Test func csvRoundTripsWithChineseNamesAndCommas() throws {
    var roster = RosterIO.roster(from: Fixture.valid, district: district)
    roster.postings[1].name = "Wang, Fang \"Fay\""
    let data = try RosterIO.csv(roster)
    let text = String(decoding: data, as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "person,name,department,role,mode,town,zone,towns,split")
    #expect(lines[3] == "m3,Li Na,mkt,officer,zoned,,valley,gamma;delta,gamma=0.8")
    #expect(lines[10] == "x1,吴芳,mkt,auxiliary,stationed,alpha,,,")
    #expect(text.hasSuffix("\n"))
    let loaded = try RosterIO.decodeCSV(data, file: "plan.csv")
    #expect(loaded.roster.postings == roster.postings)
    #expect(loaded.locations.first == "line 2")
    #expect(try RosterChecker(district).evaluate(loaded.roster).violations == [])
  }

  @Test func csvReadsABOMAnyColumnOrderAndBlankLines() throws {
    let csv = "\u{FEFF}Mode , PERSON,notes\r\nstationed,m1,first\r\n\r\nunassigned,m5,\r\n"
    let loaded = try RosterIO.decodeCSV(Data(csv.utf8), file: "plan.csv")
    #expect(loaded.roster.postings.map(\.person) == ["m1", "m5"])
    #expect(loaded.roster.postings.map(\.mode) == ["stationed", "unassigned"])
    #expect(loaded.locations == ["line 2", "line 4"])
  }

  @Test func csvLineNumbersCountLineBreaksInsideQuotes() throws {
    let csv = "person,name,mode\nm1,\"two\nlines\",unassigned\nm2,,unassigned\n"
    let loaded = try RosterIO.decodeCSV(Data(csv.utf8), file: "plan.csv")
    #expect(loaded.locations == ["line 2", "line 4"])
    #expect(loaded.roster.postings[0].name == "two\nlines")
  }

  @Test func csvErrorsNameTheLine() {
    let extra = "person,mode\nm1,unassigned\nm2,unassigned,surplus\n"
    let e = fileError { _ = try RosterIO.decodeCSV(Data(extra.utf8), file: "plan.csv") }
    #expect(e?.location == "line 3")
    #expect(e?.description.hasPrefix("plan.csv: line 3: 3 fields") == true)
    let noMode = "person,town\nm1,alpha\n"
    let h = fileError { _ = try RosterIO.decodeCSV(Data(noMode.utf8), file: "plan.csv") }
    #expect(h?.location == "line 1")
    #expect(h?.message == "the header has no 'mode' column")
    let emptyMode = "person,mode\nm1,\n"
    let m = fileError { _ = try RosterIO.decodeCSV(Data(emptyMode.utf8), file: "plan.csv") }
    #expect(m?.location == "line 2, column mode")
    let latin1 = Data([0x70, 0x65, 0x72, 0x73, 0x6F, 0x6E, 0x0A, 0xE9, 0xFF, 0x0A])
    let u = fileError { _ = try RosterIO.decodeCSV(latin1, file: "plan.csv") }
    #expect(u?.message == "the file is not UTF-8 text")
    let empty = fileError { _ = try RosterIO.decodeCSV(Data(), file: "plan.csv") }
    #expect(empty?.message == "the file is empty")
  }

  @Test func csvSplitIsReadAndMalformedPairsNameTheColumn() throws {
    let csv = "person,mode,zone,split\nm3,zoned,valley,gamma=0.3; delta=0.5\n"
    let loaded = try RosterIO.decodeCSV(Data(csv.utf8), file: "plan.csv")
    #expect(loaded.roster.postings.first?.split == ["gamma": 0.3, "delta": 0.5])
    let bad = "person,mode,zone,split\nm3,zoned,valley,gamma:0.3\n"
    let e = fileError { _ = try RosterIO.decodeCSV(Data(bad.utf8), file: "plan.csv") }
    #expect(e?.location == "line 2, column split")
    #expect(e?.message == "'gamma:0.3' is not a town=FTE pair")
  }

  @Test func jsonCarriesEveryZonedOfficersSplit() throws {
    let roster = RosterIO.roster(from: Fixture.valid, district: district)
    #expect(roster.postings.first { $0.person == "m3" }?.split == ["gamma": 0.8])
    #expect(roster.postings.first { $0.person == "m1" }?.split == nil)
    let back = try RosterIO.decodeJSON(RosterIO.encodeJSON(roster), file: "r.json")
    #expect(back.roster.postings == roster.postings)
  }

  @Test func csvLinesReachTheCheckersErrors() throws {
    let csv = "person,mode,town\nm1,stationed,alpha\nnobody,unassigned,\n"
    let loaded = try RosterIO.decodeCSV(Data(csv.utf8), file: "plan.csv")
    let e = fileError {
      _ = try RosterChecker(district).evaluate(
        loaded.roster, file: loaded.file, locations: loaded.locations)
    }
    #expect(e?.description.hasPrefix("plan.csv: line 3: unknown person 'nobody'") == true)
  }

  @Test func writesAreAtomicAndChooseTheFormatByExtension() throws {
    let dir = try folder()
    let roster = RosterIO.roster(from: Fixture.valid, district: district)
    let json = dir.appendingPathComponent("plan.json").path
    let csv = dir.appendingPathComponent("plan.CSV").path
    try RosterIO.write(roster, to: json)
    try RosterIO.write(roster, to: csv)
    try RosterIO.write(roster, to: json)  // replaces the first
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(names == ["plan.CSV", "plan.json"])
    #expect(try RosterIO.read(path: json).roster == roster.rounded(Rounding.fileStep))
    #expect(try RosterIO.read(path: csv).roster.postings == roster.postings)
    let missing = fileError { _ = try RosterIO.read(path: dir.appendingPathComponent("no.json").path) }
    #expect(missing?.message == "no such file")
  }
}
