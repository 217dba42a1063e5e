import DeploymentFormulation
import Foundation
import MIPModel

/// The deployment model solved one department at a time, the rows that join
/// departments dropped (`DeploymentFormulation.linkingRows`).
///
/// Dropping rows relaxes the model, so the departments' optima summed bound
/// the whole model's optimum. When the joined roster keeps the dropped rules
/// too (every town has its legal and certified officers, desks and moves
/// suffice) and costs no more than that bound, it is optimal. On
/// rongchang-2024 the nine departments close in about 0.3 s where the whole
/// model needs about 2 s (`Benchmarks/reports/2026-11-27-deployment-gap-greedy.md`): their rows alone are what
/// GLPK's cuts spend the time on.
struct DepartmentSolve {
  let formulation: DeploymentFormulation
  let solver: any Solver
  /// Rows of the model, besides those joining departments, that the
  /// departments' searches leave out (each a relaxation: the bound stays
  /// valid), e.g. price cuts slack at the departments' relaxations. They may
  /// not split a department: rows that would change the blocks are kept.
  var dropping: Set<Int> = []

  /// Whether a department still open after `PlannerTuning.departmentGomoryNodes`
  /// is searched again without Gomory's cuts (`DepartmentSearch`), and the
  /// branching on the rules joining departments searches without them: for
  /// the departments of the exact model, which this closes sooner. Off for
  /// a pooled model's, whose searches are for a bound, which Gomory's cuts
  /// raise (`Benchmarks/reports/2026-12-07-departments-without-gomory-cuts.md`).
  var gomoryCutsFirstOnly = false

  /// How each department is searched in the passes: with
  /// `gomoryCutsFirstOnly`, a department its first search leaves open is
  /// searched again with its shortfall floor (`floored`), recorded in `floors`.
  func departmentSearch(
    for block: Decomposition.Block, floors: FloorsFound, seed: UInt64, shouldStop: (@Sendable () -> Bool)?
  ) -> any Solver {
    guard gomoryCutsFirstOnly else { return solver }
    var search = DepartmentSearch(base: solver)
    search.strengthen = { seconds in
      guard let (floor, value) = try floored(block, timeLimit: seconds, seed: seed, shouldStop: shouldStop)
      else { return nil }
      floors.found.append((floor, value))
      var model = block.model
      model.addConstraint(floor.blockShortfall, .greaterOrEqual, value, name: formulation.floorRowName(floor))
      return model
    }
    return search
  }

  /// The shortfall floor (`ShortfallFloor`) of the department `block` holds
  /// and its value, the floor model's optimum as `solver` proves it within
  /// `timeLimit` seconds (`PlannerTuning.shortfallFloorSearch`). Nil when the
  /// department has its floor row already, its floor model cannot be built,
  /// the search did not close (a later pass tries again) or the floor is 0.
  func floored(
    _ block: Decomposition.Block, timeLimit: Double?, seed: UInt64, shouldStop: (@Sendable () -> Bool)?
  ) throws -> (floor: ShortfallFloor, value: Double)? {
    // A department with its floor row already is not built a floor model again.
    guard let d = department(of: block), formulation.shortfallFloors[d] == nil,
      let floor = formulation.shortfallFloor(of: block)
    else { return nil }
    var options = SolveOptions(timeLimit: timeLimit, seed: seed)
    options.shouldStop = shouldStop
    let result = try solver.styled(PlannerTuning.shortfallFloorSearch).solve(floor.model, options: options)
    guard result.termination == .optimal, let value = result.objective, value > 0 else { return nil }
    return (floor, value)
  }

  /// The floors the departments' searches proved in one pass (`Outcome.floors`).
  final class FloorsFound: @unchecked Sendable {
    var found: [(floor: ShortfallFloor, value: Double)] = []
  }

  /// How a department is searched again in the branching on the rules
  /// joining departments: without Gomory's cuts when `gomoryCutsFirstOnly`,
  /// as the departments that reach it closed in their passes and each
  /// branch only narrows one.
  var branchSearch: any Solver {
    gomoryCutsFirstOnly ? solver.styled(SearchStyle(gomoryCuts: false)) : solver
  }

  /// The model split into departments: the rows joining them left out, and
  /// `dropping` too when that leaves the same blocks.
  var split: Decomposition {
    let linking = Set(formulation.linkingRows)
    let kept = formulation.model.decomposed(relaxing: linking)
    guard !dropping.isEmpty else { return kept }
    let lighter = formulation.model.decomposed(relaxing: linking.union(dropping))
    return lighter.blocks.count == kept.blocks.count ? lighter : kept
  }

  /// What the departments gave.
  struct Outcome {
    /// The joined point, when it keeps every row of the whole model.
    var values: [Double]?
    /// The whole model's objective at `values`.
    var objective: Double?
    /// A bound on the whole model's optimum: the departments' optima, or with
    /// `everyBlock` the bounds of those that did not close; nil when a
    /// department was left unsolved (or, by default, did not close).
    var bound: Double?
    /// Departments (blocks) solved, and how many there were.
    var solved = 0
    var blocks = 0
    /// The joined point, whether or not it keeps every row.
    var joined: [Double]?
    /// The departments' solutions joined, zero where a department has none.
    var partial: [Double]?
    /// Each department's solution (block order), nil where it has none.
    var departmentPoints: [[Double]?] = []
    /// Each department's optimum or bound (block order), nil where it has neither.
    var departmentBounds: [Double?] = []
    /// Whether each department closed (block order): its bound is its optimum.
    var departmentClosed: [Bool] = []
    /// What the variables in no department add to the objective (`Decomposition.looseObjective`).
    var looseObjective = 0.0
    /// Departments whose part of `joined` came from a stand-in roster.
    var stoodIn = 0
    /// A department whose own rows no point keeps (its search proved it),
    /// by name: then no roster of the whole district keeps them either.
    var infeasible: String?
    /// The rules joining departments that the joined roster breaks, in planner's words.
    var brokenLinks: [String] = []
    /// The solver's name and version, as its results give it.
    var solver = ""
    /// The branch and bound on the rules joining departments, when it ran
    /// (`linked`): its bound is in `bound`, its best roster in `values`.
    var linked: LinkingBranchAndBound.Outcome?
    /// Shortfall floors the departments' searches proved (`departmentSearch(for:…)`),
    /// for `DeploymentFormulation.addShortfallFloor`.
    var floors: [(floor: ShortfallFloor, value: Double)] = []
    /// Towns whose legal access the departments were asked one each
    /// (`DeploymentFormulation.askingLegalAccess`); their optima then bound
    /// nothing and `bound` is nil.
    var askedLegalAccess = 0
    /// The best of the joined rosters repaired after the passes
    /// (`Planner.departmentsApart` in `auto`), with its objective.
    var repaired: (values: [Double], objective: Double)?

    /// Completes the pooled groups' prices of `joined`, `values` and
    /// `partial` by `formulation`'s rows, and `objective` with them.
    mutating func completePrices(by formulation: DeploymentFormulation) {
      for keyPath in [\Outcome.joined, \.values, \.partial] {
        guard var point = self[keyPath: keyPath] else { continue }
        formulation.completePrices(&point)
        self[keyPath: keyPath] = point
      }
      objective = values.map { formulation.model.objective.value(at: $0) }
    }

    /// The cheaper of `values` (the joined or branched roster) and `repaired`.
    var bestRoster: (values: [Double], objective: Double)? {
      let joined = values.flatMap { v in objective.map { (values: v, objective: $0) } }
      return [joined, repaired].compactMap { $0 }.min { $0.objective < $1.objective }
    }

    /// What a planner reads about this when it did not prove the roster:
    /// what was found, then `consequence` (e.g. "so the whole district was solved").
    func note(_ consequence: String) -> String {
      let bound = (linked?.rootBound ?? self.bound).map { String(format: "%.2f", $0) }
      var found = "solved one department at a time"
      if solved < blocks {
        found += ": \(solved) of \(blocks) departments closed in the time given"
        if let bound { found += " (bound \(bound), adding up the others' bounds)" }
      } else if let bound {
        found += " (bound \(bound))"
      }
      if askedLegalAccess > 0 {
        found += "; legal access in \(askedLegalAccess) towns asked of one department each"
      }
      if stoodIn > 0 {
        found += "; \(stoodIn) of them found no roster and took the greedy roster's postings"
      }
      if let linked {
        found += "; the joined roster lacked \(brokenList); branching on those rules searched "
          + "\(linked.nodes) nodes (\(linked.blockSearches) department searches)"
        if linked.exhausted { found += " and closed them all" }
        if let bound = self.bound { found += ", bound \(String(format: "%.2f", bound))" }
      } else if !brokenLinks.isEmpty {
        found += "; the joined roster lacks \(brokenList)"
      } else if values != nil {
        found += "; the joined roster keeps every rule" + (bound == nil ? "" : " but costs more than the bound")
      }
      return found + ", " + consequence
    }

    /// The first three rules `brokenLinks` names, and how many more.
    var brokenList: String {
      let shown = brokenLinks.prefix(3).joined(separator: ", ")
      return shown + (brokenLinks.count > 3 ? " and \(brokenLinks.count - 3) more" : "")
    }

    /// The stage this outcome is in a result (`PlanStage.departmentsApart`).
    func stage(provenOptimal: Bool) -> PlanStage {
      .departmentsApart(
        DepartmentsApart(
          departments: blocks, closed: solved, bound: bound, brokenLinks: brokenLinks,
          provenOptimal: provenOptimal, branchedNodes: linked?.nodes ?? 0))
    }

    /// Whether `values` is proven optimal for the whole model within `relativeGap`.
    func isOptimal(relativeGap: Double) -> Bool {
      guard let objective, let bound, values != nil else { return false }
      return SolveResult.closes(objective: objective, bound: bound, within: relativeGap)
    }
  }

  /// Solves the blocks one after the other within `timeLimit` seconds in all.
  ///
  /// By default it stops at the first block that does not close (its bound
  /// would still be valid, but the rest of the time is the whole model's).
  /// With `everyBlock` each block gets an equal share of the time left and
  /// the search goes on past blocks that do not close: the bound is then the
  /// blocks' bounds summed, and the joined point needs a solution of every block.
  /// With `neighbourhoodShare` (0 to 1) each block's search gets that much
  /// less of its share, and a block it leaves open spends the rest improving
  /// its roster (`Solver.improveByRelaxation`; 5 s without a time limit).
  /// With `resuming` (an earlier outcome on the same model) the departments
  /// that closed there keep their optimum and roster and are not solved
  /// again; the others share the time, and each keeps the better of its two bounds.
  func solve(
    timeLimit: Double?, everyBlock: Bool = false, neighbourhoodShare: Double = 0,
    resuming earlier: Outcome? = nil, seed: UInt64, verbose: Bool, shouldStop: (@Sendable () -> Bool)?
  ) throws -> Outcome {
    let clock = ContinuousClock.now
    let model = formulation.model
    let split = self.split
    var outcome = Outcome(blocks: split.blocks.count)
    guard split.isBounded, split.blocks.count > 1 else { return outcome }
    var total: Double? = split.looseObjective
    var points: [[Double]] = []
    var partial = split.blocks.map { [Double](repeating: 0, count: $0.model.variables.count) }
    outcome.departmentPoints = Array(repeating: nil, count: split.blocks.count)
    outcome.departmentBounds = Array(repeating: nil, count: split.blocks.count)
    outcome.departmentClosed = Array(repeating: false, count: split.blocks.count)
    outcome.looseObjective = split.looseObjective
    let closedBefore = split.blocks.indices.map { b in
      earlier.map { $0.departmentClosed.indices.contains(b) && $0.departmentClosed[b] } ?? false
    }
    func earlierBound(_ b: Int) -> Double? {
      earlier.flatMap { $0.departmentBounds.indices.contains(b) ? $0.departmentBounds[b] : nil }
    }
    for (b, block) in split.blocks.enumerated() {
      let closed: Bool
      let part: Double?
      let values: [Double]?
      var interrupted = false
      if closedBefore[b], let point = earlier?.departmentPoints[b], let optimum = earlierBound(b) {
        // Closed in the earlier outcome: its optimum and roster stand.
        (closed, part, values) = (true, optimum, point)
      } else {
        let start = ContinuousClock.now
        var options = SolveOptions(seed: seed, verbose: verbose)
        var share: Double?
        if let limit = timeLimit {
          let left = limit - (ContinuousClock.now - clock).inSeconds
          guard left > 0 else { return outcome }
          let open = closedBefore[b...].filter { !$0 }.count
          share = everyBlock ? left / Double(open) : left
          options.timeLimit = share.map { $0 * (1 - neighbourhoodShare) }
        }
        options.shouldStop = shouldStop
        let floors = FloorsFound()
        var result = try departmentSearch(for: block, floors: floors, seed: seed, shouldStop: shouldStop)
          .solve(block.model, options: options)
        outcome.floors += floors.found
        // The rest of the block's share improves its roster, when the search left it open.
        if neighbourhoodShare > 0, result.termination != .optimal {
          result = try solver.improveByRelaxation(
            block.model, from: result,
            timeLimit: share.map { $0 - (ContinuousClock.now - start).inSeconds } ?? 5, seed: seed,
            shouldStop: shouldStop)
        }
        outcome.solver = result.solver
        closed = result.termination == .optimal
        // A department that cannot keep its own rows: neither can the district.
        if result.termination == .infeasible {
          outcome.infeasible = departmentName(of: block) ?? "department \(b + 1)"
          return outcome
        }
        guard closed || everyBlock else { return outcome }
        // A block that closed counts its optimum; one that did not, its best bound.
        part = closed ? result.objective : [result.bound, earlierBound(b)].compactMap { $0 }.max()
        values = result.values
        interrupted = result.termination == .limit(.interrupted)
      }
      if closed { outcome.solved += 1 }
      outcome.departmentClosed[b] = closed
      outcome.departmentBounds[b] = part
      total = total.flatMap { t in part.map { t + $0 } }
      if let values {
        points.append(values)
        partial[b] = values
        outcome.partial = split.assemble(partial)
        outcome.departmentPoints[b] = values
      }
      // Stopped from outside: no time for the blocks left (the bound is whole
      // only when this was the last block, e.g. the race ended at the limit).
      if interrupted, b < split.blocks.count - 1 { return outcome }
    }
    outcome.bound = total
    guard points.count == split.blocks.count else { return outcome }
    var values = split.assemble(points)
    formulation.completeLinking(&values)
    // A department's point from an earlier run may price its groups below
    // cuts added since.
    formulation.completePrices(&values)
    outcome.joined = values
    if model.isFeasible(values) {
      outcome.values = values
      outcome.objective = model.objective.value(at: values)
    } else {
      outcome.brokenLinks = formulation.brokenLinks(at: values)
    }
    return outcome
  }

  /// The department whose people block `block` places (its first group's;
  /// position in `district.departments`); nil when it places none.
  func department(of block: Decomposition.Block) -> Int? {
    let columns = Set(block.original)
    return formulation.groupHeadcounts.firstIndex(where: { $0.values.contains(where: columns.contains) })
      .flatMap(formulation.department(ofGroup:))
  }

  /// The name of the department whose people block `block` places.
  func departmentName(of block: Decomposition.Block) -> String? {
    department(of: block).map { formulation.district.departments[$0].name }
  }

  /// The departments' points joined, each department without one taken
  /// from `greedyRoster` (a point of the whole model, e.g. the greedy roster's;
  /// nil when there is none and a department lacks a point),
  /// with what the joining rows define recomputed (`completeLinking`,
  /// `completePrices`); nil when the model does not fall apart.
  func join(_ points: [[Double]?], greedyRoster: [Double]?) -> [Double]? {
    let split = formulation.model.decomposed(relaxing: Set(formulation.linkingRows))
    guard split.blocks.count == points.count else { return nil }
    var parts: [[Double]] = []
    for (block, point) in zip(split.blocks, points) {
      guard let part = point ?? greedyRoster.map({ p in block.original.map { p[$0.index] } }) else {
        return nil
      }
      parts.append(part)
    }
    var values = split.assemble(parts)
    formulation.completeLinking(&values)
    formulation.completePrices(&values)
    return values
  }

  /// A point of the whole model near `joined` (a joined point that breaks
  /// rows joining departments): the groups in a broken row may move people
  /// from the postings where they have them to the row's postings, and the
  /// uncovered, unmet and split variables of every town those postings reach
  /// are free; the rest of the roster is held. Nil when the solver finds no
  /// such point in `timeLimit` seconds.
  func repair(
    _ joined: [Double], timeLimit: Double?, seed: UInt64, shouldStop: (@Sendable () -> Bool)?
  ) throws -> [Double]? {
    let model = formulation.model
    var groupOf: [Int: Int] = [:]
    for (g, feeds) in formulation.groupHeadcounts.enumerated() {
      for v in feeds.values { groupOf[v.index] = g }
    }
    // Per broken row: its groups may add people on the row's postings, taking
    // them from wherever those groups have people now.
    var free = Set<Variable>()
    var postings = Set<Int>()
    for row in formulation.linkingRows where !model.constraints[row].holds(at: joined) {
      for t in model.constraints[row].terms {
        guard let g = groupOf[t.variable.index] else { continue }
        free.insert(t.variable)
        for (k, v) in formulation.groupHeadcounts[g] where joined[v.index] > 0.5 || v == t.variable {
          free.insert(v)
          postings.insert(k)
        }
      }
    }
    guard !free.isEmpty else { return nil }
    let search = NeighbourhoodSearch(formulation: formulation, solver: solver)
    free.formUnion(search.pairVariables(reachedBy: postings))
    let held = search.holding.held(freeing: free)
    let restriction = model.restricted(fixing: held, at: joined)
    var options = SolveOptions(timeLimit: timeLimit, seed: seed)
    options.shouldStop = shouldStop
    let result = try solver.solve(restriction.model, options: options)
    guard let values = result.values.map(restriction.expand), model.isFeasible(values) else {
      return nil
    }
    return values
  }
}

extension DeploymentFormulation {
  /// The rules joining departments that `values` breaks, in planner's words,
  /// each once, in the order of `linkingRows`.
  func brokenLinks(at values: [Double]) -> [String] {
    var seen = Set<String>()
    return zip(linkingRows, linkingRules).compactMap { row, rule in
      !model.constraints[row].holds(at: values) && seen.insert(rule).inserted ? rule : nil
    }
  }
}

extension DeploymentFormulation {
  /// Adds price cuts at the departments' linear relaxations, round after
  /// round, until a round adds none, `timeLimit` seconds are spent (a round
  /// starts only when the last one's time still fits) or `shouldStop`;
  /// returns the rounds run, the relaxations' bound before the last cuts
  /// and each department's part of it (in the order of `DepartmentSolve`'s
  /// blocks: each a bound on that department's optimum with any later cuts).
  ///
  /// Kelley's cutting planes on the pooled groups' prices: each round solves
  /// every department's relaxation and prices its fractional headcounts
  /// (`addPriceCuts`). Each department's relaxation is one
  /// `RelaxationSession`: a round adds its cuts there and solves again from
  /// the last basis. With `demandRounding` a round also adds demand rounding
  /// cuts at the same point (`addDemandRoundingCuts`), until a round finds
  /// none; a round that adds cuts of either kind is followed by another.
  mutating func addRelaxationPriceCuts(
    solver: any Solver, timeLimit: Double, demandRounding: Bool = false, shouldStop: (@Sendable () -> Bool)?
  ) throws -> (rounds: Int, bound: Double?, departmentBounds: [Double], point: [Double]?) {
    let clock = ContinuousClock.now
    var rounds = 0
    var bound: Double?
    var departmentBounds: [Double] = []
    var point: [Double]?
    var last = 0.0
    var rounding = demandRounding
    let split = model.decomposed(relaxing: Set(linkingRows))
    guard split.isBounded else { return (rounds, bound, departmentBounds, point) }
    let sessions = try split.blocks.map { try solver.relaxationSession(for: $0.model) }
    while (ContinuousClock.now - clock).inSeconds + last <= timeLimit, shouldStop?() != true {
      let start = ContinuousClock.now
      var parts: [[Double]] = []
      var objectives: [Double] = []
      for session in sessions {
        let result = try session.solve(options: SolveOptions(seed: 0, verbose: false))
        guard result.termination == .optimal, let values = result.values,
          let objective = result.objective
        else { return (rounds, bound, departmentBounds, point) }
        parts.append(values)
        objectives.append(objective)
      }
      departmentBounds = objectives
      bound = objectives.reduce(split.looseObjective, +)
      rounds += 1
      let first = model.constraints.count
      let joined = split.assemble(parts)
      point = joined
      let priced = addPriceCuts(at: joined)
      // Demand rounding cuts until a round finds none (each round of them
      // searches every department's aggregations).
      let rounded = rounding ? addDemandRoundingCuts(at: joined) : 0
      rounding = rounding && rounded > 0
      guard priced + rounded > 0 else { break }
      // Each price cut prices one group, and each demand rounding cut rounds
      // one department's rows, so each lies within one department.
      var added = [[Constraint]](repeating: [], count: sessions.count)
      for row in model.constraints[first...] {
        guard let placed = split.place(row) else { return (rounds, bound, departmentBounds, point) }
        added[placed.block].append(placed.row)
      }
      for (session, rows) in zip(sessions, added) { try session.add(rows) }
      last = (ContinuousClock.now - start).inSeconds
    }
    return (rounds, bound, departmentBounds, point)
  }
}
