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
        return json(DistrictView(try store.district(id), language: Page.language(of: request)))
      }
    }
    router.get("api/jobs/:id/view") { request, context -> Response in
      await answer {
        let (id, status, roster, district) = try await jobRoster(context, jobs: jobs)
        let language = Page.language(of: request)
        var view = RosterView(job: id, roster: roster, result: status.result, district: district, language: language)
        if let before = status.basedOn, let file = await jobs.roster(before),
          let previous = try? RosterIO.readJSON(path: file.path).roster
        {
          view.basedOn = before
          view.moves = Resolve.moves(from: previous, to: roster, district: district, language: language)
        }
        let names = PlaceNames(instance: district.instance, zones: district.zones, language: language)
        view.pins = (status.pins ?? [:]).sorted { $0.key < $1.key }.map { person, posting in
          (district.person(person)?.name ?? person) + " " + names.posting(posting, words: Words(language))
        }
        return json(view)
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
            fix: #"send {"pins": [{"person": "p001", "mode": "stationed", "town": "anfu"}]}"#)
        }
        let pins = try Resolve.postings(body.pins, district: district)
        let id = JobID.make()
        guard let folder = workspace.job(id) else {
          throw APIError(.internalServerError, "no folder for job \(id)", fix: "solve again")
        }
        let file = folder.appendingPathComponent("instance.json")
        do {
          try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
          try InstanceLoader.write(Resolve.instance(district, from: roster, pins: pins), to: file.path)
        } catch {
          try? FileManager.default.removeItem(at: folder)
          throw APIError(.internalServerError, "the instance could not be written: \(error)", fix: "solve again")
        }
        let queued = await jobs.submit(
          id: id, instance: file, solver: solver, timeLimit: timeLimit, from: status.instance, basedOn: from,
          pins: pins)
        return json(["job": queued.id], status: .accepted)
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
    router.get("api/jobs/:id/notices") { request, context -> Response in
      await answer {
        let (_, _, roster, district) = try await jobRoster(context, jobs: jobs)
        let html = PostingNotices.html(roster, district: district, language: Page.language(of: request))
        return bytes(Data(html.utf8), type: "text/html; charset=utf-8")
      }
    }
  }

  /// A job's status, roster and district, for the views of its roster.
  ///
  /// - Throws: `APIError`: 404 for an unknown job, 409 while it has no roster.
  static func jobRoster<Context: RequestContext>(
    _ context: Context, jobs: JobQueue
  ) async throws -> (String, JobStatus, Roster, District) {
    let id = try jobID(context)
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
