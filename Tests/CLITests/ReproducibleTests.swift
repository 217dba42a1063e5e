import Foundation
import GLPKBackend
import SecondmentTestSupport
import Testing

/// A roster file says whether the same inputs give it again, and when it
/// says so, they do, byte for byte.
@Suite("Reproducible rosters")
struct ReproducibleTests {
  let rongchang = packageRoot.appendingPathComponent("Instances/rongchang-2024.json").path

  /// Solves rongchang-2024 into `name`; exit 1 (a roster that breaks rules, still written) is allowed when `rulesMayBreak`.
  func solve(
    _ extra: [String], into name: String, folder: URL, rulesMayBreak: Bool = false
  ) throws -> (data: Data, object: [String: Any]) {
    let path = folder.appendingPathComponent(name).path
    let run = try runSecondment(["solve", rongchang, "--output", path, "--quiet"] + extra)
    #expect(run.status == 0 || rulesMayBreak && run.status == 1, "\(run.stderr)")
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return (data, try #require(JSONSerialization.jsonObject(with: data) as? [String: Any]))
  }

  @Test("a run that ends by proof or by the greedy's fixed steps is marked reproducible and gives the same bytes twice")
  func reproducibleRunsRepeat() throws {
    let folder = try temporaryFolder()
    var solvers = [["--solver", "greedy", "--seed", "3"]]
    if GLPKSolver.isAvailable { solvers.append(["--solver", "glpk"]) }
    for (k, extra) in solvers.enumerated() {
      let a = try solve(extra, into: "a\(k).json", folder: folder)
      let b = try solve(extra, into: "b\(k).json", folder: folder)
      #expect(a.object["reproducible"] as? Bool == true, "\(extra): \(a.object["reproducibleReason"] ?? "")")
      #expect(a.data == b.data, "\(extra): the same bytes")
    }
  }

  @Test("a run stopped by the clock, or auto's race, is marked not reproducible with the reason")
  func unreproducibleRunsSaySo() throws {
    let folder = try temporaryFolder()
    let clock = try solve(
      ["--solver", "greedy", "--time-limit", "0.000001"], into: "clock.json", folder: folder, rulesMayBreak: true)
    #expect(clock.object["reproducible"] as? Bool == false)
    #expect((clock.object["reproducibleReason"] as? String)?.contains("time limit") == true)
    if GLPKSolver.isAvailable {
      let race = try solve(["--solver", "auto"], into: "auto.json", folder: folder)
      #expect(race.object["reproducible"] as? Bool == false)
      #expect((race.object["reproducibleReason"] as? String)?.contains("two searches") == true)
    }
  }
}
