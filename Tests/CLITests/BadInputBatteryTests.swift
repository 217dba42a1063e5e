import Foundation
import SecondmentTestSupport
import Testing

/// Every bad input a planner can give, through the built binary: never a
/// crash, always exit 2, a message that names the file and the place, and
/// nothing written (docs/bad-input.md counts them per kind).
@Suite("Bad input battery")
struct BadInputBatteryTests {
  @Test("a bad input is refused: no crash, exit 2, the file and the place named, no output", arguments: BadInputBattery.all)
  func refused(_ input: BadInput) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let arguments = try input.make(folder)
    let run = try runSecondment(arguments, in: folder)
    let shown = "\(input)\n$ secondment \(arguments.joined(separator: " "))\n\(run.stderr)\(run.stdout)"
    #expect(run.status < 128, "crashed (\(run.status)): \(shown)")
    #expect(run.status == 2, "exit \(run.status): \(shown)")
    let message = run.stderr + run.stdout
    for part in input.mentions {
      #expect(message.localizedCaseInsensitiveContains(part), "'\(part)' not named: \(shown)")
    }
    if let output = input.output {
      #expect(
        !FileManager.default.fileExists(atPath: folder.appendingPathComponent(output).path),
        "\(output) was written: \(shown)")
    }
    // Nothing half-written either: no temporary file left beside the outputs.
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(!left.contains { $0.hasSuffix(".tmp") }, "temporary files left: \(left)")
  }

  @Test("the battery has at least 150 distinct bad inputs, every kind of input among them")
  func battery() {
    let all = BadInputBattery.all
    #expect(all.count >= 150)
    #expect(Set(all.map(\.description)).count == all.count, "two cases with one label")
    for kind in BadInput.Kind.allCases {
      #expect(all.contains { $0.kind == kind }, "no case of \(kind.rawValue)")
    }
  }

  @Test("docs/bad-input.md counts the battery's cases per kind as they are")
  func documentedCounts() throws {
    let text = try String(contentsOf: packageRoot.appendingPathComponent("docs/bad-input.md"), encoding: .utf8)
    let all = BadInputBattery.all
    for kind in BadInput.Kind.allCases {
      let count = all.filter { $0.kind == kind }.count
      #expect(text.contains("| \(kind.rawValue) | \(count) |"), "docs/bad-input.md: '\(kind.rawValue)' is not \(count)")
    }
    #expect(text.contains("| all | \(all.count) |"), "docs/bad-input.md: the total is not \(all.count)")
  }
}
