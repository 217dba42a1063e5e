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
    let server = try RunningWorkbench(workspace: folder.appendingPathComponent("ws"))
    let address = server.address
    #expect(address.hasPrefix("http://127.0.0.1:"), "\(address)")

    let url = try #require(URL(string: address + "api/openapi.json"))
    let (data, response) = try await URLSession.shared.data(from: url)
    #expect((response as? HTTPURLResponse)?.statusCode == 200)
    #expect(String(decoding: data, as: UTF8.self).contains("\"openapi\""))

    let (status, rest) = server.stop()
    #expect(status == 0)
    #expect(rest.contains("stopped"), "\(rest)")
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("ws/jobs").path))
  }
}
