import Foundation

/// Stronger forms of a covering row `Σ a_j v_j ≥ b`, derived from which of
/// its variables are integers.
///
/// Both forms keep every point whose integer variables take integer values
/// (so the model's optimum is unchanged) and cut off fractional points the
/// linear relaxation would otherwise accept. They apply only to rows whose
/// coefficients and variables' lower bounds are all nonnegative and whose
/// right-hand side is positive; for any other row they return nil.
extension Model {
  /// The row with each integer variable's coefficient lowered to `b`.
  ///
  /// Valid because one unit of an integer variable with `a_j ≥ b` already
  /// meets the row on its own, the other terms being nonnegative. Nil when
  /// no coefficient exceeds `b` (the row is already in this form).
  public func coefficientsTightened(_ row: LinearExpression, atLeast b: Double) -> LinearExpression? {
    guard isCovering(row, atLeast: b) else { return nil }
    var tightened = row
    var changed = false
    for (v, a) in row.terms where variables[v.index].kind != .continuous && a > b {
      tightened.terms[v] = b
      changed = true
    }
    return changed ? tightened : nil
  }

  /// The mixed-integer rounding (MIR) inequality of the row, scaled to the
  /// row's units: with f = b − ⌊b⌋ > 0, an integer variable's coefficient
  /// becomes f · ⌊a_j⌋ + min(a_j − ⌊a_j⌋, f), a continuous one keeps a_j, and
  /// the right-hand side is f · ⌈b⌉ (Nemhauser and Wolsey, 1990).
  ///
  /// Nil when b is integral (there is nothing to round) or the row is not a
  /// covering row. For b < 1 it equals `coefficientsTightened` with every
  /// coefficient at most 1; above 1 it is a row of its own, cutting off
  /// fractional headcounts that meet a fractional right-hand side exactly.
  public func mixedIntegerRounding(_ row: LinearExpression, atLeast b: Double) -> (row: LinearExpression, rhs: Double)? {
    guard isCovering(row, atLeast: b) else { return nil }
    let f = b - b.rounded(.down)
    guard f > Model.roundingTolerance, f < 1 - Model.roundingTolerance else { return nil }
    var rounded = LinearExpression()
    for (v, a) in row.terms {
      if variables[v.index].kind == .continuous {
        rounded.add(a, v)
      } else {
        let whole = a.rounded(.down)
        rounded.add(f * whole + min(a - whole, f), v)
      }
    }
    return (rounded, f * b.rounded(.up))
  }

  /// A fractional part below this (or above one minus it) counts as integral.
  static let roundingTolerance = 1e-9

  private func isCovering(_ row: LinearExpression, atLeast b: Double) -> Bool {
    guard b > 0, row.constant == 0 else { return false }
    return row.terms.allSatisfy { v, a in a >= 0 && variables[v.index].lower >= 0 }
  }
}
