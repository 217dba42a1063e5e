/// What values a variable may take.
public enum VariableKind: String, Sendable, Hashable, Codable {
  case continuous
  case integer
  /// An integer in [0, 1].
  case binary
}

/// A handle on one variable of a `Model`: its position in `Model.variables`.
public struct Variable: Hashable, Sendable, Comparable {
  public let index: Int
  public init(index: Int) { self.index = index }
  public static func < (a: Variable, b: Variable) -> Bool { a.index < b.index }
}

extension Variable {
  public static func + (a: Variable, b: Variable) -> LinearExpression {
    LinearExpression(a) + LinearExpression(b)
  }
  public static func * (k: Double, v: Variable) -> LinearExpression {
    LinearExpression(terms: [v: k])
  }
}

/// One variable's definition: kind, bounds (may be infinite) and name.
public struct VariableDefinition: Sendable, Hashable {
  public var name: String
  public var kind: VariableKind
  /// Lower bound; `-.infinity` for none.
  public var lower: Double
  /// Upper bound; `.infinity` for none.
  public var upper: Double
}

/// A linear expression: a sum of coefficient × variable, plus a constant.
///
/// Terms on the same variable are merged when the expression is added to a
/// model; build it with `+`, `-` and `*`.
public struct LinearExpression: Sendable, Hashable, ExpressibleByFloatLiteral,
  ExpressibleByIntegerLiteral
{
  public var terms: [Variable: Double]
  public var constant: Double

  public init(terms: [Variable: Double] = [:], constant: Double = 0) {
    self.terms = terms
    self.constant = constant
  }

  public init(_ variable: Variable) { self.init(terms: [variable: 1]) }
  public init(floatLiteral value: Double) { self.init(constant: value) }
  public init(integerLiteral value: Int) { self.init(constant: Double(value)) }

  /// Adds `coefficient × variable` in place.
  public mutating func add(_ coefficient: Double, _ variable: Variable) {
    guard coefficient != 0 else { return }
    terms[variable, default: 0] += coefficient
  }

  /// The expression's value at a point given by variable index.
  public func value(at values: [Double]) -> Double {
    terms.reduce(constant) { $0 + $1.value * values[$1.key.index] }
  }

  public static func + (a: LinearExpression, b: LinearExpression) -> LinearExpression {
    var r = a
    for (v, c) in b.terms { r.add(c, v) }
    r.constant += b.constant
    return r
  }
  public static func + (a: LinearExpression, b: Variable) -> LinearExpression { a + LinearExpression(b) }
  public static func - (a: LinearExpression, b: LinearExpression) -> LinearExpression { a + (-1) * b }
  public static func - (a: LinearExpression, b: Variable) -> LinearExpression { a - LinearExpression(b) }
  public static func * (k: Double, e: LinearExpression) -> LinearExpression {
    LinearExpression(terms: e.terms.mapValues { $0 * k }, constant: e.constant * k)
  }
  public static func += (a: inout LinearExpression, b: LinearExpression) { a = a + b }
  public static func += (a: inout LinearExpression, b: Variable) { a.add(1, b) }
}

/// Which way a constraint's expression is compared with its right-hand side.
public enum ConstraintSense: String, Sendable, Hashable {
  case lessOrEqual = "<="
  case greaterOrEqual = ">="
  case equal = "="
}

/// A linear constraint `Σ coefficient × variable  (≤ | ≥ | =)  rhs`.
public struct Constraint: Sendable, Hashable {
  public var name: String
  /// Coefficients by variable, merged and with zeros dropped, sorted by variable.
  public var terms: [(variable: Variable, coefficient: Double)]
  public var sense: ConstraintSense
  public var rhs: Double

  public static func == (a: Constraint, b: Constraint) -> Bool {
    a.name == b.name && a.sense == b.sense && a.rhs == b.rhs
      && a.terms.map(\.variable) == b.terms.map(\.variable)
      && a.terms.map(\.coefficient) == b.terms.map(\.coefficient)
  }
  public func hash(into h: inout Hasher) {
    h.combine(name)
    h.combine(rhs)
    h.combine(terms.count)
  }
}

extension Constraint {
  /// Whether the row holds at a point (given by variable index) within `tolerance`.
  public func holds(at values: [Double], tolerance: Double = 1e-6) -> Bool {
    let lhs = terms.reduce(0.0) { $0 + $1.coefficient * values[$1.variable.index] }
    switch sense {
    case .lessOrEqual: return lhs <= rhs + tolerance
    case .greaterOrEqual: return lhs >= rhs - tolerance
    case .equal: return abs(lhs - rhs) <= tolerance
    }
  }
}

/// Whether the objective is minimised or maximised.
public enum ObjectiveSense: String, Sendable, Hashable, Codable {
  case minimize
  case maximize
}

/// A mixed-integer linear program, independent of any solver.
///
/// Build it by adding variables and constraints; a `Solver` reads it and never
/// changes it. Names are for exported files and messages; they need not be
/// unique, but exports are easier to read when they are.
public struct Model: Sendable {
  public var name: String
  public private(set) var variables: [VariableDefinition] = []
  public private(set) var constraints: [Constraint] = []
  public var objective = LinearExpression()
  public var sense: ObjectiveSense = .minimize

  public init(name: String = "model") { self.name = name }

  /// Adds a variable; bounds default to [0, ∞) for continuous and integer and [0, 1] for binary.
  @discardableResult
  public mutating func addVariable(
    _ name: String, kind: VariableKind = .continuous, lower: Double = 0,
    upper: Double? = nil
  ) -> Variable {
    let up = upper ?? (kind == .binary ? 1 : .infinity)
    variables.append(VariableDefinition(name: name, kind: kind, lower: lower, upper: up))
    return Variable(index: variables.count - 1)
  }

  /// Adds `expression (sense) rhs`; the expression's constant moves to the right-hand side.
  public mutating func addConstraint(
    _ expression: LinearExpression, _ sense: ConstraintSense, _ rhs: Double, name: String = ""
  ) {
    let terms = expression.terms.filter { $0.value != 0 }
      .sorted { $0.key < $1.key }
      .map { (variable: $0.key, coefficient: $0.value) }
    constraints.append(
      Constraint(
        name: name.isEmpty ? "c\(constraints.count + 1)" : name, terms: terms, sense: sense,
        rhs: rhs - expression.constant))
  }

  /// Sets the objective and its sense.
  public mutating func setObjective(_ expression: LinearExpression, _ sense: ObjectiveSense) {
    objective = expression
    self.sense = sense
  }

  /// The sub-problem with each of `fixed` replaced by its value in `point`:
  /// fixed variables leave the model, their terms move to the right-hand
  /// sides, and rows left without a variable are dropped (they hold at
  /// `point` when it is feasible). A large-neighbourhood search re-solves such
  /// a sub-problem; being small, it needs no presolver, so a start can be given.
  public func restricted(fixing fixed: Set<Variable>, at point: [Double]) -> Restriction {
    var sub = Model(name: name)
    sub.sense = sense
    var position = [Int](repeating: -1, count: variables.count)
    var original: [Variable] = []
    for (j, def) in variables.enumerated() where !fixed.contains(Variable(index: j)) {
      position[j] = original.count
      original.append(Variable(index: j))
      sub.variables.append(def)
    }
    for c in constraints {
      var rhs = c.rhs
      var terms: [(variable: Variable, coefficient: Double)] = []
      for t in c.terms {
        let p = position[t.variable.index]
        if p < 0 {
          rhs -= t.coefficient * point[t.variable.index]
        } else {
          terms.append((Variable(index: p), t.coefficient))
        }
      }
      guard !terms.isEmpty else { continue }
      sub.constraints.append(Constraint(name: c.name, terms: terms, sense: c.sense, rhs: rhs))
    }
    var objective = LinearExpression(constant: objective.constant)
    for (v, k) in self.objective.terms {
      let p = position[v.index]
      if p < 0 { objective.constant += k * point[v.index] } else { objective.add(k, Variable(index: p)) }
    }
    sub.objective = objective
    return Restriction(model: sub, original: original, point: point)
  }

  /// The linear relaxation: the same model with every variable continuous
  /// (binaries keep their [0, 1] bounds); its optimum bounds the model's.
  public var linearRelaxation: Model {
    var relaxed = self
    relaxed.variables = variables.map { v in
      var continuous = v
      continuous.kind = .continuous
      return continuous
    }
    return relaxed
  }

  /// Number of integer and binary variables.
  public var integerCount: Int { variables.lazy.filter { $0.kind != .continuous }.count }

  /// Whether a point satisfies every bound, integrality and constraint within `tolerance`.
  public func isFeasible(_ values: [Double], tolerance: Double = 1e-6) -> Bool {
    guard values.count == variables.count else { return false }
    for (v, def) in zip(values, variables) {
      if v < def.lower - tolerance || v > def.upper + tolerance { return false }
      if def.kind != .continuous && abs(v - v.rounded()) > tolerance { return false }
    }
    return constraints.allSatisfy { $0.holds(at: values, tolerance: tolerance) }
  }
}

/// A model with some variables fixed and removed (`Model.restricted(fixing:at:)`).
public struct Restriction: Sendable {
  /// The sub-problem; its objective includes the fixed variables' part as a constant.
  public let model: Model
  /// For each variable of `model`, the variable of the full model it stands for.
  public let original: [Variable]
  /// The full model's point the fixed values came from.
  let point: [Double]

  /// The sub-problem's point for a full model's point.
  public func project(_ values: [Double]) -> [Double] { original.map { values[$0.index] } }

  /// The full model's point for a sub-problem's point, fixed variables at their values.
  public func expand(_ values: [Double]) -> [Double] {
    var full = point
    for (v, x) in zip(original, values) { full[v.index] = x }
    return full
  }
}
