import Foundation
import Scenarios
import SecondmentDomain
import Testing

/// Parses and applies `text` to the small instance, returning the error it must raise.
func failure(_ text: String, file: String = "bad.yaml") -> ScenarioError? {
  do {
    _ = try Scenario.parse(text, file: file).apply(to: smallInstance())
    return nil
  } catch let error as ScenarioError {
    return error
  } catch {
    Issue.record("unexpected error type: \(error)")
    return nil
  }
}

@Suite("Bad scenarios name the file, the line and the fix")
struct ScenarioErrorTests {
  static let header = "title: Bad\nbase: small.json\nchanges:\n"

  @Test(
    "unknown ids and impossible changes",
    arguments: [
      // (changes, expected line, words in the message, words in the fix)
      ("  - hire: {count: 2, department: markt}\n", 4, "unknown department `markt`", "did you mean `market`"),
      ("  - remove: [m1,\n      nobody]\n", 5, "unknown person `nobody`", "m1"),
      ("  - demand:\n      towns: [north, nowhere]\n      factor: 1.3\n", 5, "unknown town `nowhere`", "use one of"),
      ("  - remove: {department: transport, count: 5}\n", 4, "only 2 available officers", "at most 2"),
      ("  - policy:\n      avoidanceRadius: 15\n", 5, "unknown policy key `avoidanceRadius`", "avoidanceRadiusMinutes"),
      ("  - policy:\n      weights:\n        unmet: 3\n", 6, "unknown weight `weights.unmet`", "unmetDemand"),
      ("  - policy:\n      zoneTravelOverhead: 1.5\n", 5, "must be between 0 and 1", ""),
      ("  - policy:\n      deskCapacity: 12\n", 5, "cannot be `12`", "true or false"),
      ("  - merge: {from: market, into: market}\n", 4, "cannot merge into itself", ""),
      ("  - zone: {id: z1, towns: [north, north]}\n", 4, "names `north` twice", ""),
      ("  - removeZone: zone-nowhere\n", 4, "unknown zone `zone-nowhere`", ""),
      ("  - hire: {count: 1, department: market, ids: [m2]}\n", 4, "already taken", "choose another id"),
      ("  - hires: {count: 1}\n", 4, "unknown change `hires`", "did you mean `hire`"),
      ("  - hire: {count: 1, department: market, lgal: true}\n", 4, "unknown key `lgal`", "did you mean `legal`"),
      ("  - hire: {count: zero, department: market}\n", 4, "must be a whole number", ""),
      ("  - demand: {pilot: true}\n", 4, "exactly one of `factor`, `set`, `add`", "factor: 1.3"),
      ("  - demand: {factor: -1}\n", 4, "must not be negative", ""),
      ("  - hire: {count: 2, department: market}\n    merge: {from: a, into: b}\n", 4, "exactly one kind", ""),
    ])
  func unknownAndImpossible(changes: String, line: Int, message: String, fix: String) throws {
    let error = try #require(failure(Self.header + changes))
    #expect(error.file == "bad.yaml")
    #expect(error.line == line, "\(error)")
    #expect(error.message.contains(message), "\(error)")
    let given = try #require(error.fix, "every error says how to fix it: \(error)")
    #expect(fix.isEmpty || given.contains(fix), "\(error)")
    #expect(error.description.hasPrefix("bad.yaml:\(line): "))
  }

  @Test("missing title, base or changes; not YAML at all")
  func structure() throws {
    let noTitle = try #require(failure("base: x.json\nchanges: []\n"))
    #expect(noTitle.message.contains("no `title`"))
    let noBase = try #require(failure("title: T\nchanges: []\n"))
    #expect(noBase.message.contains("no `base`"))
    let typo = try #require(failure("title: T\nbase: x.json\nchanges: []\ntitel: again\n"))
    #expect(typo.line == 4)
    #expect(typo.message.contains("unknown key `titel`"))
    let broken = try #require(failure("title: T\nbase: x.json\nchanges:\n  - hire: {count: 1\n"))
    #expect(broken.message.contains("not valid YAML"))
    #expect(broken.line != nil)
    let empty = try #require(failure(""))
    #expect(empty.message.contains("empty"))
  }

  @Test("a missing scenario file names the path")
  func missingFile() {
    #expect {
      try Scenario.load(path: "/nonexistent/scenario.yaml")
    } throws: { error in
      (error as? ScenarioError)?.file == "/nonexistent/scenario.yaml"
    }
  }
}
