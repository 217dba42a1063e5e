import Foundation

/// Branch and bound over a model's blocks on the rows that join them.
///
/// `Model.decomposed(relaxing:)` drops the joining rows; the blocks' optima
/// summed bound the model, and their joined point is optimal when it keeps
/// the dropped rows. When it breaks one, this search branches on it without
/// ever solving the whole model: each block's part of a broken row (its terms
/// on that block's variables) is an integer, so a row whose parts sum to
/// too little falls into the disjunction "the first block's part rises above
/// its value, or it stays at most there and the second's rises, …" (too
/// much: falls), whose last branch cannot keep the row. A child differs from
/// its parent in one block's rows, so evaluating it re-solves that block
/// alone (the blocks kept at most at their values keep their optima). Nodes
/// are taken best bound first; a node whose bound reaches the best roster
/// known (its own joined points, or one found elsewhere) is closed, and so is
/// one whose joined point keeps every row at its bound. When every node is
/// closed the best roster is optimal.
///
/// A joined row can be branched on only when each of its terms is an integer
/// variable of a block with an integer coefficient; a node whose broken rows
/// all have other terms, or whose blocks did not close in their time, stays
/// open and its bound counts. The model is minimised.
public struct LinkingBranchAndBound {
  /// The whole model, its joining rows (indices into `constraints`), and the
  /// solver each block is searched with.
  public let model: Model
  public let linking: [Int]
  public let solver: any Solver
  /// The blocks, as `Model.decomposed(relaxing:)` gives them for `linking`.
  public let split: Decomposition
  private let blockOf: [Int]
  private let position: [Int]

  public init(model: Model, linking: [Int], solver: any Solver) {
    self.model = model
    self.linking = linking
    self.solver = solver
    split = model.decomposed(relaxing: Set(linking))
    var blockOf = [Int](repeating: -1, count: model.variables.count)
    var position = [Int](repeating: -1, count: model.variables.count)
    for (b, block) in split.blocks.enumerated() {
      for (p, v) in block.original.enumerated() {
        blockOf[v.index] = b
        position[v.index] = p
      }
    }
    self.blockOf = blockOf
    self.position = position
  }

  /// How one search runs.
  public struct Settings: Sendable {
    /// Seconds for the whole search; nil for none.
    public var timeLimit: Double?
    /// At most this many seconds for one block's search; one that does not
    /// close in it leaves its node open (nil: the time left).
    public var blockTimeLimit: Double?
    /// A node within this relative gap of the best roster is closed (0: equal up to rounding).
    public var relativeGap: Double = 0
    public var seed: UInt64 = 1
    public var shouldStop: (@Sendable () -> Bool)?
    /// The best objective known from elsewhere (nodes at or above it close), read at each node.
    public var incumbent: (@Sendable () -> Double?)?
    /// Called with the search's bound each time it rises.
    public var progress: (@Sendable (Double) -> Void)?
    /// Completes a joined point: what the dropped rows define and no block
    /// decides (e.g. presence indicators) recomputed from the blocks' values.
    public var complete: (@Sendable (inout [Double]) -> Void)?

    public init(timeLimit: Double? = nil, relativeGap: Double = 0, seed: UInt64 = 1) {
      self.timeLimit = timeLimit
      self.relativeGap = relativeGap
      self.seed = seed
    }
  }

  /// What the search found.
  public struct Outcome: Sendable {
    /// A bound on the model's optimum: the least of the open nodes' bounds
    /// and the best objective known (nil when the start had no bound).
    public var bound: Double?
    /// The best joined point that keeps every row, and its objective.
    public var values: [Double]?
    public var objective: Double?
    /// Every node closed: `bound` is the optimum (the best known objective).
    public var exhausted = false
    /// The blocks' parts summed at the start: the bound before any branching.
    public var rootBound: Double?
    /// Nodes evaluated, and block searches run.
    public var nodes = 0
    public var blockSearches = 0
  }

  /// A limit on one block's part of a joining row.
  private struct Limit: Hashable {
    var lower: Double?
    var upper: Double?
  }

  private struct Node {
    var bound: Double
    var parts: [Double]
    var closed: [Bool]
    var points: [[Double]?]
    /// Per block: limits on its parts of joining rows, by row.
    var limits: [[Int: Limit]]
    /// The block to search again before the node's bound is its own.
    var pending: Int?
    var depth: Int
  }

  /// Searches from the blocks' optima `parts` and their points (block order,
  /// as in `split`); `closed` says which parts are optima rather than bounds.
  public func search(
    parts: [Double], points: [[Double]?], closed: [Bool], settings: Settings
  ) throws -> Outcome {
    let clock = ContinuousClock.now
    func left() -> Double? { settings.timeLimit.map { $0 - (ContinuousClock.now - clock).inSeconds } }
    var outcome = Outcome()
    guard model.sense == .minimize, split.isBounded, parts.count == split.blocks.count, points.count == parts.count else {
      return outcome
    }
    let root = Node(
      bound: parts.reduce(split.looseObjective, +), parts: parts, closed: closed, points: points,
      limits: Array(repeating: [:], count: parts.count), pending: nil, depth: 0)
    outcome.rootBound = root.bound
    var open = [root]
    var stuck: [Double] = []
    var reported = -Double.infinity
    func best() -> Double? {
      [outcome.objective, settings.incumbent?()].compactMap { $0 }.min()
    }
    func bound() -> Double? {
      let lows = open.map(\.bound) + stuck
      guard let least = lows.min() else { return best() }
      return best().map { min($0, least) } ?? least
    }
    func report() {
      guard let b = bound(), b > reported else { return }
      reported = b
      settings.progress?(b)
    }
    func closes(_ node: Node) -> Bool {
      guard let incumbent = best() else { return false }
      return SolveResult.closes(objective: incumbent, bound: node.bound, within: settings.relativeGap)
        || node.bound >= incumbent
    }

    while !open.isEmpty {
      if settings.shouldStop?() == true || left().map({ $0 <= 0 }) == true { break }
      // Best bound first; deeper first among equals (nearer a joined point).
      let next = open.indices.min {
        (open[$0].bound, -open[$0].depth) < (open[$1].bound, -open[$1].depth)
      }!
      var node = open.remove(at: next)
      if closes(node) { continue }
      if let b = node.pending {
        node.pending = nil
        outcome.blockSearches += 1
        guard try searchBlock(b, of: &node, timeLimit: left(), bestObjective: outcome.objective, settings: settings)
        else { continue }
        if closes(node) { continue }
      }
      outcome.nodes += 1
      guard node.points.allSatisfy({ $0 != nil }) else {
        stuck.append(node.bound)
        continue
      }
      var joined = split.assemble(node.points.map { $0! })
      settings.complete?(&joined)
      let broken = linking.filter { !model.constraints[$0].holds(at: joined) }
      if broken.isEmpty {
        if model.isFeasible(joined) {
          let objective = model.objective.value(at: joined)
          if objective < (outcome.objective ?? .infinity) {
            outcome.objective = objective
            outcome.values = joined
          }
          if node.closed.allSatisfy({ $0 }), objective <= node.bound + 1e-6 * max(1, abs(objective)) {
            report()
            continue
          }
        }
        stuck.append(node.bound)
        continue
      }
      guard let children = branch(node, on: broken, at: joined) else {
        stuck.append(node.bound)
        continue
      }
      open += children
      report()
    }
    outcome.exhausted = open.isEmpty && stuck.isEmpty
    outcome.bound = outcome.exhausted ? best() : bound()
    return outcome
  }

  /// Searches block `b` of `node` under its limits; false when the block has
  /// no point under them (the node is empty).
  private func searchBlock(
    _ b: Int, of node: inout Node, timeLimit: Double?, bestObjective: Double?, settings: Settings
  ) throws -> Bool {
    var sub = split.blocks[b].model
    for (row, limit) in node.limits[b] {
      let part = self.part(of: row, in: b)
      if let lower = limit.lower { sub.addConstraint(part, .greaterOrEqual, lower, name: "lb\(row)") }
      if let upper = limit.upper { sub.addConstraint(part, .lessOrEqual, upper, name: "ub\(row)") }
    }
    var options = SolveOptions(seed: settings.seed)
    options.timeLimit = [timeLimit, settings.blockTimeLimit].compactMap { $0 }.min().map { max($0, 0.01) }
    // The block's search ends once its bound closes the node against the best roster known.
    let others = node.bound - node.parts[b]
    let closed = StopFlag()
    let best: @Sendable () -> Double? = { [outcome = bestObjective, incumbent = settings.incumbent] in
      [outcome, incumbent?()].compactMap { $0 }.min()
    }
    options.progress = { p in
      guard let bound = p.bound, let incumbent = best() else { return }
      if others + bound >= incumbent
        || SolveResult.closes(objective: incumbent, bound: others + bound, within: settings.relativeGap)
      {
        closed.raise()
      }
    }
    let stop = settings.shouldStop
    options.shouldStop = { closed.isRaised || stop?() == true }
    let result = try solver.solve(sub, options: options)
    switch result.termination {
    case .infeasible: return false
    case .optimal:
      guard let objective = result.objective else { return false }
      node.parts[b] = objective
      node.closed[b] = true
    default:
      // Open: its bound, and never below the parent's part (the child's rows are more).
      node.parts[b] = max(node.parts[b], result.bound ?? -.infinity)
      node.closed[b] = false
    }
    node.points[b] = result.values
    node.bound = node.parts.reduce(split.looseObjective, +)
    return true
  }

  /// Block `b`'s part of joining row `row`: its terms on the block's variables.
  private func part(of row: Int, in b: Int) -> LinearExpression {
    var part = LinearExpression()
    for t in model.constraints[row].terms where blockOf[t.variable.index] == b {
      part.add(t.coefficient, Variable(index: position[t.variable.index]))
    }
    return part
  }

  /// The children of `node` on one of its `broken` rows (the one with the
  /// fewest blocks in it), nil when none of them can be branched on.
  private func branch(_ node: Node, on broken: [Int], at joined: [Double]) -> [Node]? {
    var choice: (row: Int, blocks: [Int])?
    for row in broken {
      guard let blocks = integerBlocks(of: row) else { continue }
      if choice == nil || blocks.count < choice!.blocks.count { choice = (row, blocks) }
    }
    guard let (row, blocks) = choice else { return nil }
    let constraint = model.constraints[row]
    let values = blocks.map { b in partValue(of: row, in: b, at: joined).rounded() }
    let ranges = blocks.map { b in partRange(of: row, in: b, limit: node.limits[b][row]) }
    let total = values.reduce(0, +)
    // Too little when a ≥ (or =) row falls short, too much otherwise.
    let rises = constraint.sense == .greaterOrEqual || (constraint.sense == .equal && total < constraint.rhs)
    var children: [Node] = []
    for i in blocks.indices {
      // The blocks before i held at their values' side, i moved past its value.
      let target = rises ? values[i] + 1 : values[i] - 1
      guard rises ? ranges[i].upper >= target : ranges[i].lower <= target else { continue }
      // The row can still hold: the held blocks at their values, i and those after at their extremes.
      let reach =
        values[..<i].reduce(0, +)
        + blocks.indices.dropFirst(i).map { rises ? ranges[$0].upper : ranges[$0].lower }.reduce(0, +)
      guard rises ? reach >= constraint.rhs - 1e-9 : reach <= constraint.rhs + 1e-9 else { continue }
      var child = node
      for j in 0..<i {
        var limit = child.limits[blocks[j]][row] ?? Limit()
        if rises { limit.upper = min(limit.upper ?? .infinity, values[j]) } else {
          limit.lower = max(limit.lower ?? -.infinity, values[j])
        }
        child.limits[blocks[j]][row] = limit
      }
      var limit = child.limits[blocks[i]][row] ?? Limit()
      if rises { limit.lower = max(limit.lower ?? -.infinity, target) } else {
        limit.upper = min(limit.upper ?? .infinity, target)
      }
      child.limits[blocks[i]][row] = limit
      child.pending = blocks[i]
      child.depth = node.depth + 1
      children.append(child)
    }
    return children
  }

  /// The blocks with terms in `row`, when every term is an integer variable
  /// of a block with an integer coefficient (so each block's part is an integer).
  private func integerBlocks(of row: Int) -> [Int]? {
    var blocks = Set<Int>()
    for t in model.constraints[row].terms {
      let j = t.variable.index
      guard blockOf[j] >= 0, model.variables[j].kind != .continuous,
        t.coefficient == t.coefficient.rounded()
      else { return nil }
      blocks.insert(blockOf[j])
    }
    return blocks.sorted()
  }

  private func partValue(of row: Int, in b: Int, at values: [Double]) -> Double {
    model.constraints[row].terms.reduce(0) {
      blockOf[$1.variable.index] == b ? $0 + $1.coefficient * values[$1.variable.index] : $0
    }
  }

  /// The least and greatest values block `b`'s part of `row` can take, within its limit.
  private func partRange(of row: Int, in b: Int, limit: Limit?) -> (lower: Double, upper: Double) {
    var lower = 0.0
    var upper = 0.0
    for t in model.constraints[row].terms where blockOf[t.variable.index] == b {
      let def = model.variables[t.variable.index]
      let (a, z) = (t.coefficient * def.lower, t.coefficient * def.upper)
      lower += min(a, z)
      upper += max(a, z)
    }
    return (max(lower, limit?.lower ?? -.infinity), min(upper, limit?.upper ?? .infinity))
  }
}
