import MIPModel
import SecondmentDomain

extension DeploymentFormulation {
  /// One town's demand row of one department (`unmet_`): supply plus unmet
  /// demand at least the demand.
  public struct DemandRow: Sendable, Hashable {
    /// Position in `district.towns`.
    public let town: Int
    /// Position in `district.departments`.
    public let department: Int
    /// Index into `model.constraints`.
    public let row: Int
    /// dem(t,d), FTE: the row's right-hand side.
    public let demand: Double
  }

  /// One zone's split row of one department (`split_`): the FTE its zoned
  /// officers give the zone's towns at most φ each.
  public struct ZoneSplitRow: Sendable, Hashable {
    /// Position in `district.zones`.
    public let zone: Int
    /// Position in `district.departments`.
    public let department: Int
    /// Index into `model.constraints`.
    public let row: Int
  }

  /// How the demand rounding cuts are separated (`addDemandRoundingCuts`).
  public enum DemandRounding {
    /// Cuts added per department and round at most, the most violated
    /// first (relative to their length): 300. At 200 towns a department's
    /// first round finds 100-350.
    public static let cutsPerDepartment = 300
    /// Least violation of a cut, divided by the length of its coefficient
    /// vector, for it to be added (1e-4): below it the relaxation hardly moves.
    public static let leastEfficacy = 1e-4
    /// A zone with more towns where the department has demand than this
    /// is aggregated whole and town by town, not over every subset of its
    /// towns (5: up to 31 subsets a zone).
    public static let mostSubsetTowns = 5
  }

  /// Adds mixed-integer rounding cuts that `point` (usually a linear
  /// relaxation's optimum) violates, derived from the departments' demand
  /// rows; returns how many (rows `dmir_{n}`).
  ///
  /// Whole people meet fractional demand only in steps: a zoned officer gives
  /// φ (0.8) FTE, a stationed one or an auxiliary at most the town's demand.
  /// The linear relaxation meets demands of half an FTE with fractions of
  /// people, which is most of the gap between a pooled department's
  /// relaxation and its optimum (`Benchmarks/reports/2026-12-08-demand-rounding-cuts.md`).
  /// Each cut is the mixed-integer rounding (`Model.mixedIntegerRounding(_:atLeast:dividingBy:)`)
  /// of one aggregation, for each divisor among its headcounts' coefficients
  /// and their halves (the most violated kept):
  /// - a town's demand row alone;
  /// - the demand rows of a subset of a zone's towns, the zone's own flows
  ///   to them replaced by φ times its zoned headcount (the split row);
  /// - either of these with every other zone's flow to a town replaced by
  ///   min(demand, φ) times that zone's zoned headcount where the point's
  ///   flow is nearer that bound than 0. A flow beyond a town's demand
  ///   meets nothing, so some optimal roster keeps these bounds; they are
  ///   not used when a zone's towns must each get a share
  ///   (`Policy.minZonedShare` > 0), which can ask more than the demand;
  /// - each of these plus (1 − φ) times the coverage row of a town one of
  ///   its zoned headcounts covers: their coefficients then reach 1, and the
  ///   rounding counts each zoned officer as the whole person he is.
  ///
  /// At most `DemandRounding.cutsPerDepartment` a department, the most
  /// violated relative to their length. Each cut lies within one department, so the departments-apart blocks
  /// keep their shape. Not in the elastic model, whose rows have slack.
  public mutating func addDemandRoundingCuts(at point: [Double]) -> Int {
    guard !options.elastic, !demandRows.isEmpty else { return 0 }
    let mayCap = district.policy.minZonedShare == 0
    var demandOf: [PairKey: DemandRow] = [:]
    for d in demandRows { demandOf[PairKey(town: d.town, department: d.department)] = d }
    var flowsOf: [ZoneKey: [SplitFlow]] = [:]
    var flowOf: [Int: SplitFlow] = [:]
    for s in splitFlows {
      flowsOf[ZoneKey(zone: s.zone, department: s.department), default: []].append(s)
      flowOf[s.variable.index] = s
    }
    // Each zone's zoned headcounts per department and φ, from its split row.
    var zonedOf: [ZoneKey: (terms: [(Variable, Double)], phi: Double)] = [:]
    for split in zoneSplitRows {
      let terms = model.constraints[split.row].terms.filter { $0.coefficient < 0 }
      guard let phi = terms.first.map({ -$0.coefficient }) else { continue }
      zonedOf[ZoneKey(zone: split.zone, department: split.department)] = (
        terms.map { ($0.variable, -$0.coefficient) }, phi
      )
    }
    func rowExpression(_ row: Int) -> LinearExpression {
      var e = LinearExpression()
      for t in model.constraints[row].terms { e.add(t.coefficient, t.variable) }
      return e
    }
    /// Other zones' flows near their bound min(demand, φ) × zoned headcount, replaced by it.
    func capped(_ row: LinearExpression) -> LinearExpression? {
      var result = row
      var changed = false
      for (v, a) in row.terms where a > 0 {
        guard let flow = flowOf[v.index], let zoned = zonedOf[ZoneKey(zone: flow.zone, department: flow.department)],
          let demand = demandOf[PairKey(town: flow.town, department: flow.department)]?.demand
        else { continue }
        let bound = min(demand, zoned.phi)
        let reach = zoned.terms.reduce(0) { $0 + bound * point[$1.0.index] }
        guard point[v.index] > reach / 2 else { continue }
        result.terms[v] = nil
        for (z, _) in zoned.terms { result.add(a * bound, z) }
        changed = true
      }
      return changed ? result : nil
    }
    // Aggregations per department: (row, right-hand side).
    var aggregations: [Int: [(LinearExpression, Double)]] = [:]
    for d in demandRows {
      aggregations[d.department, default: []].append((rowExpression(d.row), d.demand))
    }
    for split in zoneSplitRows {
      let key = ZoneKey(zone: split.zone, department: split.department)
      guard let zoned = zonedOf[key] else { continue }
      let flows = (flowsOf[key] ?? []).filter {
        demandOf[PairKey(town: $0.town, department: $0.department)] != nil
      }
      guard !flows.isEmpty else { continue }
      let subsets: [[SplitFlow]] =
        flows.count <= DemandRounding.mostSubsetTowns
        ? (1..<(1 << flows.count)).map { mask in flows.indices.filter { mask & (1 << $0) != 0 }.map { flows[$0] } }
        : flows.map { [$0] } + [flows]
      for subset in subsets {
        var row = LinearExpression()
        var demand = 0.0
        for flow in subset {
          guard let d = demandOf[PairKey(town: flow.town, department: flow.department)] else { continue }
          row = row + rowExpression(d.row)
          demand += d.demand
        }
        for flow in subset { row.terms[flow.variable] = nil }
        for (z, phi) in zoned.terms { row.add(phi, z) }
        aggregations[split.department, default: []].append((row, demand))
      }
    }
    // The coverage rows each zoned headcount is in.
    var zonedHeadcounts = Set<Int>()
    for zoned in zonedOf.values { for (z, _) in zoned.terms { zonedHeadcounts.insert(z.index) } }
    var coverageWith: [Int: [Int]] = [:]
    for row in coverageRows {
      for t in model.constraints[row].terms where zonedHeadcounts.contains(t.variable.index) {
        coverageWith[t.variable.index, default: []].append(row)
      }
    }
    let lift = 1 - district.zonedOfficerFTE
    var added = 0
    for department in aggregations.keys.sorted() {
      var found: [LinearExpressionKey: (row: LinearExpression, rhs: Double, efficacy: Double)] = [:]
      for (row, demand) in aggregations[department] ?? [] {
        let variants = [row] + (mayCap ? [capped(row)].compactMap { $0 } : [])
        for variant in variants {
          // The variant alone, and with (1 − φ) times the coverage row of a
          // town its zoned headcounts reach: their coefficients then reach 1.
          var lifted: [(LinearExpression, Double)] = [(variant, demand)]
          if lift > 0 {
            let rows = Set(variant.terms.keys.flatMap { coverageWith[$0.index] ?? [] })
            for cover in rows.sorted() {
              var with = variant
              for t in model.constraints[cover].terms { with.add(lift * t.coefficient, t.variable) }
              lifted.append((with, demand + lift * model.constraints[cover].rhs))
            }
          }
          for (candidate, rhs) in lifted {
            guard let cut = mostViolatedRounding(candidate, atLeast: rhs, at: point) else { continue }
            let key = LinearExpressionKey(cut.row, rhs: cut.rhs)
            if found[key] == nil { found[key] = cut }
          }
        }
      }
      let best = found.values.sorted { $0.efficacy > $1.efficacy }.prefix(DemandRounding.cutsPerDepartment)
      for cut in best {
        demandCutRows.append(model.constraints.count)
        demandCutDepartment.append(department)
        model.addConstraint(cut.row, .greaterOrEqual, cut.rhs, name: "dmir_\(demandCutCount)")
        added += 1
      }
    }
    return added
  }

  /// The demand rounding cuts (`addDemandRoundingCuts`) that `values` keeps
  /// with more than `slack` to spare: row indices into `model.constraints`.
  /// As with `slackPriceCuts`, leaving them out of a search relaxes it.
  public func slackDemandCuts(at values: [Double], slack: Double = 1e-3) -> Set<Int> {
    rows(demandCutRows, keptWithMoreThan: slack, at: values)
  }

  /// The demand rounding cuts of the departments that `values` leaves a
  /// pair partly or wholly uncovered in: row indices into `model.constraints`.
  ///
  /// Where the relaxation leaves pairs uncovered (1,000 each by default),
  /// coverage decides the department's bound, and GLPK's search reaches it
  /// through its own cuts at the root. With the demand rounding cuts among
  /// its rows that search ended near its root's relaxation in 5 of 9 runs
  /// on one such department (200 towns, seed 2: 5,104-5,400 against 5,532-5,570;
  /// `Benchmarks/reports/2026-12-08-demand-rounding-cuts.md`); the bound
  /// lane's pass leaves them out there.
  public func demandCutsWhereCoverageIsOpen(at values: [Double]) -> Set<Int> {
    var open = Set<Int>()
    for t in counts.uncovered.indices {
      for (d, variable) in counts.uncovered[t].enumerated() {
        // A pair no officer can reach has its indicator fixed at 1.
        if let variable, values[variable.index] > 1e-6, model.variables[variable.index].lower < 0.5 {
          open.insert(d)
        }
      }
    }
    return Set(zip(demandCutRows, demandCutDepartment).filter { open.contains($0.1) }.map(\.0))
  }

  /// The mixed-integer rounding of `row ≥ b` most violated at `point`, over
  /// the divisors among its integer variables' coefficients where `point`
  /// is positive; nil when none is violated by `DemandRounding.leastEfficacy`.
  func mostViolatedRounding(
    _ row: LinearExpression, atLeast b: Double, at point: [Double]
  ) -> (row: LinearExpression, rhs: Double, efficacy: Double)? {
    guard row.terms.keys.allSatisfy({ model.variables[$0.index].lower >= 0 }) else { return nil }
    var divisors = Set<Double>()
    for (v, a) in row.terms where model.variables[v.index].kind != .continuous && point[v.index] > 1e-9 {
      divisors.insert(abs(a))
      divisors.insert(abs(a) / 2)
    }
    var best: (row: LinearExpression, rhs: Double, efficacy: Double)?
    for delta in divisors.sorted() where delta > 1e-9 {
      guard let cut = model.mixedIntegerRounding(row, atLeast: b, dividingBy: delta) else { continue }
      // Coefficients up and the right-hand side down to a grid: no float
      // dust in GLPK's rows, and the row stays valid (every variable here is
      // at least 0).
      var rounded = LinearExpression()
      for (v, a) in cut.row.terms { rounded.add((a * 1e9).rounded(.up) / 1e9, v) }
      let rhs = (cut.rhs * 1e9).rounded(.down) / 1e9
      let length = rounded.terms.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard length > 0 else { continue }
      let efficacy = (rhs - rounded.value(at: point)) / length
      if efficacy > DemandRounding.leastEfficacy, efficacy > best?.efficacy ?? 0 {
        best = (rounded, rhs, efficacy)
      }
    }
    return best
  }
}

/// A zone and a department.
struct ZoneKey: Hashable {
  let zone: Int
  let department: Int
}

/// A row's coefficients and right-hand side as a hashable value, to add a cut once.
struct LinearExpressionKey: Hashable {
  let terms: [Int: Int64]
  let rhs: Int64
  init(_ row: LinearExpression, rhs: Double) {
    var terms: [Int: Int64] = [:]
    for (v, a) in row.terms { terms[v.index] = Int64((a * 1e6).rounded()) }
    self.terms = terms
    self.rhs = Int64((rhs * 1e6).rounded())
  }
}
