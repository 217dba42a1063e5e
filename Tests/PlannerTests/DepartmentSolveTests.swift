import Foundation
import SecondmentDomain
import GLPKBackend
import DeploymentFormulation
import MIPModel
import Testing

@testable import SecondmentPlanner

/// Departments solved apart before the whole district; skipped without GLPK.
@Suite("Departments solved apart", .enabled(if: GLPKSolver.isAvailable, "this build has no GLPK"))
struct DepartmentSolveTests {
  static func quarter(_ name: String) throws -> District {
    try InstanceLoader.loadDistrict(
      path: GreedyFixtures.root.appendingPathComponent("Instances/quarters/\(name).json").path)
  }

  static func wholeDistrict(_ district: District) throws -> PlanResult {
    try Planner().planExact(
      DeploymentFormulation(district: district), options: PlanOptions(timeLimit: 120),
      solver: GLPKSolver().styled(PlannerTuning.coldSearch), warmStart: nil, shouldStop: nil,
      byDepartment: false, greedyRoster: { nil })
  }

  @Test("without the rows that join departments, the model is one block per department")
  func oneBlockPerDepartment() {
    let district = District(DistrictGenerator.rongchang2024())
    let formulation = DeploymentFormulation(district: district)
    let split = formulation.model.decomposed(relaxing: Set(formulation.linkingRows))
    #expect(split.blocks.count == district.departments.count)
    #expect(formulation.linkingRules.contains("legal access in \(district.towns[0].name)"))
    // Every block's headcounts are one department's people.
    for block in split.blocks {
      let names = Set(block.model.variables.map(\.name))
      let departments = Set(
        formulation.groups.enumerated().compactMap { g, members -> String? in
          let feeds = formulation.groupHeadcounts[g].values
          guard feeds.contains(where: { names.contains(formulation.model.variables[$0.index].name) })
          else { return nil }
          return formulation.classes[members[0]].representative.department
        })
      #expect(departments.count == 1, "\(departments)")
    }
  }

  @Test("rongchang-2024: the departments' joined roster keeps every rule and is the whole district's optimum")
  func rongchangByDepartment() throws {
    let district = District(DistrictGenerator.rongchang2024())
    let result = try Planner().plan(district, options: PlanOptions(timeLimit: 120))
    #expect(result.status == .optimal)
    #expect(
      result.stages.compactMap(\.departmentsApart).contains {
        $0.departments == 9 && $0.closed == 9 && $0.provenOptimal
      })
    let evaluation = try #require(result.evaluation)
    #expect(evaluation.isFeasible, "\(evaluation.violations)")
    PlannerFixtures.expectSame(try #require(result.objective), evaluation.objective)
    let whole = try Self.wholeDistrict(district)
    #expect(whole.status == .optimal)
    let total = try #require(evaluation.objective.total as Double?)
    #expect(abs(total - (try #require(whole.evaluation?.objective.total))) <= 1e-6 * total)
  }

  @Test("a joined roster without legal access somewhere: branching on the rule proves the whole district's optimum, above the departments' bound")
  func brokenLinkIsBranchedOn() throws {
    let district = try Self.quarter("2025Q2")
    let formulation = DeploymentFormulation(district: district)
    let apart = try DepartmentSolve(
      formulation: formulation, solver: GLPKSolver()
    ).solve(timeLimit: 60, seed: 1, verbose: false, shouldStop: nil)
    #expect(apart.solved == apart.blocks)
    #expect(apart.values == nil)
    #expect(!apart.brokenLinks.isEmpty)
    #expect(apart.brokenLinks.allSatisfy { $0.hasPrefix("legal access in ") }, "\(apart.brokenLinks)")
    let result = try Planner().plan(
      district, options: PlanOptions(solver: .glpk, timeLimit: 120))
    #expect(result.status == .optimal)
    let stage = try #require(result.stages.compactMap(\.departmentsApart).first)
    #expect(stage.provenOptimal)
    #expect(stage.branchedNodes > 1)
    #expect(stage.brokenLinks == apart.brokenLinks)
    let evaluation = try #require(result.evaluation)
    #expect(evaluation.isFeasible, "\(evaluation.violations)")
    let optimum = evaluation.objective.total
    let whole = try #require(try Self.wholeDistrict(district).evaluation?.objective.total)
    #expect(abs(optimum - whole) <= 1e-6 * whole)
    let bound = try #require(apart.bound)
    #expect(bound <= optimum + 1e-6)
  }

  @Test("the branching's bound holds: with a roster from elsewhere at the optimum, it closes every node at that value")
  func branchingClosesAgainstARosterFromElsewhere() throws {
    let district = try Self.quarter("2025Q2")
    let formulation = DeploymentFormulation(district: district)
    let solve = DepartmentSolve(formulation: formulation, solver: GLPKSolver())
    let apart = try solve.solve(timeLimit: 60, seed: 1, verbose: false, shouldStop: nil)
    let optimum = try #require(try Self.wholeDistrict(district).evaluation?.objective.total)
    let linked = try #require(
      try solve.linked(
        from: apart, timeLimit: 60, blockTimeLimit: 20, relativeGap: 0, incumbent: { optimum },
        progress: nil, seed: 1, shouldStop: nil))
    #expect(linked.exhausted)
    #expect(linked.bound.map { abs($0 - optimum) <= 1e-6 * optimum } == true)
    #expect(try #require(linked.rootBound) < optimum)
    // Its own best joined roster, when it has one, is no better than the optimum.
    if let own = linked.objective { #expect(own >= optimum - 1e-6 * optimum) }
  }

  @Test("a department whose own rules cannot all hold proves the district's cannot: the elastic model then names them")
  func infeasibleDepartmentEndsTheSearch() throws {
    // Department e's one officer left cannot answer three towns' calls within 5 minutes.
    let district = District(
      RuleCases.with {
        $0.policy.responseMinutes = 5
        for id in ["e1", "e3"] { $0.people[$0.people.firstIndex { $0.id == id }!].unavailable = true }
        $0.people.removeAll { $0.id == "ea1" }
      })
    let apart = try DepartmentSolve(
      formulation: DeploymentFormulation(district: district), solver: GLPKSolver()
    ).solve(timeLimit: 10, seed: 1, verbose: false, shouldStop: nil)
    #expect(apart.infeasible != nil)
    let result = try Planner().plan(district, options: PlanOptions(solver: .glpk, timeLimit: 10))
    #expect(result.status == .rulesBroken)
    #expect(result.notes.contains { $0.contains("one department's own rules cannot all hold") }, "\(result.notes)")
    #expect(result.stages.contains(.elasticResolve))
    #expect(result.brokenRules.contains { $0.rule == .responseTime })
  }

  @Test("a pooled district: the departments' bounds, added up, never exceed the exact optimum, and auto reports that bound")
  func pooledBoundHolds() throws {
    let district = District(try PlannerFixtures.generated(seed: 3, towns: 10))
    let exact = try Planner().plan(district, options: PlanOptions(solver: .glpk, timeLimit: 120))
    #expect(exact.status == .optimal)
    let optimum = try #require(exact.evaluation?.objective.total)
    var pooledOptions = FormulationOptions()
    pooledOptions.poolGroups = true
    let pooled = DeploymentFormulation(district: district, options: pooledOptions)
    let apart = try DepartmentSolve(formulation: pooled, solver: GLPKSolver(binarize: false))
      .solve(timeLimit: 20, everyBlock: true, seed: 1, verbose: false, shouldStop: nil)
    let bound = try #require(apart.bound)
    #expect(apart.blocks == district.departments.count)
    #expect(bound <= optimum + 1e-6 * optimum)

    var options = PlanOptions(solver: .auto, timeLimit: 10)
    options.formulation.poolGroups = true
    let result = try Planner().plan(district, options: options)
    #expect(try #require(result.evaluation).isFeasible)
    #expect(try #require(result.bound) <= optimum + 1e-6 * optimum)
    #expect(result.stages.contains { $0.departmentsApart != nil })
  }

  @Test("a joined roster without legal access is repaired: every rule then holds, and groups in no broken row keep their headcounts")
  func repairKeepsTheRest() throws {
    var checked = 0
    for seed in 1...6 as ClosedRange<UInt64> {
      let district = District(try PlannerFixtures.generated(seed: seed, towns: 12))
      var options = FormulationOptions()
      options.poolGroups = true
      let formulation = DeploymentFormulation(district: district, options: options)
      let solve = DepartmentSolve(formulation: formulation, solver: GLPKSolver(binarize: false))
      let apart = try solve.solve(timeLimit: 20, everyBlock: true, seed: 1, verbose: false, shouldStop: nil)
      guard let joined = apart.joined, apart.values == nil, !apart.brokenLinks.isEmpty else { continue }
      let model = formulation.model
      // Groups with a headcount in a broken row may move; every other group is held.
      var moving = Set<Int>()
      for row in formulation.linkingRows where !model.constraints[row].holds(at: joined) {
        let inRow = Set(model.constraints[row].terms.map(\.variable))
        for (g, feeds) in formulation.groupHeadcounts.enumerated()
        where feeds.values.contains(where: inRow.contains) {
          moving.insert(g)
        }
      }
      let repaired = try #require(
        try solve.repair(joined, timeLimit: 30, seed: 1, shouldStop: nil), "seed \(seed)")
      #expect(model.isFeasible(repaired))
      for (g, feeds) in formulation.groupHeadcounts.enumerated() where !moving.contains(g) {
        for v in feeds.values { #expect(repaired[v.index] == joined[v.index]) }
      }
      let postings = formulation.postings(from: repaired)
      let evaluation = RosterChecker(district).evaluate(
        postings, splits: formulation.splits(from: repaired, postings: postings))
      #expect(evaluation.isFeasible, "\(evaluation.violations)")
      checked += 1
    }
    // The seeds include districts whose joined roster lacks a rule.
    #expect(checked >= 1)
  }

  /// GLPK, counting the models it is given.
  final class CountingSolver: Solver, @unchecked Sendable {
    let inner = GLPKSolver()
    private let lock = NSLock()
    private var count = 0
    var name: String { inner.name }
    var solved: Int { lock.withLock { count } }
    func solve(_ model: Model, options: SolveOptions) throws -> SolveResult {
      lock.withLock { count += 1 }
      return try inner.solve(model, options: options)
    }
  }

  /// A search that stops at its limit with `bound` and no roster.
  struct OpenSolver: Solver {
    let bound: Double
    var name: String { "open" }
    func solve(_ model: Model, options: SolveOptions) throws -> SolveResult {
      SolveResult(termination: .limit(.time), values: nil, objective: nil, bound: bound, seconds: 0, solver: name)
    }
  }

  @Test("resuming: departments that closed keep their optimum and roster; an open one is searched again and keeps the better of its bounds")
  func resumingSearchesOnlyOpenDepartments() throws {
    let formulation = DeploymentFormulation(district: District(DistrictGenerator.rongchang2024()))
    let closed = try DepartmentSolve(formulation: formulation, solver: GLPKSolver())
      .solve(timeLimit: 60, seed: 1, verbose: false, shouldStop: nil)
    #expect(closed.solved == closed.blocks)
    let total = try #require(closed.bound)
    // The same outcome with the first department open and a weaker bound.
    var earlier = closed
    earlier.solved -= 1
    earlier.departmentClosed[0] = false
    earlier.departmentBounds[0] = try #require(closed.departmentBounds[0]) - 100
    let counting = CountingSolver()
    let resumed = try DepartmentSolve(formulation: formulation, solver: counting).solve(
      timeLimit: 60, everyBlock: true, resuming: earlier, seed: 1, verbose: false, shouldStop: nil)
    #expect(counting.solved == 1)
    #expect(resumed.solved == resumed.blocks)
    #expect(resumed.departmentClosed.allSatisfy { $0 })
    #expect(abs(try #require(resumed.bound) - total) <= 1e-6 * total)
    for b in 1..<closed.blocks {
      #expect(resumed.departmentPoints[b] == closed.departmentPoints[b])
      #expect(resumed.departmentBounds[b] == closed.departmentBounds[b])
    }
    // A department still open keeps the better of its two bounds.
    let optimum = try #require(closed.departmentBounds[0])
    for (before, now) in [(optimum - 3, optimum - 5), (optimum - 5, optimum - 3)] {
      var open = earlier
      open.departmentBounds[0] = before
      let again = try DepartmentSolve(formulation: formulation, solver: OpenSolver(bound: now)).solve(
        timeLimit: 60, everyBlock: true, resuming: open, seed: 1, verbose: false, shouldStop: nil)
      #expect(again.departmentClosed[0] == false)
      #expect(again.departmentBounds[0] == max(before, now))
      #expect(again.bound.map { abs($0 - (total - optimum + max(before, now))) <= 1e-6 * total } == true)
    }
  }
}
