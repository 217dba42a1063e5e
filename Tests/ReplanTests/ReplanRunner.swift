import Foundation
import Testing

@testable import PlanHistory
import SecondmentPlanner

/// What one run of the built `secondment` binary produced.
struct ReplanOutcome {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// The built `secondment` executable, next to the test bundle in the build folder.
func replanBinary() throws -> URL {
  var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  for _ in 0..<4 {
    let candidate = dir.appendingPathComponent("secondment")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    dir = dir.deletingLastPathComponent()
  }
  struct Missing: Error, CustomStringConvertible {
    var description: String { "secondment binary not found next to the test bundle" }
  }
  throw Missing()
}

/// Runs `secondment` and waits for it.
func runReplanBinary(_ arguments: [String], environment: [String: String] = [:]) throws
  -> ReplanOutcome
{
  let process = Process()
  process.executableURL = try replanBinary()
  process.arguments = arguments
  process.currentDirectoryURL = replanPackageRoot
  if !environment.isEmpty {
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  // Read stderr on another thread so neither pipe can fill up and block the child.
  let errBox = DataBox()
  let reader = Thread { errBox.data = err.fileHandleForReading.readDataToEndOfFile() }
  reader.start()
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  while !errBox.done { Thread.sleep(forTimeInterval: 0.01) }
  return ReplanOutcome(
    status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errBox.data, as: UTF8.self))
}

/// Data a reader thread hands back.
final class DataBox: @unchecked Sendable {
  private let lock = NSLock()
  private var value = Data()
  private var finished = false
  var data: Data {
    get { lock.withLock { value } }
    set { lock.withLock { value = newValue; finished = true } }
  }
  var done: Bool { lock.withLock { finished } }
}

/// The package's root folder (where Package.swift is).
let replanPackageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The quarterly series' instance files, oldest first.
func seriesFiles() throws -> [(quarter: String, path: String)] {
  let folder = replanPackageRoot.appendingPathComponent("Instances/quarters")
  let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    .filter { $0.hasSuffix(".json") && Quarter(String($0.dropLast(5))) != nil }.sorted()
  return names.map { (String($0.dropLast(5)), folder.appendingPathComponent($0).path) }
}

/// The solver the tests plan with: GLPK when this build has it, else the greedy.
var testSolver: String { GLPKSolver.isAvailable ? "glpk" : "greedy" }

/// Arguments for one `replan` run.
func replanArguments(
  _ instance: String, quarter: String, history: String, extra: [String] = []
) -> [String] {
  // A 10% gap keeps the exact runs short and deterministic (the time limit
  // is only a safety net; a run stopped by the clock could differ).
  ["replan", instance, "--history", history, "--quarter", quarter, "--solver", testSolver]
    + (testSolver == "glpk" ? ["--gap", "0.1", "--time-limit", "900"] : []) + extra
}

/// Whether this build can plan at all: GLPK, or the greedy wired into the
/// `Planner`. Without either, replanning cannot run and the end-to-end suite
/// is skipped with a message.
let plannerAvailable: Bool = {
  if GLPKSolver.isAvailable { return true }
  let town = Town(id: "t", name: "t", kind: .town, deskCapacity: 4, demand: ["d": 1])
  let people = (1...2).map {
    Person(
      id: "o\($0)", name: "o\($0)", department: "d", role: .officer, certified: true, legal: true)
  }
  let probe = Instance(
    name: "probe", departments: [Department(id: "d", name: "d")], towns: [town], people: people)
  do {
    _ = try Planner().plan(District(probe), options: PlanOptions(solver: .greedy))
    return true
  } catch is PlannerError {
    return false
  } catch {
    return true
  }
}()
