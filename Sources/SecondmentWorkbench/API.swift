import Foundation
import HTTPTypes
import Hummingbird
import SecondmentDomain
import SecondmentSheets

/// The workbench's settings: where it listens, what it guards.
public struct WorkbenchSettings: Sendable {
  /// The address to bind; loopback by default.
  public var host = "127.0.0.1"
  /// The port (0: any free port, as tests use).
  public var port = 8080
  /// The token every `/api/` request must carry (header `X-Workbench-Token`
  /// or `?token=`); required when `host` is not loopback.
  public var token: String?
  /// The largest upload, in bytes (20 MB; an instance workbook of a large
  /// district is under 2 MB).
  public var maxUploadBytes = 20 * 1024 * 1024
  /// The `secondment` version, for the provenance of exported reports.
  public var toolVersion = "unknown"

  public init() {}

  /// A new token for a workbench on a non-loopback address: 32 random hexadecimal digits.
  public static func makeToken() -> String { JobID.randomHex(32) }

  /// Whether `host` is a loopback address, reachable from this machine only.
  public var isLoopback: Bool { ["127.0.0.1", "localhost", "::1"].contains(host) }
}

/// One problem in the planner's words, as the command line prints it: the
/// file, the place in it, what is wrong and the fix.
struct APIProblem: Codable, Sendable {
  var file: String?
  var place: String?
  var message: String
  var fix: String?
}

extension APIProblem {
  /// A line the command line printed, its `(fix: …)` ending as the fix.
  init(commandLine line: String, file: String?, place: String?) {
    if line.hasSuffix(")"), let start = line.range(of: " (fix: ", options: .backwards) {
      self.init(
        file: file, place: place, message: String(line[..<start.lowerBound]),
        fix: String(line[start.upperBound..<line.index(before: line.endIndex)]))
    } else {
      self.init(file: file, place: place, message: line, fix: nil)
    }
  }
}

/// An error response body: `{"error": {"message": …, "problems": […]}}`.
struct APIErrorBody: Codable, Sendable {
  struct Content: Codable, Sendable {
    var message: String
    var problems: [APIProblem]
  }
  var error: Content
}

/// An error the API answers with its status and a JSON body.
struct APIError: Error {
  var status: HTTPResponse.Status
  var message: String
  var problems: [APIProblem] = []

  init(_ status: HTTPResponse.Status, _ message: String, fix: String? = nil) {
    self.status = status
    self.message = message
    if let fix { problems = [APIProblem(file: nil, place: nil, message: message, fix: fix)] }
  }

  /// A 400 for input that does not read: each problem with `file` (what the
  /// planner calls it: `upload`, `change list`), its place and its fix.
  ///
  /// - Parameter what: the input, as the message names it (`the instance`).
  init(_ what: String, in file: String, problems errors: [InputError]) {
    self.init(.badRequest, "\(what) has \(errors.count) problem(s)")
    problems = errors.map { APIProblem(file: file, place: $0.location, message: $0.message, fix: $0.hint) }
  }

  var response: Response {
    let body = APIErrorBody(error: .init(message: message, problems: problems))
    return API.json(body, status: status)
  }
}

/// The JSON API under `/api/` (docs/workbench.md; `GET /api/openapi.json`).
public enum API {
  /// The routes of the API on `router`, with the guard middleware.
  public static func add<Context: RequestContext>(
    to router: Router<Context>, workspace: Workspace, jobs: JobQueue, settings: WorkbenchSettings
  ) {
    router.add(middleware: Guard<Context>(settings: settings))
    addViews(to: router, workspace: workspace, jobs: jobs, settings: settings)
    Quarters.add(to: router, workspace: workspace, jobs: jobs, settings: settings)
    router.get("api/openapi.json") { _, _ -> Response in
      var headers = HTTPFields()
      headers[.contentType] = "application/json"
      return Response(
        status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: OpenAPI.document)))
    }
    router.post("api/solve") { request, _ -> Response in
      await answer {
        try await solve(request, workspace: workspace, jobs: jobs, settings: settings)
      }
    }
    router.get("api/jobs") { _, _ -> Response in
      json(await jobs.all())
    }
    router.get("api/jobs/:id") { _, context -> Response in
      await answer {
        let id = try jobID(context)
        guard let status = await jobs.status(id) else { throw unknownJob(id) }
        return json(status)
      }
    }
    router.get("api/jobs/:id/events") { _, context -> Response in
      await answer {
        let id = try jobID(context)
        guard await jobs.status(id) != nil else { throw unknownJob(id) }
        return events(of: id, jobs: jobs)
      }
    }
    router.get("api/jobs/:id/roster") { _, context -> Response in
      await answer {
        let id = try jobID(context)
        guard let status = await jobs.status(id) else { throw unknownJob(id) }
        guard let file = await jobs.roster(id), let data = FileManager.default.contents(atPath: file.path)
        else {
          throw APIError(
            .conflict, "job \(id) has no roster (\(status.state.rawValue))",
            fix: status.state == .failed
              ? "read the job's message; correct the instance and solve again"
              : "wait until the job is done (GET /api/jobs/\(id))")
        }
        return bytes(data, type: "application/json")
      }
    }
    router.delete("api/jobs/:id") { _, context -> Response in
      await answer {
        let id = try jobID(context)
        guard let status = await jobs.cancel(id) else { throw unknownJob(id) }
        return json(status, status: .accepted)
      }
    }
  }

  // MARK: - Events

  /// How often the event stream looks at its job (seconds).
  static let eventInterval = 0.25

  /// The job's status as server-sent events (`text/event-stream`): an event
  /// `status` (the JSON of `GET /api/jobs/ID`) at the start and whenever it
  /// changes, then an event `end` with the final status once the job has
  /// ended; the stream then closes.
  static func events(of id: String, jobs: JobQueue) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "text/event-stream"
    headers[.cacheControl] = "no-cache"
    let body = ResponseBody { writer in
      var last: Data?
      while let status = await jobs.status(id) {
        let data = encoded(status)
        let ended = [.done, .failed, .cancelled].contains(status.state)
        if ended || data != last {
          let text = "event: \(ended ? "end" : "status")\ndata: " + String(decoding: data, as: UTF8.self) + "\n\n"
          try await writer.write(ByteBuffer(string: text))
          last = data
        }
        if ended { break }
        try await Task.sleep(for: .seconds(eventInterval))
      }
      try await writer.finish(nil)
    }
    return Response(status: .ok, headers: headers, body: body)
  }

  // MARK: - Solve

  /// Queues a solve of the request's instance: the body (JSON or a
  /// workbook), or with `?instance=ID` an instance kept in the workspace.
  static func solve(
    _ request: Request, workspace: Workspace, jobs: JobQueue, settings: WorkbenchSettings
  ) async throws -> Response {
    let query = request.uri.queryParameters
    let (solver, timeLimit) = try solveOptions(request)
    let id = JobID.make()
    guard let folder = workspace.job(id) else {
      throw APIError(.internalServerError, "no folder for job \(id)", fix: "solve again")
    }
    let file: URL
    let stored = query["instance"].map(String.init)
    if let stored {
      guard let kept = InstanceStore(workspace: workspace).path(stored) else {
        throw APIError(.notFound, "no instance \(stored)", fix: "list the instances with GET /api/instances")
      }
      file = folder.appendingPathComponent("instance.json")
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: kept, to: file)
      } catch {
        try? FileManager.default.removeItem(at: folder)
        throw APIError(.internalServerError, "the instance could not be copied: \(error)", fix: "solve again")
      }
    } else {
      let kind = try Uploads.kind(of: request, what: "a solve")
      let body = try await Uploads.body(of: request, limit: settings.maxUploadBytes)
      file = folder.appendingPathComponent("instance." + kind)
      _ = try Uploads.keep(body, as: file.lastPathComponent, in: folder)
    }
    let status = await jobs.submit(id: id, instance: file, solver: solver, timeLimit: timeLimit, from: stored)
    return json(["job": status.id], status: .accepted)
  }

  /// A solve's `solver` (auto, glpk, greedy; default auto) and `timeLimit`
  /// (seconds, more than 0, at most 86,400; default 30) from the query.
  ///
  /// - Throws: `APIError` (400) naming the option and the values it takes.
  static func solveOptions(_ request: Request) throws -> (solver: String, timeLimit: Double) {
    let query = request.uri.queryParameters
    let solver = query["solver"].map(String.init) ?? "auto"
    guard ["auto", "glpk", "greedy"].contains(solver) else {
      throw APIError(.badRequest, "solver '\(solver)' is not a solver", fix: "use auto, glpk or greedy")
    }
    let limitText = query["timeLimit"].map(String.init) ?? "30"
    guard let timeLimit = Double(limitText), timeLimit.isFinite, timeLimit > 0, timeLimit <= 86_400
    else {
      throw APIError(
        .badRequest, "timeLimit '\(limitText)' is not a time limit",
        fix: "give seconds, more than 0 and at most 86400, e.g. timeLimit=30")
    }
    return (solver, timeLimit)
  }

  // MARK: - Helpers

  static func jobID<Context: RequestContext>(_ context: Context) throws -> String {
    let id = try context.parameters.require("id")
    guard JobID.isValid(id) else {
      throw APIError(.notFound, "'\(id)' is not a job id", fix: "use the id POST /api/solve answered")
    }
    return id
  }

  static func unknownJob(_ id: String) -> APIError {
    APIError(.notFound, "no job \(id)", fix: "list the jobs with GET /api/jobs")
  }

  /// The body's response, or the JSON error it threw.
  static func answer(_ body: () async throws -> Response) async -> Response {
    do {
      return try await body()
    } catch let error as APIError {
      return error.response
    } catch {
      return APIError(
        .internalServerError, "\(error)",
        fix: "try again; if it stays, report it with what `secondment serve` printed"
      ).response
    }
  }

  static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
    bytes(encoded(value), type: "application/json", status: status)
  }

  /// A value as JSON with sorted keys (one line).
  static func encoded<T: Encodable>(_ value: T) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? encoder.encode(value)) ?? Data("{}".utf8)
  }

  static func bytes(_ data: Data, type: String, status: HTTPResponse.Status = .ok) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = type
    var buffer = ByteBufferAllocator().buffer(capacity: data.count)
    buffer.writeBytes(data)
    return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
  }
}

/// Guards `/api/`: the token when one is set, and for requests that change
/// state (POST, PUT, PATCH, DELETE) an `Origin` (when a browser sends one)
/// naming this server, so no other site's page can post to it.
struct Guard<Context: RequestContext>: RouterMiddleware {
  let settings: WorkbenchSettings

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
    if let token = settings.token {
      let given =
        request.headers[HTTPField.Name("X-Workbench-Token")!]
        ?? request.uri.queryParameters["token"].map(String.init)
      guard given == token else {
        return APIError(
          .unauthorized, "this workbench needs its token",
          fix: "send the token `secondment serve` printed, as header X-Workbench-Token"
        ).response
      }
    }
    if [.post, .put, .patch, .delete].contains(request.method), let origin = request.headers[.origin],
      !Guard.sameOrigin(origin, host: request.head.authority)
    {
      return APIError(
        .forbidden, "a request from \(origin) may not change this workbench",
        fix: "use the workbench's own page"
      ).response
    }
    return try await next(request, context)
  }

  /// Whether an `Origin` header names the host the request was sent to.
  static func sameOrigin(_ origin: String, host: String?) -> Bool {
    guard let host, let url = URL(string: origin), let originHost = url.host else { return false }
    let authority = url.port.map { "\(originHost):\($0)" } ?? originHost
    return authority == host
  }
}
