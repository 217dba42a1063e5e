import Foundation
import SecondmentDomain
import SecondmentTestSupport
import Testing

/// Values a solve cannot handle are refused at the boundary (exit 2, never a
/// crash), and outputs are checked before any work and written whole.
@Suite("Ranges of inputs and safety of outputs")
struct InputRangeAndOutputTests {
  let rongchang = packageRoot.appendingPathComponent("Instances/rongchang-2024.json").path

  /// Writes rongchang-2024 changed by `edit` (on its JSON object) and returns the path.
  func variant(_ edit: (inout [String: Any]) -> Void) throws -> String {
    var object = try #require(
      JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: rongchang))) as? [String: Any])
    edit(&object)
    let path = try temporaryFolder().appendingPathComponent("variant.json").path
    try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
    return path
  }

  func expectRefused(_ run: CLIOutcome, saying parts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(run.status == 2, "exit \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
    for part in parts { #expect(run.stderr.contains(part), "'\(part)' not in: \(run.stderr)", sourceLocation: sourceLocation) }
  }

  @Test("a time limit out of range, negative or huge, is a usage error naming the range (exit 2)")
  func timeLimitRange() throws {
    for value in ["2e10", "1e300", "-5", "0"] {
      let run = try runSecondment(["solve", rongchang, "--time-limit", value])
      expectRefused(run, saying: ["--time-limit must be above 0 and at most 1000000 seconds"])
    }
  }

  @Test("generate sizes out of range name the range (exit 2)")
  func generateSizeRange() throws {
    let run = try runSecondment(["generate", "--towns", "9223372036854775807", "--people", "5"])
    expectRefused(run, saying: ["--towns must be from 1 to 5000"])
  }

  @Test("validate refuses what solve cannot handle: huge tenure, ratios, demand, coordinates, desks")
  func numericRanges() throws {
    let cases: [((inout [String: Any]) -> Void, [String])] = [
      ({ o in
        var people = o["people"] as? [[String: Any]] ?? []
        people[3]["tenure"] = Int.max
        o["people"] = people
      }, ["people[3].tenure", "too many", "at most 400 quarters"]),
      ({ o in
        var policy = o["policy"] as? [String: Any] ?? [:]
        policy["auxiliariesPerOfficer"] = Int.max
        o["policy"] = policy
      }, ["policy.auxiliariesPerOfficer", "use 0 to 1000"]),
      ({ o in
        var towns = o["towns"] as? [[String: Any]] ?? []
        towns[2]["demand"] = ["market": 1e308]
        o["towns"] = towns
      }, ["towns[2].demand.market", "is too large", "at most 10000 FTE"]),
      ({ o in
        var towns = o["towns"] as? [[String: Any]] ?? []
        towns[4]["x"] = 1e308
        o["towns"] = towns
      }, ["towns[4].x", "too far"]),
      ({ o in
        var towns = o["towns"] as? [[String: Any]] ?? []
        towns[1]["deskCapacity"] = 1_000_000_000
        o["towns"] = towns
      }, ["towns[1].deskCapacity", "too large"]),
    ]
    for (edit, parts) in cases {
      let path = try variant(edit)
      expectRefused(try runSecondment(["validate", path]), saying: [path] + parts)
      expectRefused(try runSecondment(["solve", path, "--time-limit", "1"]), saying: parts)
    }
  }

  @Test("a scenario hiring a hundred million people is refused with the limit, not run out of memory")
  func hireCountLimit() throws {
    let folder = try temporaryFolder()
    let scenario = folder.appendingPathComponent("many.yaml").path
    try Data(
      """
      name: many
      title: Too many hires
      base: \(rongchang)
      changes:
        - hire: {department: market, count: 100000000}
      """.utf8
    ).write(to: URL(fileURLWithPath: scenario))
    let run = try runSecondment(["whatif", rongchang, "--scenario", scenario, "--time-limit", "1", "--quiet"])
    expectRefused(run, saying: [scenario, "more than 25000 in the district", "hire at most"])
  }

  @Test("an output that is an input, or that cannot be written, is refused before solving")
  func outputsCheckedFirst() throws {
    let folder = try temporaryFolder()
    let copy = folder.appendingPathComponent("rc.json").path
    try FileManager.default.copyItem(atPath: rongchang, toPath: copy)
    let before = try Data(contentsOf: URL(fileURLWithPath: copy))
    let same = try runSecondment(["solve", copy, "--output", copy])
    expectRefused(same, saying: ["--output \(copy): that is an input of this command"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before, "the instance is untouched")
    let missing = try runSecondment(["solve", copy, "--csv", folder.appendingPathComponent("no/r.csv").path])
    expectRefused(missing, saying: ["does not exist", "nothing was done"])
    #expect(!missing.stdout.contains("Status"), "refused before solving")
  }

  @Test("an atomic write goes through a symbolic link, keeps the file's permissions and leaves no temporary file")
  func atomicWriteKeepsLinkAndMode() throws {
    let folder = try temporaryFolder()
    let real = folder.appendingPathComponent("real.json").path
    let link = folder.appendingPathComponent("link.json").path
    try Data("{}".utf8).write(to: URL(fileURLWithPath: real))
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: real)
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
    // A temporary file left by a killed writer (a process id that is not running).
    let orphan = folder.appendingPathComponent(".real.json.secondment-2147483646.tmp").path
    FileManager.default.createFile(atPath: orphan, contents: Data("half".utf8))
    try AtomicFile.write(Data("new".utf8), to: link)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real, "the link stays a link")
    #expect(try String(contentsOfFile: real, encoding: .utf8) == "new")
    let mode = try FileManager.default.attributesOfItem(atPath: real)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["link.json", "real.json"])
  }

  @Test("a write that fails says which output and why, in one line")
  func writeErrorInOneLine() {
    do {
      try AtomicFile.write(Data("x".utf8), to: "/nonexistent-folder/roster.json")
      Issue.record("the write should fail")
    } catch {
      #expect("\(error)" == "cannot write /nonexistent-folder/roster.json: No such file or directory")
    }
  }
}
