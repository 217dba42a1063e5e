#if GLPK
  import CGLPK
  import CGLPKShims
  import MIPModel

  /// Owns one `glp_prob` for the length of one call, on the creating thread.
  ///
  /// Not `Sendable`: GLPK's environment is thread-local, and deleting a problem
  /// on another thread aborts the process. After a caught fatal error the guard
  /// has freed the environment, so `markDead()` drops the pointer unused.
  final class GLPKProblem {
    private var live: OpaquePointer?
    /// The thread's environment this problem belongs to (`cglpk_shims_generation`).
    private let generation = cglpk_shims_generation()

    init() {
      live = glp_create_prob()
    }

    deinit {
      if let pointer { glp_delete_prob(pointer) }
    }

    /// The problem; nil once a fatal error, in this problem's call or in any
    /// other on this thread, freed the environment that held it.
    var pointer: OpaquePointer? { generation == cglpk_shims_generation() ? live : nil }

    /// The problem as the shims take it.
    var raw: UnsafeMutableRawPointer? { pointer.map { UnsafeMutableRawPointer($0) } }

    /// Forgets the pointer after `glp_free_env()` invalidated it; returns the error to throw.
    func markDead() -> GLPKError {
      live = nil
      return GLPKError.fatal(lastGLPKOutput())
    }
  }

  /// The tail of GLPK's swallowed terminal text, trimmed.
  func lastGLPKOutput() -> String {
    guard let text = cglpk_shims_last_output() else { return "" }
    let s = String(cString: text)
    let lines = s.split(separator: "\n").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
    return lines.suffix(3).joined(separator: "; ")
  }

  extension Substring {
    fileprivate func trimmingCharacters() -> String {
      var s = self
      while let f = s.first, f.isWhitespace { s.removeFirst() }
      while let l = s.last, l.isWhitespace { s.removeLast() }
      return String(s)
    }
  }

  /// A GLPK name: at most 255 bytes, no control characters or blanks.
  func glpkName(_ name: String) -> String {
    var out = ""
    var bytes = 0
    for ch in name.unicodeScalars {
      let c: Unicode.Scalar = (ch.value < 0x21 || ch.value == 0x7F) ? "_" : ch
      let n = String(c).utf8.count
      if bytes + n > 255 { break }
      out.unicodeScalars.append(c)
      bytes += n
    }
    return out
  }

  /// Everything one GLPK solve does, as static functions over a local problem.
  enum GLPKRun {
    /// Flat arrays of a model, kept alive while GLPK loads it.
    static func load(_ model: Model, into problem: GLPKProblem) throws {
      var objective = [Double](repeating: 0, count: model.variables.count)
      for (v, c) in model.objective.terms { objective[v.index] += c }
      let integer = model.variables.map { Int32($0.kind == .continuous ? 0 : 1) }
      let lower = model.variables.map(\.lower)
      let upper = model.variables.map(\.upper)
      let sense = model.constraints.map { c -> Int32 in
        switch c.sense {
        case .lessOrEqual: 0
        case .greaterOrEqual: 1
        case .equal: 2
        }
      }
      let rhs = model.constraints.map(\.rhs)
      var ia: [Int32] = []
      var ja: [Int32] = []
      var ar: [Double] = []
      for (i, c) in model.constraints.enumerated() {
        for t in c.terms {
          ia.append(Int32(i + 1))
          ja.append(Int32(t.variable.index + 1))
          ar.append(t.coefficient)
        }
      }
      var names: [CChar] = []
      func addName(_ s: String) {
        names.append(contentsOf: glpkName(s).utf8.map { CChar(bitPattern: $0) })
        names.append(0)
      }
      addName(model.name)
      for v in model.variables { addName(v.name) }
      for c in model.constraints { addName(c.name) }
      guard model.variables.count < Int(Int32.max), ia.count < Int(Int32.max) else {
        throw ModelError("model '\(model.name)' is too large for GLPK")
      }
      let code: Int32 = objective.withUnsafeBufferPointer { obj in
        integer.withUnsafeBufferPointer { int in
          lower.withUnsafeBufferPointer { lo in
            upper.withUnsafeBufferPointer { up in
              sense.withUnsafeBufferPointer { sen in
                rhs.withUnsafeBufferPointer { r in
                  ia.withUnsafeBufferPointer { pia in
                    ja.withUnsafeBufferPointer { pja in
                      ar.withUnsafeBufferPointer { par in
                        names.withUnsafeBufferPointer { nm in
                          var m = cglpk_shims_model(
                            rows: Int32(model.constraints.count),
                            cols: Int32(model.variables.count),
                            maximize: model.sense == .maximize ? 1 : 0,
                            objective_constant: model.objective.constant,
                            objective: obj.baseAddress, col_integer: int.baseAddress,
                            col_lower: lo.baseAddress, col_upper: up.baseAddress,
                            row_sense: sen.baseAddress, row_rhs: r.baseAddress,
                            nonzeros: Int32(ar.count), ia: pia.baseAddress,
                            ja: pja.baseAddress, ar: par.baseAddress, names: nm.baseAddress)
                          return cglpk_shims_load(problem.raw, &m)
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      if code == CGLPK_SHIMS_FATAL { throw problem.markDead() }
    }

    /// Milliseconds for `tm_lim`, or nil for no limit.
    static func milliseconds(_ seconds: Double?) -> Int32? {
      guard let seconds else { return nil }
      guard seconds.isFinite else { return seconds > 0 ? nil : 0 }
      let ms = (max(seconds, 0) * 1000).rounded(.up)
      return ms >= Double(Int32.max) ? nil : Int32(ms)
    }

    // MARK: Solving a Model

    static func solve(
      _ model: Model, options: SolveOptions, branching: GLPKSolver.Branching,
      backtracking: GLPKSolver.Backtracking, binarize: Bool, gomoryCuts: Bool = true, otherCuts: Bool = true
    ) throws -> GLPKSolveReport {
      let clock = ContinuousClock()
      let start = clock.now
      func elapsed() -> Double { (clock.now - start).inSeconds }
      try model.validate()
      var warmStart: [Double]?
      var warmOutcome = WarmStartOutcome.none
      if let w = options.warmStart {
        guard w.count == model.variables.count else {
          throw GLPKError.warmStartSize(expected: model.variables.count, got: w.count)
        }
        if model.isFeasible(w) {
          // Exactly integral values for integer columns, as glp_ios_heur_sol requires.
          warmStart = zip(w, model.variables).map { $1.kind == .continuous ? $0 : $0.rounded() }
          warmOutcome = .notAsked
        } else {
          warmOutcome = .infeasible
        }
      }
      cglpk_shims_set_output(options.verbose ? 1 : 0)
      let problem = GLPKProblem()
      try load(model, into: problem)
      guard let prob = problem.pointer else { throw GLPKError.fatal("no problem object") }
      let integer = model.variables.map { $0.kind != .continuous }

      func finish(_ raw: RawOutcome) -> GLPKSolveReport {
        var values = raw.values
        var termination = raw.termination
        var bound = raw.bound
        var outcome = warmOutcome
        if outcome == .notAsked, raw.warmStart != .notAsked { outcome = raw.warmStart }
        // A feasible start beats "no solution": GLPK stopped before using it.
        if values == nil, let w = warmStart, case .limit = termination { values = w }
        if case .optimal = termination, values == nil { termination = .error("optimal without values") }
        let objective = values.map { model.objective.value(at: $0) }
        // Proven optimal: the bound is the objective. Stopped at the relative
        // gap: the last node bound GLPK reported (the objective if none).
        if case .optimal = termination, let o = objective {
          if raw.returnCode != Int32(GLP_EMIPGAP) || bound == nil { bound = o }
        }
        return GLPKSolveReport(
          result: SolveResult(
            termination: termination, values: values, objective: objective, bound: bound,
            seconds: elapsed(), solver: "glpk \(GLPKSolver.version ?? "")"),
          warmStart: outcome, returnCode: raw.returnCode)
      }

      if !integer.contains(true) {
        return finish(try solveLP(problem, prob, options: options, integer: integer))
      }
      return finish(
        try solveMIP(
          problem, prob, options: options, branching: branching, backtracking: backtracking,
          binarize: binarize, gomoryCuts: gomoryCuts, otherCuts: otherCuts, integer: integer,
          warmStart: warmStart, start: start))
    }

    /// What a GLPK run produced before the Model-level touches.
    struct RawOutcome {
      var termination: Termination
      var values: [Double]?
      var objective: Double?
      var bound: Double?
      var returnCode: Int32?
      var warmStart: WarmStartOutcome = .notAsked
    }

    /// Simplex parameters; `dual` starts with the dual simplex (from the
    /// problem's current basis, after rows were added to a solved problem).
    static func smcp(_ options: SolveOptions, presolve: Bool, timeLimit: Int32?, dual: Bool = false) -> glp_smcp {
      var parm = glp_smcp()
      glp_init_smcp(&parm)
      if dual { parm.meth = GLP_DUALP }
      parm.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
      parm.presolve = presolve ? GLP_ON : GLP_OFF
      if let t = timeLimit { parm.tm_lim = t }
      return parm
    }

    /// Runs the simplex method; returns GLPK's return code.
    static func simplex(_ problem: GLPKProblem, _ parm: glp_smcp) throws -> Int32 {
      var parm = parm
      var ret: Int32 = 0
      let code = cglpk_shims_simplex(problem.raw, &parm, &ret)
      if code == CGLPK_SHIMS_FATAL { throw problem.markDead() }
      return ret
    }

    /// Values of the basic (LP) solution.
    static func lpValues(_ prob: OpaquePointer, count: Int) -> [Double] {
      (0..<count).map { glp_get_col_prim(prob, Int32($0 + 1)) }
    }

    /// Values of the MIP solution, integer columns rounded to exact integers.
    static func mipValues(_ prob: OpaquePointer, integer: [Bool]) -> [Double] {
      integer.enumerated().map { j, isInt in
        let v = glp_mip_col_val(prob, Int32(j + 1))
        return isInt ? v.rounded() : v
      }
    }

    /// A pure LP: the simplex method without presolve, so its status is definite.
    static func solveLP(
      _ problem: GLPKProblem, _ prob: OpaquePointer, options: SolveOptions, integer: [Bool],
      dual: Bool = false
    ) throws -> RawOutcome {
      let ret = try simplex(
        problem, smcp(options, presolve: false, timeLimit: milliseconds(options.timeLimit), dual: dual))
      let status = glp_get_status(prob)
      let feasible = glp_get_prim_stat(prob) == GLP_FEAS
      switch ret {
      case 0:
        switch status {
        case GLP_OPT:
          let v = lpValues(prob, count: integer.count)
          return RawOutcome(termination: .optimal, values: v, bound: nil, returnCode: ret)
        case GLP_NOFEAS:
          return RawOutcome(termination: .infeasible, returnCode: ret)
        case GLP_UNBND:
          return RawOutcome(termination: .unbounded, returnCode: ret)
        default:
          return RawOutcome(termination: .error("simplex ended with status \(status)"), returnCode: ret)
        }
      case GLP_ETMLIM, GLP_EITLIM:
        let v = feasible ? lpValues(prob, count: integer.count) : nil
        return RawOutcome(
          termination: .limit(ret == GLP_ETMLIM ? .time : .iterations), values: v, returnCode: ret)
      default:
        return RawOutcome(termination: .error(returnText(ret)), returnCode: ret)
      }
    }

    /// GLPK's return codes in words.
    static func returnText(_ code: Int32) -> String {
      switch code {
      case GLP_EBADB: "invalid initial basis"
      case GLP_ESING: "singular basis matrix"
      case GLP_ECOND: "ill-conditioned basis matrix"
      case GLP_EBOUND: "invalid bounds"
      case GLP_EFAIL: "solver failed"
      case GLP_EROOT: "optimal root LP basis not provided"
      case GLP_ENOCVG: "no convergence"
      case GLP_EINSTAB: "numerical instability"
      case GLP_EDATA: "invalid data"
      default: "GLPK return code \(code)"
      }
    }

    /// The search state the MIP callback reads and writes.
    final class SearchContext {
      let clock = ContinuousClock()
      let start: ContinuousClock.Instant
      let progress: (@Sendable (SolveProgress) -> Void)?
      let shouldStop: (@Sendable () -> Bool)?
      /// 1-based (index 0 unused), as glp_ios_heur_sol takes it.
      var warmStart: [Double]?
      var warmOutcome = WarmStartOutcome.notAsked
      var columns: Int32
      var bound: Double?
      var incumbent: Double?
      var lastReport: ContinuousClock.Instant?
      var failure: (any Error)?
      /// When the time limit passes: GLPK looks at its clock only between
      /// nodes, so the callback ends the search at the first call after it.
      var deadline: ContinuousClock.Instant?
      /// With pseudocost branching, from when the callback picks the branching
      /// variable itself (the most fractional): GLPK's pseudocost start-up
      /// solves two trial LPs per fractional variable, each on a fresh copy of
      /// the problem, with no callback between them (8 s at the root of a
      /// 50-town district), which would run past the limit.
      var pseudocostUntil: ContinuousClock.Instant?
      /// `SolveOptions.nodeLimit`: the search ends at the selection after
      /// that many nodes have been selected.
      var nodeLimit: Int?
      var nodesSelected = 0
      var nodeLimitReached = false

      init(
        start: ContinuousClock.Instant, progress: (@Sendable (SolveProgress) -> Void)?,
        shouldStop: (@Sendable () -> Bool)?, warmStart: [Double]?, columns: Int
      ) {
        self.start = start
        self.progress = progress
        self.shouldStop = shouldStop
        self.warmStart = warmStart.map { [0] + $0 }
        self.columns = Int32(columns)
      }

      /// Branches on the column of the node's relaxation whose value is furthest from an integer.
      func branchOnMostFractional(_ tree: OpaquePointer, _ prob: OpaquePointer) {
        var chosen: Int32 = 0
        var distance = -1.0
        for j in 1...max(glp_get_num_cols(prob), 1) where glp_ios_can_branch(tree, j) != 0 {
          let x = glp_get_col_prim(prob, j)
          let d = min(x - x.rounded(.down), x.rounded(.up) - x)
          if d > distance { (chosen, distance) = (j, d) }
        }
        if chosen > 0 { glp_ios_branch_upon(tree, chosen, GLP_NO_BRNCH) }
      }

      /// One callback: bound, incumbent, warm start, throttled progress.
      func handle(_ tree: OpaquePointer) throws {
        let reason = glp_ios_reason(tree)
        let best = glp_ios_best_node(tree)
        // Before the best node's relaxation is solved GLPK gives ∓DBL_MAX: no bound yet.
        if best != 0 {
          let value = glp_ios_node_bound(tree, best)
          if abs(value) < Double.greatestFiniteMagnitude / 2 { bound = value }
        }
        guard let prob = glp_ios_get_prob(tree) else { return }
        let mipStatus = glp_mip_status(prob)
        if mipStatus == GLP_FEAS || mipStatus == GLP_OPT { incumbent = glp_mip_obj_val(prob) }
        if shouldStop?() == true || deadline.map({ clock.now >= $0 }) == true {
          glp_ios_terminate(tree)
          return
        }
        if reason == GLP_ISELECT, let limit = nodeLimit {
          nodesSelected += 1
          if nodesSelected > limit {
            nodeLimitReached = true
            glp_ios_terminate(tree)
            return
          }
        }
        if reason == GLP_IBRANCH, let until = pseudocostUntil, clock.now >= until {
          branchOnMostFractional(tree, prob)
        }
        if reason == GLP_IHEUR, let x = warmStart {
          warmStart = nil
          // The tree works on the original columns only when presolve is off;
          // check the count so the call can never be a GLPK fatal error.
          guard glp_get_num_cols(prob) == columns, x.count == Int(columns) + 1 else {
            warmOutcome = .declined
            return
          }
          let rc = x.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) }
          warmOutcome = rc == 0 ? .accepted : .declined
        }
        guard let progress else { return }
        let now = clock.now
        if let last = lastReport, now - last < .milliseconds(250) { return }
        lastReport = now
        let gap: Double? = incumbent == nil ? nil : glp_ios_mip_gap(tree)
        progress(
          SolveProgress(
            elapsed: (now - start).inSeconds, incumbent: incumbent, bound: bound, gap: gap))
      }
    }

    /// A MIP: branch-and-cut with cuts on; presolve unless warm-starting.
    static func solveMIP(
      _ problem: GLPKProblem, _ prob: OpaquePointer, options: SolveOptions,
      branching: GLPKSolver.Branching = .driebeckTomlin,
      backtracking: GLPKSolver.Backtracking = .bestLocalBound, binarize: Bool = true, gomoryCuts: Bool = true,
      otherCuts: Bool = true, integer: [Bool],
      warmStart: [Double]?,
      start: ContinuousClock.Instant
    ) throws -> RawOutcome {
      let clock = ContinuousClock()
      var limit = milliseconds(options.timeLimit)
      var rootBound: Double?
      if warmStart != nil {
        // Presolve off: the tree must work on the original columns for the
        // heuristic callback, and then intopt needs an optimal root LP first.
        let ret = try simplex(problem, smcp(options, presolve: false, timeLimit: limit))
        let status = glp_get_status(prob)
        if ret == GLP_ETMLIM {
          return RawOutcome(termination: .limit(.time), returnCode: nil)
        }
        if ret != 0 {
          return RawOutcome(termination: .error("root LP: \(returnText(ret))"), returnCode: nil)
        }
        switch status {
        case GLP_OPT: rootBound = glp_get_obj_val(prob)
        case GLP_NOFEAS: return RawOutcome(termination: .infeasible, returnCode: nil)
        // A feasible start plus an unbounded relaxation: the MIP is unbounded.
        case GLP_UNBND: return RawOutcome(termination: .unbounded, returnCode: nil)
        default:
          return RawOutcome(termination: .error("root LP status \(status)"), returnCode: nil)
        }
        if let l = limit {
          let used = Int32(clamping: Int((clock.now - start).inSeconds * 1000))
          if used >= l { return RawOutcome(termination: .limit(.time), bound: rootBound) }
          limit = l - used
        }
      }

      var parm = glp_iocp()
      glp_init_iocp(&parm)
      parm.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
      parm.presolve = warmStart == nil ? GLP_ON : GLP_OFF
      // General integers become binaries in the presolved problem (ignored
      // without presolve): GLPK's presolver and cut generators then work on
      // the expansion. On the deployment model this lifts the root LP bound
      // of rongchang-2024 from 3780.4 to 3986.0 and the bound after cuts from
      // 4033.1 to 4037.7 (optimum 4038.10): 227 nodes instead of 631.
      parm.binarize = binarize ? GLP_ON : GLP_OFF
      parm.br_tech = branching == .pseudocost ? GLP_BR_PCH : GLP_BR_DTH
      parm.bt_tech = backtracking == .bestProjection ? GLP_BT_BPH : GLP_BT_BLB
      parm.gmi_cuts = gomoryCuts ? GLP_ON : GLP_OFF
      parm.mir_cuts = otherCuts ? GLP_ON : GLP_OFF
      parm.cov_cuts = otherCuts ? GLP_ON : GLP_OFF
      parm.clq_cuts = otherCuts ? GLP_ON : GLP_OFF
      if let l = limit { parm.tm_lim = l }
      if options.relativeGap > 0, options.relativeGap.isFinite { parm.mip_gap = options.relativeGap }

      let context = SearchContext(
        start: start, progress: options.progress, shouldStop: options.shouldStop,
        warmStart: warmStart, columns: integer.count)
      context.nodeLimit = options.nodeLimit
      if let seconds = options.timeLimit {
        let now = clock.now
        let left = max(seconds - (now - start).inSeconds, 0)
        context.deadline = now + .seconds(left)
        if branching == .pseudocost {
          context.pseudocostUntil = now + .seconds(left * (1 - GLPKSolver.pseudocostLeastShare))
        }
      }
      parm.cb_func = { tree, info in
        guard let tree, let info else { return }
        let context = Unmanaged<SearchContext>.fromOpaque(info).takeUnretainedValue()
        guard context.failure == nil else { return }
        do {
          try context.handle(tree)
        } catch {
          context.failure = error
          glp_ios_terminate(tree)
        }
      }
      var ret: Int32 = 0
      let code = withExtendedLifetime(context) { () -> Int32 in
        parm.cb_info = Unmanaged.passUnretained(context).toOpaque()
        return cglpk_shims_intopt(problem.raw, &parm, &ret)
      }
      if code == CGLPK_SHIMS_FATAL { throw problem.markDead() }
      if let failure = context.failure { throw failure }

      let mipStatus = glp_mip_status(prob)
      let hasSolution = mipStatus == GLP_OPT || mipStatus == GLP_FEAS
      let values = hasSolution ? mipValues(prob, integer: integer) : nil
      let bound = context.bound ?? rootBound
      var raw = RawOutcome(
        termination: .error(returnText(ret)), values: values, bound: bound, returnCode: ret,
        warmStart: context.warmOutcome)
      switch ret {
      case 0:
        switch mipStatus {
        case GLP_OPT: raw.termination = .optimal
        case GLP_NOFEAS: raw.termination = .infeasible
        default: raw.termination = .error("search ended with MIP status \(mipStatus)")
        }
      case GLP_EMIPGAP: raw.termination = .optimal
      case GLP_ETMLIM: raw.termination = .limit(.time)
      case GLP_ESTOP:
        // The callback ends the search at the deadline, at the node limit, or when asked to stop.
        let late = context.deadline.map { context.clock.now >= $0 } == true
        if context.nodeLimitReached {
          raw.termination = .limit(.nodes)
        } else {
          raw.termination = late && options.shouldStop?() != true ? .limit(.time) : .limit(.interrupted)
        }
      case GLP_ENOPFS: raw.termination = .infeasible
      case GLP_ENODFS:
        // Presolve says the relaxation has no dual feasible solution: it is
        // unbounded or infeasible. Phase 1 of the plain simplex decides.
        let lp = try simplex(problem, smcp(options, presolve: false, timeLimit: nil))
        raw.termination =
          lp == 0 && glp_get_status(prob) == GLP_NOFEAS ? .infeasible : .unbounded
        raw.values = nil
      default: break
      }
      return raw
    }

    // MARK: Files

    static func write(_ model: Model, to path: String, format: ModelFileFormat) throws {
      try model.validate()
      cglpk_shims_set_output(0)
      let problem = GLPKProblem()
      try load(model, into: problem)
      var ret: Int32 = 0
      let code: Int32 =
        switch format {
        case .mps: cglpk_shims_write_mps(problem.raw, GLP_MPS_FILE, path, &ret)
        case .cplexLP: cglpk_shims_write_lp(problem.raw, path, &ret)
        }
      if code == CGLPK_SHIMS_FATAL { throw problem.markDead() }
      if ret != 0 { throw GLPKError.file("cannot write \(path): \(lastGLPKOutput())") }
    }

    static func solveFile(
      at path: String, format: ModelFileFormat, sense: ObjectiveSense?, options: SolveOptions
    ) throws -> SolveResult {
      let clock = ContinuousClock()
      let start = clock.now
      cglpk_shims_set_output(options.verbose ? 1 : 0)
      let problem = GLPKProblem()
      var ret: Int32 = 0
      let code: Int32 =
        switch format {
        case .mps: cglpk_shims_read_mps(problem.raw, GLP_MPS_FILE, path, &ret)
        case .cplexLP: cglpk_shims_read_lp(problem.raw, path, &ret)
        }
      if code == CGLPK_SHIMS_FATAL { throw problem.markDead() }
      guard ret == 0, let prob = problem.pointer else {
        throw GLPKError.file("cannot read \(path): \(lastGLPKOutput())")
      }
      if let sense { glp_set_obj_dir(prob, sense == .maximize ? GLP_MAX : GLP_MIN) }
      let n = Int(glp_get_num_cols(prob))
      let integer = (0..<n).map { glp_get_col_kind(prob, Int32($0 + 1)) != GLP_CV }
      var options = options
      options.warmStart = nil
      let raw =
        integer.contains(true)
        ? try solveMIP(problem, prob, options: options, integer: integer, warmStart: nil, start: start)
        : try solveLP(problem, prob, options: options, integer: integer)
      let objective: Double? =
        raw.values == nil
        ? nil : integer.contains(true) ? glp_mip_obj_val(prob) : glp_get_obj_val(prob)
      var bound = raw.bound
      if case .optimal = raw.termination, raw.returnCode != Int32(GLP_EMIPGAP) || bound == nil {
        bound = objective
      }
      return SolveResult(
        termination: raw.termination, values: raw.values, objective: objective, bound: bound,
        seconds: (clock.now - start).inSeconds, solver: "glpk \(GLPKSolver.version ?? "")")
    }

    /// Provokes a GLPK fatal error under the guard; true when the guard caught it.
    static func guardRecovers() -> Bool {
      cglpk_shims_set_output(0)
      return cglpk_shims_provoke_fatal_error() == CGLPK_SHIMS_FATAL
    }
  }
#endif
