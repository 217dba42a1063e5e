import MIPModel
import SecondmentDomain

extension DeploymentFormulation {
  /// Adds to a pooled model, for every group whose price at `values` is
  /// below what its people cost there, a row that prices the group's
  /// headcounts by an assignment of its own people; returns how many rows.
  ///
  /// A pooled group's headcount on a posting costs its cheapest member's
  /// cost, so the model may count one nearby person for every posting at
  /// once. The least cost of giving the group's people the headcounts z is a
  /// transportation problem; any of its dual solutions (a price u per class
  /// and v per posting, u + v at most a person's cost) gives the row
  /// price ≥ Σ_c n_c u_c + Σ_k v_k z_k, which every roster keeps (weak
  /// duality) and which is exact at the headcounts of `values` (strong
  /// duality): a Benders cut. The rows never cut off a roster, so the bound
  /// stays valid for the exact model; they only raise it. Measured on the
  /// generated 200-town district (`Benchmarks/reports/2026-11-27-deployment-gap-greedy.md`).
  ///
  /// Whether a group's price falls short is judged by `values`' own price:
  /// a point priced by another copy of the model, with cuts this one
  /// lacks, gets no cut here; `priceExactly` completes its prices first.
  ///
  /// `values` may be fractional (a linear relaxation's point): the people
  /// are then counted in tenths and the headcounts rounded up to tenths, and
  /// the duals of that transportation give a valid row just the same, exact
  /// up to the rounding.
  public mutating func addPriceCuts(at values: [Double]) -> Int {
    guard pooled else { return 0 }
    var added = 0
    for (g, members) in groups.enumerated() {
      guard let price = groupPrices[g] else { continue }
      let whole = groupHeadcounts[g].values.allSatisfy { z in
        abs(values[z.index] - values[z.index].rounded()) < 1e-6
      }
      let parts = whole ? 1 : 10
      let heads = groupHeadcounts[g].mapValues { z in
        Int((max(0, values[z.index]) * Double(parts) - 1e-6).rounded(.up))
      }
      guard
        let dual = Transportation.prices(
          supplies: members.map { classes[$0].count * parts },
          arcs: members.map { classOptions[$0].map(\.posting) },
          costs: members.map { classOptions[$0].map(\.cost) }, capacities: heads),
        // Below a hundredth of the smallest cost step (a minute's travel is
        // 0.05): the rounding of an earlier cut, not a price missing.
        dual.cost / Double(parts) > values[price.index] + 1e-4
      else { continue }
      // v_k: the most each posting may be priced at with the class prices u.
      var postingPrice: [Int: Double] = [:]
      var constant = 0.0
      for (i, c) in members.enumerated() {
        constant += Double(classes[c].count) * dual.classPrice[i]
        for option in classOptions[c] {
          let v = option.cost - dual.classPrice[i]
          postingPrice[option.posting] = min(postingPrice[option.posting] ?? .infinity, v)
        }
      }
      // Rounded down to a grid well below a cent (the costs are multiples of
      // one), so sums of costs carry no float dust into GLPK's rows; rounding
      // the prices down keeps the row valid (headcounts are never negative).
      func down(_ x: Double) -> Double { (x * 1e6).rounded(.down) / 1e6 }
      var row = LinearExpression(price)
      for (k, z) in groupHeadcounts[g] {
        if let v = postingPrice[k].map(down), v != 0 { row.add(-v, z) }
      }
      priceRows[g].append(model.constraints.count)
      model.addConstraint(
        row, .greaterOrEqual, down(constant) - 1e-6, name: "cut_g\(g)_\(priceRows[g].count - 1)")
      added += 1
    }
    return added
  }

  /// The price cuts (`addPriceCuts`; not a group's first pricing row) that
  /// `values` keeps with more than `slack` to spare: row indices into `model.constraints`.
  ///
  /// Leaving them out of a search relaxes the model, so its bound stays valid
  /// for the model with every cut; rows slack at a relaxation's optimum do
  /// not change that relaxation's optimum, and each one left out makes every
  /// node's linear relaxation smaller.
  public func slackPriceCuts(at values: [Double], slack: Double = 1e-3) -> Set<Int> {
    rows(priceRows.flatMap { $0.dropFirst() }, keptWithMoreThan: slack, at: values)
  }

  /// Those of `rows` (rows at least their right-hand side) that `values`
  /// keeps with more than `slack` to spare.
  func rows(_ rows: [Int], keptWithMoreThan slack: Double, at values: [Double]) -> Set<Int> {
    Set(rows.filter { r in
      let row = model.constraints[r]
      return row.terms.reduce(0.0) { $0 + $1.coefficient * values[$1.variable.index] } - row.rhs > slack
    })
  }

  /// Price cuts added so far (`addPriceCuts`).
  public var priceCutCount: Int { priceRows.reduce(0) { $0 + max($1.count - 1, 0) } }

  /// Prices `values` at what its people cost at its headcounts: the prices
  /// completed from this model's rows (whatever `values` held), a price cut
  /// where they fall short (`addPriceCuts`), and completed again.
  public mutating func priceExactly(_ values: inout [Double]) {
    completePrices(&values)
    _ = addPriceCuts(at: values)
    completePrices(&values)
  }

  /// Sets each pooled group's price to the least value its rows allow at
  /// `values` (the rest of the point given), e.g. after `addPriceCuts`.
  public func completePrices(_ values: inout [Double]) {
    for (g, price) in groupPrices.enumerated() {
      guard let price else { continue }
      var least = 0.0
      for r in priceRows[g] {
        let row = model.constraints[r]
        var rest = 0.0
        for t in row.terms where t.variable != price { rest += t.coefficient * values[t.variable.index] }
        least = max(least, row.rhs - rest)
      }
      values[price.index] = least
    }
  }
}
