import Foundation
import SecondmentDomain
import SecondmentReport

/// A job's roster as the files a planner takes away: the report of
/// `solve --report` (the workbook and the notices are made where they are served).
enum Exports {
  /// The planner's report on a job's roster, in `language`: the checker's
  /// figures, the heat map, the unmet bars, the roster per town, and the
  /// provenance (the job's instance file with its SHA-256, solver, time limit).
  static func report(
    _ id: String, status: JobStatus, roster: Roster, district: District, language: SheetLanguage,
    jobs: JobQueue, toolVersion: String
  ) async throws -> Report {
    let (postings, splits) = RosterTables.postings(of: roster)
    let evaluation = RosterChecker(district).evaluate(postings, splits: splits)
    let title = status.label ?? district.instance.title ?? district.instance.name
    let run = ReportRun(
      label: district.instance.name, title: title, district: district, postings: postings, evaluation: evaluation,
      solver: status.result?.solver ?? status.solver, status: status.result?.status ?? roster.status ?? "",
      gap: status.result?.gap, seconds: status.progress?.elapsed, changes: status.changes ?? [])
    let instance = await jobs.instanceFile(id)
    let rosterFile = await jobs.roster(id)
    let made = rosterFile.flatMap { try? FileManager.default.attributesOfItem(atPath: $0.path)[.modificationDate] as? Date }
    let provenance = ReportProvenance(
      inputs: [instance.flatMap { InputFile.hashing(role: "instance", path: $0.path) }].compactMap { $0 },
      solver: status.solver, solverVersion: status.result?.solver, toolVersion: toolVersion,
      options: [("solver", status.solver), ("time limit", "\(status.timeLimit) s")], date: made ?? Date(),
      command: "secondment serve: job \(id)")
    return Report(
      title: Words(language).format("report.title", title), runs: [run], provenance: provenance, language: language)
  }
}
