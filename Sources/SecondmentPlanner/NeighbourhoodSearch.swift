import DeploymentFormulation
import Foundation
import Randomness
import MIPModel
import SecondmentDomain

/// Improves a roster one neighbourhood at a time: every headcount outside the
/// neighbourhood is held where the roster has it, and the exact solver
/// re-solves the rest (a large-neighbourhood search).
///
/// A neighbourhood is a **region**: a town and its nearest towns by travel
/// time; every group's headcount on a posting touching them is free, so the
/// people posted there may move among those postings. Or **departments**:
/// every headcount of their groups is free, so their people may move
/// anywhere in the district. Regions are centred on the costliest town
/// first (`costliestLast`: its uncovered, unmet and split terms at the
/// roster; towns of equal cost in a seeded random order), departments come
/// in a seeded random order, each neighbourhood once until one improves
/// the roster. By default (`Order.alternating`) the
/// two kinds take turns; with `Order.costliestRegions` only regions come.
/// On 50-town districts, costliest regions first left the 10 s roster 0.6-3.0%
/// above the best known where random centres left it 0.5-12.1%
/// (`Benchmarks/README.md`).
///
/// How wide a neighbourhood is adapts to the sub-problems (`Breadth`): a
/// region starts with `regionSize` towns and departments one at a time; a
/// kind whose sub-problem is proven to hold nothing better grows (a region by
/// half, departments by one), one whose sub-problem reaches its time without
/// improving shrinks, so the search frees as much as the solver closes in
/// time (as large-neighbourhood searches adapt their neighbourhood's size to
/// what the sub-solver manages). Each sub-problem is the model
/// with the held headcounts substituted (`Model.restricted`), small enough to
/// need no presolver, so it starts from the current roster and can only
/// improve on it; every point it yields keeps the model's rules. A better
/// model objective is kept only when `price` (the checker's objective of the
/// roster) falls too, because a pooled model's objective is a bound, not a
/// price. Used by `auto` on the greedy's roster of a district of the exact
/// model (`Planner.planAuto`), where GLPK warm-started on the whole model
/// left 50 towns 1.8-2.5% above HiGHS's roster in 60 s, and for districts
/// above `FormulationOptions.poolAbove` on the roster the departments solved
/// apart give (`Planner.planExact`), where GLPK's search on the whole model
/// finds nothing better than the greedy start
/// (`Benchmarks/reports/2026-11-27-deployment-gap-greedy.md`).
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
    /// Rosters found elsewhere (`adopt`) taken up because they were better.
    var adopted = 0
    /// On a pooled model: sub-problems solved again because the model priced
    /// their roster below what its people cost, each after a price cut there.
    var repriced = 0
  }

  let formulation: DeploymentFormulation
  let solver: any Solver
  /// Towns a region starts with (`PlannerTuning.regionTowns`); it adapts from there.
  var regionSize = PlannerTuning.regionTowns
  /// Seconds a department's sub-problem may take at most (`PlannerTuning.neighbourhoodDepartmentSeconds`).
  var secondsPerDepartment = PlannerTuning.neighbourhoodDepartmentSeconds
  /// Seconds a region's sub-problem may take at most (`PlannerTuning.neighbourhoodRegionSeconds`).
  var secondsPerRegion = PlannerTuning.neighbourhoodRegionSeconds
  /// Which neighbourhoods come, in which order.
  enum Order: Sendable, CaseIterable {
    /// Departments (seeded random order) and regions (costliest town first) take turns.
    case alternating
    /// Regions only, costliest town first (`costliestLast`).
    case costliestRegions
  }
  var order = Order.alternating

  /// How many towns (a region) or departments a neighbourhood frees: grows
  /// when a sub-problem is proven to hold nothing better, shrinks when one
  /// reaches its time without improving, within `range`.
  struct Breadth: Sendable, Equatable {
    private(set) var value: Int
    let range: ClosedRange<Int>
    /// The factor a region grows or shrinks by; departments step by one.
    let factor: Double

    init(start: Int, range: ClosedRange<Int>, factor: Double = 1) {
      self.range = range
      self.factor = factor
      value = min(max(start, range.lowerBound), range.upperBound)
    }

    mutating func widen() {
      value = min(range.upperBound, max(value + 1, Int((Double(value) * factor).rounded(.up))))
    }

    mutating func narrow() {
      value = max(range.lowerBound, min(value - 1, Int((Double(value) / factor).rounded(.down))))
    }

    /// After a sub-problem that did not improve the roster: proven (`closed`) widens, a time-out narrows.
    mutating func adapt(closed: Bool, timedOut: Bool) {
      if closed { widen() } else if timedOut { narrow() }
    }
  }

  /// What department `department` (its index) frees: every headcount of its
  /// groups, and its uncovered, unmet and split variables in every town.
  func department(_ department: Int) -> Set<Variable> {
    let district = formulation.district
    var free: Set<Variable> = []
    for g in formulation.groups.indices where formulation.department(ofGroup: g) == department {
      free.formUnion(formulation.groupHeadcounts[g].values)
    }
    for t in district.towns.indices {
      free.formUnion(formulation.pairVariables(town: t, department: department))
    }
    return free
  }

  /// The headcounts a region around town `centre` frees: every group's, on
  /// every posting that touches the centre or one of its nearest towns
  /// (`size` towns in all; `regionSize` by default).
  func region(around centre: Int, towns size: Int? = nil) -> Set<Variable> {
    let district = formulation.district
    let near = district.towns.indices.sorted {
      (district.minutes[centre][$0], $0) < (district.minutes[centre][$1], $1)
    }
    let towns = Set(near.prefix(size ?? regionSize).map { district.towns[$0].id })
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

  /// What each town's uncovered, unmet and split variables add to the
  /// objective at `values`, by town index.
  func townCosts(at values: [Double]) -> [Double] {
    let district = formulation.district
    let weights = formulation.model.objective.terms
    return district.towns.indices.map { t in
      district.departments.indices.reduce(0.0) { sum, d in
        formulation.pairVariables(town: t, department: d).reduce(sum) {
          $0 + (weights[$1] ?? 0) * values[$1.index]
        }
      }
    }
  }

  /// Every town, the costliest last (`townCosts`), towns of equal cost in
  /// an order drawn from `generator`.
  ///
  /// Once a roster leaves most towns without uncovered or unmet demand they
  /// tie at 0; in town order every round after an improvement began again
  /// at the same first towns (`Benchmarks/reports/2026-12-07-region-centres.md`).
  func costliestLast(at values: [Double], using generator: inout SeededRandom) -> [Int] {
    let cost = townCosts(at: values)
    var draw = [Int](repeating: 0, count: cost.count)
    for (rank, t) in cost.indices.shuffled(using: &generator).enumerated() { draw[t] = rank }
    return cost.indices.sorted { (cost[$0], draw[$0]) < (cost[$1], draw[$1]) }
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

  /// What a neighbourhood holds, worked out once per search (`holding`).
  struct Holding {
    /// `NeighbourhoodSearch.holdable`.
    let holdable: Set<Variable>
    /// The per-person columns of each group, by posting (index into
    /// `formulation.postings`): its classes' candidate columns; none for a
    /// pooled group, whose people have no columns of their own.
    let memberColumns: [[(posting: Int, variable: Variable)]]
    /// `DeploymentFormulation.groupHeadcounts`.
    let groupHeadcounts: [[Int: Variable]]

    /// The variables to hold when `free` is free: `holdable` less `free`, and
    /// every per-person column whose group's headcount on its posting is
    /// held, so people move only among the postings a neighbourhood frees (a
    /// sub-problem of one department at 50 towns has about 1,100 columns
    /// instead of 16,000). On a pooled model that is `holdable` less `free`.
    func held(freeing free: Set<Variable>) -> Set<Variable> {
      var held = holdable.subtracting(free)
      for (g, columns) in memberColumns.enumerated() {
        let headcounts = groupHeadcounts[g]
        for (k, x) in columns where !(headcounts[k].map(free.contains) ?? false) { held.insert(x) }
      }
      return held
    }
  }

  /// What a neighbourhood holds, for `Holding.held`.
  var holding: Holding {
    Holding(
      holdable: holdable,
      memberColumns: formulation.groups.map { members in
        members.flatMap { formulation.candidates[$0].map { ($0.posting, $0.variable) } }
      },
      groupHeadcounts: formulation.groupHeadcounts)
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
  ///
  /// On a pooled model the search keeps its own copy of the formulation and
  /// adds price cuts (`DeploymentFormulation.addPriceCuts`) at every roster
  /// it keeps, so the model prices its current roster at what its people
  /// cost, and at every sub-problem's roster that the model prices lower
  /// than `price` does; that sub-problem is then solved again, until its
  /// roster is cheaper, the model finds nothing cheaper, or its time is
  /// spent (Benders' loop within one neighbourhood). Without the cuts a
  /// sub-problem finds headcounts the model's cheapest-member prices
  /// flatter (`Benchmarks/reports/2026-12-07-pooled-neighbourhoods-priced.md`).
  /// The returned point's group prices are what its people cost.
  func improve(
    from start: [Double], timeLimit: Double, seed: UInt64 = 1,
    shouldStop: (@Sendable () -> Bool)? = nil,
    progress: (@Sendable (SolveProgress) -> Void)? = nil,
    descend: (([Double], Double) -> [Double]?)? = nil,
    adopt: (() -> (values: [Double], objective: Double)?)? = nil,
    price: ([Double]) -> Double
  ) throws -> Outcome {
    let clock = ContinuousClock.now
    func elapsed() -> Double { (ContinuousClock.now - clock).inSeconds }
    // A pooled model gains price cuts as the search goes (`priced`).
    var formulation = self.formulation
    let district = formulation.district
    let holding = self.holding
    var best = Outcome(values: start, price: price(start), rounds: 0, improvements: 0)
    /// `values` with the pooled groups priced at what their people cost
    /// there: a price cut at them, the prices completed. Unchanged for the exact model.
    func priced(_ values: [Double]) -> [Double] {
      guard formulation.pooled else { return values }
      var values = values
      _ = formulation.addPriceCuts(at: values)
      formulation.completePrices(&values)
      return values
    }
    best.values = priced(best.values)
    var objective = formulation.model.objective.value(at: best.values)
    func polish() {
      guard let descend, shouldStop?() != true, timeLimit - elapsed() > PlannerTuning.neighbourhoodReserveSeconds,
        let values = descend(best.values, timeLimit - elapsed() - 0.2)
      else { return }
      let cost = price(values)
      guard cost < best.price - 1e-6 else { return }
      best.values = priced(values)
      best.price = cost
      best.descents += 1
      objective = formulation.model.objective.value(at: best.values)
      progress?(SolveProgress(elapsed: elapsed(), incumbent: cost, bound: nil, gap: nil))
    }
    polish()
    var generator = SeededRandom(seed: seed)
    var departments: [Int] = []
    var centres: [Int] = []
    let towns = district.towns.count
    var regionBreadth = Breadth(start: regionSize, range: min(2, towns)...max(towns, 1), factor: 1.5)
    var departmentBreadth = Breadth(start: 1, range: 1...max(district.departments.count - 1, 1))
    // No sub-problem takes more than this share of the search's time.
    let roundCap = max(timeLimit * PlannerTuning.neighbourhoodRoundShare, PlannerTuning.leastStepSeconds)
    while elapsed() < timeLimit - PlannerTuning.neighbourhoodReserveSeconds, shouldStop?() != true {
      // A better roster found elsewhere (another lane's) is searched on from.
      if let offer = adopt?(), offer.objective < objective - 1e-6 {
        let cost = price(offer.values)
        if cost < best.price - 1e-6 {
          best.values = priced(offer.values)
          best.price = cost
          best.adopted += 1
          objective = formulation.model.objective.value(at: best.values)
          departments = []
          centres = []
        }
      }
      var free: Set<Variable> = []
      let seconds: Double
      let byDepartments = order == .alternating && best.rounds % 2 == 0
      if byDepartments {
        let count = min(departmentBreadth.value, district.departments.count)
        if departments.count < count { departments = district.departments.indices.shuffled(using: &generator) }
        for d in departments.suffix(count) { free.formUnion(department(d)) }
        departments.removeLast(count)
        seconds = secondsPerDepartment
      } else {
        if centres.isEmpty { centres = costliestLast(at: best.values, using: &generator) }
        free = region(around: centres.removeLast(), towns: regionBreadth.value)
        seconds = secondsPerRegion
      }
      let held = holding.held(freeing: free)
      let roundEnds = elapsed() + min(seconds, roundCap, timeLimit - elapsed())
      var result: SolveResult
      var values: [Double]?
      var better = Double.infinity
      var cost = Double.infinity
      while true {
        let restriction = formulation.model.restricted(fixing: held, at: best.values)
        var options = SolveOptions(timeLimit: max(roundEnds - elapsed(), 0.01), relativeGap: 1e-6, seed: seed)
        options.warmStart = restriction.project(best.values)
        options.shouldStop = shouldStop
        result = try solver.solve(restriction.model, options: options)
        // The checker prices a point only when the model's objective improves.
        values = result.values.map(restriction.expand)
        better = values.map { formulation.model.objective.value(at: $0) } ?? .infinity
        cost = better < objective - 1e-6 ? values.map(price) ?? .infinity : .infinity
        // A pooled point the model prices below what its people cost: a
        // price cut there (Benders' loop within the neighbourhood), and the
        // same neighbourhood again while its time lasts.
        guard let found = values, better < objective - 1e-6, cost >= best.price - 1e-6, cost < .infinity,
          formulation.pooled, roundEnds - elapsed() > PlannerTuning.leastStepSeconds, shouldStop?() != true,
          formulation.addPriceCuts(at: found) > 0
        else { break }
        best.repriced += 1
      }
      best.rounds += 1
      guard let values, cost < best.price - 1e-6 else {
        // Proven: the last sub-problem closed with nothing the model prices
        // lower. A pooled loop whose time ran out before its cuts settled counts as timed out.
        let closed = result.termination == .optimal && better >= objective - 1e-6
        let timedOut = result.termination == .limit(.time) || !closed && better < objective - 1e-6
        if byDepartments {
          departmentBreadth.adapt(closed: closed, timedOut: timedOut)
        } else {
          regionBreadth.adapt(closed: closed, timedOut: timedOut)
        }
        continue
      }
      // The roster's own point: GLPK's continuous values (unmet demand, zone
      // time) may miss a row by its tolerance; the roster's keep every row.
      let roster = formulation.postings(from: values)
      let kept = formulation.point(for: roster, splits: formulation.splits(from: values, postings: roster)) ?? values
      best.values = priced(kept)
      best.price = cost
      best.improvements += 1
      objective = formulation.model.objective.value(at: best.values)
      // Every neighbourhood may pay off again around the changed roster.
      departments = []
      centres = []
      progress?(SolveProgress(elapsed: elapsed(), incumbent: cost, bound: nil, gap: nil))
      polish()
    }
    return best
  }
}
