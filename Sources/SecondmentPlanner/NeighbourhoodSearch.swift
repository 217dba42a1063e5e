import DeploymentFormulation
import Foundation
import Randomness
import MIPModel
import SecondmentDomain

/// Improves a roster one neighbourhood at a time: every headcount outside the
/// neighbourhood is held where the roster has it, and the exact solver
/// re-solves the rest (a large-neighbourhood search).
///
/// A neighbourhood is a **region**: a town and its `regionSize − 1` nearest
/// towns by travel time; every group's headcount on a posting touching them
/// is free, so the people posted there may move among those postings.
/// A **department** frees every headcount of its groups, so its people may
/// move anywhere in the district. By default (`Order.alternating`) the two
/// kinds take turns, each in a seeded random order, each neighbourhood once
/// until one improves the roster; with `Order.costliestRegions` only regions
/// come, centred on the costliest town first (`costliestLast`: its
/// uncovered, unmet and split terms at the roster). Each sub-problem is the model
/// with the held headcounts substituted (`Model.restricted`), small enough to
/// need no presolver, so it starts from the current roster and can only
/// improve on it; every point it yields keeps the model's rules. A better
/// model objective is kept only when `price` (the checker's objective of the
/// roster) falls too, because a pooled model's objective is a bound, not a
/// price. Used for districts above `FormulationOptions.poolAbove`, on the
/// roster the departments solved apart give (`Planner.planExact`), where
/// GLPK's search on the whole model finds nothing better than the greedy
/// start (`Benchmarks/reports/2026-11-27-deployment-gap-greedy.md`).
struct NeighbourhoodSearch: Sendable {
  /// What the search reached.
  struct Outcome: Sendable {
    /// The best point found (the start when nothing improved it).
    var values: [Double]
    /// `price` at `values`.
    var price: Double
    /// Neighbourhoods re-solved, and how many of them improved the roster.
    var rounds: Int
    var improvements: Int
    /// Person-by-person descents that lowered the price.
    var descents = 0
  }

  let formulation: DeploymentFormulation
  let solver: any Solver
  /// Towns per region (`PlannerTuning.regionTowns`).
  var regionSize = PlannerTuning.regionTowns
  /// Seconds a department's sub-problem may take at most (`PlannerTuning.neighbourhoodDepartmentSeconds`).
  var secondsPerDepartment = PlannerTuning.neighbourhoodDepartmentSeconds
  /// Seconds a region's sub-problem may take at most (`PlannerTuning.neighbourhoodRegionSeconds`).
  var secondsPerRegion = PlannerTuning.neighbourhoodRegionSeconds
  /// Which neighbourhoods come, in which order.
  enum Order: Sendable, CaseIterable {
    /// Departments and regions take turns, each kind in seeded random order.
    case alternating
    /// Regions only, centred on the costliest town first (`costliestLast`).
    case costliestRegions
  }
  var order = Order.alternating

  /// What department `department` (its index) frees: every headcount of its
  /// groups, and its uncovered, unmet and split variables in every town.
  func department(_ department: Int) -> Set<Variable> {
    let district = formulation.district
    var free: Set<Variable> = []
    for (g, members) in formulation.groups.enumerated() {
      guard let first = members.first,
        district.departmentIndex[formulation.classes[first].representative.department] == department
      else { continue }
      free.formUnion(formulation.groupHeadcounts[g].values)
    }
    for t in district.towns.indices {
      free.formUnion(formulation.pairVariables(town: t, department: department))
    }
    return free
  }

  /// The headcounts a region around town `centre` frees: every group's, on
  /// every posting that touches the centre or one of its nearest towns.
  func region(around centre: Int) -> Set<Variable> {
    let district = formulation.district
    let near = district.towns.indices.sorted {
      (district.minutes[centre][$0], $0) < (district.minutes[centre][$1], $1)
    }
    let towns = Set(near.prefix(regionSize).map { district.towns[$0].id })
    let touching = Set(
      formulation.postings.indices.filter {
        district.towns(of: formulation.postings[$0]).contains(where: towns.contains)
      })
    var free = pairVariables(reachedBy: touching)
    for feeds in formulation.groupHeadcounts {
      for (k, v) in feeds where touching.contains(k) { free.insert(v) }
    }
    return free
  }

  /// The uncovered, unmet and split variables of every town and department
  /// that one of `postings` (indices into `formulation.postings`) reaches:
  /// where a freed headcount may change supply.
  func pairVariables(reachedBy postings: Set<Int>) -> Set<Variable> {
    let district = formulation.district
    let reached = Set(postings.flatMap { district.towns(of: formulation.postings[$0]) })
    var free: Set<Variable> = []
    for (t, town) in district.towns.enumerated() where reached.contains(town.id) {
      for d in district.departments.indices {
        free.formUnion(formulation.pairVariables(town: t, department: d))
      }
    }
    return free
  }

  /// Every town, the costliest last: by what its uncovered, unmet and split
  /// variables add to the objective at `values` (ties in town order).
  func costliestLast(at values: [Double]) -> [Int] {
    let district = formulation.district
    let weights = formulation.model.objective.terms
    let cost = district.towns.indices.map { t in
      district.departments.indices.reduce(0.0) { sum, d in
        formulation.pairVariables(town: t, department: d).reduce(sum) {
          $0 + (weights[$1] ?? 0) * values[$1.index]
        }
      }
    }
    return district.towns.indices.sorted { (cost[$0], $1) < (cost[$1], $0) }
  }

  /// The variables a neighbourhood frees or holds: the headcounts and every
  /// town's and department's uncovered, unmet and split variables (the rest,
  /// such as presence and imbalance, stay free).
  var holdable: Set<Variable> {
    let district = formulation.district
    var all = Set(formulation.groupHeadcounts.flatMap(\.values))
    for t in district.towns.indices {
      for d in district.departments.indices {
        all.formUnion(formulation.pairVariables(town: t, department: d))
      }
    }
    return all
  }

  /// Re-solves neighbourhoods from `start` (a point of the model) until
  /// `timeLimit` seconds have passed or `shouldStop` says so; `price` says what
  /// a point's roster costs (infinity for one that breaks a rule).
  ///
  /// `descend`, given a point and the seconds it may take, returns the point
  /// of a roster improved person by person (priced as the checker prices it,
  /// which a pooled model cannot), or nil. It runs on the start and after
  /// every neighbourhood that improves the roster, and its point is kept
  /// when `price` falls.
  func improve(
    from start: [Double], timeLimit: Double, seed: UInt64 = 1,
    shouldStop: (@Sendable () -> Bool)? = nil,
    progress: (@Sendable (SolveProgress) -> Void)? = nil,
    descend: (([Double], Double) -> [Double]?)? = nil,
    price: ([Double]) -> Double
  ) throws -> Outcome {
    let clock = ContinuousClock.now
    func elapsed() -> Double { (ContinuousClock.now - clock).inSeconds }
    let model = formulation.model
    let district = formulation.district
    let holdable = self.holdable
    var best = Outcome(values: start, price: price(start), rounds: 0, improvements: 0)
    var objective = model.objective.value(at: start)
    func polish() {
      guard let descend, shouldStop?() != true, timeLimit - elapsed() > PlannerTuning.neighbourhoodReserveSeconds,
        let values = descend(best.values, timeLimit - elapsed() - 0.2)
      else { return }
      let cost = price(values)
      guard cost < best.price - 1e-6 else { return }
      best.values = values
      best.price = cost
      best.descents += 1
      // The pooled objective may rise where the price fell: search on from here.
      objective = model.objective.value(at: values)
      progress?(SolveProgress(elapsed: elapsed(), incumbent: cost, bound: nil, gap: nil))
    }
    polish()
    var generator = SeededRandom(seed: seed)
    var departments: [Int] = []
    var centres: [Int] = []
    while elapsed() < timeLimit - PlannerTuning.neighbourhoodReserveSeconds, shouldStop?() != true {
      let free: Set<Variable>
      let seconds: Double
      if order == .alternating, best.rounds % 2 == 0 {
        if departments.isEmpty { departments = district.departments.indices.shuffled(using: &generator) }
        free = department(departments.removeLast())
        seconds = secondsPerDepartment
      } else {
        if centres.isEmpty {
          centres =
            order == .alternating
            ? district.towns.indices.shuffled(using: &generator) : costliestLast(at: best.values)
        }
        free = region(around: centres.removeLast())
        seconds = secondsPerRegion
      }
      let restriction = model.restricted(fixing: holdable.subtracting(free), at: best.values)
      var options = SolveOptions(
        timeLimit: min(seconds, timeLimit - elapsed()), relativeGap: 1e-6, seed: seed)
      options.warmStart = restriction.project(best.values)
      options.shouldStop = shouldStop
      let result = try solver.solve(restriction.model, options: options)
      best.rounds += 1
      guard let values = result.values.map(restriction.expand) else { continue }
      let better = model.objective.value(at: values)
      guard better < objective - 1e-6 else { continue }
      let cost = price(values)
      guard cost < best.price - 1e-6 else { continue }
      best.values = values
      best.price = cost
      best.improvements += 1
      objective = better
      // Every neighbourhood may pay off again around the changed roster.
      departments = []
      centres = []
      progress?(SolveProgress(elapsed: elapsed(), incumbent: cost, bound: nil, gap: nil))
      polish()
    }
    return best
  }
}
