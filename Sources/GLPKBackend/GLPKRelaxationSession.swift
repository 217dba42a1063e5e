#if GLPK
  import CGLPK
  import CGLPKShims
  import MIPModel

  /// GLPK's `RelaxationSession`: the relaxation stays loaded in one problem,
  /// and every solve after the first starts with the dual simplex from the
  /// last basis, which the added rows leave dual feasible.
  ///
  /// Measured on the price cuts of a 500-town district's departments
  /// (`DeploymentFormulation.addRelaxationPriceCuts`): Benchmarks/README.md.
  final class GLPKRelaxationSession: RelaxationSession {
    private let problem = GLPKProblem()
    /// The model's variables and objective, its rows as loaded: for checking added rows and pricing solutions.
    private let shape: Model
    private var solved = false

    init(_ model: Model) throws {
      try model.validate()
      shape = model.linearRelaxation
      try GLPKRun.load(shape, into: problem)
    }

    /// The error of a session whose problem a fatal GLPK error freed.
    static let gone = GLPKError.fatal(
      "an earlier GLPK error on this thread freed this linear relaxation; make a new session to go on")

    func add(_ rows: [Constraint]) throws {
      guard !rows.isEmpty else { return }
      for row in rows { try shape.validate(row) }
      guard problem.pointer != nil else { throw Self.gone }
      let sense = rows.map { row -> Int32 in
        switch row.sense {
        case .lessOrEqual: 0
        case .greaterOrEqual: 1
        case .equal: 2
        }
      }
      let rhs = rows.map(\.rhs)
      var starts: [Int32] = [0]
      var ja: [Int32] = []
      var ar: [Double] = []
      for row in rows {
        for t in row.terms {
          ja.append(Int32(t.variable.index + 1))
          ar.append(t.coefficient)
        }
        starts.append(Int32(ja.count))
      }
      let code = sense.withUnsafeBufferPointer { sen in
        rhs.withUnsafeBufferPointer { r in
          starts.withUnsafeBufferPointer { st in
            ja.withUnsafeBufferPointer { pja in
              ar.withUnsafeBufferPointer { par in
                cglpk_shims_add_rows(
                  problem.raw, Int32(rows.count), sen.baseAddress, r.baseAddress, st.baseAddress,
                  pja.baseAddress, par.baseAddress)
              }
            }
          }
        }
      }
      if code == CGLPK_SHIMS_FATAL { throw problem.markDead() }
    }

    func solve(options: SolveOptions) throws -> SolveResult {
      let start = ContinuousClock.now
      cglpk_shims_set_output(options.verbose ? 1 : 0)
      guard let prob = problem.pointer else { throw Self.gone }
      let raw = try GLPKRun.solveLP(
        problem, prob, options: options,
        integer: [Bool](repeating: false, count: shape.variables.count), dual: solved)
      solved = raw.termination == .optimal
      return SolveResult(
        termination: raw.termination, values: raw.values,
        objective: raw.values.map { shape.objective.value(at: $0) }, bound: nil,
        seconds: (ContinuousClock.now - start).inSeconds, solver: "glpk \(GLPKSolver.version ?? "")")
    }
  }
#endif
