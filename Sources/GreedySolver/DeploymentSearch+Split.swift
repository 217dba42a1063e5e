import Foundation
import SecondmentDomain

/// Unmet demand under the best split of zoned officers' time (`docs/rules.md`, Capacity).
extension DeploymentSearch {
  // MARK: - Unmet demand under the best split

  /// Weighted unmet demand of department d at town t before any zoned time:
  /// demand left after stationed officers and auxiliaries, × the town's weight.
  @inline(__always)
  func stationBase(_ d: Int, _ t: Int) -> Double {
    let k = t * nD + d
    guard demand[k] > 0 else { return 0 }
    let r = demand[k] - Double(offSt[k]) - Double(auxSt[k]) * auxFTE
    return r > 0 ? unmetWeight[t] * r : 0
  }

  /// `stationBase` of department d over the postings a and b, where they are
  /// stations (each town once).
  @inline(__always)
  func stationBases(_ d: Int, _ a: Int, _ b: Int) -> Double {
    var s = 0.0
    if a >= 0 && a < nT { s += stationBase(d, a) }
    if b >= 0 && b < nT && b != a { s += stationBase(d, b) }
    return s
  }

  /// Whether a zoned officer of department d is present at town t.
  @inline(__always)
  func zonedThere(_ d: Int, _ t: Int) -> Bool {
    let k = t * nD + d
    return presentOff[k] > offSt[k]
  }

  /// Whether the zoned time of department d can reach posting a or b where
  /// they are stations (a change of the residual demand there changes the best split).
  @inline(__always)
  func splitTouches(_ d: Int, _ a: Int, _ b: Int) -> Bool {
    (a >= 0 && a < nT && demand[a * nD + d] > 0 && zonedThere(d, a))
      || (b >= 0 && b < nT && demand[b * nD + d] > 0 && zonedThere(d, b))
  }

  /// The weighted FTE department d's zoned officers give under the best split
  /// for the current counts (`docs/rules.md`, Capacity; the split
  /// `District.bestSplits` makes): the department's weighted unmet demand is
  /// Σ_t `stationBase(d, t)` minus this. Leaves, for every town a zone with
  /// officers of d reaches (`flow.reached[t] == flow.evaluation`), its unmet
  /// FTE in `flow.rem[t]`; changes no other state.
  ///
  /// Each zone with zoned officers of d has (officers × `zonedFTE`) to send
  /// to the residual demand of its towns. First the flow into the
  /// heavier-weighted towns is maximised, then into all, which maximises the
  /// weighted flow (the reachable inflows form a polymatroid): a direct fill
  /// zone by zone, then shortest augmenting paths (a zone with time left
  /// reaches a town with demand left through towns whose time another zone
  /// can take over). The networks are tiny (a few zones of two to four
  /// towns), so this costs little more than the fill.
  mutating func splitFlow(_ d: Int) -> Double {
    flow.evaluation &+= 1
    flow.activeCount = 0
    for i in splitStart[d]..<splitStart[d + 1] {
      let z = splitZone[i]
      if zonedCnt[z * nD + d] > 0 {
        flow.active[flow.activeCount] = z
        flow.activeCount += 1
      }
    }
    return solveActive(d)
  }

  /// The change of `deptFlow[d]` when department d's counts have changed only
  /// at postings a and b (codes; −1 for none) and the state is not yet
  /// refreshed. Only the zones connected to the change are solved again: the
  /// zones of a and b and those with officers of d over a stationed a or b,
  /// closed under sharing a town where d has demand (a union of connected
  /// pieces of the flow network before and after the change, so the rest of
  /// the committed flow stays optimal). The pieces' committed flow is in
  /// `committedArc`.
  mutating func splitFlowChange(_ d: Int, _ a: Int, _ b: Int) -> Double {
    flow.evaluation &+= 1
    let mark = flow.evaluation
    // The closure, in piece[0..<count]; inPiece[z] == mark.
    var count = 0
    let piece = flow.piece
    let inPiece = flow.inPiece
    seedPiece(d, a, mark, &count)
    seedPiece(d, b, mark, &count)
    var next = 0
    var before = 0.0
    defer { flow.pieceCount = count }
    flow.activeCount = 0
    while next < count {
      let z = piece[next]
      next += 1
      if zonedCnt[z * nD + d] > 0 {
        flow.active[flow.activeCount] = z
        flow.activeCount += 1
      }
      let dz = d * nZ + z
      before += zoneValue[dz]
      for i in neighborStart[dz]..<neighborStart[dz + 1] {
        let z2 = neighborZone[i]
        if zonedCnt[z2 * nD + d] > 0 && inPiece[z2] != mark {
          inPiece[z2] = mark
          piece[count] = z2
          count += 1
        }
      }
    }
    return solveActive(d) - before
  }

  /// Adds to `flow.piece` the zones a change at posting `code` touches for
  /// department d: the zone itself, or the zones with officers of d over the town.
  @inline(__always)
  func seedPiece(_ d: Int, _ code: Int, _ mark: Int, _ count: inout Int) {
    if code < 0 { return }
    if code >= nT {
      let z = code - nT
      if flow.inPiece[z] != mark && zoneServes[z * nD + d] {
        flow.inPiece[z] = mark
        flow.piece[count] = z
        count += 1
      }
      return
    }
    guard demand[code * nD + d] > 0 else { return }
    for i in tzStart[code]..<tzStart[code + 1] {
      let z = tzZone[i]
      if zonedCnt[z * nD + d] > 0 && flow.inPiece[z] != mark {
        flow.inPiece[z] = mark
        flow.piece[count] = z
        count += 1
      }
    }
  }

  /// Solves the split flow of department d over the zones `flow.active[0..<flow.activeCount]`
  /// (with officers of d), after `flow.evaluation` was advanced; returns the weighted FTE sent.
  @inline(__always)
  mutating func solveActive(_ d: Int) -> Double {
    let mark = flow.evaluation
    flow.reachedCount = 0
    for i in 0..<flow.activeCount {
      let z = flow.active[i]
      let count = zonedCnt[z * nD + d]
      flow.activeMark[z] = mark
      flow.spare[z] = max(0, Double(count) * (zonedFTE - Double(visitCount[z * nD + d]) * visitShare))
      for e in zStart[z]..<zStart[z + 1] {
        flow.arcFlow[e] = 0
        flow.visitTake[e] = 0
        let t = zTown[e]
        if flow.reached[t] != mark {
          flow.reached[t] = mark
          flow.reachedTown[flow.reachedCount] = t
          flow.reachedCount += 1
          let k = t * nD + d
          let r = demand[k] - Double(offSt[k]) - Double(auxSt[k]) * auxFTE
          flow.rem[t] = demand[k] > 0 && r > 0 ? r : 0
        }
      }
    }
    if flow.activeCount == 0 { return 0 }
    // Zone visits first: each officer's minimum at each town with demand
    // (docs/rules.md, Capacity), then the flow of the time left.
    var visits = 0.0
    if visitShare > 0 {
      for i in 0..<flow.activeCount {
        let z = flow.active[i]
        let reserved = Double(zonedCnt[z * nD + d]) * visitShare
        for e in zStart[z]..<zStart[z + 1] {
          let t = zTown[e]
          guard demand[t * nD + d] > 0 else { continue }
          let take = min(flow.rem[t], reserved)
          flow.visitTake[e] = take
          flow.rem[t] -= take
          visits += unmetWeight[t] * take
        }
      }
    }
    return visits + splitPhase(all: false) + splitPhase(all: true)
  }

  /// Keeps department d's flow just solved over all its zones (`splitFlow(d)`)
  /// as the committed one.
  @inline(__always)
  mutating func commitFlow(_ d: Int) {
    let mark = flow.evaluation
    for i in splitStart[d]..<splitStart[d + 1] { commitZone(d, splitZone[i], mark) }
  }

  /// Keeps zone z's part of department d's flow just solved (zero when the
  /// zone was not active in it) as committed, with its weighted value.
  @inline(__always)
  mutating func commitZone(_ d: Int, _ z: Int, _ mark: Int) {
    let arcs = d * zTownCount
    var value = 0.0
    if flow.activeMark[z] == mark {
      for e in zStart[z]..<zStart[z + 1] {
        let x = flow.arcFlow[e] + flow.visitTake[e]
        committedArc[arcs + e] = x
        value += unmetWeight[zTown[e]] * x
      }
    } else {
      for e in zStart[z]..<zStart[z + 1] { committedArc[arcs + e] = 0 }
    }
    zoneValue[d * nZ + z] = value
  }

  /// One phase of `splitFlow`: sinks are the first-phase towns, or all
  /// towns. Returns the weighted FTE it sent.
  @inline(__always)
  mutating func splitPhase(all: Bool) -> Double {
    let eps = 1e-12
    var sent = 0.0
    // Direct fill.
    let active = flow.active
    let activeCount = flow.activeCount
    for i in 0..<activeCount {
      let z = active[i]
      var spare = flow.spare[z]
      if spare <= eps { continue }
      for e in zStart[z]..<zStart[z + 1] {
        let t = zTown[e]
        let r = flow.rem[t]
        guard r > eps, all || firstPhase[t] else { continue }
        let x = min(spare, r)
        flow.arcFlow[e] += x
        flow.rem[t] = r - x
        sent += unmetWeight[t] * x
        spare -= x
        if spare <= eps { break }
      }
      flow.spare[z] = spare
    }
    // Shortest augmenting paths, while some zone has time left and some
    // sink demand is left (else there is none; most phases end here).
    let mark = flow.evaluation
    let reachedTown = flow.reachedTown
    let reachedCount = flow.reachedCount
    while true {
      var demandLeft = false
      for i in 0..<reachedCount {
        let t = reachedTown[i]
        if flow.rem[t] > eps && (all || firstPhase[t]) {
          demandLeft = true
          break
        }
      }
      if !demandLeft { return sent }
      flow.stamp &+= 1
      let stamp = flow.stamp
      var queued = 0
      for i in 0..<activeCount {
        let z = active[i]
        guard flow.spare[z] > eps else { continue }
        flow.zoneSeen[z] = stamp
        flow.zoneFrom[z] = -1
        flow.queue[queued] = z
        queued += 1
      }
      if queued == 0 { return sent }
      var found = -1
      var head = 0
      search: while head < queued {
        let z = flow.queue[head]
        head += 1
        for e in zStart[z]..<zStart[z + 1] {
          let t = zTown[e]
          if flow.townSeen[t] == stamp { continue }
          flow.townSeen[t] = stamp
          flow.townFrom[t] = e
          if flow.rem[t] > eps && (all || firstPhase[t]) {
            found = t
            break search
          }
          // Zones already sending time to t can send it elsewhere instead.
          for i in tzStart[t]..<tzStart[t + 1] {
            let z2 = tzZone[i]
            guard flow.activeMark[z2] == mark, flow.zoneSeen[z2] != stamp,
              flow.arcFlow[tzArc[i]] > eps
            else { continue }
            flow.zoneSeen[z2] = stamp
            flow.zoneFrom[z2] = tzArc[i]
            flow.queue[queued] = z2
            queued += 1
          }
        }
      }
      if found < 0 { return sent }
      // Bottleneck back to the source zone, then push.
      var amount = flow.rem[found]
      var t = found
      while true {
        let z = arcZone[flow.townFrom[t]]
        let back = flow.zoneFrom[z]
        if back < 0 {
          amount = min(amount, flow.spare[z])
          break
        }
        amount = min(amount, flow.arcFlow[back])
        t = zTown[back]
      }
      flow.rem[found] -= amount
      sent += unmetWeight[found] * amount
      t = found
      while true {
        let e = flow.townFrom[t]
        flow.arcFlow[e] += amount
        let z = arcZone[e]
        let back = flow.zoneFrom[z]
        if back < 0 {
          flow.spare[z] -= amount
          break
        }
        flow.arcFlow[back] -= amount
        t = zTown[back]
      }
    }
  }

  /// Department d's unmet FTE at town t after `splitFlow(d)`.
  @inline(__always)
  func flowUnmet(_ d: Int, _ t: Int) -> Double {
    if flow.reached[t] == flow.evaluation { return flow.rem[t] }
    let k = t * nD + d
    let r = demand[k] - Double(offSt[k]) - Double(auxSt[k]) * auxFTE
    return r > 0 ? r : 0
  }

  /// Recomputes department d's unmet demand and writes it to the state.
  @inline(__always)
  mutating func refreshDepartment(_ d: Int) {
    guard d >= 0 else { return }
    let sent = splitFlow(d)
    commitFlow(d)
    deptFlow[d] = sent
    var base = 0.0
    for i in demandStart[d]..<demandStart[d + 1] {
      let t = demandTown[i]
      base += stationBase(d, t)
      let k = t * nD + d
      let u = flowUnmet(d, t)
      unmetSum[t] += u - unmet[k]
      unmet[k] = u
      share[t] = townDemand[t] > 0 ? max(0, unmetSum[t]) / townDemand[t] : 0
    }
    deptCost[d] = base - sent
  }

  /// Refreshes department d after its counts changed only at postings a and
  /// b (`base0` = `stationBases(d, a, b)` before): only the zones connected
  /// to the change are solved again (`splitFlowChange`), and only their towns
  /// and the stations a, b get new unmet figures. The result is a best split
  /// as a whole (each connected piece is solved best on its own), so it is
  /// the same value as `refreshDepartment(d)`. With imbalance weighed that
  /// full refresh is used instead: the trials priced the largest share on it.
  mutating func refreshDepartment(_ d: Int, _ a: Int, _ b: Int, base0: Double) {
    if imbalanceWeight != 0 {
      refreshDepartment(d)
      return
    }
    let change = splitFlowChange(d, a, b)
    deptFlow[d] += change
    deptCost[d] += stationBases(d, a, b) - base0 - change
    let mark = flow.evaluation
    for i in 0..<flow.pieceCount {
      let z = flow.piece[i]
      commitZone(d, z, mark)
      for e in zStart[z]..<zStart[z + 1] { setUnmet(d, zTown[e]) }
    }
    if a >= 0 && a < nT { setUnmet(d, a) }
    if b >= 0 && b < nT { setUnmet(d, b) }
  }

  /// Writes department d's unmet FTE at town t as the last split flow left it.
  @inline(__always)
  mutating func setUnmet(_ d: Int, _ t: Int) {
    let k = t * nD + d
    guard demand[k] > 0 else { return }
    let u = flowUnmet(d, t)
    unmetSum[t] += u - unmet[k]
    unmet[k] = u
    share[t] = townDemand[t] > 0 ? max(0, unmetSum[t]) / townDemand[t] : 0
  }

  /// The largest unmet share if department d's unmet demand were as just
  /// computed by `splitFlow(d)` and the rest as in the state. (`mutating`
  /// only to spare a copy of the search, as `townCostNow`.)
  mutating func maxShare(withDepartment d: Int) -> Double {
    var m = 0.0
    for t in 0..<nT where townDemand[t] > 0 {
      var u = unmetSum[t]
      let k = t * nD + d
      if demand[k] > 0 { u += flowUnmet(d, t) - unmet[k] }
      let s = max(0, u) / townDemand[t]
      if s > m { m = s }
    }
    return m
  }

  /// Change of department d's unmet-demand term (and of imbalance, when
  /// weighed) once its counts have changed at the stations a and b and, when
  /// `zoned`, in its zones; `base0` is `stationBases(d, a, b)` from before
  /// the change. The state is not refreshed.
  @inline(__always)
  mutating func unmetDelta(_ d: Int, _ a: Int, _ b: Int, base0: Double, zoned: Bool) -> Double {
    var delta = stationBases(d, a, b) - base0
    if imbalanceWeight != 0 {
      // The largest share needs every town's unmet demand: solve it all.
      delta -= splitFlow(d) - deptFlow[d]
      delta += imbalanceWeight * (maxShare(withDepartment: d) - maxShare)
    } else if zoned || splitTouches(d, a, b) {
      delta -= splitFlowChange(d, a, b)
    }
    return delta
  }
}
