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

  @Test("an output that is a pipe or a device is written to, not replaced by a file")
  func pipeOutputStaysAPipe() throws {
    let pipe = try temporaryFolder().appendingPathComponent("roster-pipe").path
    #expect(mkfifo(pipe, 0o600) == 0)
    // A reader that does not wait for a writer, so a broken write cannot hang the test.
    let reader = open(pipe, O_RDONLY | O_NONBLOCK)
    #expect(reader >= 0)
    defer { close(reader) }
    try AtomicFile.write(Data("roster".utf8), to: pipe)
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = read(reader, &buffer, buffer.count)
    #expect(String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self) == "roster")
    var status = stat()
    #expect(stat(pipe, &status) == 0)
    #expect(status.st_mode & S_IFMT == S_IFIFO, "still a pipe")
    #expect(try FileManager.default.contentsOfDirectory(atPath: (pipe as NSString).deletingLastPathComponent) == ["roster-pipe"])
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

  /// The shipped instance's text with one replacement.
  func textVariant(_ old: String, _ new: String, name: String = "variant.json") throws -> String {
    let text = try String(contentsOfFile: rongchang, encoding: .utf8)
    #expect(text.contains(old), "the shipped instance has \(old)")
    let path = try temporaryFolder().appendingPathComponent(name).path
    try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test("JSON problems name file, line and column or JSON path: a huge count, an unclosed string, a duplicate key")
  func jsonProblemsArePlaced() throws {
    let desk = try textVariant("\"deskCapacity\" : 11,", "\"deskCapacity\" : 1e20,")
    expectRefused(try runSecondment(["validate", desk]), saying: ["towns[0].deskCapacity: expected a whole number, found 1e+20"])
    let unclosed = try textVariant("\"name\" : \"rongchang-2024\",", "\"name\" : \"rongchang-2024,")
    expectRefused(try runSecondment(["validate", unclosed]), saying: [unclosed + ": line ", ", column ", "not valid JSON"])
    let duplicate = try textVariant("\"name\" : \"rongchang-2024\",", "\"name\" : \"rongchang-2024\", \"name\" : \"other\",")
    expectRefused(try runSecondment(["validate", duplicate]), saying: ["the key \"name\" appears twice in one object", ": line "])
  }

  @Test("a device, a NUL byte in an id, and a broken roster are input errors, not crashes")
  func oddInputs() throws {
    expectRefused(try runSecondment(["validate", "/dev/null"]), saying: ["/dev/null: is not a regular file"])
    let folder = try temporaryFolder()
    let staff = folder.appendingPathComponent("nul.csv").path
    try Data("id,department,role\nab\u{0}c,market,officer\n".utf8).write(to: URL(fileURLWithPath: staff))
    expectRefused(
      try runSecondment(["validate", rongchang, "--staff", staff]),
      saying: ["\(staff): line 2, column id: person id \"ab\\0c\" holds a control character"])
    let roster = folder.appendingPathComponent("r.json").path
    try Data("{\"postings\": [\n  {\"person\": \"x\",\n".utf8).write(to: URL(fileURLWithPath: roster))
    expectRefused(try runSecondment(["check", rongchang, roster]), saying: ["\(roster): line ", "not valid JSON"])
  }

  @Test("check with another instance's roster says so first, then the problem")
  func anotherInstancesRoster() throws {
    let folder = try temporaryFolder()
    let other = folder.appendingPathComponent("other.json").path
    let roster = folder.appendingPathComponent("other-roster.json").path
    #expect(try runSecondment(["generate", "--towns", "5", "--people", "20", "--departments", "2", "--output", other]).status == 0)
    #expect(try runSecondment(["solve", other, "--output", roster, "--solver", "greedy", "--quiet"]).status == 0)
    let run = try runSecondment(["check", rongchang, roster])
    expectRefused(run, saying: ["was made for instance", "lines cannot be read"])
    #expect(run.stderr.hasPrefix("note: \(roster) was made for instance"), "\(run.stderr)")
    #expect(run.stderr.components(separatedBy: ": postings[").count - 1 > 1, "every bad line, not only the first")
  }
}
