/// Why a model cannot be handed to a solver: names the variable or constraint.
///
/// Thrown by `Model.validate()` before any solver sees the model, so a bad
/// bound or a NaN is a Swift error, never a crash inside a C library.
public struct ModelError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A sentence naming the offending variable or constraint and the problem.
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

extension Model {
  /// Checks every number a solver would read; throws a `ModelError` for the first bad one.
  ///
  /// Rules: bounds are not NaN, `lower <= upper`, `lower < +inf` and
  /// `upper > -inf`; integer and binary variables have integral (or infinite)
  /// bounds, binaries within [0, 1]; objective and constraint coefficients and
  /// right-hand sides are finite; every term names a variable of this model.
  public func validate() throws(ModelError) {
    for (index, v) in variables.enumerated() {
      let label = "variable '\(v.name)' (#\(index))"
      if v.lower.isNaN || v.upper.isNaN {
        throw ModelError("\(label) has a NaN bound")
      }
      if v.lower > v.upper {
        throw ModelError("\(label) has lower bound \(v.lower) above upper bound \(v.upper)")
      }
      if v.lower == .infinity || v.upper == -.infinity {
        throw ModelError("\(label) has bounds [\(v.lower), \(v.upper)]: no value fits")
      }
      if v.kind != .continuous {
        for bound in [v.lower, v.upper] where bound.isFinite && bound != bound.rounded() {
          throw ModelError(
            "\(label) is \(v.kind.rawValue) but has a fractional bound \(bound)")
        }
      }
      if v.kind == .binary && (v.lower < 0 || v.upper > 1) {
        throw ModelError("\(label) is binary but has bounds [\(v.lower), \(v.upper)] outside [0, 1]")
      }
    }
    for (variable, coefficient) in objective.terms {
      try checkTerm(variable, coefficient, in: "the objective")
    }
    if !objective.constant.isFinite {
      throw ModelError("the objective has a non-finite constant \(objective.constant)")
    }
    for c in constraints { try validate(c) }
  }

  /// Checks that `row` could be a row of this model: its variables are the
  /// model's, its coefficients and right-hand side finite.
  public func validate(_ row: Constraint) throws(ModelError) {
    for term in row.terms {
      try checkTerm(term.variable, term.coefficient, in: "constraint '\(row.name)'")
    }
    if !row.rhs.isFinite {
      throw ModelError("constraint '\(row.name)' has a non-finite right-hand side \(row.rhs)")
    }
  }

  private func checkTerm(_ variable: Variable, _ coefficient: Double, in place: String) throws(ModelError) {
    guard variables.indices.contains(variable.index) else {
      throw ModelError("\(place) uses variable #\(variable.index), which is not in the model")
    }
    guard coefficient.isFinite else {
      let name = variables[variable.index].name
      throw ModelError("\(place) has coefficient \(coefficient) on variable '\(name)'")
    }
  }
}
