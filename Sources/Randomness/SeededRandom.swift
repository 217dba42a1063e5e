/// A small seedable random number generator: SplitMix64 (Steele, Lea, Flood 2014).
///
/// The same seed gives the same sequence on every platform and Swift version:
/// the helpers below never go through the standard library's `random(in:)`,
/// whose algorithm is not promised to stay fixed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A double in [0, 1) from the top 53 bits.
  public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// A double in [low, high).
  public mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * unit()
  }

  /// An integer in 0..<bound (bound > 0), by multiply-shift.
  public mutating func below(_ bound: Int) -> Int {
    guard bound > 1 else { return 0 }
    return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
  }

  /// True with probability `p`.
  public mutating func chance(_ p: Double) -> Bool { unit() < p }

  /// The elements in a random order (Fisher–Yates).
  public mutating func shuffled<T>(_ items: [T]) -> [T] {
    var items = items
    var i = items.count - 1
    while i > 0 {
      let j = below(i + 1)
      items.swapAt(i, j)
      i -= 1
    }
    return items
  }

  /// An index drawn with probability proportional to `weights` (all ≥ 0, some > 0).
  public mutating func weightedIndex(_ weights: [Double]) -> Int {
    let total = weights.reduce(0, +)
    guard total > 0 else { return below(weights.count) }
    var r = unit() * total
    for (i, w) in weights.enumerated() {
      r -= w
      if r < 0 { return i }
    }
    return weights.count - 1
  }
}
