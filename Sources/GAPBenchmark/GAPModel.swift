import MIPModel

/// The generalized assignment problem as a MILP on the `MIPModel` layer.
///
/// One binary `x[i][j]` per agent i and job j: every job goes to exactly one
/// agent (`Σ_i x[i][j] = 1`), no agent exceeds its capacity
/// (`Σ_j r[i][j] x[i][j] ≤ b[i]`), objective `Σ c[i][j] x[i][j]` in `sense`
/// (maximise for gap1-12 in OR-Library's canonical reading, minimise for
/// gapa-d; see `GAPKnownValue.canonicalSense`).
public struct GAPModel: Sendable {
  /// The instance the model was built from.
  public let instance: GAPInstance
  /// The objective sense.
  public let sense: ObjectiveSense
  /// The MILP; variables are `x[agent][job]` in agent-major order.
  public let model: Model

  /// Builds the model of `instance` in `sense`.
  public init(_ instance: GAPInstance, sense: ObjectiveSense) {
    self.instance = instance
    self.sense = sense
    var model = Model(name: instance.name)
    let m = instance.agents
    let n = instance.jobs
    for i in 0..<m {
      for j in 0..<n { model.addVariable("x_\(i + 1)_\(j + 1)", kind: .binary) }
    }
    func x(_ i: Int, _ j: Int) -> Variable { Variable(index: i * n + j) }
    for j in 0..<n {
      var e = LinearExpression()
      for i in 0..<m { e.add(1, x(i, j)) }
      model.addConstraint(e, .equal, 1, name: "assign_\(j + 1)")
    }
    for i in 0..<m {
      var e = LinearExpression()
      for j in 0..<n { e.add(Double(instance.resource[i][j]), x(i, j)) }
      model.addConstraint(e, .lessOrEqual, Double(instance.capacity[i]), name: "cap_\(i + 1)")
    }
    var objective = LinearExpression()
    for i in 0..<m {
      for j in 0..<n { objective.add(Double(instance.cost[i][j]), x(i, j)) }
    }
    model.setObjective(objective, sense)
    self.model = model
  }

  /// The variable `x[agent][job]` (both 0-based).
  public func variable(agent: Int, job: Int) -> Variable {
    Variable(index: agent * instance.jobs + job)
  }

  /// The assignment a solver's values describe; nil unless every job has exactly one agent.
  public func solution(from values: [Double]) -> GAPSolution? {
    let m = instance.agents
    let n = instance.jobs
    guard values.count == m * n else { return nil }
    var agentOfJob: [Int] = []
    agentOfJob.reserveCapacity(n)
    for j in 0..<n {
      let chosen = (0..<m).filter { values[$0 * n + j] > 0.5 }
      guard chosen.count == 1, let agent = chosen.first else { return nil }
      agentOfJob.append(agent)
    }
    return GAPSolution(agentOfJob: agentOfJob, objective: instance.cost(of: agentOfJob))
  }

  /// The model values of an assignment, e.g. a greedy solution as a warm start.
  public func values(of solution: GAPSolution) -> [Double] {
    var values = [Double](repeating: 0, count: instance.agents * instance.jobs)
    for (j, i) in solution.agentOfJob.enumerated()
    where (0..<instance.agents).contains(i) && j < instance.jobs {
      values[i * instance.jobs + j] = 1
    }
    return values
  }
}

extension GAPInstance {
  /// Σ cost[agentOfJob[j]][j]; agents are 0-based. Out-of-range agents count 0.
  public func cost(of agentOfJob: [Int]) -> Int {
    var total = 0
    for (j, i) in agentOfJob.enumerated() where cost.indices.contains(i) && j < jobs {
      total += cost[i][j]
    }
    return total
  }

  /// Whether `agentOfJob` gives every job one valid agent and no agent exceeds its capacity.
  public func isFeasible(_ agentOfJob: [Int]) -> Bool {
    guard agentOfJob.count == jobs else { return false }
    var load = [Int](repeating: 0, count: agents)
    for (j, i) in agentOfJob.enumerated() {
      guard (0..<agents).contains(i) else { return false }
      load[i] += resource[i][j]
    }
    return zip(load, capacity).allSatisfy { $0 <= $1 }
  }
}
