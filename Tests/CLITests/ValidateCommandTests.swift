import Foundation
import Testing
import SecondmentTestSupport

@Suite("secondment validate and generate")
struct ValidateCommandTests {
  let shipped = packageRoot.appendingPathComponent("Instances/rongchang-2024.json").path
  let shippedStaff = packageRoot.appendingPathComponent("Instances/rongchang-2024-staff.csv").path

  @Test func validatesTheShippedRongchangInstance() throws {
    let run = try runSecondment(["validate", shipped])
    #expect(run.status == 0, "\(run.stderr)")
    for text in ["21 towns", "6 sub-districts", "8 pilot towns", "9 departments", "75 officers", "30 auxiliaries", "zones: 15 given"] {
      #expect(run.stdout.contains(text), "missing '\(text)' in:\n\(run.stdout)")
    }
    #expect(run.stdout.contains("market"))
    #expect(run.stdout.contains("Demand 96.5 FTE against supply 90.0 FTE (-6.5)"))
    #expect(run.stderr.isEmpty)
  }

  @Test func validatesWithTheShippedStaffCSV() throws {
    let run = try runSecondment(["validate", shipped, "--staff", shippedStaff])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("75 officers, 30 auxiliaries"))
    #expect(run.stdout.contains("people from \(shippedStaff)"))
  }

  @Test func rejectsABadFileWithExitTwoNamingFileAndPath() throws {
    let folder = try temporaryFolder()
    let bad = folder.appendingPathComponent("bad.json")
    var text = try String(contentsOfFile: shipped, encoding: .utf8)
    text = text.replacingOccurrences(of: "\"homeTown\" : \"fenggao\"", with: "\"homeTown\" : \"atlantis\"")
    try text.write(to: bad, atomically: true, encoding: .utf8)
    let run = try runSecondment(["validate", "bad.json"], in: folder)
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("bad.json: people["))
    #expect(run.stderr.contains("].homeTown: "))
    #expect(run.stderr.contains("unknown home town 'atlantis'"))
    #expect(run.stderr.contains("(fix: "))
  }

  @Test func rejectsMalformedJSONAndMissingFiles() throws {
    let folder = try temporaryFolder()
    try "{ \"name\": ".write(to: folder.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
    let broken = try runSecondment(["validate", "broken.json"], in: folder)
    #expect(broken.status == 2)
    #expect(broken.stderr.contains("broken.json: line 1"))
    let missing = try runSecondment(["validate", "nothing.json"], in: folder)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("nothing.json: no such file"))
  }

  @Test func rejectsABadStaffCSVNamingItsLine() throws {
    let folder = try temporaryFolder()
    var lines = try String(contentsOfFile: shippedStaff, encoding: .utf8).components(separatedBy: "\n")
    lines[3] = lines[3].replacingOccurrences(of: ",officer,", with: ",chief,")
    try lines.joined(separator: "\n").write(
      to: folder.appendingPathComponent("staff.csv"), atomically: true, encoding: .utf8)
    let run = try runSecondment(["validate", shipped, "--staff", "staff.csv"], in: folder)
    #expect(run.status == 2)
    #expect(run.stderr.contains("staff.csv: line 4, column role: 'chief' is not a role"))
  }

  @Test func generateRongchangReproducesTheShippedFiles() throws {
    let folder = try temporaryFolder()
    let run = try runSecondment(
      ["generate", "--rongchang", "--output", "r.json", "--staff-csv", "r.csv"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    let written = try Data(contentsOf: folder.appendingPathComponent("r.json"))
    #expect(written == (try Data(contentsOf: URL(fileURLWithPath: shipped))))
    let csv = try Data(contentsOf: folder.appendingPathComponent("r.csv"))
    #expect(csv == (try Data(contentsOf: URL(fileURLWithPath: shippedStaff))))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["r.csv", "r.json"])
  }

  @Test func generateRandomIsDeterministicAndValid() throws {
    let folder = try temporaryFolder()
    let arguments = ["generate", "--towns", "40", "--people", "200", "--departments", "7", "--seed", "9"]
    let a = try runSecondment(arguments + ["--output", "a.json"], in: folder)
    let b = try runSecondment(arguments + ["--output", "b.json"], in: folder)
    #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
    let dataA = try Data(contentsOf: folder.appendingPathComponent("a.json"))
    #expect(dataA == (try Data(contentsOf: folder.appendingPathComponent("b.json"))))
    let check = try runSecondment(["validate", "a.json"], in: folder)
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stdout.contains("40 towns"))
    #expect(check.stdout.contains("7 departments"))
    #expect(check.stdout.contains("140 officers, 60 auxiliaries"))
  }

  @Test func generateRefusesImpossibleRequests() throws {
    let folder = try temporaryFolder()
    let run = try runSecondment(
      ["generate", "--towns", "100", "--people", "30", "--seed", "1", "--output", "x.json"], in: folder)
    #expect(run.status == 2)
    #expect(run.stderr.contains("too few"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.json").path))
  }
}
