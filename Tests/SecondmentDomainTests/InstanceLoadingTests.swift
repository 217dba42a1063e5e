import Foundation
import SecondmentTestSupport
import Testing

@testable import SecondmentDomain

/// A small valid instance: three towns, two departments, six people, two zones, a travel matrix.
enum Small {
  static func instance() -> Instance {
    Instance(
      name: "small", title: "Three towns",
      departments: [
        Department(id: "mkt", name: "市场监督管理局", englishName: "Market", officers: 3, auxiliaries: 1),
        Department(id: "trn", name: "交通运输局", englishName: "Transport", officers: 2, auxiliaries: 0),
      ],
      towns: [
        Town(id: "east", name: "东街道", pinyin: "East", kind: .subdistrict, pilot: true, x: 0, y: 0, deskCapacity: 4, demand: ["mkt": 2, "trn": 1]),
        Town(id: "west", name: "西镇", pinyin: "West", kind: .town, x: 5, y: 0, deskCapacity: 3, demand: ["mkt": 1]),
        Town(id: "north", name: "北镇", pinyin: "North", kind: .town, x: 0, y: 6, deskCapacity: 3, demand: ["mkt": 0.5, "trn": 1]),
      ],
      zones: [
        Zone(id: "z1", towns: ["east", "west"]),
        Zone(id: "z2", towns: ["east", "north"]),
      ],
      travel: TravelMatrix(
        towns: ["east", "west", "north"],
        minutes: [[0, 10, 12], [10, 0, 18], [12, 18, 0]]),
      people: [
        Person(id: "m1", name: "王伟", department: "mkt", role: .officer, certified: true, legal: true, drives: true, homeTown: "west"),
        Person(id: "m2", name: "李娜", department: "mkt", role: .officer, certified: true, homeTown: "east", preferredTowns: ["west"]),
        Person(id: "m3", name: "张敏", department: "mkt", role: .officer, certified: true, drives: true, currentPosting: .zoned(zone: "z1"), tenure: 2),
        Person(id: "t1", name: "刘洋", department: "trn", role: .officer, certified: true, legal: true, drives: true, homeTown: "north"),
        Person(id: "t2", name: "陈静", department: "trn", role: .officer, pinned: .stationed(town: "north")),
        Person(id: "x1", name: "杨丽", department: "mkt", role: .auxiliary, homeTown: "north", currentPosting: .stationed(town: "east")),
      ])
  }

  /// The instance as a JSON object tree, to break in ways Swift types cannot.
  static func tree(_ instance: Instance = instance()) throws -> [String: Any] {
    let data = try InstanceLoader.encode(instance)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }
}

/// Writes `text` to a fresh temporary file named `name` and returns its path.
func writeTemporary(_ text: String, name: String = "instance.json") throws -> String {
  let url = try temporaryFolder().appendingPathComponent(name)
  try Data(text.utf8).write(to: url)
  return url.path
}

func writeTemporary(_ instance: Instance) throws -> String {
  try writeTemporary(String(decoding: InstanceLoader.encode(instance), as: UTF8.self))
}

func writeTemporary(tree: [String: Any]) throws -> String {
  let data = try JSONSerialization.data(withJSONObject: tree, options: [.sortedKeys])
  return try writeTemporary(String(decoding: data, as: UTF8.self))
}

/// Loads `path` expecting failure; returns every error.
func loadErrors(_ path: String, staff: String? = nil) -> [InputError] {
  do {
    _ = try InstanceLoader.load(path: path, staff: staff)
    Issue.record("expected \(path) to be rejected")
    return []
  } catch let errors as InputErrors {
    return errors.errors
  } catch {
    Issue.record("unexpected error type: \(error)")
    return []
  }
}

/// Asserts one of `errors` is at `location` in `file` and its message contains `text`.
func expectError(
  _ errors: [InputError], file: String, at location: String, saying text: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let match = errors.first { $0.file == file && $0.location == location }
  #expect(match != nil, "no error at \(location) among: \(errors.map(\.description))", sourceLocation: sourceLocation)
  if let match {
    #expect(match.message.contains(text), "\(match.message) lacks '\(text)'", sourceLocation: sourceLocation)
    #expect(match.description.hasPrefix("\(file): \(location): "), sourceLocation: sourceLocation)
    #expect(match.hint != nil, sourceLocation: sourceLocation)
  }
}

/// The errors of a changed small instance, loaded from a file.
func errorsAfter(_ change: (inout Instance) -> Void) throws -> (path: String, errors: [InputError]) {
  var instance = Small.instance()
  change(&instance)
  let path = try writeTemporary(instance)
  return (path, loadErrors(path))
}

@Suite("Instance loading: valid files")
struct ValidInstanceTests {
  @Test func smallInstanceLoadsAndRoundTrips() throws {
    let path = try writeTemporary(Small.instance())
    let loaded = try InstanceLoader.load(path: path)
    #expect(loaded == Small.instance())
    let district = try InstanceLoader.loadDistrict(path: path)
    #expect(district.zones.count == 2)
    #expect(district.minutes("west", "north") == 18)
  }

  @Test func encodingIsDeterministicAndCompact() throws {
    let a = try InstanceLoader.encode(Small.instance())
    let b = try InstanceLoader.encode(Small.instance())
    #expect(a == b)
    let text = String(decoding: a, as: UTF8.self)
    #expect(text.contains("[0, 10, 12]"))
    #expect(text.contains("\"towns\" : [\"east\", \"west\"]"))
  }

  @Test func atomicWriteReplacesAndLeavesNoTemporaryFile() throws {
    let path = try writeTemporary("old")
    try AtomicFile.write("new", to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["instance.json"])
  }

  @Test func atomicWriteIntoMissingFolderFailsWithoutAFile() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("no-such-folder-\(UUID().uuidString)/x.json").path
    #expect(throws: (any Error).self) { try AtomicFile.write("x", to: path) }
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}

@Suite("Instance loading: malformed JSON")
struct MalformedJSONTests {
  @Test func syntaxErrorNamesLineAndColumn() throws {
    let path = try writeTemporary("{\n  \"name\": \"x\",\n  \"towns\": [1, 2,, 3]\n}")
    let errors = loadErrors(path)
    #expect(errors.count == 1)
    #expect(errors.first?.file == path)
    #expect(errors.first?.location == "line 3, column 18")
    #expect(errors.first?.message.contains("not valid JSON") == true)
  }

  @Test func missingFileIsAnInputError() {
    let errors = loadErrors("/nonexistent/instance.json")
    #expect(errors.first?.message == "no such file")
    #expect(errors.first?.file == "/nonexistent/instance.json")
  }

  @Test func emptyFileAndNonObject() throws {
    #expect(loadErrors(try writeTemporary("")).first?.message == "the file is empty")
    #expect(loadErrors(try writeTemporary("[1, 2]")).first?.message == "the file is not a JSON object")
  }

  @Test func missingKeyNamesItsPath() throws {
    var tree = try Small.tree()
    var towns = try #require(tree["towns"] as? [[String: Any]])
    towns[1].removeValue(forKey: "deskCapacity")
    tree["towns"] = towns
    let path = try writeTemporary(tree: tree)
    expectError(loadErrors(path), file: path, at: "towns[1].deskCapacity", saying: "missing required key 'deskCapacity'")
  }

  @Test func missingDepartmentKeyOfAPerson() throws {
    var tree = try Small.tree()
    var people = try #require(tree["people"] as? [[String: Any]])
    people[3].removeValue(forKey: "department")
    tree["people"] = people
    let path = try writeTemporary(tree: tree)
    expectError(loadErrors(path), file: path, at: "people[3].department", saying: "missing")
  }

  @Test func wrongTypeNamesItsPath() throws {
    var tree = try Small.tree()
    var towns = try #require(tree["towns"] as? [[String: Any]])
    towns[0]["demand"] = ["mkt": "lots", "trn": 1]
    tree["towns"] = towns
    let path = try writeTemporary(tree: tree)
    expectError(loadErrors(path), file: path, at: "towns[0].demand.mkt", saying: "expected a number, found a string")
  }

  @Test func fractionWhereAWholeNumberBelongs() throws {
    var tree = try Small.tree()
    var people = try #require(tree["people"] as? [[String: Any]])
    people[2]["tenure"] = 1.5
    tree["people"] = people
    let path = try writeTemporary(tree: tree)
    expectError(loadErrors(path), file: path, at: "people[2].tenure", saying: "whole number")
  }

  @Test func nullValue() throws {
    var tree = try Small.tree()
    tree["people"] = NSNull()
    let path = try writeTemporary(tree: tree)
    expectError(loadErrors(path), file: path, at: "people", saying: "found null")
  }

  @Test func unknownPostingMode() throws {
    var tree = try Small.tree()
    var people = try #require(tree["people"] as? [[String: Any]])
    people[4]["pinned"] = ["mode": "seconded", "town": "north"]
    tree["people"] = people
    let path = try writeTemporary(tree: tree)
    expectError(loadErrors(path), file: path, at: "people[4].pinned.mode", saying: "unknown posting mode")
  }

  @Test func wrongFormatTag() throws {
    var tree = try Small.tree()
    tree["format"] = "secondment-roster"
    let path = try writeTemporary(tree: tree)
    expectError(loadErrors(path), file: path, at: "format", saying: "not 'secondment-instance'")
  }

  @Test func unsupportedVersion() throws {
    var tree = try Small.tree()
    tree["version"] = 99
    let path = try writeTemporary(tree: tree)
    expectError(loadErrors(path), file: path, at: "version", saying: "unsupported version 99")
  }

  @Test func numberTooLargeIsRejected() throws {
    let text = String(decoding: try InstanceLoader.encode(Small.instance()), as: UTF8.self)
      .replacingOccurrences(of: "\"mkt\" : 2", with: "\"mkt\" : 1e999")
    let path = try writeTemporary(text)
    let errors = loadErrors(path)
    #expect(errors.first?.file == path)
    #expect(errors.first?.message.contains("1e999") == true)
  }
}

@Suite("Instance validation: every kind of bad input")
struct InstanceValidationTests {
  @Test func unknownDepartmentOfAPerson() throws {
    let (path, errors) = try errorsAfter { $0.people[1].department = "markt" }
    expectError(errors, file: path, at: "people[1].department", saying: "unknown department 'markt'")
  }

  @Test func personWithEmptyDepartment() throws {
    let (path, errors) = try errorsAfter { $0.people[0].department = " " }
    expectError(errors, file: path, at: "people[0].department", saying: "has no department")
  }

  @Test func unknownDepartmentInDemand() throws {
    let (path, errors) = try errorsAfter { $0.towns[2].demand["xyz"] = 1 }
    expectError(errors, file: path, at: "towns[2].demand.xyz", saying: "unknown department 'xyz'")
  }

  @Test func unknownTownsOfPeople() throws {
    let (path, errors) = try errorsAfter {
      $0.people[0].homeTown = "south"
      $0.people[1].preferredTowns = ["west", "nowhere"]
      $0.people[5].currentPosting = .stationed(town: "atlantis")
      $0.people[4].pinned = .stationed(town: "mars")
      $0.people[3].forbidden = [.stationed(town: "north"), .stationed(town: "venus")]
    }
    expectError(errors, file: path, at: "people[0].homeTown", saying: "unknown home town 'south'")
    expectError(errors, file: path, at: "people[1].preferredTowns[1]", saying: "unknown town 'nowhere'")
    expectError(errors, file: path, at: "people[5].currentPosting.town", saying: "unknown town 'atlantis'")
    expectError(errors, file: path, at: "people[4].pinned.town", saying: "unknown town 'mars'")
    expectError(errors, file: path, at: "people[3].forbidden[1].town", saying: "unknown town 'venus'")
  }

  @Test func unknownZoneOfAPosting() throws {
    let (path, errors) = try errorsAfter { $0.people[2].currentPosting = .zoned(zone: "z9") }
    expectError(errors, file: path, at: "people[2].currentPosting.zone", saying: "unknown zone 'z9'")
  }

  @Test func unknownGeneratedZoneWhenZonesAreLeftOut() throws {
    let (path, errors) = try errorsAfter {
      $0.zones = nil
      $0.people[2].currentPosting = .zoned(zone: "zone-nowhere")
    }
    expectError(errors, file: path, at: "people[2].currentPosting.zone", saying: "not among the generated zones")
  }

  @Test func duplicateIDs() throws {
    let (path, errors) = try errorsAfter {
      $0.towns[2].id = "east"
      $0.departments[1].id = "mkt"
      $0.people[1].id = "m1"
      $0.zones?[1].id = "z1"
    }
    expectError(errors, file: path, at: "towns[2].id", saying: "duplicate town id 'east'")
    expectError(errors, file: path, at: "departments[1].id", saying: "duplicate department id 'mkt'")
    expectError(errors, file: path, at: "people[1].id", saying: "duplicate person id 'm1'")
    expectError(errors, file: path, at: "zones[1].id", saying: "duplicate zone id 'z1'")
  }

  @Test func negativeDemand() throws {
    let (path, errors) = try errorsAfter { $0.towns[1].demand["mkt"] = -0.5 }
    expectError(errors, file: path, at: "towns[1].demand.mkt", saying: "negative demand")
  }

  @Test func nonFiniteDemand() {
    var instance = Small.instance()
    instance.towns[0].demand["trn"] = .nan
    instance.towns[1].demand["mkt"] = .infinity
    let errors = InstanceValidation.problems(in: instance, file: "s.json")
    expectError(errors, file: "s.json", at: "towns[0].demand.trn", saying: "not a finite number")
    expectError(errors, file: "s.json", at: "towns[1].demand.mkt", saying: "not a finite number")
  }

  @Test func negativeDeskCapacity() throws {
    let (path, errors) = try errorsAfter { $0.towns[0].deskCapacity = -1 }
    expectError(errors, file: path, at: "towns[0].deskCapacity", saying: "negative desk capacity")
  }

  @Test func zonesNamingUnknownOrRepeatedTownsOrNone() throws {
    let (path, errors) = try errorsAfter {
      $0.zones = [
        Zone(id: "z1", towns: ["east", "nowhere"]),
        Zone(id: "z2", towns: []),
        Zone(id: "z3", towns: ["west", "north", "west"]),
      ]
    }
    expectError(errors, file: path, at: "zones[0].towns[1]", saying: "unknown town 'nowhere'")
    expectError(errors, file: path, at: "zones[1].towns", saying: "has no towns")
    expectError(errors, file: path, at: "zones[2].towns[2]", saying: "appears twice")
  }

  @Test func asymmetricTravel() throws {
    let (path, errors) = try errorsAfter { $0.travel?.minutes[0][2] = 15 }
    expectError(errors, file: path, at: "travel.minutes[0][2]", saying: "asymmetric")
  }

  @Test func incompleteTravelRowAndMissingRow() throws {
    let (path, errors) = try errorsAfter { $0.travel?.minutes[1] = [10, 0] }
    expectError(errors, file: path, at: "travel.minutes[1]", saying: "row has 2 entries for 3 towns")
    let (path2, errors2) = try errorsAfter { $0.travel?.minutes.removeLast() }
    expectError(errors2, file: path2, at: "travel.minutes", saying: "2 rows for 3 towns")
  }

  @Test func negativeTravelAndNonzeroDiagonal() throws {
    let (path, errors) = try errorsAfter {
      $0.travel?.minutes[0][1] = -10
      $0.travel?.minutes[1][0] = -10
      $0.travel?.minutes[2][2] = 3
    }
    expectError(errors, file: path, at: "travel.minutes[0][1]", saying: "negative travel time")
    expectError(errors, file: path, at: "travel.minutes[2][2]", saying: "to itself is 3.0, not 0")
  }

  @Test func travelNamingUnknownTownOrMissingOne() throws {
    let (path, errors) = try errorsAfter { $0.travel?.towns[2] = "south" }
    expectError(errors, file: path, at: "travel.towns[2]", saying: "unknown town 'south'")
    expectError(errors, file: path, at: "travel.towns", saying: "lacks towns: north")
  }

  @Test func noTravelMatrixAndNoCoordinates() throws {
    let (path, errors) = try errorsAfter {
      $0.travel = nil
      $0.towns[1].y = nil
    }
    expectError(errors, file: path, at: "towns[1]", saying: "has no coordinates")
    #expect(errors.count == 1)
  }

  @Test func negativeTenure() throws {
    let (path, errors) = try errorsAfter { $0.people[2].tenure = -1 }
    expectError(errors, file: path, at: "people[2].tenure", saying: "negative tenure")
  }

  @Test func auxiliaryWithZonedPostingOrPin() throws {
    let (path, errors) = try errorsAfter {
      $0.people[5].currentPosting = .zoned(zone: "z1")
      $0.people[5].pinned = .zoned(zone: "z2")
    }
    expectError(errors, file: path, at: "people[5].currentPosting.zone", saying: "auxiliary 'x1' has a zoned posting")
    expectError(errors, file: path, at: "people[5].pinned.zone", saying: "auxiliary 'x1' has a zoned pin")
  }

  @Test func policyOutOfRange() throws {
    let (path, errors) = try errorsAfter {
      $0.policy.zoneTravelOverhead = 1.5
      $0.policy.auxiliaryFTE = -0.1
      $0.policy.auxiliariesPerOfficer = -1
      $0.policy.minCertifiedPerTown = -2
      $0.policy.maxMoves = -3
      $0.policy.zoneMaxTowns = 0
      $0.policy.travelSpeedKmh = 0
      $0.policy.weights.travelMinute = -1
    }
    expectError(errors, file: path, at: "policy.zoneTravelOverhead", saying: "not between 0 and 1")
    expectError(errors, file: path, at: "policy.auxiliaryFTE", saying: "not between 0 and 1")
    expectError(errors, file: path, at: "policy.auxiliariesPerOfficer", saying: "-1")
    expectError(errors, file: path, at: "policy.minCertifiedPerTown", saying: "-2")
    expectError(errors, file: path, at: "policy.maxMoves", saying: "-3")
    expectError(errors, file: path, at: "policy.zoneMaxTowns", saying: "0")
    expectError(errors, file: path, at: "policy.travelSpeedKmh", saying: "travelSpeedKmh")
    expectError(errors, file: path, at: "policy.weights.travelMinute", saying: "-1")
  }

  @Test func quotasThatDoNotMatchTheStaffList() throws {
    let (path, errors) = try errorsAfter {
      $0.departments[0].officers = 4
      $0.departments[1].auxiliaries = 1
    }
    expectError(errors, file: path, at: "departments[0].officers", saying: "seconds 4 officers in \(path), but the people listed in \(path) has 3")
    expectError(errors, file: path, at: "departments[1].auxiliaries", saying: "seconds 1 auxiliaries in \(path), but the people listed in \(path) has 0")
  }

  @Test func negativeQuota() throws {
    let (path, errors) = try errorsAfter { $0.departments[1].officers = -2 }
    expectError(errors, file: path, at: "departments[1].officers", saying: "negative officer quota")
  }

  @Test func severalProblemsAreAllReportedFirstTwentyShown() throws {
    let (_, errors) = try errorsAfter { instance in
      for i in instance.people.indices { instance.people[i].homeTown = "nowhere-\(i)" }
      for i in instance.towns.indices { instance.towns[i].demand["bad\(i)"] = -1 }
    }
    // 6 home towns, 3 unknown departments and 3 negative demands, 12 in all.
    #expect(errors.count == 12)
    var many = Small.instance()
    for i in 0..<30 {
      many.people.append(Person(id: "p\(i)", name: "p", department: "none", role: .officer))
    }
    let all = InstanceValidation.problems(in: many, file: "many.json")
    let text = InputErrors(all).description
    #expect(text.split(separator: "\n").count == 21)
    #expect(text.hasSuffix("… and \(all.count - 20) more problems"))
  }
}
