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
    return mixedIntegerRounding(row, atLeast: b, dividingBy: 1, shifting: false)
  }

  /// The mixed-integer rounding inequality of `row ≥ b` divided by `delta`
  /// (> 0), in the units of the divided row: each variable shifted to its
  /// lower bound (`shifting`; otherwise every lower bound must be at least
  /// 0 and counts as 0), then with f the fractional part of the divided
  /// right-hand side, an integer variable's coefficient a/δ becomes
  /// f · ⌊a/δ⌋ + min(a/δ − ⌊a/δ⌋, f), a continuous one keeps a/δ when
  /// positive and is left out when negative (it can only lower the left
  /// side), and the right-hand side is f · ⌈b/δ⌉; the shifts are then undone.
  ///
  /// Valid for every point whose integer variables are integers and whose
  /// variables keep their lower bounds (Marchand and Wolsey's c-MIR with
  /// one divisor). Nil when the divided right-hand side is integral, a
  /// lower bound is not finite, or (without `shifting`) one is negative.
  /// `delta` is usually a coefficient of an integer variable of the row;
  /// trying several and keeping the most violated is the caller's choice.
  public func mixedIntegerRounding(
    _ row: LinearExpression, atLeast b: Double, dividingBy delta: Double, shifting: Bool = true
  ) -> (row: LinearExpression, rhs: Double)? {
    guard delta > 0, row.constant == 0 else { return nil }
    var shifted = b
    for (v, a) in row.terms {
      let lower = variables[v.index].lower
      guard lower.isFinite, shifting || lower >= 0 else { return nil }
      if shifting { shifted -= a * lower }
    }
    let beta = shifted / delta
    let f = beta - beta.rounded(.down)
    guard f > Model.roundingTolerance, f < 1 - Model.roundingTolerance else { return nil }
    var rounded = LinearExpression()
    var rhs = f * beta.rounded(.up)
    for (v, a) in row.terms {
      let scaled = a / delta
      let coefficient: Double
      if variables[v.index].kind == .continuous {
        guard scaled > 0 else { continue }
        coefficient = scaled
      } else {
        let whole = scaled.rounded(.down)
        coefficient = f * whole + min(scaled - whole, f)
      }
      guard coefficient != 0 else { continue }
      rounded.add(coefficient, v)
      if shifting { rhs += coefficient * variables[v.index].lower }
    }
    return (rounded, rhs)
  }

  /// A fractional part below this (or above one minus it) counts as integral.
  static let roundingTolerance = 1e-9

  private func isCovering(_ row: LinearExpression, atLeast b: Double) -> Bool {
    guard b > 0, row.constant == 0 else { return false }
    return row.terms.allSatisfy { v, a in a >= 0 && variables[v.index].lower >= 0 }
  }
}
