import GAPBenchmark
import GLPKBackend
import MIPModel
import Testing

/// GLPK reproduces every OR-Library optimum of gap1-gap12, in both senses.
///
/// Each test solves the five instances of one file and compares each
/// objective with the value in the known-values table (copied from the
/// benchmark README), never with an earlier run of the solver.
@Suite("GLPK on OR-Library gap1-gap12", needsGLPK)
struct GLPKGAPTests {
  static let files = (1...12).map { "gap\($0).txt" }

  func solveAll(_ file: String, sense: ObjectiveSense) throws {
    let instances = try GAPReader.read(path: gapPath(file))
    #expect(instances.count == 5)
    for (k, instance) in instances.enumerated() {
      let known = try #require(GAPKnownValue.lookup(file: file, index: k + 1, sense: sense))
      #expect(known.name == instance.name)
      let gap = GAPModel(instance, sense: sense)
      let result = try GLPKSolver().solve(gap.model, options: SolveOptions(timeLimit: 60))
      #expect(result.termination == .optimal, "\(instance.name): \(result.termination)")
      let solution = try #require(gap.solution(from: result.values ?? []), "\(instance.name)")
      #expect(instance.isFeasible(solution.agentOfJob), "\(instance.name)")
      #expect(solution.objective == known.value, "\(instance.name) \(sense)")
      #expect(result.objective == Double(known.value), "\(instance.name) \(sense)")
      #expect(result.bound == result.objective)
      #expect(result.gap == 0)
    }
  }

  @Test("maximum (OR-Library's canonical sense) equals the table", arguments: files)
  func maximum(_ file: String) throws {
    #expect(GAPKnownValue.canonicalSense(file: file) == .maximize)
    try solveAll(file, sense: .maximize)
  }

  @Test("minimum (the alternative sense) equals the table", arguments: files)
  func minimum(_ file: String) throws {
    try solveAll(file, sense: .minimize)
  }
}
