import Foundation
import MIPModel

/// The GAP's Lagrangian relaxation of the capacities, maximised by subgradient steps.
///
/// With a price `λ[i] ≥ 0` per unit of agent i's resource, every job goes to
/// the agent of least `c[i][j] + λ[i] · r[i][j]` (in minimisation form), and
/// `L(λ) = Σ_j min_i (c[i][j] + λ[i] r[i][j]) − Σ_i λ[i] b[i]` is a lower
/// bound for every λ; its maximum equals the linear relaxation's optimum.
/// One step costs one pass over the m × n cells, so thousands of steps take
/// less time than GLPK's simplex method on the 1,600-job instances, and the
/// assignment at the best prices overloads few agents.
public struct GAPLagrangian: Sendable {
  /// The best bound found, in the instance's sense (a lower bound when
  /// minimising, an upper bound when maximising), not rounded.
  public var bound: Double
  /// Each job's agent at the best prices (may overload agents).
  public var agentOfJob: [Int]
  /// Subgradient steps taken.
  public var steps: Int
  /// The best prices λ per unit of each agent's resource, in minimisation
  /// form (a maximised instance's costs negated), all ≥ 0.
  public var prices: [Double]

  /// The subgradient steps `solve` takes at most unless told otherwise.
  public static let defaultSteps = 3_000

  /// Maximises L(λ) from λ = 0 for at most `steps` steps or `seconds` seconds.
  ///
  /// The step length is Polyak's towards a target 1% above the best bound
  /// (at least 1), scaled by θ from 2, halved after 20 steps without a
  /// better bound; the search ends when θ falls below 1e-4.
  public static func solve(
    _ instance: GAPInstance, sense: ObjectiveSense, steps limit: Int = defaultSteps, seconds: Double? = nil
  ) -> GAPLagrangian {
    let cells = GAPCells(instance, sense: sense)
    let m = cells.m
    let n = cells.n
    let sign = sense == .maximize ? -1.0 : 1.0
    let clock = ContinuousClock()
    let began = clock.now
    // Job-major cells for cache-friendly passes.
    let cost = cells.cost.map(Double.init)
    let res = cells.res.map(Double.init)
    let cap = cells.cap.map(Double.init)
    var price = [Double](repeating: 0, count: m)
    var agent = [Int](repeating: 0, count: n)
    var best = -Double.infinity
    var bestAgent = agent
    var bestPrice = price
    var theta = 2.0
    var sinceBetter = 0
    var load = [Double](repeating: 0, count: m)
    var steps = 0
    while steps < limit, theta >= 1e-4 {
      if let seconds, steps & 15 == 0, (clock.now - began).inSeconds >= seconds { break }
      steps += 1
      for i in 0..<m { load[i] = 0 }
      var value = 0.0
      for j in 0..<n {
        let base = j * m
        var a = 0
        var v = cost[base] + price[0] * res[base]
        for i in 1..<max(m, 1) {
          let w = cost[base + i] + price[i] * res[base + i]
          if w < v {
            v = w
            a = i
          }
        }
        agent[j] = a
        load[a] += res[base + a]
        value += v
      }
      for i in 0..<m { value -= price[i] * cap[i] }
      if value > best + 1e-9 {
        best = value
        bestAgent = agent
        bestPrice = price
        sinceBetter = 0
      } else {
        sinceBetter += 1
        if sinceBetter >= 20 {
          theta /= 2
          sinceBetter = 0
        }
      }
      // Subgradient: overload per agent; a price at 0 cannot fall.
      var norm = 0.0
      for i in 0..<m {
        let g = load[i] - cap[i]
        if price[i] > 0 || g > 0 { norm += g * g }
      }
      if norm == 0 { break }  // The assignment fits exactly at these prices: optimal.
      let target = best + max(1, 0.01 * abs(best))
      let t = theta * (target - value) / norm
      for i in 0..<m { price[i] = max(0, price[i] + t * (load[i] - cap[i])) }
    }
    return GAPLagrangian(bound: sign * best, agentOfJob: bestAgent, steps: steps, prices: bestPrice)
  }
}
