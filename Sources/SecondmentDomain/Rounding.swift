/// The precision of every number a roster file or a planner's sheet shows.
///
/// Files written for programs (roster JSON) keep `fileStep`; what a planner
/// reads (roster CSV, workbooks, the terminal) keeps `displayStep`. Rounding
/// happens only when writing: the figures in memory stay exact.
public enum Rounding {
  /// FTE, minutes and objective values in roster JSON: 0.000001.
  public static let fileStep = 1e-6
  /// FTE and figures a planner reads: 0.01.
  public static let displayStep = 0.01
  /// A bound this large in size is a solver's way of saying it has none.
  public static let noBound = 1e300

  /// `x` to the nearest multiple of `step` (a power of ten at most 1), as the
  /// double nearest that decimal (0.57, never 0.5700000000000001).
  public static func round(_ x: Double, _ step: Double) -> Double {
    // Beyond 1e15 a double has no digits below 0.1 left to round (and x × scale could overflow).
    guard x.isFinite, abs(x) < 1e15 else { return x }
    let scale = (1 / step).rounded()
    let r = (x * scale).rounded() / scale
    return r == 0 ? 0 : r  // no -0
  }

  /// A zoned officer's split rounded so that its parts still add up to the
  /// rounded total (largest remainders get the last units), so a rounded
  /// split never exceeds the officer's FTE by more than half a step.
  public static func round(_ split: ZoneSplit, _ step: Double) -> ZoneSplit {
    let scale = (1 / step).rounded()
    let total = (split.values.reduce(0, +) * scale).rounded()
    let keys = split.keys.sorted()
    var units = keys.map { ((split[$0] ?? 0) * scale).rounded(.down) }
    var left = Int(total - units.reduce(0, +))
    let order = keys.indices.sorted {
      let a = (split[keys[$0]] ?? 0) * scale - units[$0]
      let b = (split[keys[$1]] ?? 0) * scale - units[$1]
      return a != b ? a > b : $0 < $1
    }
    var i = 0
    while left > 0, !order.isEmpty {
      units[order[i % order.count]] += 1
      left -= 1
      i += 1
    }
    var out: ZoneSplit = [:]
    for (k, key) in keys.enumerated() where units[k] > 0 { out[key] = units[k] / scale }
    return out
  }
}

extension Roster {
  /// The roster with every figure rounded to `step`: splits (keeping their
  /// totals), objective terms, measures, bound and gap (left out when not
  /// finite, as before a bound is found).
  public func rounded(_ step: Double) -> Roster {
    var r = self
    let f = { (x: Double) in Rounding.round(x, step) }
    for i in r.postings.indices {
      r.postings[i].split = r.postings[i].split.map { Rounding.round($0, step) }
    }
    if let o = objective {
      var rounded = ObjectiveBreakdown(
        uncoveredPairs: f(o.uncoveredPairs), unmetDemand: f(o.unmetDemand), travel: f(o.travel),
        moves: f(o.moves), preferenceMisses: f(o.preferenceMisses), imbalance: f(o.imbalance))
      rounded.total = f(o.total)
      r.objective = rounded
    }
    if var m = measures {
      m.unmetDemandFTE = f(m.unmetDemandFTE)
      m.pilotUnmetDemandFTE = f(m.pilotUnmetDemandFTE)
      m.travelMinutes = f(m.travelMinutes)
      m.imbalance = f(m.imbalance)
      r.measures = m
    }
    // No bound yet (a solver's stand-in such as −1.8e308, or not a number):
    // bound and gap are left out.
    let hasBound = bound.map { $0.isFinite && abs($0) < Rounding.noBound } ?? false
    r.bound = hasBound ? bound.map(f) : nil
    r.gap = hasBound ? gap.flatMap { $0.isFinite ? f($0) : nil } : nil
    return r
  }
}
