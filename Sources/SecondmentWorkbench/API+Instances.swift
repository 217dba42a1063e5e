import Foundation
import Hummingbird
import SecondmentDomain
import SecondmentReport
import SecondmentSheets

extension API {
  /// The routes of the district's data and of the page's views:
  /// `POST /api/instances`, `GET /api/instances`, `GET /api/instances/ID`,
  /// and of a job's roster: `view` (the page's tables), `workbook` (the
  /// roster workbook) and `notices` (the posting notices to print).
  static func addViews<Context: RequestContext>(
    to router: Router<Context>, workspace: Workspace, jobs: JobQueue, settings: WorkbenchSettings
  ) {
    let store = InstanceStore(workspace: workspace)
    router.post("api/instances") { request, _ -> Response in
      await answer {
        let kind = try Uploads.kind(of: request, what: "an upload")
        let body = try await Uploads.body(of: request, limit: settings.maxUploadBytes)
        return json(try store.save(body, as: "upload." + kind), status: .created)
      }
    }
    router.get("api/instances") { _, _ -> Response in
      json(store.all())
    }
    router.get("api/instances/:id") { request, context -> Response in
      await answer {
        let id = try context.parameters.require("id")
        let language = Page.language(of: request)
        let district = try store.district(id)
        let data = ViewCache.shared.view("district \(store.folder.path) \(id) \(language)") {
          encoded(DistrictView(district, language: language))
        }
        return bytes(data, type: "application/json")
      }
    }
    router.get("api/jobs/:id/view") { request, context -> Response in
      await answer {
        let id = try jobID(context)
        let language = Page.language(of: request)
        // An ended job's roster, and the roster it started from, no longer
        // change: a view made once is served again without reading the roster.
        let key = "roster \(workspace.root.path) \(id) \(language)"
        if let kept = ViewCache.shared.cached(key) { return bytes(kept, type: "application/json") }
        let (_, status, roster, district) = try await jobRoster(id, jobs: jobs)
        let make = { await rosterView(id, status, roster, district, language, jobs: jobs) }
        let ended: Set<JobState> = [.done, .failed, .cancelled]
        var settled = ended.contains(status.state)
        if let base = status.basedOn {
          let state = await jobs.status(base)?.state ?? .running
          settled = settled && ended.contains(state)
        }
        guard settled else { return bytes(await make(), type: "application/json") }
        let data = await make()
        return bytes(ViewCache.shared.view(key) { data }, type: "application/json")
      }
    }
    router.post("api/jobs/:id/resolve") { request, context -> Response in
      await answer {
        let (solver, timeLimit) = try solveOptions(request)
        let (from, status, roster, district) = try await jobRoster(context, jobs: jobs)
        let buffer = try await Uploads.body(of: request, limit: 1_048_576)
        let body: Resolve.Body
        do {
          body = try JSONDecoder().decode(Resolve.Body.self, from: Data(buffer.readableBytesView))
        } catch {
          throw APIError(
            .badRequest, "the request is not a list of pins: \(error)",
            fix: #"send {"pins": [{"person": "p001", "mode": "stationed", "town": "anfu"}], "forbid": []}"#)
        }
        let edits = try Resolve.edits(body, district: district)
        let (id, file) = try newJobFolder(workspace)
        do {
          try InstanceLoader.write(Resolve.instance(district, from: roster, edits: edits), to: file.path)
        } catch {
          try? FileManager.default.removeItem(at: file.deletingLastPathComponent())
          throw APIError(.internalServerError, "the instance could not be written: \(error)", fix: "solve again")
        }
        let queued = await jobs.submit(
          id: id, instance: file, solver: solver, timeLimit: timeLimit, from: status.instance, basedOn: from,
          pins: edits.pins, forbidden: edits.forbidden.isEmpty ? nil : edits.forbidden)
        return json(["job": queued.id], status: .accepted)
      }
    }
    router.post("api/jobs/:id/whatif") { request, context -> Response in
      await answer {
        let (solver, timeLimit) = try solveOptions(request)
        let (from, status, roster, district) = try await jobRoster(context, jobs: jobs)
        let buffer = try await Uploads.body(of: request, limit: 1_048_576)
        let (scenario, outcome) = try WhatIf.instance(
          String(decoding: buffer.readableBytesView, as: UTF8.self), district: district, roster: roster)
        let (id, file) = try newJobFolder(workspace)
        do {
          try InstanceLoader.write(outcome.instance, to: file.path)
        } catch {
          try? FileManager.default.removeItem(at: file.deletingLastPathComponent())
          throw APIError(.internalServerError, "the instance could not be written: \(error)", fix: "run it again")
        }
        let queued = await jobs.submit(
          id: id, instance: file, solver: solver, timeLimit: timeLimit, from: status.instance, basedOn: from,
          label: scenario.title, changes: outcome.log)
        return json(["job": queued.id], status: .accepted)
      }
    }
    router.get("api/jobs/:id/why") { request, context -> Response in
      await answer {
        let id = try jobID(context)
        let person = request.uri.queryParameters["person"].map(String.init) ?? ""
        let language = Page.language(of: request)
        let key = "why \(workspace.root.path) \(id) \(person) \(language)"
        if let kept = ViewCache.shared.cachedWhy(key) { return bytes(kept, type: "application/json") }
        let (_, status, roster, district) = try await jobRoster(id, jobs: jobs)
        let (postings, splits) = RosterTables.postings(of: roster)
        guard
          let comparison = PostingComparison(
            person: person, postings: postings, splits: splits, checker: RosterChecker(district))
        else {
          throw APIError(
            .notFound, "no person '\(person)' in this roster", fix: "give person=ID, an id of the roster's people")
        }
        let names = PlaceNames(instance: district.instance, zones: district.zones, language: language)
        let data = encoded(WhyView(comparison, name: district.person(person)?.name ?? person, names: names))
        // An ended job's roster no longer changes, nor does the answer.
        guard [.done, .failed, .cancelled].contains(status.state) else { return bytes(data, type: "application/json") }
        return bytes(ViewCache.shared.why(key) { data }, type: "application/json")
      }
    }
    router.get("api/compare") { request, _ -> Response in
      await answer {
        let ids = (request.uri.queryParameters["jobs"].map(String.init) ?? "").split(separator: ",").map(String.init)
        guard ids.count >= 2 else {
          throw APIError(.badRequest, "a comparison needs at least two jobs", fix: "give jobs=BASE,WHATIF[,…]")
        }
        var rosters: [(job: String, label: String, changes: [String], result: JobResult?, roster: Roster, district: District)] = []
        for id in ids {
          let (job, status, roster, district) = try await jobRoster(id, jobs: jobs)
          rosters.append(
            (job, status.label ?? district.instance.title ?? district.instance.name, status.changes ?? [], status.result,
             roster, district))
        }
        return json(WhatIf.compare(rosters, language: Page.language(of: request)))
      }
    }
    router.get("api/jobs/:id/workbook") { request, context -> Response in
      await answer {
        let (id, _, roster, district) = try await jobRoster(context, jobs: jobs)
        let language = Page.language(of: request)
        let data = try XLSXWriter.data(RosterWorkbook.workbook(roster, district: district, language: language))
        var response = bytes(data, type: Uploads.xlsxType)
        response.headers[.contentDisposition] = "attachment; filename=\"roster-\(id).xlsx\""
        return response
      }
    }
    router.get("api/jobs/:id/report") { request, context -> Response in
      await answer {
        let (id, status, roster, district) = try await jobRoster(context, jobs: jobs)
        let report = try await Exports.report(
          id, status: status, roster: roster, district: district, language: Page.language(of: request), jobs: jobs,
          toolVersion: settings.toolVersion)
        return bytes(Data(report.html().utf8), type: "text/html; charset=utf-8")
      }
    }
    router.get("api/jobs/:id/notices") { request, context -> Response in
      await answer {
        let (_, _, roster, district) = try await jobRoster(context, jobs: jobs)
        let html = PostingNotices.html(roster, district: district, language: Page.language(of: request))
        return bytes(Data(html.utf8), type: "text/html; charset=utf-8")
      }
    }
  }

  /// The roster page's view of a job's roster as JSON, with the moves against
  /// the roster it started from and its pins.
  static func rosterView(
    _ id: String, _ status: JobStatus, _ roster: Roster, _ district: District, _ language: SheetLanguage,
    jobs: JobQueue
  ) async -> Data {
    let tables = RosterTables(roster, district: district)
    let names = PlaceNames(instance: district.instance, zones: district.zones, language: language)
    var view = RosterView(job: id, tables: tables, result: status.result, district: district, names: names)
    if let before = status.basedOn, let file = await jobs.roster(before),
      let previous = try? RosterIO.readJSON(path: file.path).roster
    {
      view.basedOn = before
      view.moves = Resolve.moves(from: RosterTables.postings(of: previous).postings, to: tables, names: names)
    }
    if status.quarter != nil, let folder = await jobs.roster(id)?.deletingLastPathComponent() {
      view.quarter = QuarterView.read(folder: folder, names: names)
    }
    view.pins = (status.pins ?? [:]).sorted { $0.key < $1.key }.map { person, posting in
      (district.person(person)?.name ?? person) + " " + names.posting(posting, words: Words(language))
    }
    view.forbidden = (status.forbidden ?? [:]).sorted { $0.key < $1.key }.flatMap { person, postings in
      postings.map { (district.person(person)?.name ?? person) + " " + names.posting($0, words: Words(language)) }
    }
    return encoded(view)
  }

  /// A new job's id and the path of its instance (`jobs/ID/instance.json`), its folder made.
  static func newJobFolder(_ workspace: Workspace) throws -> (String, URL) {
    let id = JobID.make()
    guard let folder = workspace.job(id) else {
      throw APIError(.internalServerError, "no folder for job \(id)", fix: "solve again")
    }
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw APIError(.internalServerError, "no folder for job \(id): \(error)", fix: "check the workspace can be written")
    }
    return (id, folder.appendingPathComponent("instance.json"))
  }

  /// A job's status, roster and district, for the views of its roster.
  ///
  /// - Throws: `APIError`: 404 for an unknown job, 409 while it has no roster.
  static func jobRoster<Context: RequestContext>(
    _ context: Context, jobs: JobQueue
  ) async throws -> (String, JobStatus, Roster, District) {
    try await jobRoster(try jobID(context), jobs: jobs)
  }

  /// A job's status, roster and district by id.
  static func jobRoster(_ id: String, jobs: JobQueue) async throws -> (String, JobStatus, Roster, District) {
    guard JobID.isValid(id) else {
      throw APIError(.notFound, "'\(id)' is not a job id", fix: "use the id POST /api/solve answered")
    }
    guard let status = await jobs.status(id) else { throw unknownJob(id) }
    guard let file = await jobs.roster(id), let instance = await jobs.instanceFile(id) else {
      throw APIError(
        .conflict, "job \(id) has no roster (\(status.state.rawValue))",
        fix: "wait until the job is done (GET /api/jobs/\(id))")
    }
    let roster: Roster
    do {
      roster = try RosterIO.readJSON(path: file.path).roster
    } catch {
      throw APIError(.internalServerError, "job \(id)'s roster cannot be read: \(error)", fix: "solve again")
    }
    return (id, status, roster, try Uploads.district(of: instance))
  }
}
