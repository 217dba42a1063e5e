/// Choices that shape the deployment model without changing what it means.
///
/// Every combination gives a model whose optimal roster has the same objective
/// (as `docs/rules.md` defines it); they differ in size and in how quickly a
/// solver closes the gap. The defaults are the measured best; the switches
/// exist so the benchmarks can show what each choice is worth.
public struct FormulationOptions: Sendable, Hashable {
  /// Count interchangeable people per posting (one integer per class and
  /// posting) instead of one binary per person and posting.
  public var aggregatePeople: Bool = true
  /// Add valid inequalities that tighten the LP relaxation (coverage forces
  /// unmet demand, the "town has presence" indicator fixed where legal access
  /// already forces presence, per-class presence links, unmet-demand rows in
  /// integer form: no headcount counts for more than the demand, and the
  /// rounding row of a fractional demand above one FTE).
  public var tighten: Bool = true
  /// Drop postings that can never be better than another posting of the same
  /// class (zone postings that give the class nothing, beyond the cheapest one).
  public var prunePointless: Bool = true
  /// Elastic mode: every hard-rule family gets nonnegative slack with a
  /// penalty larger than any roster's objective, so the model always has a
  /// solution and the solution breaks as few rules as it can.
  public var elastic: Bool = false
  /// Pool each group's people (a relaxation, not an exact model): one integer
  /// headcount per group and posting, costed at its cheapest member's travel,
  /// move and preference cost, with no per-person columns. Its bound is valid
  /// for the exact model; its rosters come from a least-cost assignment of the
  /// group's people to its headcounts. nil: pool only when the exact model
  /// would have more than `poolAbove` per-person columns (large districts,
  /// whose exact root LP GLPK cannot solve within minutes).
  public var poolGroups: Bool? = nil
  /// The per-person column count above which `poolGroups == nil` pools.
  public var poolAbove: Int = 40_000

  public init(
    aggregatePeople: Bool = true, tighten: Bool = true, prunePointless: Bool = true,
    elastic: Bool = false, poolGroups: Bool? = nil
  ) {
    self.aggregatePeople = aggregatePeople
    self.tighten = tighten
    self.prunePointless = prunePointless
    self.elastic = elastic
    self.poolGroups = poolGroups
  }

  /// The options of the elastic re-solve that explains broken rules.
  public var elasticVariant: FormulationOptions {
    var o = self
    o.elastic = true
    return o
  }
}

/// The size of a built model, as solvers count it.
public struct ModelSize: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Constraints.
  public var rows: Int
  /// Variables.
  public var columns: Int
  /// Integer and binary variables.
  public var integers: Int
  /// Nonzero coefficients in the constraint matrix.
  public var nonzeros: Int

  public init(rows: Int, columns: Int, integers: Int, nonzeros: Int) {
    self.rows = rows
    self.columns = columns
    self.integers = integers
    self.nonzeros = nonzeros
  }

  public var description: String {
    "\(rows) rows, \(columns) columns (\(integers) integer), \(nonzeros) nonzeros"
  }
}
