/// A model's linear relaxation kept between solves, for rounds of cutting
/// planes: rows added after a solve are solved from that solve's optimal
/// basis where the backend keeps one (GLPK's dual simplex), instead of anew.
///
/// A session is used on the thread that made it (GLPK's problems belong to
/// their thread).
public protocol RelaxationSession: AnyObject {
  /// Adds `rows`, over the variables of the session's model, for the next `solve`.
  func add(_ rows: [Constraint]) throws
  /// Solves the relaxation with every row added so far; `options`' time
  /// limit, stop and verbosity apply.
  func solve(options: SolveOptions) throws -> SolveResult
}

/// The session of a backend that keeps no basis: every solve starts anew.
public final class ColdRelaxationSession: RelaxationSession {
  private let solver: any Solver
  private var model: Model

  /// A session on `model`'s linear relaxation, solved by `solver`.
  public init(solver: any Solver, model: Model) {
    self.solver = solver
    self.model = model.linearRelaxation
  }

  public func add(_ rows: [Constraint]) throws {
    for row in rows { model.addConstraint(row) }
  }

  public func solve(options: SolveOptions) throws -> SolveResult {
    try solver.solve(model, options: options)
  }
}

extension Model {
  /// Adds a copy of `row` (its variables must be this model's).
  public mutating func addConstraint(_ row: Constraint) {
    var expression = LinearExpression()
    for t in row.terms { expression.add(t.coefficient, t.variable) }
    addConstraint(expression, row.sense, row.rhs, name: row.name)
  }
}
