import Foundation
import GLPKBackend
import MIPModel
import SecondmentDomain
import Testing

@testable import GreedySolver

/// The greedy's coverage steps: chains of officers' moves, and the
/// departments' coverage models, where single moves and swaps only trade
/// one uncovered pair for another.
@Suite("Greedy coverage")
struct GreedyCoverageTests {
  @Test("a coverage chain covers a pair where every move and swap only trades one pair for another")
  func chainCoversWhatMovesCannot() throws {
    // a and b stationed, c uncovered; the zone b-c covers b and c, so the
    // driver zoned there and the other officer stationed at a cover all three.
    let district = District(
      Self.district(
        towns: ["a", "b", "c"], zones: ["bc": ["b", "c"]],
        officers: ["walker": false, "driver": true]))
    var search = try Self.search(district, ["walker": .stationed(town: "b"), "driver": .stationed(town: "a")])
    #expect(Self.uncovered(search) == 1)
    for p in search.movable {
      let move = search.bestMove(p, eps: 1e-7)
      #expect(move.code == -1, "a single move pays")
    }
    let swap = search.deltaSwap(0, 1)
    #expect(swap >= 0, "the swap pays")

    let chained = search.coverageChains(deadline: .none, eps: 1e-7)
    #expect(chained)
    #expect(Self.uncovered(search) == 0)
    #expect(search.postings()["driver"] == .zoned(zone: "bc"))
    #expect(search.postings()["walker"] == .stationed(town: "a"))
    Self.expectCheckerAgrees(search, district)
  }

  @Test(
    "the coverage model covers a pair that needs two zones to change at once, where no chain does",
    .enabled(if: GLPKSolver.isAvailable, "this build has no GLPK"))
  func coverageModelCoversWhatChainsCannot() throws {
    let district = District(Self.twoMerges())
    var search = try Self.search(district, Self.twoMergesRoster)
    #expect(Self.uncovered(search) == 1)
    let chained = search.coverageChains(deadline: .none, eps: 1e-7)
    #expect(!chained)
    let before = search.total

    search.coverageSolver = GLPKSolver()
    let modelled = search.coverageByModel(deadline: .none, eps: 1e-7)
    #expect(modelled)
    #expect(Self.uncovered(search) == 0)
    #expect(search.total < before)
    let postings = search.postings()
    #expect(postings["a"] == .zoned(zone: "fng"))
    #expect(postings["c"] == .zoned(zone: "hmk"))
    Self.expectCheckerAgrees(search, district)
  }

  @Test("a coverage solver that cannot solve is asked once and the roster stays as it was")
  func failingCoverageSolverIsAskedOnce() throws {
    let district = District(Self.twoMerges())
    var search = try Self.search(district, Self.twoMergesRoster)
    let solver = FailingSolver()
    search.coverageSolver = solver
    let before = search.postings()
    let first = search.coverageByModel(deadline: .none, eps: 1e-7)
    let second = search.coverageByModel(deadline: .none, eps: 1e-7)
    #expect(!first && !second)
    #expect(solver.calls.value == 1)
    #expect(search.postings() == before)
  }

  // MARK: - Fixtures

  /// Ten towns with half an FTE of demand each; a driver zoned over g-b-h
  /// and one over y-r, four officers stationed at f, n, m and k, and u
  /// uncovered. Covering u needs both drivers moved at once: to f-n-g
  /// (freeing f and n's officers, leaving b and h) and to h-m-k (freeing m
  /// and k's, covering h), the four freed officers stationed at b, y, r and u.
  static func twoMerges() -> Instance {
    district(
      towns: ["g", "b", "h", "f", "n", "y", "r", "m", "k", "u"],
      zones: ["gbh": ["g", "b", "h"], "fng": ["f", "n", "g"], "yr": ["y", "r"], "hmk": ["h", "m", "k"]],
      officers: ["a": true, "c": true, "f1": false, "f2": false, "f3": false, "f4": false])
  }

  static let twoMergesRoster: [String: Posting] = [
    "a": .zoned(zone: "gbh"), "c": .zoned(zone: "yr"), "f1": .stationed(town: "f"),
    "f2": .stationed(town: "n"), "f3": .stationed(town: "m"), "f4": .stationed(town: "k"),
  ]

  /// One department, towns on a line 5 km apart each with half an FTE of its
  /// demand, a home town without demand, and no rule across departments
  /// (no certified or legal officer needed): only coverage and unmet demand count.
  static func district(towns: [String], zones: [String: [String]], officers: [String: Bool]) -> Instance {
    var policy = Policy()
    policy.minCertifiedPerTown = 0
    policy.minLegalPerTown = 0
    policy.jointInspection = false
    let all =
      towns.enumerated().map { i, id in
        Town(id: id, name: id, kind: .town, x: 5 * Double(i), y: 0, deskCapacity: 9, demand: ["m": 0.5])
      } + [Town(id: "home", name: "home", kind: .town, x: 0, y: 5, deskCapacity: 9, demand: [:])]
    let people = officers.keys.sorted().map { id in
      Person(
        id: id, name: id, department: "m", role: .officer, certified: true, legal: true,
        drives: officers[id]!, homeTown: "home")
    }
    return Instance(
      name: "coverage", departments: [Department(id: "m", name: "m")], towns: all,
      zones: zones.keys.sorted().map { Zone(id: $0, name: $0, towns: zones[$0]!) }, people: people,
      policy: policy)
  }

  static func search(_ district: District, _ roster: [String: Posting]) throws -> DeploymentSearch {
    var search = DeploymentSearch(district: district, seed: 1)
    search.load(search.codes(of: roster))
    try #require(search.postings() == roster)
    return search
  }

  static func uncovered(_ search: DeploymentSearch) -> Int {
    (0..<search.nD).map { search.uncoveredPairs($0) }.reduce(0, +)
  }

  static func expectCheckerAgrees(
    _ search: DeploymentSearch, _ district: District, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let checked = RosterChecker(district).evaluate(search.postings())
    #expect(checked.violations.isEmpty, "\(checked.violations.map(\.description))", sourceLocation: sourceLocation)
    #expect(abs(checked.objective.total - search.total) < 1e-6, sourceLocation: sourceLocation)
  }
}

/// A solver that cannot solve anything, counting how often it is asked.
private final class FailingSolver: Solver, @unchecked Sendable {
  let calls = Counter()
  var name: String { "failing" }
  func solve(_ model: Model, options: SolveOptions) throws -> SolveResult {
    calls.value += 1
    throw CocoaError(.featureUnsupported)
  }
}

private final class Counter: @unchecked Sendable {
  var value = 0
}
