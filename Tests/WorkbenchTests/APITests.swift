import Foundation
import GLPKBackend
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecondmentTestSupport
import SecondmentWorkbench
import Testing

/// The workbench's JSON API, driven through its router; solves run the built
/// `secondment` binary as the server does.
@Suite("Workbench API")
struct APITests {
  static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

  /// A workbench on a fresh workspace, and the test run against it.
  static func withWorkbench<T>(
    slots: Int = 2, settings: WorkbenchSettings = WorkbenchSettings(),
    _ test: @escaping @Sendable (any TestClientProtocol, JobQueue) async throws -> T
  ) async throws -> T {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let workspace = try Workspace(folder.path)
    let jobs = JobQueue(workspace: workspace, executable: try secondmentBinary(), slots: slots)
    let app = Application(router: Workbench.router(workspace: workspace, jobs: jobs, settings: settings))
    let result = try await app.test(.router) { client in try await test(client, jobs) }
    await jobs.stopAll()
    return result
  }

  static func body(_ data: Data) -> ByteBuffer {
    var buffer = ByteBufferAllocator().buffer(capacity: data.count)
    buffer.writeBytes(data)
    return buffer
  }

  static func json(_ response: TestResponse) throws -> [String: Any] {
    let data = Data(response.body.readableBytesView)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// POST /api/solve; returns the response.
  static func solve(
    _ client: any TestClientProtocol, _ data: Data, type: String = "application/json",
    query: String = "timeLimit=20&solver=greedy", headers: HTTPFields = [:]
  ) async throws -> TestResponse {
    var fields = headers
    fields[.contentType] = type
    return try await client.execute(
      uri: "/api/solve?\(query)", method: .post, headers: fields, body: body(data))
  }

  /// Polls a job until `done` says so (at most `seconds`); returns its last status.
  static func poll(
    _ client: any TestClientProtocol, _ id: String, seconds: Double = 120,
    until done: ([String: Any]) -> Bool
  ) async throws -> [String: Any] {
    let start = Date()
    while true {
      let status = try json(try await client.execute(uri: "/api/jobs/\(id)", method: .get))
      if done(status) || Date().timeIntervalSince(start) > seconds { return status }
      try await Task.sleep(for: .milliseconds(100))
    }
  }

  static func ended(_ status: [String: Any]) -> Bool {
    ["done", "failed", "cancelled"].contains(status["state"] as? String ?? "")
  }

  static func rongchang() throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: shipped("Instances/rongchang-2024.json")))
  }

  @Test("a JSON instance becomes a job that ends with a roster for every person")
  func solveJSON() async throws {
    try await Self.withWorkbench { client, _ in
      let response = try await Self.solve(client, try Self.rongchang())
      #expect(response.status == .accepted)
      let id = try #require(try Self.json(response)["job"] as? String)
      let status = try await Self.poll(client, id, until: Self.ended)
      #expect(status["state"] as? String == "done", "\(status)")
      #expect(status["exitStatus"] as? Int == 0)
      #expect(status["hasRoster"] as? Bool == true)
      let roster = try Self.json(try await client.execute(uri: "/api/jobs/\(id)/roster", method: .get))
      // The status's result is what the roster file says.
      let result = try #require(status["result"] as? [String: Any])
      #expect(result["objective"] as? Double == (roster["objective"] as? [String: Any])?["total"] as? Double)
      #expect(result["status"] as? String == roster["status"] as? String)
      let postings = try #require(roster["postings"] as? [[String: Any]])
      #expect(postings.count == 105)
      #expect((roster["brokenRules"] as? [Any] ?? []).isEmpty)
    }
  }

  @Test("the job's events stream its status as it changes and end with the final one")
  func eventsStreamTheJob() async throws {
    let slow = try Self.slowSolve()
    try await Self.withWorkbench { client, _ in
      let response = try await Self.solve(client, slow.data, query: slow.query)
      let id = try #require(try Self.json(response)["job"] as? String)
      // The stream runs until the job ends: cancel it a moment after the stream begins.
      async let cancelled = Task {
        try await Task.sleep(for: .seconds(2))
        return try await client.execute(uri: "/api/jobs/\(id)", method: .delete).status
      }.value
      let events = try await client.execute(uri: "/api/jobs/\(id)/events", method: .get)
      #expect(try await cancelled == .accepted)
      #expect(events.status == .ok)
      #expect(events.headers[.contentType] == "text/event-stream")
      let blocks = String(buffer: events.body).components(separatedBy: "\n\n").filter { !$0.isEmpty }
      #expect(blocks.count >= 2, "\(blocks)")
      #expect(blocks.first?.contains("\"state\":\"running\"") == true, "\(blocks)")
      #expect(blocks.dropLast().allSatisfy { $0.hasPrefix("event: status\ndata: {") })
      let last = try #require(blocks.last)
      #expect(last.hasPrefix("event: end\ndata: "))
      let final = try #require(
        try JSONSerialization.jsonObject(with: Data(last.dropFirst("event: end\ndata: ".count).utf8))
          as? [String: Any])
      #expect(final["state"] as? String == "cancelled")
      #expect(final["hasRoster"] as? Bool == true)
      let missing = try await client.execute(uri: "/api/jobs/0123456789ab/events", method: .get)
      #expect(missing.status == .notFound)
    }
  }

  @Test("a planner's workbook solves like the JSON instance")
  func solveWorkbook() async throws {
    let workbook = try Data(
      contentsOf: URL(fileURLWithPath: shipped("Tests/SheetsTests/Fixtures/rongchang-2024.xlsx")))
    try await Self.withWorkbench { client, _ in
      let response = try await Self.solve(client, workbook, type: Self.xlsxType)
      #expect(response.status == .accepted)
      let id = try #require(try Self.json(response)["job"] as? String)
      let status = try await Self.poll(client, id, until: Self.ended)
      #expect(status["state"] as? String == "done", "\(status)")
      let roster = try Self.json(try await client.execute(uri: "/api/jobs/\(id)/roster", method: .get))
      #expect((roster["postings"] as? [Any])?.count == 105)
    }
  }

  @Test("an instance with a mistake is refused with the place and the fix, and no job is made")
  func badInstance() async throws {
    var tree = try #require(try JSONSerialization.jsonObject(with: try Self.rongchang()) as? [String: Any])
    var people = try #require(tree["people"] as? [[String: Any]])
    people[0]["department"] = "atlantis"
    tree["people"] = people
    let data = try JSONSerialization.data(withJSONObject: tree)
    try await Self.withWorkbench { client, jobs in
      let response = try await Self.solve(client, data)
      #expect(response.status == .badRequest)
      let error = try #require(try Self.json(response)["error"] as? [String: Any])
      let problems = try #require(error["problems"] as? [[String: Any]])
      #expect(problems.contains { ($0["place"] as? String)?.contains("people[0]") == true })
      #expect(problems.allSatisfy { $0["message"] != nil && $0["file"] as? String == "upload" })
      #expect(await jobs.all().isEmpty)
    }
  }

  @Test("bad uploads: not a workbook, a broken workbook, another content type, 100 MB")
  func badUploads() async throws {
    let workbook = try Data(
      contentsOf: URL(fileURLWithPath: shipped("Tests/SheetsTests/Fixtures/rongchang-2024.xlsx")))
    try await Self.withWorkbench { client, jobs in
      let text = try await Self.solve(client, Data("towns,departments\n".utf8), type: Self.xlsxType)
      #expect(text.status == .badRequest)
      #expect(try Self.json(text)["error"] != nil)
      let broken = try await Self.solve(client, workbook.prefix(workbook.count / 2), type: Self.xlsxType)
      #expect(broken.status == .badRequest)
      let csv = try await Self.solve(client, Data("a,b\n".utf8), type: "text/csv")
      #expect(csv.status == .unsupportedMediaType)
      let fix = try #require(try Self.json(csv)["error"] as? [String: Any])
      #expect((fix["problems"] as? [[String: Any]])?.first?["fix"] != nil)
      let huge = try await Self.solve(client, Data(count: 100 * 1_048_576))
      #expect(huge.status == .contentTooLarge)
      #expect(await jobs.all().isEmpty)
    }
  }

  @Test("bad options: an unknown solver, a time limit of 0 or a word")
  func badOptions() async throws {
    try await Self.withWorkbench { client, _ in
      for query in ["solver=cplex", "timeLimit=0", "timeLimit=soon", "timeLimit=-5"] {
        let response = try await Self.solve(client, try Self.rongchang(), query: query)
        #expect(response.status == .badRequest, "\(query)")
      }
    }
  }

  @Test("names that would leave the workspace lead nowhere")
  func namesStayInTheWorkspace() async throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let workspace = try Workspace(folder.path)
    for name in ["../secret", "..", "a/b", ".hidden", "", "x\\y"] {
      #expect(workspace.file(named: name) == nil, "\(name)")
      #expect(workspace.job(name) == nil, "\(name)")
    }
    #expect(workspace.file(named: "荣昌区.xlsx")?.deletingLastPathComponent().path == folder.standardizedFileURL.path)
    try await Self.withWorkbench { client, _ in
      for uri in ["/api/jobs/..%2F..%2Fetc", "/api/jobs/../../etc/passwd", "/api/jobs/0123456789ab"] {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .notFound, "\(uri)")
      }
    }
  }

  @Test("cancel: a running solve stops and keeps the best roster found so far")
  func cancelKeepsTheBestRoster() async throws {
    let slow = try Self.slowSolve()
    try await Self.withWorkbench { client, _ in
      let response = try await Self.solve(client, slow.data, query: slow.query)
      let id = try #require(try Self.json(response)["job"] as? String)
      // The solve's first report says it has started and heeds an interrupt.
      let running = try await Self.poll(client, id) { Self.ended($0) || $0["progress"] != nil }
      #expect(running["state"] as? String == "running", "\(running)")
      let cancel = try await client.execute(uri: "/api/jobs/\(id)", method: .delete)
      #expect(cancel.status == .accepted)
      let status = try await Self.poll(client, id, seconds: 60, until: Self.ended)
      #expect(status["state"] as? String == "cancelled", "\(status)")
      #expect(status["exitStatus"] as? Int == 4)
      #expect(status["hasRoster"] as? Bool == true)
      let roster = try await client.execute(uri: "/api/jobs/\(id)/roster", method: .get)
      #expect(roster.status == .ok)
      #expect((try Self.json(roster)["postings"] as? [Any])?.count == slow.people)
    }
  }

  /// A solve that runs far longer than a test's few requests: GLPK on a
  /// generated district of 40 towns, or without GLPK the greedy on 150 towns
  /// (whose fixed steps take many seconds). Returns the instance, the query
  /// and the district's people.
  static func slowSolve() throws -> (data: Data, query: String, people: Int) {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let towns = GLPKSolver.isAvailable ? 40 : 150
    let instance = folder.appendingPathComponent("slow.json")
    let made = try runSecondment([
      "generate", "--towns", "\(towns)", "--people", "\(5 * towns)", "--seed", "3", "--output",
      instance.path,
    ])
    #expect(made.status == 0)
    let solver = GLPKSolver.isAvailable ? "glpk" : "greedy"
    return (try Data(contentsOf: instance), "timeLimit=300&solver=\(solver)", 5 * towns)
  }

  @Test("with every slot busy a solve waits in the queue and says so; a queued job cancels at once")
  func queueSaysSo() async throws {
    let slow = try Self.slowSolve()
    try await Self.withWorkbench(slots: 1) { client, _ in
      let first = try #require(
        try Self.json(try await Self.solve(client, slow.data, query: slow.query))["job"] as? String)
      let second = try #require(
        try Self.json(try await Self.solve(client, try Self.rongchang()))["job"] as? String)
      let waiting = try Self.json(try await client.execute(uri: "/api/jobs/\(second)", method: .get))
      #expect(waiting["state"] as? String == "queued")
      #expect(waiting["queuePosition"] as? Int == 0)
      #expect((waiting["message"] as? String)?.contains("waiting") == true)
      let cancelled = try Self.json(try await client.execute(uri: "/api/jobs/\(second)", method: .delete))
      #expect(cancelled["state"] as? String == "cancelled")
      #expect(cancelled["hasRoster"] as? Bool == false)
      _ = try await client.execute(uri: "/api/jobs/\(first)", method: .delete)
      let ended = try await Self.poll(client, first, until: Self.ended)
      #expect(ended["state"] as? String == "cancelled", "\(ended)")
    }
  }

  @Test("unknown jobs and a roster not made yet answer with JSON errors")
  func unknownJob() async throws {
    try await Self.withWorkbench { client, _ in
      let missing = try await client.execute(uri: "/api/jobs/0123456789ab/roster", method: .get)
      #expect(missing.status == .notFound)
      let error = try #require(try Self.json(missing)["error"] as? [String: Any])
      #expect((error["message"] as? String)?.contains("no job") == true)
      let cancel = try await client.execute(uri: "/api/jobs/0123456789ab", method: .delete)
      #expect(cancel.status == .notFound)
    }
  }

  @Test("with a token every API request needs it; another site's page may not post")
  func tokenAndOrigin() async throws {
    var settings = WorkbenchSettings()
    settings.token = "s3cret"
    try await Self.withWorkbench(settings: settings) { client, _ in
      let without = try await client.execute(uri: "/api/jobs", method: .get)
      #expect(without.status == .unauthorized)
      let with = try await client.execute(
        uri: "/api/jobs", method: .get, headers: [HTTPField.Name("X-Workbench-Token")!: "s3cret"])
      #expect(with.status == .ok)
      var foreign = HTTPFields()
      foreign[HTTPField.Name("X-Workbench-Token")!] = "s3cret"
      foreign[.origin] = "http://evil.example"
      let posted = try await Self.solve(client, try Self.rongchang(), headers: foreign)
      #expect(posted.status == .forbidden)
    }
  }

  @Test("the OpenAPI document names every endpoint")
  func openAPI() async throws {
    try await Self.withWorkbench { client, _ in
      let document = try Self.json(try await client.execute(uri: "/api/openapi.json", method: .get))
      let paths = try #require(document["paths"] as? [String: Any])
      #expect(
        Set(paths.keys) == [
          "/api/solve", "/api/jobs", "/api/jobs/{id}", "/api/jobs/{id}/events", "/api/jobs/{id}/roster",
          "/api/jobs/{id}/view", "/api/jobs/{id}/resolve", "/api/jobs/{id}/whatif", "/api/compare", "/api/jobs/{id}/workbook", "/api/jobs/{id}/notices", "/api/instances",
          "/api/instances/{id}", "/api/openapi.json", "/api/replan", "/api/jobs/{id}/adopt", "/api/history", "/api/jobs/{id}/why", "/api/jobs/{id}/report",
        ])
    }
  }
}
