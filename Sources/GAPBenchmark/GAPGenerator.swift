import Foundation
import Randomness

/// The published families of large GAP benchmark instances (all minimised).
///
/// Types C and D are Chu and Beasley's (1997), the families of OR-Library's
/// gapc and gapd; type E is Laguna, Kelly, González-Velarde and Glover's
/// (1995) as used by Yagiura, Ibaraki and Glover (2004, 2006). Every type
/// sets capacity `b[i] = ⌊0.8 · Σ_j r[i][j] / m⌋`, so the agents together
/// have 80% of the resource the jobs would need on average.
public enum GAPType: String, Sendable, CaseIterable {
  /// `r[i][j]` uniform in 5…25, `c[i][j]` uniform in 10…50 (independent).
  case c
  /// `r[i][j]` uniform in 1…100, `c[i][j] = 111 − r[i][j] + e`, e uniform
  /// in −10…10: the cheap assignments are the ones that use much resource.
  case d
  /// `r[i][j] = ⌊1 − 10 ln x⌋`, `c[i][j] = ⌊1000 / r[i][j] − 10 y⌋`, x and
  /// y uniform in (0, 1]: resource exponential with mean about 10, cost
  /// inversely proportional to it, so a few assignments are very cheap and
  /// very heavy.
  case e
}

/// Generates GAP instances of types C, D and E from their published rules.
///
/// The same type, size and seed give the same instance. Names follow the
/// literature: type letter, agents, jobs (`d20400`), then `-s` and the seed.
public enum GAPGenerator {
  /// The largest number of agents × jobs generated (the reader's limit).
  public static let maximumCells = 10_000_000

  /// One instance of `type` with `agents` agents and `jobs` jobs.
  ///
  /// - Precondition: `agents ≥ 1`, `jobs ≥ 1`, `agents × jobs ≤ maximumCells`.
  public static func generate(type: GAPType, agents m: Int, jobs n: Int, seed: UInt64)
    -> GAPInstance
  {
    precondition(m >= 1 && n >= 1 && m.multipliedReportingOverflow(by: n).partialValue <= maximumCells)
    var rng = SeededRandom(seed: seed ^ 0x6A9_C0DE_0000_0000 ^ UInt64(type.hashSalt))
    var cost = [[Int]](repeating: [Int](repeating: 0, count: n), count: m)
    var resource = cost
    // Agent-major, as the published generators and the file layout go.
    for i in 0..<m {
      for j in 0..<n {
        switch type {
        case .c:
          resource[i][j] = 5 + rng.below(21)
          cost[i][j] = 10 + rng.below(41)
        case .d:
          let r = 1 + rng.below(100)
          resource[i][j] = r
          cost[i][j] = 111 - r + (rng.below(21) - 10)
        case .e:
          let x = 1 - rng.unit()  // in (0, 1]
          let r = Int((1 - 10 * log(x)).rounded(.down))
          let y = 1 - rng.unit()
          resource[i][j] = r
          cost[i][j] = Int((1000 / Double(r) - 10 * y).rounded(.down))
        }
      }
    }
    let capacity = resource.map { row in Int((0.8 * Double(row.reduce(0, +)) / Double(m)).rounded(.down)) }
    return GAPInstance(
      name: "\(type.rawValue)\(m)\(n)-s\(seed)", cost: cost, resource: resource, capacity: capacity)
  }

  /// The OR-Library text of `instances`: their count, then for each `m n`,
  /// the costs and resources agent by agent, and the capacities.
  public static func orLibraryText(_ instances: [GAPInstance]) -> String {
    var out = "\(instances.count)\n"
    for instance in instances {
      out += "\(instance.agents) \(instance.jobs)\n"
      for row in instance.cost { out += row.map(String.init).joined(separator: " ") + "\n" }
      for row in instance.resource { out += row.map(String.init).joined(separator: " ") + "\n" }
      out += instance.capacity.map(String.init).joined(separator: " ") + "\n"
    }
    return out
  }
}

extension GAPType {
  /// Keeps the three types' random streams apart for the same seed.
  fileprivate var hashSalt: UInt32 {
    switch self {
    case .c: 0xC
    case .d: 0xD
    case .e: 0xE
    }
  }
}
