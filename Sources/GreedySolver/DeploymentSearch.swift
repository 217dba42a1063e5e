import Foundation
import SecondmentDomain

/// The deployment greedy's engine: indexed data, incremental state, construction
/// and local search. Every cost follows `docs/rules.md`; town-level hard rules
/// enter as a heavy penalty per unit broken so the search repairs them first.
///
/// A posting is coded as an integer: `0..<towns` is "stationed at town",
/// `towns..<towns + zones` is "zoned to zone". Every cached figure is a pure
/// function of the integer counts, so undoing a trial move restores it exactly.
struct DeploymentSearch {
  let district: District
  let nT: Int
  let nD: Int
  let nZ: Int
  let nP: Int
  /// demand[t * nD + d].
  let demand: [Double]
  /// Weight per FTE unmet in town t (pilot towns heavier).
  let unmetWeight: [Double]
  let townDemand: [Double]
  let desk: [Int]
  let zoneTowns: [[Int]]
  /// Zone z's towns are `zTown[zStart[z]..<zStart[z + 1]]`.
  let zStart: [Int]
  let zTown: [Int]
  /// FTE one officer of d zoned to z gives the zone's e-th town: `zFTE[e * nD + d]`.
  let zFTE: [Double]
  /// The zones over town t are `tzZone[tzStart[t]..<tzStart[t + 1]]`; entry e
  /// gives an officer of d zoned there `tzFTE[e * nD + d]` FTE in t.
  let tzStart: [Int]
  let tzZone: [Int]
  let tzFTE: [Double]
  // Policy figures used in the hot path.
  let auxFTE: Double
  let auxRatio: Int
  let auxNeedOfficer: Bool
  let minCert: Int
  let minLegal: Int
  let deskOn: Bool
  let uncoveredWeight: Double
  let imbalanceWeight: Double
  /// Posting codes: towns + zones.
  let nO: Int
  let weights: ObjectiveWeights
  let policy: Policy
  /// Penalty per unit of a broken hard rule.
  let hardPenalty: Double

  // People.
  let dept: [Int]
  let officer: [Bool]
  let certified: [Bool]
  let legal: [Bool]
  /// Posting codes each person may take (only the pin for a pinned person).
  let allowed: [[Int]]
  // Per person and posting, flat at [p * nO + code]:
  /// Whether p may take the posting.
  let allowedMask: [Bool]
  /// Soft person terms of a posting, weighted, plus the hard penalty of any
  /// person-level rule it breaks (only where no posting keeps them all).
  let personCost: [Double]
  /// Travel minutes of a posting.
  let travelMinutes: [Double]
  let isMove: [Bool]
  let isMiss: [Bool]
  /// People with the same class (department, role, certificate, legal
  /// background) affect towns identically.
  let personClass: [Int]
  /// People the search may move (available, more than one allowed posting).
  let movable: [Int]

  // State.
  var choice: [Int]
  var offSt: [Int]
  var auxSt: [Int]
  var presentOff: [Int]
  var zonedCnt: [Int]
  /// FTE zoned officers give each (town, department), kept up to date by
  /// differences and recomputed exactly by `resync`.
  var zonedSupply: [Double]
  var certP: [Int]
  var legalP: [Int]
  var head: [Int]
  var presence: [Int]
  var unmet: [Double]
  var pairCost: [Double]
  /// Σ_d pairCost and Σ_d unmet per town, kept up to date by differences
  /// (and recomputed exactly by `resync`).
  var pairSum: [Double]
  var unmetSum: [Double]
  var townCost: [Double]
  var share: [Double]
  var maxShare = 0.0
  var personSum = 0.0
  var moves = 0
  var total = 0.0
  var rng: SplitMix64
  var affected: [Int]

  init(district: District, seed: UInt64) {
    self.district = district
    let towns = district.towns
    let departments = district.departments
    let people = district.people
    let zones = district.zones
    nT = towns.count
    nD = departments.count
    nZ = zones.count
    nP = people.count
    policy = district.policy
    weights = policy.weights
    let nT = self.nT
    let nD = self.nD
    let nZ = self.nZ
    var demand = [Double](repeating: 0, count: nT * nD)
    var townDemand = [Double](repeating: 0, count: nT)
    for (t, town) in towns.enumerated() {
      for (d, department) in departments.enumerated() {
        demand[t * nD + d] = town.demand(of: department.id)
        townDemand[t] += demand[t * nD + d]
      }
    }
    self.demand = demand
    self.townDemand = townDemand
    let policyWeights = district.policy.weights
    unmetWeight = towns.map { $0.pilot ? policyWeights.pilotUnmetDemand : policyWeights.unmetDemand }
    desk = towns.map(\.deskCapacity)
    var zoneTowns: [[Int]] = []
    var townZones = [[(zone: Int, fte: [Double])]](repeating: [], count: nT)
    for (z, zone) in zones.enumerated() {
      let posting = Posting.zoned(zone: zone.id)
      let ids = district.towns(of: posting).filter { district.townIndex[$0] != nil }
      let idx = ids.compactMap { district.townIndex[$0] }
      zoneTowns.append(idx)
      for (k, id) in ids.enumerated() {
        let fte = departments.map {
          district.officerFTE(posting, department: $0.id, town: id)
        }
        townZones[idx[k]].append((z, fte))
      }
    }
    self.zoneTowns = zoneTowns
    var zStart = [0]
    var zTown: [Int] = []
    var zFTE: [Double] = []
    for (z, towns) in zoneTowns.enumerated() {
      zTown += towns
      zStart.append(zTown.count)
      let zone = zones[z]
      let posting = Posting.zoned(zone: zone.id)
      for t in towns {
        zFTE += departments.map {
          district.officerFTE(posting, department: $0.id, town: district.towns[t].id)
        }
      }
    }
    self.zStart = zStart
    self.zTown = zTown
    self.zFTE = zFTE
    var tzStart = [0]
    var tzZone: [Int] = []
    var tzFTE: [Double] = []
    for entries in townZones {
      for (z, fte) in entries {
        tzZone.append(z)
        tzFTE += fte
      }
      tzStart.append(tzZone.count)
    }
    self.tzStart = tzStart
    self.tzZone = tzZone
    self.tzFTE = tzFTE
    let policy = district.policy
    auxFTE = policy.auxiliaryFTE
    auxRatio = policy.auxiliariesPerOfficer
    auxNeedOfficer = policy.auxiliariesNeedOfficer
    minCert = policy.minCertifiedPerTown
    minLegal = policy.minLegalPerTown
    deskOn = policy.deskCapacity
    uncoveredWeight = policyWeights.uncoveredPair
    imbalanceWeight = policyWeights.imbalance
    let w = policyWeights
    let biggest = [
      w.uncoveredPair, w.unmetDemand, w.pilotUnmetDemand, w.move, w.preferenceMiss, w.imbalance,
      w.travelMinute * 1000,
    ].map(abs).max() ?? 0
    hardPenalty = max(1e5, 100 * biggest)

    // People and their postings.
    let nO = nT + nZ
    self.nO = nO
    func code(_ posting: Posting?) -> Int? {
      switch posting {
      case .stationed(let t)?: return district.townIndex[t]
      case .zoned(let z)?: return district.zoneIndex[z].map { nT + $0 }
      default: return nil
      }
    }
    func posting(_ c: Int) -> Posting {
      c < nT ? .stationed(town: towns[c].id) : .zoned(zone: zones[c - nT].id)
    }
    var dept: [Int] = []
    var allowed: [[Int]] = []
    var allowedMask: [Bool] = []
    var personCost: [Double] = []
    var travelMinutes: [Double] = []
    var isMove: [Bool] = []
    var isMiss: [Bool] = []
    var movable: [Int] = []
    let hard = hardPenalty
    for (p, person) in people.enumerated() {
      dept.append(district.departmentIndex[person.department] ?? -1)
      var travel = [Double](repeating: 0, count: nO)
      var move = [Bool](repeating: false, count: nO)
      var miss = [Bool](repeating: false, count: nO)
      var broken = [Int](repeating: 0, count: nO)
      let current = code(person.currentPosting)
      let preferred = Set(person.preferredTowns.compactMap { district.townIndex[$0] })
      let pin = person.pinned.flatMap { code($0) }
      for c in 0..<nO {
        let post = posting(c)
        travel[c] = district.travelMinutes(of: person, post)
        move[c] = person.currentPosting != nil && c != current
        if !person.preferredTowns.isEmpty {
          let here = c < nT ? [c] : zoneTowns[c - nT]
          miss[c] = !here.contains { preferred.contains($0) }
        }
        var b = 0
        if c < nT, district.avoids(person, town: towns[c].id) { b += 1 }
        if c >= nT {
          if !person.isOfficer { b += 1 }
          if policy.zonedMustDrive, !person.drives { b += 1 }
        }
        if let limit = policy.maxTenureQuarters, c == current, c != pin, person.tenure + 1 > limit {
          b += 1
        }
        if person.pinned != nil, c != pin { b += 1 }
        broken[c] = b
      }
      var options: [Int]
      if person.unavailable {
        options = []
      } else if let pin {
        options = [pin]
      } else {
        options = (0..<nO).filter { broken[$0] == 0 }
        if options.isEmpty {
          // No posting keeps every person-level rule: offer the role's postings,
          // penalised, and let the checker name what breaks.
          options = person.isOfficer ? Array(0..<nO) : Array(0..<nT)
        }
      }
      var mask = [Bool](repeating: false, count: nO)
      for c in options { mask[c] = true }
      var cost = [Double](repeating: 0, count: nO)
      for c in 0..<nO {
        cost[c] =
          travel[c] * w.travelMinute + (move[c] ? w.move : 0) + (miss[c] ? w.preferenceMiss : 0)
          + Double(broken[c]) * hard
      }
      allowed.append(options)
      allowedMask += mask
      personCost += cost
      travelMinutes += travel
      isMove += move
      isMiss += miss
      if options.count > 1 { movable.append(p) }
    }
    self.dept = dept
    officer = people.map(\.isOfficer)
    certified = people.map { $0.isOfficer && $0.certified }
    legal = people.map { $0.isOfficer && $0.legal }
    self.allowed = allowed
    self.allowedMask = allowedMask
    self.personCost = personCost
    self.travelMinutes = travelMinutes
    self.isMove = isMove
    self.isMiss = isMiss
    self.movable = movable
    var classes: [String: Int] = [:]
    personClass = people.enumerated().map { p, person in
      let key = "\(dept[p])|\(person.isOfficer)|\(person.isOfficer && person.certified)|\(person.isOfficer && person.legal)"
      if let c = classes[key] { return c }
      classes[key] = classes.count
      return classes.count - 1
    }

    choice = [Int](repeating: -1, count: nP)
    offSt = [Int](repeating: 0, count: nT * nD)
    auxSt = offSt
    presentOff = offSt
    zonedCnt = [Int](repeating: 0, count: nZ * nD)
    zonedSupply = [Double](repeating: 0, count: nT * nD)
    certP = [Int](repeating: 0, count: nT)
    legalP = certP
    head = certP
    presence = certP
    unmet = [Double](repeating: 0, count: nT * nD)
    pairCost = unmet
    townCost = [Double](repeating: 0, count: nT)
    share = townCost
    pairSum = townCost
    unmetSum = townCost
    rng = SplitMix64(seed: seed ^ 0xDE91_0A7E_5EC0_0002)
    affected = []
    affected.reserveCapacity(16)
    reset()
  }

  // MARK: - State

  /// Empties the roster and recomputes every cache.
  mutating func reset() {
    for i in choice.indices { choice[i] = -1 }
    for i in offSt.indices {
      offSt[i] = 0
      auxSt[i] = 0
      presentOff[i] = 0
    }
    for i in zonedCnt.indices { zonedCnt[i] = 0 }
    for t in 0..<nT {
      certP[t] = 0
      legalP[t] = 0
      head[t] = 0
      presence[t] = 0
      for d in 0..<nD { refreshPair(t, d) }
    }
    personSum = 0
    moves = 0
    resync()
  }

  /// Recomputes the per-town sums exactly, then the totals.
  mutating func resync() {
    for t in 0..<nT {
      for d in 0..<nD {
        var supply = 0.0
        for e in tzStart[t]..<tzStart[t + 1] {
          let count = zonedCnt[tzZone[e] * nD + d]
          if count != 0 { supply += Double(count) * tzFTE[e * nD + d] }
        }
        zonedSupply[t * nD + d] = supply
        refreshPair(t, d)
      }
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
      refreshTown(t)
    }
    maxShare = computeMaxShare()
    total = computeTotal()
  }

  @inline(__always)
  mutating func refreshPair(_ t: Int, _ d: Int) {
    let k = t * nD + d
    let supply = Double(offSt[k]) + Double(auxSt[k]) * auxFTE + zonedSupply[k]
    let u = max(0, demand[k] - supply)
    unmetSum[t] += u - unmet[k]
    unmet[k] = u
    var c = u * unmetWeight[t]
    let officers = presentOff[k]
    if officers == 0 && demand[k] > 0 { c += uncoveredWeight }
    if auxNeedOfficer {
      let aux = auxSt[k]
      if aux > 0 {
        c += hardPenalty * Double(officers == 0 ? aux : max(0, aux - auxRatio * officers))
      }
    }
    pairSum[t] += c - pairCost[k]
    pairCost[k] = c
  }

  @inline(__always)
  mutating func refreshTown(_ t: Int) {
    var rule = 0
    if minCert > 0, presence[t] > 0 { rule += max(0, minCert - certP[t]) }
    if minLegal > 0 { rule += max(0, minLegal - legalP[t]) }
    if deskOn { rule += max(0, head[t] - desk[t]) }
    townCost[t] = hardPenalty * Double(rule) + pairSum[t]
    share[t] = townDemand[t] > 0 ? max(0, unmetSum[t]) / townDemand[t] : 0
  }

  func computeMaxShare() -> Double {
    var m = 0.0
    for t in 0..<nT where share[t] > m { m = share[t] }
    return m
  }

  func movesExcess(_ count: Int) -> Double {
    guard let limit = policy.maxMoves else { return 0 }
    return Double(max(0, count - limit))
  }

  func computeTotal() -> Double {
    var s = 0.0
    for t in 0..<nT { s += townCost[t] }
    var person = 0.0
    for p in 0..<nP where choice[p] >= 0 { person += personCost[p * nO + choice[p]] }
    return s + person + imbalanceWeight * maxShare + hardPenalty * movesExcess(moves)
  }

  /// Adds (`sign` +1) or removes (−1) person p at posting `code`, refreshing the touched towns.
  @inline(__always)
  mutating func apply(_ p: Int, _ code: Int, _ sign: Int) {
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
        refreshPair(t, d)
      }
      refreshTown(t)
    } else {
      let z = code - nT
      let isOfficer = officer[p]
      if d >= 0, isOfficer { zonedCnt[z * nD + d] += sign }
      for e in zStart[z]..<zStart[z + 1] {
        let t = zTown[e]
        presence[t] += sign
        if d >= 0 && isOfficer {
          zonedSupply[t * nD + d] += Double(sign) * zFTE[e * nD + d]
          presentOff[t * nD + d] += sign
          if certified[p] { certP[t] += sign }
          if legal[p] { legalP[t] += sign }
          refreshPair(t, d)
        }
        refreshTown(t)
      }
    }
  }

  @inline(__always)
  mutating func addAffected(_ code: Int) {
    if code < 0 { return }
    if code < nT {
      if !affected.contains(code) { affected.append(code) }
    } else {
      let z = code - nT
      for e in zStart[z]..<zStart[z + 1] where !affected.contains(zTown[e]) {
        affected.append(zTown[e])
      }
    }
  }

  @inline(__always)
  func affectedCost() -> Double {
    var s = 0.0
    for t in affected { s += townCost[t] }
    return s
  }

  @inline(__always)
  func personTerm(_ p: Int, _ code: Int) -> Double { code >= 0 ? personCost[p * nO + code] : 0 }

  @inline(__always)
  func moveFlag(_ p: Int, _ code: Int) -> Int { code >= 0 && isMove[p * nO + code] ? 1 : 0 }

  /// Change of the penalised objective if person p took posting `to` (from
  /// wherever they are, or from nowhere during construction).
  mutating func deltaMove(_ p: Int, to new: Int) -> Double {
    let old = choice[p]
    affected.removeAll(keepingCapacity: true)
    addAffected(old)
    addAffected(new)
    let before = affectedCost()
    if old >= 0 { apply(p, old, -1) }
    apply(p, new, 1)
    let after = affectedCost()
    let newMax = computeMaxShare()
    apply(p, new, -1)
    if old >= 0 { apply(p, old, 1) }
    let newMoves = moves - moveFlag(p, old) + moveFlag(p, new)
    return after - before + personTerm(p, new) - personTerm(p, old)
      + imbalanceWeight * (newMax - maxShare)
      + hardPenalty * (movesExcess(newMoves) - movesExcess(moves))
  }

  /// The best posting for p other than its current one, and the change of the
  /// penalised objective it brings (code −1 when nothing improves by more than
  /// `eps`). Takes p out once and tries every posting from there, which is
  /// cheaper than one `deltaMove` per posting.
  mutating func bestMove(_ p: Int, eps: Double) -> (code: Int, delta: Double) {
    let old = choice[p]
    guard old >= 0 else { return (-1, 0) }
    affected.removeAll(keepingCapacity: true)
    addAffected(old)
    let oldCount = affected.count
    var oldSum = 0.0
    for t in affected { oldSum += townCost[t] }
    let origMax = maxShare
    let origPerson = personCost[p * nO + old]
    let origMoves = moves
    let movesBase = moves - moveFlag(p, old)
    apply(p, old, -1)
    var bestDelta = -eps
    var bestCode = -1
    let base = p * nO
    for c in allowed[p] where c != old {
      // Towns of c outside the old posting's towns.
      affected.removeLast(affected.count - oldCount)
      addAffected(c)
      var before = oldSum
      for i in oldCount..<affected.count { before += townCost[affected[i]] }
      apply(p, c, 1)
      var after = 0.0
      for t in affected { after += townCost[t] }
      let newMax = computeMaxShare()
      apply(p, c, -1)
      var v = after - before + personCost[base + c] - origPerson
        + imbalanceWeight * (newMax - origMax)
      if policy.maxMoves != nil {
        v += hardPenalty * (movesExcess(movesBase + moveFlag(p, c)) - movesExcess(origMoves))
      }
      if v < bestDelta {
        bestDelta = v
        bestCode = c
      }
    }
    apply(p, old, 1)
    maxShare = origMax
    return (bestCode, bestDelta)
  }

  /// Change of the towns' penalised costs and of the imbalance term if
  /// person p, now unplaced, took posting `code` (person terms excluded).
  mutating func placementTownDelta(_ p: Int, _ code: Int) -> Double {
    affected.removeAll(keepingCapacity: true)
    addAffected(code)
    let before = affectedCost()
    apply(p, code, 1)
    let after = affectedCost()
    let newMax = computeMaxShare()
    apply(p, code, -1)
    return after - before + imbalanceWeight * (newMax - maxShare)
  }

  /// Change of the penalised objective if p and q traded postings.
  mutating func deltaSwap(_ p: Int, _ q: Int) -> Double {
    let a = choice[p]
    let b = choice[q]
    if personClass[p] == personClass[q] {
      // Same department, role, certificate and legal background: the towns
      // see no difference, only the two people's own terms change.
      let newMoves = moves - moveFlag(p, a) - moveFlag(q, b) + moveFlag(p, b) + moveFlag(q, a)
      return personTerm(p, b) + personTerm(q, a) - personTerm(p, a) - personTerm(q, b)
        + hardPenalty * (movesExcess(newMoves) - movesExcess(moves))
    }
    affected.removeAll(keepingCapacity: true)
    addAffected(a)
    addAffected(b)
    let before = affectedCost()
    apply(p, a, -1)
    apply(q, b, -1)
    apply(p, b, 1)
    apply(q, a, 1)
    let after = affectedCost()
    let newMax = computeMaxShare()
    apply(q, a, -1)
    apply(p, b, -1)
    apply(q, b, 1)
    apply(p, a, 1)
    let newMoves = moves - moveFlag(p, a) - moveFlag(q, b) + moveFlag(p, b) + moveFlag(q, a)
    return after - before + personTerm(p, b) + personTerm(q, a) - personTerm(p, a) - personTerm(q, b)
      + imbalanceWeight * (newMax - maxShare)
      + hardPenalty * (movesExcess(newMoves) - movesExcess(moves))
  }

  /// Puts person p at posting `code` (−1: nowhere), keeping every cache up to date.
  mutating func commit(_ p: Int, _ code: Int, delta: Double? = nil) {
    let old = choice[p]
    if old == code { return }
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
    maxShare = computeMaxShare()
    if let delta { total += delta } else { total = computeTotal() }
  }

  // MARK: - Construction

  /// Builds the starting roster: regret construction, and the current roster
  /// (completed by regret) when people have one; keeps the cheaper.
  mutating func construct(deadline: UInt64? = nil) {
    regretConstruction(startFromCurrent: false, deadline: deadline)
    let hasCurrent = movable.contains { district.people[$0].currentPosting != nil }
    guard hasCurrent else { return }
    let first = choice
    let firstTotal = computeTotal()
    reset()
    regretConstruction(startFromCurrent: true, deadline: deadline)
    if computeTotal() > firstTotal + 1e-9 {
      load(first)
    }
  }

  /// Replaces the roster with `target`.
  mutating func load(_ target: [Int]) {
    for p in 0..<nP where choice[p] != target[p] { commit(p, -1) }
    for p in 0..<nP where choice[p] != target[p] { commit(p, target[p]) }
    resync()
  }

  /// Regret construction; past the deadline, the people still pending go to
  /// their own best posting in list order (no regret), so a huge district
  /// still gets a complete roster in time.
  mutating func regretConstruction(startFromCurrent: Bool, deadline: UInt64? = nil) {
    let people = district.people
    // Fixed people (pinned, or a single allowed posting) first.
    for p in 0..<nP where allowed[p].count == 1 { commit(p, allowed[p][0]) }
    if startFromCurrent {
      for p in movable {
        guard let current = people[p].currentPosting else { continue }
        let c: Int?
        switch current {
        case .stationed(let t): c = district.townIndex[t]
        case .zoned(let z): c = district.zoneIndex[z].map { nT + $0 }
        case .unassigned: c = nil
        }
        if let c, allowedMask[p * nO + c] { commit(p, c) }
      }
    }
    let classes = (personClass.max() ?? 0) + 1
    var stamp = [Int](repeating: 0, count: classes * nO)
    var classDelta = [Double](repeating: 0, count: classes * nO)
    var step = 0
    let officers = movable.filter { officer[$0] && choice[$0] < 0 }
    let auxiliaries = movable.filter { !officer[$0] && choice[$0] < 0 }
    for group in [officers, auxiliaries] {
      var pending = group
      while !pending.isEmpty {
        if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline {
          for p in pending {
            var best = Double.infinity
            var bestCode = -1
            for c in allowed[p] {
              let v = deltaMove(p, to: c)
              if v < best {
                best = v
                bestCode = c
              }
            }
            if bestCode >= 0 { commit(p, bestCode) }
          }
          pending.removeAll()
          break
        }
        var pick = -1
        var pickCode = -1
        var pickRegret = -Double.infinity
        var pickBest = Double.infinity
        step += 1
        for (i, p) in pending.enumerated() {
          var best = Double.infinity
          var second = Double.infinity
          var bestCode = -1
          let k = personClass[p] * nO
          for c in allowed[p] {
            // The towns see only the person's class: evaluate once per class.
            if stamp[k + c] != step {
              stamp[k + c] = step
              classDelta[k + c] = placementTownDelta(p, c)
            }
            var v = classDelta[k + c] + personCost[p * nO + c]
            if policy.maxMoves != nil {
              v += hardPenalty * (movesExcess(moves + moveFlag(p, c)) - movesExcess(moves))
            }
            if v < best - 1e-9 {
              second = best
              best = v
              bestCode = c
            } else if v < second {
              second = v
            }
          }
          let regret = second == .infinity ? Double.greatestFiniteMagnitude : second - best
          if regret > pickRegret + 1e-9 || (abs(regret - pickRegret) <= 1e-9 && best < pickBest) {
            pickRegret = regret
            pickBest = best
            pick = i
            pickCode = bestCode
          }
        }
        let p = pending.remove(at: pick)
        commit(p, pickCode)
      }
    }
    total = computeTotal()
  }

  // MARK: - Local search

  /// One descent to a local optimum over moves and swaps. Returns false when the deadline passed.
  mutating func descend(deadline: UInt64?) -> Bool {
    let eps = 1e-7
    var order = movable
    while true {
      var improved = false
      if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { return false }
      order = rng.shuffled(order)
      for p in order {
        let (bestCode, bestDelta) = bestMove(p, eps: eps)
        if bestCode >= 0 {
          commit(p, bestCode, delta: bestDelta)
          improved = true
        }
      }
      // Swaps only once single moves are exhausted.
      if improved {
        resync()
        continue
      }
      for x in 0..<order.count {
        let p = order[x]
        for y in (x + 1)..<order.count {
          let q = order[y]
          let a = choice[p]
          let b = choice[q]
          guard a != b, a >= 0, b >= 0, allowedMask[p * nO + b], allowedMask[q * nO + a] else { continue }
          let v = deltaSwap(p, q)
          if v < -eps {
            commitSwap(p, q, delta: v)
            improved = true
          }
        }
      }
      resync()
      if !improved { return true }
    }
  }

  /// Simulated annealing over random moves and swaps for `steps` proposals
  /// (or until the deadline), then descent from the best roster seen.
  mutating func improve(steps: Int, deadline: UInt64?) -> (steps: Int, hitTime: Bool) {
    guard !movable.isEmpty else { return (0, false) }
    // Annealing starts hot, so a descent first would be undone: only when
    // there is no annealing does the construction go straight to descent.
    let run = anneal(steps: steps, deadline: deadline)
    if !run.hitTime, !descend(deadline: deadline) { return (run.steps, true) }
    return run
  }

  /// Simulated annealing: each step proposes moving a random person to a
  /// random allowed posting (70%) or swapping two people's postings (30%),
  /// accepted when it does not worsen the penalised objective, or with
  /// probability exp(−Δ/T); T falls geometrically from 30% to 0.5% of the
  /// weight of one FTE of unmet demand. Ends at the best roster seen.
  mutating func anneal(steps: Int, deadline: UInt64?) -> (steps: Int, hitTime: Bool) {
    guard steps > 0, movable.count > 0 else { return (0, false) }
    var best = choice
    var bestTotal = total
    let scale = max(abs(weights.unmetDemand), 1e-3)
    let t0 = 0.3 * scale
    let t1 = 0.005 * scale
    var temperature = t0
    let cool = pow(t1 / t0, 1 / Double(steps))
    var done = 0
    var hitTime = false
    let m = movable.count
    while done < steps {
      if done & 1023 == 0 {
        if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline {
          hitTime = true
          break
        }
        if done > 0 { resync() }
      }
      done += 1
      temperature *= cool
      let r = rng.next()
      let p = movable[Int((r >> 32) % UInt64(m))]
      if r & 0xFF < 179 || m < 2 {
        let options = allowed[p]
        let c = options[Int((r >> 8) & 0xFFFFFF) % options.count]
        if c == choice[p] { continue }
        let delta = deltaMove(p, to: c)
        if delta <= 0 || unit() < exp(-delta / temperature) {
          commit(p, c, delta: delta)
        } else {
          continue
        }
      } else {
        let q = movable[Int((r >> 8) & 0xFFFFFF) % m]
        let a = choice[p]
        let b = choice[q]
        guard a != b, a >= 0, b >= 0, allowedMask[p * nO + b], allowedMask[q * nO + a] else {
          continue
        }
        let delta = deltaSwap(p, q)
        if delta <= 0 || unit() < exp(-delta / temperature) {
          commitSwap(p, q, delta: delta)
        } else {
          continue
        }
      }
      if total < bestTotal - 1e-9 {
        bestTotal = total
        best = choice
      }
    }
    load(best)
    return (done, hitTime)
  }

  mutating func unit() -> Double { Double(rng.next() >> 11) * 0x1p-53 }

  /// Lets p and q trade postings.
  mutating func commitSwap(_ p: Int, _ q: Int, delta: Double) {
    let a = choice[p]
    let b = choice[q]
    apply(p, a, -1)
    apply(q, b, -1)
    apply(p, b, 1)
    apply(q, a, 1)
    personSum += personCost[p * nO + b] + personCost[q * nO + a] - personCost[p * nO + a]
      - personCost[q * nO + b]
    moves += moveFlag(p, b) + moveFlag(q, a) - moveFlag(p, a) - moveFlag(q, b)
    choice[p] = b
    choice[q] = a
    maxShare = computeMaxShare()
    total += delta
  }

  // MARK: - Results

  /// The roster by person id.
  func postings() -> [String: Posting] {
    var out: [String: Posting] = [:]
    for (p, person) in district.people.enumerated() {
      let c = choice[p]
      if c < 0 {
        out[person.id] = .unassigned
      } else if c < nT {
        out[person.id] = .stationed(town: district.towns[c].id)
      } else {
        out[person.id] = .zoned(zone: district.zones[c - nT].id)
      }
    }
    return out
  }

  /// The objective of the current roster, recomputed term by term from the counts.
  func freshObjective() -> (ObjectiveBreakdown, RosterMeasures) {
    var uncovered = 0
    var unmetTotal = 0.0
    var unmetPilot = 0.0
    var imbalance = 0.0
    let pilot = district.towns.map(\.pilot)
    for t in 0..<nT {
      var town = 0.0
      for d in 0..<nD {
        let k = t * nD + d
        if demand[k] > 0 && presentOff[k] == 0 { uncovered += 1 }
        town += unmet[k]
      }
      unmetTotal += town
      if pilot[t] { unmetPilot += town }
      if townDemand[t] > 0 { imbalance = max(imbalance, town / townDemand[t]) }
    }
    var travel = 0.0
    var moveCount = 0
    var misses = 0
    for (p, person) in district.people.enumerated() {
      let c = choice[p]
      if c >= 0 { travel += travelMinutes[p * nO + c] }
      guard !person.unavailable else { continue }
      if person.currentPosting != nil, c < 0 || isMove[p * nO + c] {
        // An available person left unassigned differs from any current posting
        // unless that posting was `unassigned`.
        if c >= 0 || person.currentPosting != .unassigned { moveCount += 1 }
      }
      if !person.preferredTowns.isEmpty, c < 0 || isMiss[p * nO + c] { misses += 1 }
    }
    let w = weights
    let measures = RosterMeasures(
      uncoveredPairs: uncovered, unmetDemandFTE: unmetTotal, pilotUnmetDemandFTE: unmetPilot,
      travelMinutes: travel, moves: moveCount, preferenceMisses: misses, imbalance: imbalance)
    let objective = ObjectiveBreakdown(
      uncoveredPairs: Double(uncovered) * w.uncoveredPair,
      unmetDemand: (unmetTotal - unmetPilot) * w.unmetDemand + unmetPilot * w.pilotUnmetDemand,
      travel: travel * w.travelMinute,
      moves: Double(moveCount) * w.move,
      preferenceMisses: Double(misses) * w.preferenceMiss,
      imbalance: imbalance * w.imbalance)
    return (objective, measures)
  }

  /// The lower bound documented on `GreedyBound`.
  func bound() -> GreedyBound {
    let people = district.people
    let w = weights
    var unmetCost = 0.0
    var unmetFTE = 0.0
    var uncovered = 0
    let maxZone = zoneTowns.map(\.count).max() ?? 1
    for d in 0..<nD {
      var supply = 0.0
      var reach = 0
      for p in 0..<nP where dept[p] == d && !allowed[p].isEmpty {
        if officer[p] {
          supply += 1
          reach += allowed[p].contains { $0 >= nT } ? max(1, maxZone) : 1
        } else {
          supply += policy.auxiliaryFTE
        }
      }
      var total = 0.0
      var plain = 0.0
      var pairs = 0
      for t in 0..<nT {
        let v = demand[t * nD + d]
        total += v
        if !district.towns[t].pilot { plain += v }
        if v > 0 { pairs += 1 }
      }
      let short = max(0, total - supply)
      unmetFTE += short
      unmetCost += min(short, plain) * w.unmetDemand + max(0, short - plain) * w.pilotUnmetDemand
      uncovered += max(0, pairs - reach)
    }
    var travel = 0.0
    var moveCount = 0
    var misses = 0
    for p in 0..<nP where !allowed[p].isEmpty {
      travel += allowed[p].map { travelMinutes[p * nO + $0] }.min() ?? 0
      if allowed[p].allSatisfy({ isMove[p * nO + $0] }) { moveCount += 1 }
      if !people[p].preferredTowns.isEmpty, allowed[p].allSatisfy({ isMiss[p * nO + $0] }) { misses += 1 }
    }
    let allDemand = townDemand.reduce(0, +)
    let imbalance = allDemand > 0 ? min(1, unmetFTE / allDemand) : 0
    let terms = ObjectiveBreakdown(
      uncoveredPairs: Double(uncovered) * w.uncoveredPair, unmetDemand: unmetCost,
      travel: travel * w.travelMinute, moves: Double(moveCount) * w.move,
      preferenceMisses: Double(misses) * w.preferenceMiss, imbalance: imbalance * w.imbalance)
    return GreedyBound(
      total: terms.total, terms: terms,
      method:
        "greedy bound: per-department supply vs demand (unmet FTE), officers' reach vs pairs "
        + "(uncovered), cheapest allowed posting per person (travel, moves, preferences), "
        + "district-wide unmet share (imbalance)")
  }
}
