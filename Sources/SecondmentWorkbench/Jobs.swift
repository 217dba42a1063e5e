import Foundation
import SecondmentDomain

/// What a solve job is doing.
public enum JobState: String, Codable, Sendable {
  /// Waiting for a free slot (at most one solve per core runs at once).
  case queued
  case running
  /// Ended with a roster (it may break rules: see the roster's brokenRules).
  case done
  /// Ended without a roster: bad input, no roster found, or the solve crashed.
  case failed
  /// Cancelled: a running solve keeps the best roster found so far.
  case cancelled
}

/// The latest progress a running solve reported.
public struct JobProgress: Codable, Sendable, Equatable {
  /// Seconds since the solve started.
  public var elapsed: Double
  /// The best roster's objective so far.
  public var incumbent: Double?
  /// The best bound so far.
  public var bound: Double?
  /// The relative gap between them (0.01 is 1%).
  public var gap: Double?
}

/// What an ended job's roster says of itself (from its roster file).
public struct JobResult: Codable, Sendable, Equatable {
  /// optimal, feasible or rules-broken.
  public var status: String
  /// The checker's objective.
  public var objective: Double
  public var bound: Double?
  /// The relative gap (0.01 is 1%).
  public var gap: Double?
  /// The solver that made the roster.
  public var solver: String
}

/// A solve job as the API shows it (`GET /api/jobs/ID`).
public struct JobStatus: Codable, Sendable {
  public var id: String
  /// The workspace instance it solves (`POST /api/instances`), when it came
  /// from one rather than from an upload of its own.
  public var instance: String?
  /// The job whose roster this one re-solves from (`POST /api/jobs/ID/resolve`).
  public var basedOn: String?
  /// People pinned to a posting for this solve, by person id.
  public var pins: [String: Posting]?
  /// Postings forbidden for this solve, by person id.
  public var forbidden: [String: [Posting]]?
  /// A what-if's title and what its scenario changed, one line each.
  public var label: String?
  public var changes: [String]?
  /// The quarter a replan job plans (`POST /api/replan`), and once its
  /// roster is adopted, what the plan history said.
  public var quarter: String?
  public var adopted: String?
  public var state: JobState
  /// glpk, greedy or auto.
  public var solver: String
  /// Seconds.
  public var timeLimit: Double
  /// Jobs that start before this one, while it is queued.
  public var queuePosition: Int?
  public var progress: JobProgress?
  /// Whether the roster can be fetched (`GET /api/jobs/ID/roster`).
  public var hasRoster: Bool
  /// The solve's exit status once it ended: 0 a roster keeping every rule,
  /// 1 a roster breaking rules, 2 bad input, 3 no roster, 4 stopped with the
  /// best roster so far (the exit status of `secondment solve`).
  public var exitStatus: Int32?
  /// What the planner should know: that it waits, why it failed, how it ended.
  public var message: String?
  /// Once the job has a roster: its status, objective, bound and gap, which
  /// `progress` (what the searches reported while running) may not show.
  public var result: JobResult?
}

/// The solves of a workbench: each runs as a child process of the same
/// binary (`secondment solve … --progress-json`), so a solver failure, a
/// cancel or a runaway model never takes the server down. At most `slots`
/// run at once; the rest queue in order and say so.
public actor JobQueue {
  private final class Job {
    var status: JobStatus
    let instance: URL
    /// The subcommand and its inputs (`solve FILE`, `replan … --quarter Q`);
    /// the solver, time limit, roster file and progress are added at launch.
    let command: [String]
    var process: Process?
    var log: [String] = []
    var cancelRequested = false
    /// Whether the solve has reported, so heeds an interrupt: until its first
    /// progress line, an interrupt could come before its handler is in place.
    var listening = false
    var partial = Data()

    init(status: JobStatus, instance: URL, command: [String]) {
      self.status = status
      self.instance = instance
      self.command = command
    }
  }

  private let workspace: Workspace
  /// The `secondment` binary the jobs (and adoptions) run.
  let executable: URL
  /// Solves that may run at once.
  public let slots: Int

  /// The scheduling priority of a solve (`nice`, 0 to 19; higher yields
  /// more): 10, so that on a machine whose every core solves, the server
  /// still answers the page at once. A solve alone on the machine runs as
  /// fast as with 0.
  static let solveNiceness: Int32 = 10
  private var jobs: [String: Job] = [:]
  /// Job ids in the order they were submitted.
  private var order: [String] = []
  private var waiting: [String] = []
  private var running: Set<String> = []
  private var endWaiters: [CheckedContinuation<Void, Never>] = []

  /// - Parameters:
  ///   - executable: the `secondment` binary the solves run.
  ///   - slots: solves at once (default: one per core).
  public init(
    workspace: Workspace, executable: URL,
    slots: Int = ProcessInfo.processInfo.activeProcessorCount
  ) {
    self.workspace = workspace
    self.executable = executable
    self.slots = max(1, slots)
  }

  /// Queues a solve of `instance` (a file in the job's folder) and starts it
  /// when a slot is free.
  ///
  /// - Parameters:
  ///   - stored: the kept instance it solves, if any.
  ///   - basedOn: the job whose roster it re-solves from, with `pins` and
  ///     `forbidden` postings, or
  ///     whose roster a what-if (`label`, `changes`) is anchored on.
  ///   - command: the subcommand and its inputs when the job is not
  ///     `solve INSTANCE` (a replan of `quarter`, whose `instance` is then
  ///     the instance as planned, written by the run).
  public func submit(
    id: String, instance: URL, solver: String, timeLimit: Double, from stored: String? = nil,
    basedOn: String? = nil, pins: [String: Posting]? = nil, forbidden: [String: [Posting]]? = nil,
    label: String? = nil, changes: [String]? = nil, quarter: String? = nil, command: [String]? = nil
  ) -> JobStatus {
    let status = JobStatus(
      id: id, instance: stored, basedOn: basedOn, pins: pins, forbidden: forbidden, label: label, changes: changes, quarter: quarter,
      state: .queued, solver: solver, timeLimit: timeLimit, queuePosition: nil,
      progress: nil, hasRoster: false, exitStatus: nil, message: nil, result: nil)
    jobs[id] = Job(status: status, instance: instance, command: command ?? ["solve", instance.path])
    order.append(id)
    waiting.append(id)
    startWaiting()
    return self.status(id) ?? status
  }

  /// A job's status; nil for an unknown id.
  public func status(_ id: String) -> JobStatus? {
    guard let job = jobs[id] else { return nil }
    var status = job.status
    if status.state == .queued, let position = waiting.firstIndex(of: id) {
      status.queuePosition = position
      status.message =
        position == 0
        ? "waiting for a free slot (\(slots) solves run at once)"
        : "waiting: \(position) solves start before this one (\(slots) run at once)"
    }
    return status
  }

  /// Every job's status, in the order they were submitted (newest last).
  public func all() -> [JobStatus] { order.compactMap { status($0) } }

  /// The instance file a job solves.
  public func instanceFile(_ id: String) -> URL? { jobs[id]?.instance }

  /// The roster file of a job, when it has one.
  public func roster(_ id: String) -> URL? {
    guard let job = jobs[id], job.status.hasRoster, let folder = workspace.job(id) else { return nil }
    return folder.appendingPathComponent("roster.json")
  }

  /// Records that a replan job's roster was adopted, in the history's words.
  public func markAdopted(_ id: String, message: String) {
    guard let job = jobs[id] else { return }
    job.status.adopted = message
    save(job)
  }

  /// Cancels a job: a queued one never starts; a running one is interrupted
  /// and ends with the best roster found so far (a second cancel stops it at
  /// once). Returns the status after the request; nil for an unknown id.
  public func cancel(_ id: String) -> JobStatus? {
    guard let job = jobs[id] else { return nil }
    switch job.status.state {
    case .queued:
      waiting.removeAll { $0 == id }
      job.status.state = .cancelled
      job.status.message = "cancelled before it started"
    case .running:
      if job.listening { job.process?.interrupt() }  // else at its first report (`take`)
      job.cancelRequested = true
      job.status.message = "cancelling: the solve stops and keeps the best roster found so far"
    default:
      break
    }
    return status(id)
  }

  /// Stops every job (queued ones never start, running ones keep their best
  /// roster) and returns when the last solve has ended and written its files.
  public func stopAll() async {
    for id in waiting { _ = cancel(id) }
    for id in running { _ = cancel(id) }
    guard !running.isEmpty else { return }
    await withCheckedContinuation { endWaiters.append($0) }
  }

  // MARK: - Running

  private func startWaiting() {
    while running.count < slots, !waiting.isEmpty {
      let id = waiting.removeFirst()
      launch(id)
    }
  }

  private func launch(_ id: String) {
    guard let job = jobs[id], let folder = workspace.job(id) else { return }
    let process = Process()
    process.executableURL = executable
    process.arguments = job.command + [
      "--solver", job.status.solver,
      "--time-limit", String(job.status.timeLimit),
      "--output", folder.appendingPathComponent("roster.json").path, "--progress-json",
    ]
    process.currentDirectoryURL = folder
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    let reader = errors.fileHandleForReading
    reader.readabilityHandler = { [weak self] handle in
      let data = handle.availableData
      guard let self, !data.isEmpty else { return }
      Task { await self.received(data, from: id) }
    }
    process.terminationHandler = { [weak self] ended in
      let status = ended.terminationReason == .exit ? ended.terminationStatus : 128 + ended.terminationStatus
      reader.readabilityHandler = nil
      let rest = reader.readDataToEndOfFile()
      guard let self else { return }
      Task { await self.finished(id, exitStatus: status, rest: rest) }
    }
    do {
      try process.run()
    } catch {
      job.status.state = .failed
      job.status.message = "the solve could not start: \(error)"
      save(job)
      return
    }
    // The page's requests come before the solves; the solves still take every idle cycle.
    setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(process.processIdentifier), JobQueue.solveNiceness)
    job.process = process
    job.status.state = .running
    job.status.message = nil
    running.insert(id)
    save(job)
  }

  /// Lines from a solve's standard error: progress as JSON, the rest its log.
  private func received(_ data: Data, from id: String) {
    guard let job = jobs[id], !data.isEmpty else { return }
    job.partial.append(data)
    while let newline = job.partial.firstIndex(of: UInt8(ascii: "\n")) {
      let line = String(decoding: job.partial[job.partial.startIndex..<newline], as: UTF8.self)
      job.partial.removeSubrange(job.partial.startIndex...newline)
      take(line, job)
    }
  }

  private func take(_ line: String, _ job: Job) {
    if line.hasPrefix("{"), let progress = try? JSONDecoder().decode(JobProgress.self, from: Data(line.utf8)) {
      if progress.elapsed >= (job.status.progress?.elapsed ?? 0) { job.status.progress = progress }
      if !job.listening {
        job.listening = true
        if job.cancelRequested { job.process?.interrupt() }
      }
    } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
      job.log.append(line)
      if job.log.count > 200 { job.log.removeFirst(job.log.count - 200) }
    }
  }

  private func finished(_ id: String, exitStatus: Int32, rest: Data) {
    guard let job = jobs[id] else { return }
    received(rest + Data("\n".utf8), from: id)
    running.remove(id)
    job.process = nil
    let roster = workspace.job(id).map {
      FileManager.default.fileExists(atPath: $0.appendingPathComponent("roster.json").path)
    } ?? false
    job.status.exitStatus = exitStatus
    job.status.hasRoster = roster && [0, 1, 4].contains(exitStatus)
      && FileManager.default.fileExists(atPath: job.instance.path)
    if job.status.hasRoster, let folder = workspace.job(id) {
      job.status.result = Self.result(of: folder.appendingPathComponent("roster.json"))
    }
    let lastLines = job.log.suffix(5).joined(separator: "\n")
    switch exitStatus {
    case 0:
      job.status.state = .done
      job.status.message = nil
    case 1 where job.status.hasRoster:
      job.status.state = .done
      job.status.message = "the roster breaks rules; its brokenRules name them"
    case 4 where job.status.hasRoster:
      job.status.state = job.cancelRequested ? .cancelled : .done
      job.status.message = "stopped on request: the best roster found so far was kept"
    default:
      job.status.state = job.cancelRequested ? .cancelled : .failed
      job.status.message = lastLines.isEmpty ? "the solve ended with status \(exitStatus)" : lastLines
    }
    save(job)
    startWaiting()
    if running.isEmpty {
      for waiter in endWaiters { waiter.resume() }
      endWaiters = []
    }
  }

  /// The headline of a roster file: status, the checker's objective, bound, gap, solver.
  static func result(of file: URL) -> JobResult? {
    guard let data = FileManager.default.contents(atPath: file.path),
      let tree = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let objective = (tree["objective"] as? [String: Any])?["total"] as? Double
    else { return nil }
    return JobResult(
      status: tree["status"] as? String ?? "", objective: objective, bound: tree["bound"] as? Double,
      gap: tree["gap"] as? Double, solver: tree["solver"] as? String ?? "")
  }

  /// Writes the job's status beside its files (`jobs/ID/status.json`), atomically.
  private func save(_ job: Job) {
    guard let folder = workspace.job(job.status.id),
      let data = try? JSONEncoder().encode(job.status)
    else { return }
    try? data.write(to: folder.appendingPathComponent("status.json"), options: .atomic)
  }
}
