import Foundation
import SecondmentTestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `secondment serve` as a planner starts it: the built binary on loopback.
@Suite("serve command")
struct ServeCommandTests {
  @Test("serve prints the address to open, answers there, and stops cleanly on an interrupt")
  func serveAndStop() async throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let process = Process()
    process.executableURL = try secondmentBinary()
    process.arguments = ["serve", "--port", "0", "--workspace", folder.appendingPathComponent("ws").path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { if process.isRunning { process.terminate() } }

    // The first line names the address.
    var text = ""
    let reader = output.fileHandleForReading
    let start = Date()
    while !text.contains("\n"), Date().timeIntervalSince(start) < 60 {
      let data = reader.availableData
      if data.isEmpty { break }
      text += String(decoding: data, as: UTF8.self)
    }
    let line = try #require(text.split(separator: "\n").first.map(String.init))
    #expect(line.contains("http://127.0.0.1:"), "\(line)")
    let address = try #require(
      line.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init))

    let url = try #require(URL(string: address + "api/openapi.json"))
    let (data, response) = try await URLSession.shared.data(from: url)
    #expect((response as? HTTPURLResponse)?.statusCode == 200)
    #expect(String(decoding: data, as: UTF8.self).contains("\"openapi\""))

    process.interrupt()
    process.waitUntilExit()
    let rest = String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 0)
    #expect(rest.contains("stopped"), "\(rest)")
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("ws/jobs").path))
  }
}
