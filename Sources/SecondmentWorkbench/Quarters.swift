import Foundation
import Hummingbird
import PlanHistory
import SecondmentDomain
import SecondmentSheets

/// The quarter page's API over the workspace's plan history
/// (`history.sqlite`, the file of `secondment replan --history`):
/// `POST /api/replan` plans a quarter as a job (`secondment replan` as a
/// child process), `POST /api/jobs/ID/adopt` records its roster as the one
/// in force, `GET /api/history` lists the adopted quarters and tenure.
enum Quarters {
  /// The routes of the quarter page.
  static func add<Context: RequestContext>(
    to router: Router<Context>, workspace: Workspace, jobs: JobQueue, settings: WorkbenchSettings
  ) {
    router.post("api/replan") { request, _ -> Response in
      await API.answer { try await replan(request, workspace: workspace, jobs: jobs, settings: settings) }
    }
    router.post("api/jobs/:id/adopt") { request, context -> Response in
      await API.answer { try await adopt(request, context: context, workspace: workspace, jobs: jobs) }
    }
    router.get("api/history") { request, _ -> Response in
      await API.answer {
        API.json(try HistoryView(history: workspace.history, language: Page.language(of: request)))
      }
    }
  }

  /// The content types a change list may have, and the file name each is kept under.
  static let changeListTypes: [String: String] = ["text/csv": "csv", Uploads.xlsxType: "xlsx"]

  // MARK: - Replan

  /// Queues the replan of `?quarter=` from the plan history: the kept
  /// instance `?instance=ID` and/or a change list as the body (CSV or a
  /// workbook; without an instance it applies to the last adopted one).
  static func replan(
    _ request: Request, workspace: Workspace, jobs: JobQueue, settings: WorkbenchSettings
  ) async throws -> Response {
    let query = request.uri.queryParameters
    let text = query["quarter"].map(String.init) ?? ""
    guard let quarter = Quarter(text) else {
      throw APIError(.badRequest, "quarter '\(text)' is not a quarter", fix: "write it like 2025Q2")
    }
    let (solver, timeLimit) = try API.solveOptions(request)
    let body = try await Uploads.body(of: request, limit: settings.maxUploadBytes)
    let stored = query["instance"].map(String.init)
    var kept: URL?
    if let stored {
      guard let file = InstanceStore(workspace: workspace).path(stored) else {
        throw APIError(.notFound, "no instance \(stored)", fix: "list the instances with GET /api/instances")
      }
      kept = file
    }
    guard kept != nil || body.readableBytes > 0 else {
      throw APIError(
        .badRequest, "a replan needs the district's data or a change list",
        fix: "choose the district's data, or send a change list to apply to the last adopted quarter")
    }
    let (id, instanceFile) = try API.newJobFolder(workspace)
    let folder = instanceFile.deletingLastPathComponent()
    do {
      if let kept { try FileManager.default.copyItem(at: kept, to: instanceFile) }
      if body.readableBytes > 0 { try keepChangeList(body, of: request, in: folder) }
    } catch {
      try? FileManager.default.removeItem(at: folder)
      throw error
    }
    let planned = folder.appendingPathComponent("planned.json")
    let command =
      ["replan"] + inputs(of: folder, quarter: quarter, workspace: workspace)
      + ["--planned-instance", planned.path, "--summary-json", folder.appendingPathComponent("summary.json").path]
    let queued = await jobs.submit(
      id: id, instance: planned, solver: solver, timeLimit: timeLimit, from: stored,
      quarter: quarter.description, command: command)
    return API.json(["job": queued.id], status: .accepted)
  }

  /// Keeps the request's change list as `changes.csv` or `changes.xlsx` and
  /// reads it once, so that a list that cannot be read is refused at once.
  ///
  /// - Throws: `APIError`: 415 for another content type, 400 naming each
  ///   problem's sheet, row and column and the fix.
  static func keepChangeList(_ body: ByteBuffer, of request: Request, in folder: URL) throws {
    let type = Uploads.contentType(of: request)
    guard let kind = changeListTypes[type] else {
      throw APIError(
        .unsupportedMediaType, "a change list is a CSV file or an Excel workbook, not '\(type)'",
        fix: "send Content-Type text/csv or \(Uploads.xlsxType)")
    }
    let file = folder.appendingPathComponent("changes." + kind)
    do {
      try Data(body.readableBytesView).write(to: file, options: .atomic)
      _ = try ChangeListSheets.read(path: file.path)
    } catch let errors as InputErrors {
      throw APIError("the change list", in: "change list", problems: errors.errors)
    } catch let one as InputError {
      throw APIError("the change list", in: "change list", problems: [one])
    }
  }

  /// The inputs of a replan job's `secondment replan`: its instance and
  /// change list when the folder holds them, the history and the quarter.
  static func inputs(of folder: URL, quarter: Quarter, workspace: Workspace) -> [String] {
    let exists = { (name: String) in FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) }
    var inputs: [String] = []
    if exists("instance.json") { inputs.append(folder.appendingPathComponent("instance.json").path) }
    for name in ["changes.csv", "changes.xlsx"] where exists(name) {
      inputs += ["--changes", folder.appendingPathComponent(name).path]
    }
    return inputs + ["--history", workspace.history.path, "--quarter", quarter.description]
  }

  // MARK: - Adopt

  /// What a page sends to adopt: who adopts, and whether the quarter's
  /// adopted roster may be replaced.
  struct AdoptBody: Codable {
    var adoptedBy: String?
    var supersede: Bool?
  }

  /// What an adoption answers: the quarter and the history's words.
  struct Adopted: Codable {
    var job: String
    var quarter: String
    var message: String
  }

  /// Records a replan job's roster as the one in force for its quarter, by
  /// `secondment replan … --roster ROSTER --adopt` (the checker re-checks it,
  /// the history takes it in one transaction).
  ///
  /// - Throws: `APIError`: 409 for a job that is no replan, has no roster or
  ///   is already adopted, and with the command line's words when the
  ///   history refuses it (a quarter already adopted, rules broken).
  static func adopt<Context: RequestContext>(
    _ request: Request, context: Context, workspace: Workspace, jobs: JobQueue
  ) async throws -> Response {
    let id = try API.jobID(context)
    guard let status = await jobs.status(id) else { throw API.unknownJob(id) }
    guard let quarterText = status.quarter, let quarter = Quarter(quarterText), let folder = workspace.job(id) else {
      throw APIError(
        .conflict, "job \(id) is not a quarter's replan", fix: "replan the quarter first (POST /api/replan)")
    }
    guard let roster = await jobs.roster(id) else {
      throw APIError(
        .conflict, "job \(id) has no roster (\(status.state.rawValue))",
        fix: "wait until the replan is done (GET /api/jobs/\(id))")
    }
    if let adopted = status.adopted {
      throw APIError(.conflict, "job \(id)'s roster is already adopted: \(adopted)", fix: "nothing to do")
    }
    let buffer = try await Uploads.body(of: request, limit: 65_536)
    var body = AdoptBody()
    if buffer.readableBytes > 0 {
      do {
        body = try JSONDecoder().decode(AdoptBody.self, from: Data(buffer.readableBytesView))
      } catch {
        throw APIError(
          .badRequest, "the request is not an adoption: \(error)",
          fix: #"send {"adoptedBy": "王丽", "supersede": false}"#)
      }
    }
    let by = body.adoptedBy.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
      ?? ProcessInfo.processInfo.environment["USER"] ?? "workbench"
    var arguments =
      ["replan"] + inputs(of: folder, quarter: quarter, workspace: workspace)
      + ["--roster", roster.path, "--adopt", "--adopted-by", by, "--quiet"]
    if body.supersede == true { arguments.append("--supersede") }
    let run = await ChildRun.run(jobs.executable, arguments, in: folder, name: "adopt")
    // The planner knows the history as the workspace's history.sqlite, not by its full path.
    let words = { (text: String) in text.replacingOccurrences(of: workspace.history.path, with: "history.sqlite") }
    guard run.status == 0 else {
      let lines = run.errors.split(separator: "\n").map { words(String($0)) }.filter { !$0.hasPrefix("note:") }
      var error = APIError(
        run.status == 1 ? .conflict : .badRequest, lines.first ?? "the adoption ended with status \(run.status)")
      error.problems = lines.map { APIProblem(commandLine: $0, file: "history.sqlite", place: quarter.description) }
      throw error
    }
    let said =
      run.output.split(separator: "\n").last { $0.hasPrefix("Adopted") || $0.hasPrefix("This roster is already") }
      .map { words(String($0)) } ?? "Adopted for \(quarter)"
    await jobs.markAdopted(id, message: said)
    return API.json(Adopted(job: id, quarter: quarter.description, message: said))
  }
}

/// A short run of the `secondment` binary awaited in full (an adoption),
/// its standard output and error kept in files of its folder (no pipe to fill).
enum ChildRun {
  /// Runs `arguments` in `folder` and returns the exit status and what it printed.
  static func run(
    _ executable: URL, _ arguments: [String], in folder: URL, name: String
  ) async -> (status: Int32, output: String, errors: String) {
    let out = folder.appendingPathComponent(name + ".out")
    let err = folder.appendingPathComponent(name + ".err")
    guard FileManager.default.createFile(atPath: out.path, contents: nil),
      FileManager.default.createFile(atPath: err.path, contents: nil),
      let outHandle = try? FileHandle(forWritingTo: out), let errHandle = try? FileHandle(forWritingTo: err)
    else { return (-1, "", "the workspace's job folder cannot be written") }
    defer {
      try? outHandle.close()
      try? errHandle.close()
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.standardOutput = outHandle
    process.standardError = errHandle
    process.standardInput = FileHandle.nullDevice
    let started: Bool = await withCheckedContinuation { continuation in
      process.terminationHandler = { _ in continuation.resume(returning: true) }
      do {
        try process.run()
      } catch {
        process.terminationHandler = nil
        continuation.resume(returning: false)
      }
    }
    guard started else { return (-1, "", "the adoption could not start") }
    let read = { (url: URL) in String(decoding: FileManager.default.contents(atPath: url.path) ?? Data(), as: UTF8.self) }
    let status = process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    return (status, read(out), read(err))
  }
}
