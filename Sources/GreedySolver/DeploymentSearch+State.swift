import Foundation
import SecondmentDomain

/// The search state's caches: pairs, towns, departments and the running total.
extension DeploymentSearch {
  // MARK: - State

  /// Empties the roster and recomputes every cache.
  mutating func reset() {
    for i in choice.indices { choice[i] = -1 }
    for i in 0..<nT * nD {
      offSt[i] = 0
      auxSt[i] = 0
      presentOff[i] = 0
    }
    for i in 0..<nZ * nD { zonedCnt[i] = 0 }
    for t in 0..<nT {
      certP[t] = 0
      legalP[t] = 0
      head[t] = 0
      presence[t] = 0
    }
    personSum = 0
    moves = 0
    resync()
  }

  /// Recomputes the per-town sums and the departments' unmet demand exactly, then the totals.
  mutating func resync() {
    for t in 0..<nT {
      for d in 0..<nD { refreshPair(t, d) }
    }
    for d in 0..<nD {
      refreshDepartment(d)
      deptWhistle[d] = whistleCost(d)
    }
    for t in 0..<nT {
      var c = 0.0
      var u = 0.0
      for d in 0..<nD {
        c += pairCost[t * nD + d]
        u += unmet[t * nD + d]
      }
      pairSum[t] = c
      unmetSum[t] = u
      share[t] = townDemand[t] > 0 ? max(0, u) / townDemand[t] : 0
      refreshTown(t)
    }
    maxShare = computeMaxShare()
    total = computeTotal()
  }

  /// Coverage and the auxiliary rules of one (town, department); unmet demand
  /// is the department's (`refreshDepartment`).
  @inline(__always)
  mutating func refreshPair(_ t: Int, _ d: Int) {
    let k = t * nD + d
    let c = pairCostNow(t, d)
    pairSum[t] += c - pairCost[k]
    pairCost[k] = c
  }

  /// Coverage and auxiliary-rule cost of (t, d) for the current counts.
  @inline(__always)
  func pairCostNow(_ t: Int, _ d: Int) -> Double {
    let k = t * nD + d
    var c = 0.0
    let officers = presentOff[k]
    if officers == 0 && demand[k] > 0 { c += uncoveredWeight }
    c += hardPenalty * Double(auxiliariesAlone(k))
    if jointNeed[k],
      let row = JointInspectionRule.row(officers: Double(officers), policy: policy)
    {
      c += hardPenalty * row.unitsBroken
    }
    return c
  }

  /// The calls of department d's towns with demand (`ResponseTimeRule`):
  /// each answered from the nearest town where an officer of d is present;
  /// pairs answered later than the limit or not at all, and the minutes of
  /// those answered.
  func whistle(_ d: Int) -> (late: Int, minutes: Double, worst: Double, answered: Int) {
    var late = 0
    var minutes = 0.0
    var worst = 0.0
    var answered = 0
    for i in demandStart[d]..<demandStart[d + 1] {
      let t = demandTown[i]
      var m = -1.0
      for e in t * nT..<(t + 1) * nT where presentOff[nearTown[e] * nD + d] > 0 {
        m = nearMinutes[e]
        break
      }
      if m < 0 {
        if responseLimit.isFinite { late += 1 }
        continue
      }
      if let row = ResponseTimeRule.row(reaching: m <= responseLimit ? 1.0 : 0, policy: policy) {
        late += Int(row.unitsBroken)
      }
      minutes += m
      worst = max(worst, m)
      answered += 1
    }
    return (late, minutes, worst, answered)
  }

  /// Department d's calls priced: hard penalty per late pair plus weighted minutes (0 when off).
  @inline(__always)
  func whistleCost(_ d: Int) -> Double {
    guard whistleOn, d >= 0 else { return 0 }
    let w = whistle(d)
    return hardPenalty * Double(w.late) + responseWeight * w.minutes
  }

  /// The change of department d's priced calls for the current counts against the cache.
  @inline(__always)
  func whistleDelta(_ d: Int) -> Double {
    guard whistleOn, d >= 0 else { return 0 }
    return whistleCost(d) - deptWhistle[d]
  }

  /// Units of "auxiliaries never alone" (`AuxiliaryRules`) pair k (`t * nD + d`) breaks now.
  @inline(__always)
  func auxiliariesAlone(_ k: Int) -> Int {
    guard
      let row = AuxiliaryRules.row(
        auxiliaries: Double(auxSt[k]), officers: Double(presentOff[k]), policy: policy)
    else { return 0 }
    return Int(row.unitsBroken)
  }

  /// Units of every town-level hard rule town t breaks now: `ruleUnits` and
  /// auxiliaries alone in any of its departments.
  func brokenUnits(_ t: Int) -> Int {
    var units = ruleUnits(t)
    for d in 0..<nD { units += auxiliariesAlone(t * nD + d) }
    return units
  }

  /// Units of town t's rules broken (`TownPresenceRules`, `DeskRule`) for the current counts.
  @inline(__always)
  func ruleUnits(_ t: Int) -> Int {
    var units = 0.0
    if let row = TownPresenceRules.certifiedRow(
      certified: Double(certP[t]), present: presence[t] > 0 ? 1 : 0, policy: policy)
    {
      units += row.unitsBroken
    }
    if let row = TownPresenceRules.legalRow(legal: Double(legalP[t]), policy: policy) {
      units += row.unitsBroken
    }
    if let row = DeskRule.row(stationed: Double(head[t]), desks: desk[t], policy: policy) {
      units += row.unitsBroken
    }
    return Int(units)
  }

  @inline(__always)
  mutating func refreshTown(_ t: Int) {
    townCost[t] = hardPenalty * Double(ruleUnits(t)) + pairSum[t]
  }

  func computeMaxShare() -> Double {
    var m = 0.0
    for t in 0..<nT where share[t] > m { m = share[t] }
    return m
  }

  /// Moves over the budget (`MovesRule`) with `count` moves.
  func movesExcess(_ count: Int) -> Double {
    MovesRule.row(moves: Double(count), policy: policy)?.unitsBroken ?? 0
  }

  func computeTotal() -> Double {
    var s = 0.0
    for t in 0..<nT { s += townCost[t] }
    for d in 0..<nD { s += deptCost[d] + deptWhistle[d] }
    var person = 0.0
    for p in 0..<nP where choice[p] >= 0 { person += personCost[p * nO + choice[p]] }
    return s + person + imbalanceWeight * maxShare + hardPenalty * movesExcess(moves)
  }
}
