import Foundation
import SecondmentDomain

/// Counting and pricing a person's move or a swap, and committing it.
extension DeploymentSearch {
  /// Adds (`sign` +1) or removes (−1) person p at posting `code` in the
  /// counts only: the cached costs are left as they were. Trial moves change
  /// the counts, price the touched towns with `townCostNow`, and undo.
  @inline(__always)
  func applyCounts(_ p: Int, _ code: Int, _ sign: Int) {
    let d = dept[p]
    if code < nT {
      let t = code
      head[t] += sign
      presence[t] += sign
      if d >= 0 {
        let k = t * nD + d
        if officer[p] {
          offSt[k] += sign
          presentOff[k] += sign
          if certified[p] { certP[t] += sign }
          if legal[p] { legalP[t] += sign }
        } else {
          auxSt[k] += sign
        }
      }
    } else {
      let z = code - nT
      let isOfficer = officer[p]
      if d >= 0, isOfficer { zonedCnt[z * nD + d] += sign }
      for e in zStart[z]..<zStart[z + 1] {
        let t = zTown[e]
        presence[t] += sign
        if d >= 0 && isOfficer {
          presentOff[t * nD + d] += sign
          if certified[p] { certP[t] += sign }
          if legal[p] { legalP[t] += sign }
        }
      }
    }
  }

  /// Town t's penalised cost (`townCost`) for the current counts, where only
  /// the pairs of departments d1 and d2 (−1: none) may differ from the cache.
  /// (`mutating` only so that calls from the mutating trial methods do not
  /// copy the whole search first, which the compiler otherwise does.)
  @inline(__always)
  mutating func townCostNow(_ t: Int, _ d1: Int, _ d2: Int) -> Double {
    var c = hardPenalty * Double(ruleUnits(t)) + pairSum[t]
    if d1 >= 0 { c += pairCostNow(t, d1) - pairCost[t * nD + d1] }
    if d2 >= 0 && d2 != d1 { c += pairCostNow(t, d2) - pairCost[t * nD + d2] }
    return c
  }

  /// Adds (`sign` +1) or removes (−1) person p at posting `code`, refreshing
  /// the touched towns' coverage and rules (not the department's unmet demand):
  /// `applyCounts`, then the cached costs of the pairs and towns it touched.
  @inline(__always)
  mutating func apply(_ p: Int, _ code: Int, _ sign: Int) {
    applyCounts(p, code, sign)
    let d = dept[p]
    if code < nT {
      if d >= 0 { refreshPair(code, d) }
      refreshTown(code)
    } else {
      let z = code - nT
      let isOfficer = officer[p]
      for e in zStart[z]..<zStart[z + 1] {
        let t = zTown[e]
        if d >= 0 && isOfficer { refreshPair(t, d) }
        refreshTown(t)
      }
    }
  }

  /// The towns of posting `code`.
  func towns(of code: Int) -> [Int] { code < nT ? [code] : zoneTowns[code - nT] }

  /// Postings whose towns include town u: stationed there, or a zone over it.
  func postingsOver(_ u: Int) -> [Int] {
    var codes = [u]
    for i in tzStart[u]..<tzStart[u + 1] { codes.append(nT + tzZone[i]) }
    return codes
  }

  @inline(__always)
  mutating func addAffectedTown(_ t: Int) {
    for i in 0..<affectedCount where affected[i] == t { return }
    affected[affectedCount] = t
    affectedCount += 1
  }

  @inline(__always)
  mutating func addAffected(_ code: Int) {
    if code < 0 { return }
    if code < nT {
      addAffectedTown(code)
    } else {
      let z = code - nT
      for e in zStart[z]..<zStart[z + 1] { addAffectedTown(zTown[e]) }
    }
  }

  @inline(__always)
  func affectedCost() -> Double {
    var s = 0.0
    for i in 0..<affectedCount { s += townCost[affected[i]] }
    return s
  }

  @inline(__always)
  func personTerm(_ p: Int, _ code: Int) -> Double { code >= 0 ? personCost[p * nO + code] : 0 }

  @inline(__always)
  func moveFlag(_ p: Int, _ code: Int) -> Int { code >= 0 && isMove[p * nO + code] ? 1 : 0 }

  /// The change of the moves rule's penalty (`MovesRule`) if p left posting
  /// `old` (−1: none) for `new`; 0 when the rule is off, without reading the
  /// move flags.
  @inline(__always)
  func movesPenalty(_ p: Int, from old: Int, to new: Int) -> Double {
    guard movesLimited else { return 0 }
    return movesPenalty(adding: moveFlag(p, new) - moveFlag(p, old))
  }

  /// The change of the moves rule's penalty when the roster's count of
  /// moves changes by `change`.
  @inline(__always)
  func movesPenalty(adding change: Int) -> Double {
    hardPenalty * (movesExcess(moves + change) - movesExcess(moves))
  }

  /// The most the unmet-demand and imbalance terms can fall when person p
  /// takes posting `code`: p's FTE there at the heaviest unmet weight (adding
  /// FTE x lowers weighted unmet demand by at most x × that weight; taking
  /// someone away never lowers it), and all of the imbalance term.
  @inline(__always)
  func unmetGainBound(_ p: Int, _ code: Int) -> Double {
    if maxUnmetWeight == .infinity { return .infinity }
    let fte: Double
    if code < 0 {
      fte = 0
    } else if officer[p] {
      fte = code < nT ? 1 : zonedFTE
    } else {
      fte = code < nT ? auxFTE : 0
    }
    return fte * maxUnmetWeight + imbalanceWeight * maxShare
  }

  /// Change of the penalised objective if person p took posting `to` (from
  /// wherever they are, or from nowhere during construction). When the
  /// change is certainly above `cutoff`, a lower bound above `cutoff` may be
  /// returned instead, without solving the split.
  mutating func deltaMove(_ p: Int, to new: Int, cutoff: Double = .infinity) -> Double {
    let old = choice[p]
    let d = dept[p]
    // Read first: on a large district the row is seldom in cache, and the
    // load then overlaps the counting below.
    let personChange = personTerm(p, new) - personTerm(p, old)
    affectedCount = 0
    addAffected(old)
    addAffected(new)
    let before = affectedCost()
    let base0 = d >= 0 ? stationBases(d, old, new) : 0
    if old >= 0 { applyCounts(p, old, -1) }
    applyCounts(p, new, 1)
    var after = 0.0
    for i in 0..<affectedCount { after += townCostNow(affected[i], d, -1) }
    var v = after - before + personChange + movesPenalty(p, from: old, to: new)
    if officer[p] { v += whistleDelta(d) }
    if d >= 0 {
      let bound = v - unmetGainBound(p, new)
      if bound > cutoff {
        v = bound
      } else {
        v += unmetDelta(d, old, new, base0: base0, zoned: old >= nT || new >= nT)
      }
    }
    applyCounts(p, new, -1)
    if old >= 0 { applyCounts(p, old, 1) }
    return v
  }

  /// The best posting for p other than its current one, and the change of the
  /// penalised objective it brings (code −1 when nothing improves by more than
  /// `eps`). Takes p out once and tries every posting from there, which is
  /// cheaper than one `deltaMove` per posting.
  mutating func bestMove(_ p: Int, eps: Double) -> (code: Int, delta: Double) {
    let old = choice[p]
    guard old >= 0 else { return (-1, 0) }
    affectedCount = 0
    addAffected(old)
    let oldCount = affectedCount
    var oldSum = 0.0
    for i in 0..<affectedCount { oldSum += townCost[affected[i]] }
    let origPerson = personCost[p * nO + old]
    let d = dept[p]
    let baseOld = d >= 0 && old < nT ? stationBase(d, old) : 0
    applyCounts(p, old, -1)
    var bestDelta = -eps
    var bestCode = -1
    let base = p * nO
    for c in allowed[p] where c != old {
      // Towns of c outside the old posting's towns.
      affectedCount = oldCount
      addAffected(c)
      var before = oldSum
      for i in oldCount..<affectedCount { before += townCost[affected[i]] }
      // The counts at c are as before p left old (c ≠ old).
      let base0 = d >= 0 ? baseOld + (c < nT ? stationBase(d, c) : 0) : 0
      applyCounts(p, c, 1)
      var after = 0.0
      for i in 0..<affectedCount { after += townCostNow(affected[i], d, -1) }
      var v = after - before + personCost[base + c] - origPerson
      if officer[p] { v += whistleDelta(d) }
      v += movesPenalty(p, from: old, to: c)
      if d >= 0 {
        if v - unmetGainBound(p, c) >= bestDelta {
          applyCounts(p, c, -1)
          continue
        }
        v += unmetDelta(d, old, c, base0: base0, zoned: old >= nT || c >= nT)
      }
      applyCounts(p, c, -1)
      if v < bestDelta {
        bestDelta = v
        bestCode = c
      }
    }
    applyCounts(p, old, 1)
    return (bestCode, bestDelta)
  }

  /// Change of the towns' penalised costs, the department's unmet demand and
  /// the imbalance term if person p, now unplaced, took posting `code`
  /// (person terms excluded).
  mutating func placementTownDelta(_ p: Int, _ code: Int) -> Double {
    let d = dept[p]
    affectedCount = 0
    addAffected(code)
    let before = affectedCost()
    let base0 = d >= 0 ? stationBases(d, code, -1) : 0
    applyCounts(p, code, 1)
    var after = 0.0
    for i in 0..<affectedCount { after += townCostNow(affected[i], d, -1) }
    let unmetChange = d >= 0 ? unmetDelta(d, code, -1, base0: base0, zoned: code >= nT) : 0
    let calls = officer[p] ? whistleDelta(d) : 0
    applyCounts(p, code, -1)
    return after - before + unmetChange + calls
  }

  /// The change of the moves rule's penalty (`MovesRule`) if p (at a) and q
  /// (at b) traded postings; 0 when the rule is off.
  @inline(__always)
  func swapMovesPenalty(_ p: Int, _ q: Int, _ a: Int, _ b: Int) -> Double {
    guard movesLimited else { return 0 }
    return movesPenalty(adding: moveFlag(p, b) + moveFlag(q, a) - moveFlag(p, a) - moveFlag(q, b))
  }

  /// Change of the penalised objective if p and q traded postings; as
  /// `deltaMove`, possibly only a lower bound when that is above `cutoff`.
  mutating func deltaSwap(_ p: Int, _ q: Int, cutoff: Double = .infinity) -> Double {
    let a = choice[p]
    let b = choice[q]
    if personClass[p] == personClass[q] {
      // Same department, role, certificate and legal background: the towns
      // see no difference, only the two people's own terms change.
      return personTerm(p, b) + personTerm(q, a) - personTerm(p, a) - personTerm(q, b)
        + swapMovesPenalty(p, q, a, b)
    }
    affectedCount = 0
    addAffected(a)
    addAffected(b)
    let before = affectedCost()
    let dp = dept[p]
    let dq = dept[q]
    // Two officers of one department swapping leave its counts as they were.
    let sameCounts = dp == dq && officer[p] == officer[q]
    let baseP = dp >= 0 && !sameCounts ? stationBases(dp, a, b) : 0
    let baseQ = dq >= 0 && dq != dp ? stationBases(dq, a, b) : 0
    applyCounts(p, a, -1)
    applyCounts(q, b, -1)
    applyCounts(p, b, 1)
    applyCounts(q, a, 1)
    var after = 0.0
    for i in 0..<affectedCount { after += townCostNow(affected[i], dp, dq) }
    let zoned = a >= nT || b >= nT
    var unmetChange = 0.0
    var written = -1
    var calls = 0.0
    if whistleOn && !sameCounts {
      if officer[p] { calls += whistleDelta(dp) }
      if officer[q] && !(officer[p] && dq == dp) { calls += whistleDelta(dq) }
    }
    let rest = after - before + personTerm(p, b) + personTerm(q, a) - personTerm(p, a)
      - personTerm(q, b) + swapMovesPenalty(p, q, a, b) + calls
    if !sameCounts,
      rest - unmetGainBound(p, b) - unmetGainBound(q, a) + imbalanceWeight * maxShare > cutoff
    {
      unmetChange = -unmetGainBound(p, b) - unmetGainBound(q, a) + imbalanceWeight * maxShare
    } else if !sameCounts {
      if dp >= 0 && dq >= 0 && dp != dq && imbalanceWeight != 0 {
        // The largest share needs both departments' new unmet demand: write
        // p's to the state, weigh q's against it, and restore p's below.
        let cost = deptCost[dp]
        refreshDepartment(dp)
        written = dp
        unmetChange = deptCost[dp] - cost + unmetDelta(dq, a, b, base0: baseQ, zoned: zoned)
      } else {
        if dp >= 0 { unmetChange += unmetDelta(dp, a, b, base0: baseP, zoned: zoned) }
        if dq >= 0 && dq != dp { unmetChange += unmetDelta(dq, a, b, base0: baseQ, zoned: zoned) }
      }
    }
    applyCounts(q, a, -1)
    applyCounts(p, b, -1)
    applyCounts(q, b, 1)
    applyCounts(p, a, 1)
    if written >= 0 { refreshDepartment(written) }
    return rest + unmetChange
  }

  /// Puts person p at posting `code` (−1: nowhere), keeping every cache up to date.
  mutating func commit(_ p: Int, _ code: Int, delta: Double? = nil) {
    let old = choice[p]
    if old == code { return }
    let d = dept[p]
    let base0 = d >= 0 ? stationBases(d, old, code) : 0
    if old >= 0 {
      apply(p, old, -1)
      personSum -= personCost[p * nO + old]
      moves -= moveFlag(p, old)
    }
    if code >= 0 {
      apply(p, code, 1)
      personSum += personCost[p * nO + code]
      moves += moveFlag(p, code)
    }
    choice[p] = code
    if d >= 0 { refreshDepartment(d, old, code, base0: base0) }
    if whistleOn && officer[p] && d >= 0 { deptWhistle[d] = whistleCost(d) }
    if imbalanceWeight != 0 { maxShare = computeMaxShare() }
    if let delta { total += delta } else { total = computeTotal() }
  }
}
