import Foundation
import MIPModel
import Testing

/// Solves a small pure-integer model by trying every point within its bounds.
struct EnumeratingSolver: Solver {
  var name: String { "enumerate" }

  func solve(_ model: Model, options: SolveOptions) throws -> SolveResult {
    let ranges = model.variables.map { Int($0.lower.rounded(.up))...Int($0.upper.rounded(.down)) }
    var point = ranges.map { Double($0.lowerBound) }
    var best: (Double, [Double])?
    func visit(_ j: Int) {
      guard j < ranges.count else {
        guard model.isFeasible(point) else { return }
        let value = model.objective.value(at: point)
        if best.map({ value < $0.0 - 1e-9 }) ?? true { best = (value, point) }
        return
      }
      for v in ranges[j] {
        point[j] = Double(v)
        visit(j + 1)
      }
    }
    visit(0)
    guard let (objective, values) = best else {
      return SolveResult(termination: .infeasible, values: nil, objective: nil, bound: nil, seconds: 0, solver: name)
    }
    return SolveResult(
      termination: .optimal, values: values, objective: objective, bound: objective, seconds: 0, solver: name)
  }
}

@Suite("LinkingBranchAndBound: the blocks apart, branched on the rows that join them")
struct LinkingBranchAndBoundTests {
  /// Three blocks of two integer variables (0...2) each, with a row of
  /// their own (their sum at least 1) and random costs; `joining` rows over
  /// one variable of each block. Minimised.
  static func model(seed: UInt64, joining: [(ConstraintSense, Double)]) -> (Model, [Int]) {
    var rng = SplitMix64(seed: seed)
    var m = Model(name: "linked")
    var blocks: [[Variable]] = []
    var objective = LinearExpression()
    for b in 0..<3 {
      let pair = (0..<2).map { m.addVariable("v\(b)_\($0)", kind: .integer, upper: 2) }
      m.addConstraint(pair[0] + pair[1], .greaterOrEqual, 1, name: "own\(b)")
      for v in pair { objective.add(Double(Int.random(in: 1...9, using: &rng)), v) }
      blocks.append(pair)
    }
    m.setObjective(objective, .minimize)
    var linking: [Int] = []
    for (k, (sense, rhs)) in joining.enumerated() {
      var row = LinearExpression()
      for pair in blocks { row.add(1, pair[k % 2]) }
      linking.append(m.constraints.count)
      m.addConstraint(row, sense, rhs, name: "join\(k)")
    }
    return (m, linking)
  }

  /// The search started from the blocks' own optima.
  static func search(
    _ model: Model, linking: [Int], settings: LinkingBranchAndBound.Settings = .init()
  ) throws -> LinkingBranchAndBound.Outcome {
    let search = LinkingBranchAndBound(model: model, linking: linking, solver: EnumeratingSolver())
    let own = try search.split.blocks.map { try EnumeratingSolver().solve($0.model, options: SolveOptions()) }
    return try search.search(
      parts: own.map { $0.objective! }, points: own.map(\.values), closed: own.map { _ in true },
      settings: settings)
  }

  @Test("rows the blocks' optima break are branched on until the best joined point is the whole model's optimum")
  func reachesTheWholeOptimum() throws {
    var branched = 0
    for seed in 1...24 as ClosedRange<UInt64> {
      // The first variables sum to at least 3 to 5, the second ones to at most 1 or 2.
      let (model, linking) = Self.model(
        seed: seed, joining: [(.greaterOrEqual, Double(3 + seed % 3)), (.lessOrEqual, Double(1 + seed % 2))])
      let whole = try EnumeratingSolver().solve(model, options: SolveOptions())
      let outcome = try Self.search(model, linking: linking)
      #expect(outcome.exhausted, "seed \(seed)")
      let objective = try #require(outcome.objective, "seed \(seed)")
      #expect(abs(objective - whole.objective!) < 1e-9, "seed \(seed)")
      #expect(outcome.bound.map { abs($0 - objective) < 1e-9 } == true, "seed \(seed)")
      #expect(model.isFeasible(try #require(outcome.values)))
      #expect(try #require(outcome.rootBound) <= objective + 1e-9)
      if outcome.nodes > 1 { branched += 1 }
    }
    // Most seeds' block optima break a joining row (each block alone wants its cheaper variable at 1).
    #expect(branched >= 12)
  }

  @Test("an equality row is branched on the side its joined value misses")
  func equalityRows() throws {
    for seed in 1...6 as ClosedRange<UInt64> {
      let (model, linking) = Self.model(seed: seed, joining: [(.equal, 5)])
      let whole = try EnumeratingSolver().solve(model, options: SolveOptions())
      let outcome = try Self.search(model, linking: linking)
      #expect(outcome.exhausted)
      #expect(outcome.objective.map { abs($0 - whole.objective!) < 1e-9 } == true, "seed \(seed)")
    }
  }

  @Test("joining rows no point keeps: every node closes empty, with no point and no bound")
  func infeasibleJoin() throws {
    // Three variables of at most 2 never sum to 7.
    let (model, linking) = Self.model(seed: 3, joining: [(.greaterOrEqual, 7)])
    let outcome = try Self.search(model, linking: linking)
    #expect(outcome.exhausted)
    #expect(outcome.values == nil)
    #expect(outcome.bound == nil)
  }

  @Test("a node at the value of a roster found elsewhere closes: the search ends with that value as its bound")
  func closesAgainstAnIncumbent() throws {
    let (model, linking) = Self.model(seed: 5, joining: [(.greaterOrEqual, 4), (.lessOrEqual, 1)])
    let optimum = try #require(try EnumeratingSolver().solve(model, options: SolveOptions()).objective)
    let alone = try Self.search(model, linking: linking)
    var settings = LinkingBranchAndBound.Settings()
    settings.incumbent = { optimum }
    let helped = try Self.search(model, linking: linking, settings: settings)
    #expect(helped.exhausted)
    #expect(helped.bound == optimum)
    #expect(helped.nodes <= alone.nodes)
  }

  @Test("a broken row with a continuous term cannot be branched on: its node stays open and its bound is the search's")
  func continuousRowsStayOpen() throws {
    var (model, _) = Self.model(seed: 2, joining: [])
    let slack = model.addVariable("slack", upper: 1)
    var row = LinearExpression(slack)
    for name in ["v0_0", "v1_0", "v2_0"] {
      row.add(1, Variable(index: model.variables.firstIndex { $0.name == name }!))
    }
    let linking = [model.constraints.count]
    model.addConstraint(row, .greaterOrEqual, 5, name: "join")
    let outcome = try Self.search(model, linking: linking)
    #expect(!outcome.exhausted)
    #expect(outcome.nodes == 1)
    #expect(outcome.bound == outcome.rootBound)
  }

  @Test("each bound it reports is at least the one before, and at most the whole optimum")
  func reportedBoundsRise() throws {
    final class Seen: @unchecked Sendable {
      let lock = NSLock()
      var bounds: [Double] = []
    }
    let seen = Seen()
    let (model, linking) = Self.model(seed: 9, joining: [(.greaterOrEqual, 4), (.lessOrEqual, 1)])
    let optimum = try #require(try EnumeratingSolver().solve(model, options: SolveOptions()).objective)
    var settings = LinkingBranchAndBound.Settings()
    settings.progress = { b in seen.lock.withLock { seen.bounds.append(b) } }
    _ = try Self.search(model, linking: linking, settings: settings)
    let bounds = seen.lock.withLock { seen.bounds }
    #expect(!bounds.isEmpty)
    #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $0 <= $1 })
    #expect(bounds.allSatisfy { $0 <= optimum + 1e-9 })
  }
}
