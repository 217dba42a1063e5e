import Foundation
import Scenarios
import SecondmentDomain
import SecondmentTestSupport
import Testing

/// What-ifs against the roster in force report only the moves a scenario causes.
@Suite("What-if moves against the roster in force")
struct WhatIfMovesTests {
  /// The count a section of the people changes gives: `moves (12):` → 12, `moves: none` → 0.
  func count(_ section: String, in text: String) -> Int? {
    for line in text.split(separator: "\n") {
      let t = line.trimmingCharacters(in: .whitespaces)
      if t == "\(section): none" { return 0 }
      if t.hasPrefix("\(section) ("), let n = Int(t.dropFirst(section.count + 2).prefix { $0.isNumber }) { return n }
    }
    return nil
  }

  /// The largest number of people who can keep their reference posting when
  /// interchangeable people (same everything but id and name) may trade
  /// postings: a maximum bipartite matching (augmenting paths) between the
  /// people of the reference and the scenario's (person, posting) slots.
  func mostKept(reference: [String: Posting], roster: [String: Posting], people: [Person]) -> Int {
    let left = people.filter { reference[$0.id] != nil }
    let right = people
    func fits(_ a: Person, _ b: Person) -> Bool {
      var x = a
      var y = b
      (x.id, x.name, y.id, y.name) = ("", "", "", "")
      x.preferredTowns.sort()
      y.preferredTowns.sort()
      return x == y && reference[a.id] == roster[b.id]
    }
    var owner = [Int?](repeating: nil, count: right.count)
    func augment(_ i: Int, _ seen: inout [Bool]) -> Bool {
      for j in right.indices where !seen[j] && fits(left[i], right[j]) {
        seen[j] = true
        if owner[j] == nil || augment(owner[j] ?? 0, &seen) {
          owner[j] = i
          return true
        }
      }
      return false
    }
    var matched = 0
    for i in left.indices {
      var seen = [Bool](repeating: false, count: right.count)
      if augment(i, &seen) { matched += 1 }
    }
    return matched
  }

  @Test("on every shipped scenario, anchored on the baseline roster, the moves reported are the fewest postings that must change")
  func shippedScenariosReportTheFewestMoves() throws {
    let work = try temporaryFolder()
    let base = shipped("Instances/rongchang-2024.json")
    let inForce = work.appendingPathComponent("in-force.json").path
    let solved = try runSecondment(["solve", base, "--output", inForce, "--quiet", "--time-limit", "20"])
    #expect(solved.status == 0, "\(solved.stderr)")
    let scenarios = try FileManager.default.contentsOfDirectory(atPath: shipped("Instances/scenarios"))
      .filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(scenarios.count == 10)
    for name in scenarios {
      let rosters = work.appendingPathComponent(name).path
      let run = try runSecondment([
        "whatif", base, "--scenario", shipped("Instances/scenarios/\(name)"), "--from", inForce,
        "--rosters", rosters, "--quiet", "--time-limit", "20",
      ])
      #expect(run.status == 0, "\(name): \(run.stderr)")
      let label = String(name.dropLast(5))
      let reference = try RosterChecker(District(InstanceLoader.load(path: base)))
        .resolve(RosterIO.read(path: "\(rosters)/base.json").roster).postings
      let scenarioRoster = try RosterIO.read(path: "\(rosters)/\(label).json").roster
      var postings: [String: Posting] = [:]
      for e in scenarioRoster.postings {
        postings[e.person] = e.mode == "stationed" ? .stationed(town: e.town ?? "") : e.mode == "zoned" ? .zoned(zone: e.zone ?? "") : .unassigned
      }
      #expect(reference == (try RosterChecker(District(InstanceLoader.load(path: base))).resolve(RosterIO.read(path: inForce).roster).postings), "the base run is the roster in force")
      // The scenario's people, with the attributes the scenario gave them.
      let people = scenarioRoster.postings.map(\.person)
      let instance = try scenarioInstance(base: base, scenario: shipped("Instances/scenarios/\(name)"), work: work)
      let present = instance.people.filter { people.contains($0.id) && reference[$0.id] != nil }
      let changed = present.filter { postings[$0.id] != reference[$0.id] }.count
      let fewest = present.count - mostKept(reference: reference, roster: postings, people: instance.people)
      #expect(changed == fewest, "\(name): \(changed) postings changed, the fewest possible is \(fewest)")
      let moves = try #require(count("moves", in: run.stdout), "\(name): \(run.stdout)")
      let nowOnLeave = run.stdout.components(separatedBy: "now unavailable").count - 1
      #expect(moves + nowOnLeave == fewest, "\(name): reported \(moves) moves + \(nowOnLeave) on leave, fewest \(fewest)")
    }
  }

  /// The scenario's instance: the base anchored on the roster in force, the
  /// scenario applied (as `whatif --from` builds it).
  func scenarioInstance(base: String, scenario: String, work: URL) throws -> Instance {
    let out = work.appendingPathComponent("scenario-instance.json").path
    let run = try runSecondment(["export", base, "--json", out])
    #expect(run.status == 0)
    var instance = try InstanceLoader.load(path: out)
    let roster = try RosterChecker(District(instance)).resolve(RosterIO.read(path: work.appendingPathComponent("in-force.json").path).roster)
    for i in instance.people.indices { instance.people[i].currentPosting = roster.postings[instance.people[i].id] }
    return try Scenario.load(path: scenario).outcome(of: instance).instance
  }

  @Test("a what-if whose scenario changes nothing reports 0 moves")
  func nothingChangedNoMoves() throws {
    let work = try temporaryFolder()
    let base = shipped("Instances/rongchang-2024.json")
    let inForce = work.appendingPathComponent("in-force.json").path
    #expect(try runSecondment(["solve", base, "--output", inForce, "--quiet", "--time-limit", "20"]).status == 0)
    // The edited copy is the base itself, unchanged.
    let copy = work.appendingPathComponent("copy.xlsx").path
    #expect(try runSecondment(["export", base, "--xlsx", copy]).status == 0)
    for anchor in [["--from", inForce], []] {
      let run = try runSecondment(["whatif", base, "--scenario", copy, "--quiet", "--time-limit", "20"] + anchor)
      #expect(run.status == 0, "\(run.stderr)")
      #expect(count("moves", in: run.stdout) == 0, "\(anchor): \(run.stdout)")
      #expect(count("new", in: run.stdout) == 0)
      #expect(count("leaving", in: run.stdout) == 0)
    }
  }
}
