import Foundation
import SecondmentDomain
import GLPKBackend
import Testing

@testable import PlanHistory
import SecondmentPlanner
import SecondmentTestSupport

/// The quarterly series' instance files, oldest first.
func seriesFiles() throws -> [(quarter: String, path: String)] {
  let folder = packageRoot.appendingPathComponent("Instances/quarters")
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
