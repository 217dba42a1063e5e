/// One generalized assignment problem: jobs go to agents with capacities.
///
/// OR-Library layout: `cost[i][j]` and `resource[i][j]` are agent-major (row
/// i = agent, column j = job). Every job goes to exactly one agent; an agent's
/// jobs use at most `capacity[i]` resource.
public struct GAPInstance: Sendable, Hashable {
  /// OR-Library name, e.g. `c515-1` or `d20200`.
  public var name: String
  /// Agents (m).
  public var agents: Int { capacity.count }
  /// Jobs (n).
  public var jobs: Int { cost.first?.count ?? 0 }
  /// `cost[agent][job]`.
  public var cost: [[Int]]
  /// `resource[agent][job]`.
  public var resource: [[Int]]
  /// `capacity[agent]`.
  public var capacity: [Int]

  public init(name: String, cost: [[Int]], resource: [[Int]], capacity: [Int]) {
    self.name = name
    self.cost = cost
    self.resource = resource
    self.capacity = capacity
  }
}

/// A complete assignment of a GAP instance's jobs to agents.
public struct GAPSolution: Sendable, Hashable {
  /// `agentOfJob[j]`: the agent (0-based) job j goes to.
  public var agentOfJob: [Int]
  /// Σ cost[agentOfJob[j]][j].
  public var objective: Int

  public init(agentOfJob: [Int], objective: Int) {
    self.agentOfJob = agentOfJob
    self.objective = objective
  }
}
