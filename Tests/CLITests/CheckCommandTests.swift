import Foundation
import Testing
import SecondmentTestSupport

/// A four-town instance (the same district as the domain tests' `Fixture`),
/// written as JSON so these tests need nothing but the built binary.
private let instanceJSON = """
  {
    "format": "secondment-instance", "version": 1, "name": "fixture",
    "departments": [
      {"id": "mkt", "name": "市场监管", "englishName": "Market regulation"},
      {"id": "trn", "name": "交通运输", "englishName": "Transport"}
    ],
    "towns": [
      {"id": "alpha", "name": "甲街道", "pinyin": "Alpha", "kind": "subdistrict", "pilot": true,
       "deskCapacity": 4, "demand": {"mkt": 2, "trn": 1}},
      {"id": "beta", "name": "乙镇", "pinyin": "Beta", "kind": "town", "pilot": false,
       "deskCapacity": 3, "demand": {"mkt": 1, "trn": 1}},
      {"id": "gamma", "name": "丙镇", "pinyin": "Gamma", "kind": "town", "pilot": false,
       "deskCapacity": 3, "demand": {"mkt": 1, "trn": 0.5}},
      {"id": "delta", "name": "丁镇", "pinyin": "Delta", "kind": "town", "pilot": false,
       "deskCapacity": 2, "demand": {"mkt": 0.5, "trn": 1}}
    ],
    "zones": [
      {"id": "ridge", "name": "Ridge", "towns": ["beta", "gamma"]},
      {"id": "valley", "name": "Valley", "towns": ["gamma", "delta"]}
    ],
    "travel": {
      "towns": ["alpha", "beta", "gamma", "delta"],
      "minutes": [[0, 10, 20, 30], [10, 0, 15, 25], [20, 15, 0, 12], [30, 25, 12, 0]]
    },
    "people": [
      {"id": "m1", "name": "Zhang Wei", "department": "mkt", "role": "officer", "certified": true,
       "legal": true, "drives": true, "homeTown": "delta",
       "currentPosting": {"mode": "stationed", "town": "alpha"}, "tenure": 4},
      {"id": "m2", "name": "Wang Fang", "department": "mkt", "role": "officer", "certified": true,
       "drives": true, "homeTown": "gamma",
       "currentPosting": {"mode": "stationed", "town": "gamma"}, "tenure": 2},
      {"id": "m3", "name": "Li Na", "department": "mkt", "role": "officer", "certified": true,
       "legal": true, "drives": true, "homeTown": "alpha", "preferredTowns": ["delta"]},
      {"id": "m4", "name": "Liu Yang", "department": "mkt", "role": "officer", "certified": true,
       "drives": true, "homeTown": "delta"},
      {"id": "m5", "name": "Chen Jing", "department": "mkt", "role": "officer", "certified": true,
       "drives": true, "unavailable": true},
      {"id": "t1", "name": "Yang Lei", "department": "trn", "role": "officer", "certified": true,
       "legal": true, "drives": true, "homeTown": "gamma"},
      {"id": "t2", "name": "Zhao Min", "department": "trn", "role": "officer", "certified": true,
       "drives": true, "homeTown": "alpha", "preferredTowns": ["delta"]},
      {"id": "t3", "name": "Huang Qiang", "department": "trn", "role": "officer", "certified": true,
       "legal": true, "drives": true, "homeTown": "alpha"},
      {"id": "t4", "name": "Zhou Jie", "department": "trn", "role": "officer", "certified": true,
       "drives": false, "homeTown": "delta"},
      {"id": "x1", "name": "吴芳", "department": "mkt", "role": "auxiliary", "homeTown": "gamma"},
      {"id": "x2", "name": "Xu Gang", "department": "trn", "role": "auxiliary", "homeTown": "delta"},
      {"id": "x3", "name": "Sun Li", "department": "mkt", "role": "auxiliary", "homeTown": "gamma"}
    ]
  }
  """

/// The valid roster's lines: person, mode, town or zone.
private let validLines: [(String, String, String)] = [
  ("m1", "stationed", "alpha"), ("m2", "stationed", "beta"), ("m3", "zoned", "valley"),
  ("m4", "stationed", "alpha"), ("m5", "unassigned", ""), ("t1", "zoned", "ridge"),
  ("t2", "stationed", "gamma"), ("t3", "stationed", "delta"), ("t4", "stationed", "gamma"),
  ("x1", "stationed", "alpha"), ("x2", "stationed", "gamma"), ("x3", "stationed", "alpha"),
]

/// A roster JSON document from lines, with some of them replaced.
private func rosterJSON(_ changes: [String: (String, String)] = [:], extra: String? = nil)
  -> String
{
  var entries = validLines.map { line -> String in
    let (mode, place) = changes[line.0] ?? (line.1, line.2)
    switch mode {
    case "stationed": return #"{"person": "\#(line.0)", "mode": "stationed", "town": "\#(place)"}"#
    case "zoned": return #"{"person": "\#(line.0)", "mode": "zoned", "zone": "\#(place)"}"#
    default: return #"{"person": "\#(line.0)", "mode": "\#(mode)"}"#
    }
  }
  if let extra { entries.append(extra) }
  return """
    {"format": "secondment-roster", "version": 1, "instance": "fixture",
     "postings": [
       \(entries.joined(separator: ",\n   "))
     ]}
    """
}

/// Writes the instance and a roster to a fresh folder; returns their paths.
private func files(roster: String, name: String = "roster.json") throws -> (String, String) {
  let folder = try temporaryFolder()
  let instance = folder.appendingPathComponent("fixture.json")
  let rosterURL = folder.appendingPathComponent(name)
  try Data(instanceJSON.utf8).write(to: instance)
  try Data(roster.utf8).write(to: rosterURL)
  return (instance.path, rosterURL.path)
}

@Suite("secondment check")
struct CheckCommandTests {
  @Test func validRosterExitsZeroAndPrintsTheObjective() throws {
    let (instance, roster) = try files(roster: rosterJSON())
    let outcome = try runSecondment(["check", instance, roster])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("Hard rules: all hold"))
    #expect(outcome.stdout.contains("uncovered pairs"))
    #expect(outcome.stdout.contains("251.0 minutes"))
    #expect(outcome.stdout.contains("1264.55"))
    // The fixture roster gives no splits: check says which it chose.
    #expect(outcome.stdout.contains("Zone splits: 2 zoned officers' lines give no split"))
    #expect(outcome.stdout.contains("Li Na (m3): Gamma 0.80 FTE"))
  }

  @Test func ruleBreakingRosterExitsOneAndNamesTheRule() throws {
    let (instance, roster) = try files(roster: rosterJSON(["t4": ("stationed", "delta")]))
    let outcome = try runSecondment(["check", instance, roster])
    #expect(outcome.status == 1)
    #expect(
      outcome.stdout.contains("[avoidance] Zhou Jie (t4) is stationed in Delta, their home town"))
  }

  @Test func jsonFormatListsViolationsObjectiveAndMeasures() throws {
    let (instance, roster) = try files(roster: rosterJSON(["t4": ("stationed", "alpha")]))
    let outcome = try runSecondment(["check", instance, roster, "--format", "json"])
    #expect(outcome.status == 1)
    let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
    let result = try #require(object as? [String: Any])
    #expect(result["feasible"] as? Bool == false)
    #expect(result["brokenRules"] as? [String] == ["desk-capacity"])
    let violations = try #require(result["violations"] as? [[String: Any]])
    #expect(violations.first?["town"] as? String == "alpha")
    let measures = try #require(result["measures"] as? [String: Any])
    #expect(measures["uncoveredPairs"] as? Int == 0)
    let objective = try #require(result["objective"] as? [String: Any])
    #expect(objective["total"] is Double)
  }

  @Test func unknownPersonExitsTwoNamingFileAndPlace() throws {
    let (instance, roster) = try files(
      roster: rosterJSON(extra: #"{"person": "p99", "mode": "unassigned"}"#))
    let outcome = try runSecondment(["check", instance, roster])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("\(roster): postings[12]: unknown person 'p99'"))
    #expect(outcome.stdout.isEmpty)
  }

  @Test func missingPersonExitsTwo() throws {
    let json = rosterJSON().replacingOccurrences(
      of: #"{"person": "x3", "mode": "stationed", "town": "alpha"}"#, with: "")
      .replacingOccurrences(of: ",\n   \n", with: "\n")
    let (instance, roster) = try files(roster: json)
    let outcome = try runSecondment(["check", instance, roster])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("Sun Li (x3)"))
  }

  @Test func malformedRosterJSONExitsTwo() throws {
    let (instance, roster) = try files(roster: "{\"postings\": [")
    let outcome = try runSecondment(["check", instance, roster])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains(roster))
  }

  @Test func csvRosterIsReadByExtension() throws {
    var csv = "\u{FEFF}person,name,mode,town,zone,towns\n"
    for (person, mode, place) in validLines {
      switch mode {
      case "stationed": csv += "\(person),,stationed,\(place),,\n"
      case "zoned": csv += "\(person),\"Name, with comma\",zoned,,\(place),\n"
      default: csv += "\(person),,\(mode),,,\n"
      }
    }
    let (instance, roster) = try files(roster: csv, name: "roster.csv")
    let outcome = try runSecondment(["check", instance, roster])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let broken = csv.replacingOccurrences(of: "t4,,stationed,gamma", with: "t4,,stationed,omega")
    let (instance2, roster2) = try files(roster: broken, name: "broken.csv")
    let bad = try runSecondment(["check", instance2, roster2])
    #expect(bad.status == 2)
    // Header on line 1, t4 is the 9th person: line 10.
    #expect(bad.stderr.contains("\(roster2): line 10: unknown town 'omega'"))
  }

  @Test func invalidInstanceExitsTwo() throws {
    let (instance, roster) = try files(roster: rosterJSON())
    try Data("{\"name\": \"x\"}".utf8).write(to: URL(fileURLWithPath: instance))
    let outcome = try runSecondment(["check", instance, roster])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains(instance))
  }
}
