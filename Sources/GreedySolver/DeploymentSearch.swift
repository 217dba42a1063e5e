// This file stays long (about 1,700 lines) for now: the search's state,
// its max-flow, move pricing, construction, annealing and bound share one
// struct of fixed buffers that the hot loop reads without indirection, and
// splitting it safely means first giving that state one `apply` and its own
// type. That split is the engine-room redesign (issue 21, "the greedy split
// by concern"), measured against the greedy benchmark before and after.

import Foundation
import SecondmentDomain

/// The deployment greedy's engine: indexed data, incremental state, construction
/// and local search. Every cost follows `docs/rules.md`; town-level hard rules
/// enter as a heavy penalty per unit broken so the search repairs them first.
///
/// A posting is coded as an integer: `0..<towns` is "stationed at town",
/// `towns..<towns + zones` is "zoned to zone". Trial moves change the
/// integer counts, price the touched towns and departments from them, and
/// undo; only commits update the cached costs. Running totals are kept by
/// differences and recomputed exactly by `resync` every 1,024 annealing steps.
///
/// **Zoned officers' splits** are a decision (`docs/rules.md`, Capacity): for
/// given postings, a department's unmet demand is what is left after the
/// best split. The search keeps, per department, the weighted unmet demand
/// of that best split (`deptCost`): a small lexicographic max-flow
/// (`splitFlow`) in which the department's zoned time per zone flows to the
/// demand its stationed people leave in the zone's towns, heavier-weighted
/// towns first, as `District.bestSplits` does. A move solves it again only
/// for the zones connected to what it changes (`splitFlowChange`), against
/// the committed flow of the rest. Coverage, presence and the town-level
/// rules do not depend on the split and are kept town by town.
///
/// The state lives in fixed buffers (`Buf`, owned by `memory`): a copy of
/// the search shares them, so use one search at a time.
struct DeploymentSearch {
  let district: District
  let nT: Int
  let nD: Int
  let nZ: Int
  let nP: Int
  /// demand[t * nD + d].
  let demand: Buf<Double>
  /// Weight per FTE unmet in town t (pilot towns heavier).
  let unmetWeight: Buf<Double>
  let townDemand: Buf<Double>
  let desk: Buf<Int>
  let zoneTowns: [[Int]]
  /// Zone z's towns are `zTown[zStart[z]..<zStart[z + 1]]` (an index e into
  /// `zTown` is one zone-town arc of the split flow).
  let zStart: Buf<Int>
  let zTown: Buf<Int>
  /// The zones over town t are `tzZone[tzStart[t]..<tzStart[t + 1]]`; entry i
  /// is the arc `tzArc[i]` (an index into `zTown`).
  let tzStart: Buf<Int>
  let tzZone: Buf<Int>
  let tzArc: Buf<Int>
  /// The zone of arc e.
  let arcZone: Buf<Int>
  /// Number of arcs (zone-town pairs).
  let zTownCount: Int
  /// Whether zone z has a town where department d has demand: `zoneServes[z * nD + d]`.
  let zoneServes: Buf<Bool>
  /// Towns of zone z where department d has demand: `visitCount[z * nD + d]`
  /// (each gets every zoned officer's zone visit, `visitShare`).
  let visitCount: Buf<Int>
  /// FTE a zoned officer gives each town of its zone with demand at least (`Policy.minZonedShare`).
  let visitShare: Double
  /// The other zones sharing with zone z a town where department d has demand:
  /// `neighborZone[neighborStart[d * nZ + z]..<neighborStart[d * nZ + z + 1]]`.
  let neighborStart: Buf<Int>
  let neighborZone: Buf<Int>
  /// Towns where department d has demand: `demandTown[demandStart[d]..<demandStart[d + 1]]`.
  let demandStart: Buf<Int>
  let demandTown: Buf<Int>
  /// Zones with at least one town where department d has demand (only these
  /// can give d's zoned officers anything to do): `splitZone[splitStart[d]..<splitStart[d + 1]]`.
  let splitStart: Buf<Int>
  let splitZone: Buf<Int>
  /// FTE one zoned officer divides over the zone's towns (`District.zonedOfficerFTE`).
  let zonedFTE: Double
  /// Whether town t is a sink of the first flow phase: the towns whose unmet
  /// demand weighs more (pilot towns by default), as `District.bestSplits`.
  let firstPhase: Buf<Bool>
  // Policy figures used in the hot path.
  let auxFTE: Double
  let auxRatio: Int
  let auxNeedOfficer: Bool
  let minCert: Int
  let minLegal: Int
  let deskOn: Bool
  let uncoveredWeight: Double
  let imbalanceWeight: Double
  /// The heaviest weight of one FTE of unmet demand (0 if none is positive;
  /// infinite, which turns the pruning by `unmetGainBound` off, if one is negative).
  let maxUnmetWeight: Double
  /// Posting codes: towns + zones.
  let nO: Int
  let weights: ObjectiveWeights
  let policy: Policy
  /// Penalty per unit of a broken hard rule.
  let hardPenalty: Double

  // People.
  let dept: Buf<Int>
  let officer: Buf<Bool>
  let certified: Buf<Bool>
  let legal: Buf<Bool>
  /// Posting codes each person may take (only the pin for a pinned person).
  let allowed: [[Int]]
  // Per person and posting, flat at [p * nO + code]:
  /// Whether p may take the posting.
  let allowedMask: Buf<Bool>
  /// Soft person terms of a posting, weighted, plus the hard penalty of any
  /// person-level rule it breaks (only where no posting keeps them all).
  let personCost: Buf<Double>
  /// Travel minutes of a posting.
  let travelMinutes: [Double]
  let isMove: Buf<Bool>
  let isMiss: [Bool]
  /// People with the same class (department, role, certificate, legal
  /// background) affect towns identically.
  let personClass: [Int]
  /// People the search may move (available, more than one allowed posting).
  let movable: [Int]

  // State.
  var choice: [Int]
  let offSt: Buf<Int>
  let auxSt: Buf<Int>
  let presentOff: Buf<Int>
  let zonedCnt: Buf<Int>
  /// Weighted unmet demand of department d under the best split of its zoned
  /// officers' time: Σ_t `stationBase(d, t)` − `deptFlow[d]`.
  let deptCost: Buf<Double>
  /// The weighted FTE department d's zoned officers give under the best split (`splitFlow`).
  let deptFlow: Buf<Double>
  /// That split as flow per arc: `committedArc[d * zTownCount + e]`.
  let committedArc: Buf<Double>
  /// Its weighted value per zone: `zoneValue[d * nZ + z]`.
  let zoneValue: Buf<Double>
  /// The split flow's scratch space (`splitFlow`).
  var flow: SplitScratch
  let certP: Buf<Int>
  let legalP: Buf<Int>
  let head: Buf<Int>
  let presence: Buf<Int>
  /// Unmet demand per (town, department) under the department's best split
  /// (written when the department is refreshed).
  let unmet: Buf<Double>
  /// Coverage and auxiliary-rule cost per (town, department); unmet demand is in `deptCost`.
  let pairCost: Buf<Double>
  /// Σ_d pairCost and Σ_d unmet per town, kept up to date by differences
  /// (and recomputed exactly by `resync`).
  let pairSum: Buf<Double>
  let unmetSum: Buf<Double>
  let townCost: Buf<Double>
  let share: Buf<Double>
  var maxShare = 0.0
  var personSum = 0.0
  var moves = 0
  var total = 0.0
  var rng: SplitMix64
  /// Towns a trial touches: `affected[0..<affectedCount]`.
  let affected: Buf<Int>
  var affectedCount = 0

  /// Owns every `Buf` above. A copy of the search shares its state: use one search at a time.
  let memory: SearchMemory

  init(district: District, seed: UInt64) {
    self.district = district
    let memory = SearchMemory()
    self.memory = memory
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
    self.demand = memory.make(demand)
    self.townDemand = memory.make(townDemand)
    let policyWeights = district.policy.weights
    let unmetWeight = towns.map { $0.pilot ? policyWeights.pilotUnmetDemand : policyWeights.unmetDemand }
    self.unmetWeight = memory.make(unmetWeight)
    desk = memory.make(towns.map(\.deskCapacity))
    var zoneTowns: [[Int]] = []
    for zone in zones {
      let ids = district.towns(of: .zoned(zone: zone.id))
      zoneTowns.append(ids.compactMap { district.townIndex[$0] })
    }
    self.zoneTowns = zoneTowns
    var zStart = [0]
    var zTown: [Int] = []
    for towns in zoneTowns {
      zTown += towns
      zStart.append(zTown.count)
    }
    self.zStart = memory.make(zStart)
    self.zTown = memory.make(zTown)
    var townArcs = [[(zone: Int, arc: Int)]](repeating: [], count: nT)
    for z in 0..<nZ {
      for e in zStart[z]..<zStart[z + 1] { townArcs[zTown[e]].append((z, e)) }
    }
    var tzStart = [0]
    var tzZone: [Int] = []
    var tzArc: [Int] = []
    for arcs in townArcs {
      for (z, e) in arcs {
        tzZone.append(z)
        tzArc.append(e)
      }
      tzStart.append(tzZone.count)
    }
    self.tzStart = memory.make(tzStart)
    self.tzZone = memory.make(tzZone)
    self.tzArc = memory.make(tzArc)
    arcZone = memory.make((0..<nZ).flatMap { z in Array(repeating: z, count: zStart[z + 1] - zStart[z]) })
    let demandTowns = (0..<nD).map { d in (0..<nT).filter { demand[$0 * nD + d] > 0 } }
    let splitZones = (0..<nD).map { d in
      (0..<nZ).filter { z in zoneTowns[z].contains { demand[$0 * nD + d] > 0 } }
    }
    zTownCount = zTown.count
    visitCount = memory.make((0..<nZ).flatMap { z in
      (0..<nD).map { d in zoneTowns[z].filter { demand[$0 * nD + d] > 0 }.count }
    })
    visitShare = district.policy.minZonedShare
    zoneServes = memory.make((0..<nZ).flatMap { z in
      (0..<nD).map { d in zoneTowns[z].contains { demand[$0 * nD + d] > 0 } }
    })
    var neighborStart = [0]
    var neighborZone: [Int] = []
    for d in 0..<nD {
      for z in 0..<nZ {
        let served = Set(zoneTowns[z].filter { demand[$0 * nD + d] > 0 })
        neighborZone += (0..<nZ).filter { z2 in z2 != z && zoneTowns[z2].contains { served.contains($0) } }
        neighborStart.append(neighborZone.count)
      }
    }
    self.neighborStart = memory.make(neighborStart)
    self.neighborZone = memory.make(neighborZone)
    demandStart = memory.make(demandTowns.reduce(into: [0]) { $0.append($0.last! + $1.count) })
    demandTown = memory.make(demandTowns.flatMap { $0 })
    splitStart = memory.make(splitZones.reduce(into: [0]) { $0.append($0.last! + $1.count) })
    splitZone = memory.make(splitZones.flatMap { $0 })
    zonedFTE = district.zonedOfficerFTE
    let pilotFirst = policyWeights.pilotUnmetDemand >= policyWeights.unmetDemand
    firstPhase = memory.make(towns.map { $0.pilot == pilotFirst })
    let policy = district.policy
    auxFTE = policy.auxiliaryFTE
    auxRatio = policy.auxiliariesPerOfficer
    auxNeedOfficer = policy.auxiliariesNeedOfficer
    minCert = policy.minCertifiedPerTown
    minLegal = policy.minLegalPerTown
    deskOn = policy.deskCapacity
    uncoveredWeight = policyWeights.uncoveredPair
    imbalanceWeight = policyWeights.imbalance
    maxUnmetWeight =
      min(policyWeights.pilotUnmetDemand, policyWeights.unmetDemand, policyWeights.imbalance) < 0
      ? .infinity : max(0, policyWeights.pilotUnmetDemand, policyWeights.unmetDemand)
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
    // Travel and avoidance depend on the home town only: once per home town.
    var byHome: [Int?: (travel: [Double], avoids: [Bool])] = [:]
    for (p, person) in people.enumerated() {
      dept.append(district.departmentIndex[person.department] ?? -1)
      let home = district.homeTownIndex[p]
      if byHome[home] == nil {
        byHome[home] = (
          (0..<nO).map {
            $0 < nT
              ? district.travelMinutes(person: p, stationedAt: $0)
              : district.travelMinutes(person: p, zonedIn: $0 - nT)
          },
          (0..<nT).map { district.avoids(person: p, town: $0) }
        )
      }
      let (homeTravel, homeAvoids) = byHome[home]!
      let travel = homeTravel
      var move = [Bool](repeating: false, count: nO)
      var miss = [Bool](repeating: false, count: nO)
      var broken = [Int](repeating: 0, count: nO)
      let current = code(person.currentPosting)
      let preferred = Set(person.preferredTowns.compactMap { district.townIndex[$0] })
      let pin = person.pinned.flatMap { code($0) }
      for c in 0..<nO {
        move[c] = person.currentPosting != nil && c != current
        if !person.preferredTowns.isEmpty {
          let here = c < nT ? [c] : zoneTowns[c - nT]
          miss[c] = !here.contains { preferred.contains($0) }
        }
        var b = 0
        if c < nT, homeAvoids[c] { b += 1 }
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
    self.dept = memory.make(dept)
    officer = memory.make(people.map(\.isOfficer))
    certified = memory.make(people.map { $0.isOfficer && $0.certified })
    legal = memory.make(people.map { $0.isOfficer && $0.legal })
    self.allowed = allowed
    self.allowedMask = memory.make(allowedMask)
    self.personCost = memory.make(personCost)
    self.travelMinutes = travelMinutes
    self.isMove = memory.make(isMove)
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
    offSt = memory.make(repeating: 0, count: nT * nD)
    auxSt = memory.make(repeating: 0, count: nT * nD)
    presentOff = memory.make(repeating: 0, count: nT * nD)
    zonedCnt = memory.make(repeating: 0, count: nZ * nD)
    deptCost = memory.make(repeating: 0, count: nD)
    deptFlow = memory.make(repeating: 0, count: nD)
    committedArc = memory.make(repeating: 0, count: nD * zTown.count)
    zoneValue = memory.make(repeating: 0, count: nD * nZ)
    flow = SplitScratch(memory: memory, towns: nT, zones: nZ, arcs: zTown.count)
    certP = memory.make(repeating: 0, count: nT)
    legalP = memory.make(repeating: 0, count: nT)
    head = memory.make(repeating: 0, count: nT)
    presence = memory.make(repeating: 0, count: nT)
    unmet = memory.make(repeating: 0, count: nT * nD)
    pairCost = memory.make(repeating: 0, count: nT * nD)
    townCost = memory.make(repeating: 0, count: nT)
    share = memory.make(repeating: 0, count: nT)
    pairSum = memory.make(repeating: 0, count: nT)
    unmetSum = memory.make(repeating: 0, count: nT)
    rng = SplitMix64(seed: seed ^ 0xDE91_0A7E_5EC0_0002)
    affected = memory.make(repeating: 0, count: max(1, nT))
    reset()
  }

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
    for d in 0..<nD { refreshDepartment(d) }
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
    return c
  }

  /// Auxiliaries of pair k (`t * nD + d`) beyond what its present officers
  /// may lead (`Policy.auxiliariesPerOfficer`): units of "auxiliaries never alone".
  @inline(__always)
  func auxiliariesAlone(_ k: Int) -> Int {
    guard auxNeedOfficer else { return 0 }
    let aux = auxSt[k]
    guard aux > 0 else { return 0 }
    let officers = presentOff[k]
    return officers == 0 ? aux : max(0, aux - auxRatio * officers)
  }

  /// Units of every town-level hard rule town t breaks now: `ruleUnits` and
  /// auxiliaries alone in any of its departments.
  func brokenUnits(_ t: Int) -> Int {
    var units = ruleUnits(t)
    for d in 0..<nD { units += auxiliariesAlone(t * nD + d) }
    return units
  }

  /// Units of town t's rules broken (two-certified, legal access, desks) for the current counts.
  @inline(__always)
  func ruleUnits(_ t: Int) -> Int {
    var rule = 0
    if minCert > 0, presence[t] > 0 { rule += max(0, minCert - certP[t]) }
    if minLegal > 0 { rule += max(0, minLegal - legalP[t]) }
    if deskOn { rule += max(0, head[t] - desk[t]) }
    return rule
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

  func movesExcess(_ count: Int) -> Double {
    guard let limit = policy.maxMoves else { return 0 }
    return Double(max(0, count - limit))
  }

  func computeTotal() -> Double {
    var s = 0.0
    for t in 0..<nT { s += townCost[t] }
    for d in 0..<nD { s += deptCost[d] }
    var person = 0.0
    for p in 0..<nP where choice[p] >= 0 { person += personCost[p * nO + choice[p]] }
    return s + person + imbalanceWeight * maxShare + hardPenalty * movesExcess(moves)
  }

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
  /// the touched towns' coverage and rules (not the department's unmet demand).
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
    affectedCount = 0
    addAffected(old)
    addAffected(new)
    let before = affectedCost()
    let base0 = d >= 0 ? stationBases(d, old, new) : 0
    if old >= 0 { applyCounts(p, old, -1) }
    applyCounts(p, new, 1)
    var after = 0.0
    for i in 0..<affectedCount { after += townCostNow(affected[i], d, -1) }
    let newMoves = moves - moveFlag(p, old) + moveFlag(p, new)
    var v = after - before + personTerm(p, new) - personTerm(p, old)
      + hardPenalty * (movesExcess(newMoves) - movesExcess(moves))
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
    let origMoves = moves
    let movesBase = moves - moveFlag(p, old)
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
      if policy.maxMoves != nil {
        v += hardPenalty * (movesExcess(movesBase + moveFlag(p, c)) - movesExcess(origMoves))
      }
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
    applyCounts(p, code, -1)
    return after - before + unmetChange
  }

  /// Change of the penalised objective if p and q traded postings; as
  /// `deltaMove`, possibly only a lower bound when that is above `cutoff`.
  mutating func deltaSwap(_ p: Int, _ q: Int, cutoff: Double = .infinity) -> Double {
    let a = choice[p]
    let b = choice[q]
    if personClass[p] == personClass[q] {
      // Same department, role, certificate and legal background: the towns
      // see no difference, only the two people's own terms change.
      let newMoves = moves - moveFlag(p, a) - moveFlag(q, b) + moveFlag(p, b) + moveFlag(q, a)
      return personTerm(p, b) + personTerm(q, a) - personTerm(p, a) - personTerm(q, b)
        + hardPenalty * (movesExcess(newMoves) - movesExcess(moves))
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
    let newMoves = moves - moveFlag(p, a) - moveFlag(q, b) + moveFlag(p, b) + moveFlag(q, a)
    let rest = after - before + personTerm(p, b) + personTerm(q, a) - personTerm(p, a)
      - personTerm(q, b) + hardPenalty * (movesExcess(newMoves) - movesExcess(moves))
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
    if imbalanceWeight != 0 { maxShare = computeMaxShare() }
    if let delta { total += delta } else { total = computeTotal() }
  }

  // MARK: - Construction

  /// Builds the starting roster: regret construction, and the current roster
  /// (completed by regret) when people have one; keeps the cheaper.
  mutating func construct(deadline: SearchDeadline = .none) {
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

  /// Each person's posting code in `roster` (−1: unassigned or unknown).
  func codes(of roster: [String: Posting]) -> [Int] {
    district.people.map { person in
      switch roster[person.id] {
      case .stationed(let t)?: district.townIndex[t] ?? -1
      case .zoned(let z)?: district.zoneIndex[z].map { nT + $0 } ?? -1
      default: -1
      }
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
  mutating func regretConstruction(startFromCurrent: Bool, deadline: SearchDeadline = .none) {
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
    // The towns see only a person's class, so a placement is evaluated once
    // per (class, posting) and kept until a commit can change it: one that
    // touches a town of the posting (the town-level rules there), or one of
    // the class's department (its coverage and unmet demand). With imbalance
    // weighed every commit can change every placement.
    let classes = (personClass.max() ?? 0) + 1
    var known = [Bool](repeating: false, count: classes * nO)
    var classDelta = [Double](repeating: 0, count: classes * nO)
    var classDept = [Int](repeating: -1, count: classes)
    for p in 0..<nP { classDept[personClass[p]] = dept[p] }
    let overlapping: [[Int]] = (0..<nO).map { c in
      let here = Set(c < nT ? [c] : zoneTowns[c - nT])
      return (0..<nO).filter { c2 in
        c2 < nT ? here.contains(c2) : zoneTowns[c2 - nT].contains { here.contains($0) }
      }
    }
    func forget(after code: Int, department d: Int) {
      if imbalanceWeight != 0 {
        for i in known.indices { known[i] = false }
        return
      }
      for k in 0..<classes where classDept[k] == d {
        for c in 0..<nO { known[k * nO + c] = false }
      }
      for c in overlapping[code] {
        for k in 0..<classes { known[k * nO + c] = false }
      }
    }
    let officers = movable.filter { officer[$0] && choice[$0] < 0 }
    let auxiliaries = movable.filter { !officer[$0] && choice[$0] < 0 }
    for group in [officers, auxiliaries] {
      var pending = group
      while !pending.isEmpty {
        if deadline.passed {
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
        for (i, p) in pending.enumerated() {
          var best = Double.infinity
          var second = Double.infinity
          var bestCode = -1
          let k = personClass[p] * nO
          for c in allowed[p] {
            if !known[k + c] {
              known[k + c] = true
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
        if pickCode >= 0 { forget(after: pickCode, department: dept[p]) }
      }
    }
    total = computeTotal()
  }

  /// Mends the towns that break a town-level hard rule (certified or legal
  /// officers, desks, auxiliaries alone) after construction: for each such
  /// town, the single move that lowers the penalised objective most among
  /// the people posted there moving elsewhere and the officers it lacks
  /// (certified, legal, of a department whose auxiliaries are alone) moving
  /// into a posting that covers it. A move may push a break to another
  /// town, whose turn then comes; passes repeat while a move pays. The first
  /// pass runs even past `deadline` (0.01-0.5 s on the generated 500- and
  /// 1,000-town districts); later passes stop at it. Construction past its
  /// deadline places people without weighing each other, and the
  /// annealing's random moves rarely hit the few people who can mend a town.
  mutating func repairTowns(deadline: SearchDeadline) {
    guard !movable.isEmpty else { return }
    let pays = -1e-7
    var covering = [[Int]](repeating: [], count: nT)
    for t in 0..<nT { covering[t].append(t) }
    for z in 0..<nZ {
      for t in zoneTowns[z] { covering[t].append(nT + z) }
    }
    var improved = true
    var firstPass = true
    while improved {
      improved = false
      for t in 0..<nT where brokenUnits(t) > 0 {
        if !firstPass, deadline.passed { break }
        // Who can mend it from outside: officers of the kind the town lacks.
        let lacksCertified = minCert > 0 && presence[t] > 0 && certP[t] < minCert
        let lacksLegal = minLegal > 0 && legalP[t] < minLegal
        let leadersFor = (0..<nD).map { auxiliariesAlone(t * nD + $0) > 0 }
        var best = pays
        var bestPerson = -1
        var bestCode = -1
        for p in movable {
          let here = choice[p]
          if here >= 0, covering[t].contains(here) {
            let (code, delta) = bestMove(p, eps: -pays)
            if code >= 0, delta < best {
              best = delta
              bestPerson = p
              bestCode = code
            }
            continue
          }
          guard
            (lacksCertified && certified[p]) || (lacksLegal && legal[p])
              || (officer[p] && dept[p] >= 0 && leadersFor[dept[p]])
          else { continue }
          for c in covering[t] where allowedMask[p * nO + c] {
            let delta = deltaMove(p, to: c, cutoff: best)
            if delta < best {
              best = delta
              bestPerson = p
              bestCode = c
            }
          }
        }
        if bestPerson >= 0 {
          commit(bestPerson, bestCode, delta: best)
          improved = true
        }
      }
      firstPass = false
    }
    resync()
  }

  // MARK: - Local search

  /// One descent to a local optimum over moves and swaps. Returns false when the deadline passed.
  mutating func descend(deadline: SearchDeadline) -> Bool {
    let eps = 1e-7
    var order = movable
    while true {
      var improved = false
      if deadline.passed { return false }
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
        // The swap pass is quadratic in people: look at the clock as it goes.
        if x & 63 == 0, deadline.passed {
          resync()
          return false
        }
        let p = order[x]
        for y in (x + 1)..<order.count {
          let q = order[y]
          let a = choice[p]
          let b = choice[q]
          guard a != b, a >= 0, b >= 0, allowedMask[p * nO + b], allowedMask[q * nO + a] else { continue }
          let v = deltaSwap(p, q, cutoff: -eps)
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
  mutating func improve(steps: Int, deadline: SearchDeadline) -> (steps: Int, hitTime: Bool) {
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
  mutating func anneal(steps: Int, deadline: SearchDeadline) -> (steps: Int, hitTime: Bool) {
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
        if deadline.passed {
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
        // Accepted when Δ < −T ln u, i.e. u < exp(−Δ/T) (always when Δ ≤ 0).
        let cutoff = -temperature * log(max(unit(), 0x1p-60))
        let delta = deltaMove(p, to: c, cutoff: cutoff)
        if delta <= 0 || delta < cutoff {
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
        let cutoff = -temperature * log(max(unit(), 0x1p-60))
        let delta = deltaSwap(p, q, cutoff: cutoff)
        if delta <= 0 || delta < cutoff {
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
    let dp = dept[p]
    let dq = dept[q]
    let sameCounts = dp == dq && officer[p] == officer[q]
    let baseP = dp >= 0 ? stationBases(dp, a, b) : 0
    let baseQ = dq >= 0 ? stationBases(dq, a, b) : 0
    apply(p, a, -1)
    apply(q, b, -1)
    apply(p, b, 1)
    apply(q, a, 1)
    personSum += personCost[p * nO + b] + personCost[q * nO + a] - personCost[p * nO + a]
      - personCost[q * nO + b]
    moves += moveFlag(p, b) + moveFlag(q, a) - moveFlag(p, a) - moveFlag(q, b)
    choice[p] = b
    choice[q] = a
    if !sameCounts {
      if dp >= 0 { refreshDepartment(dp, a, b, base0: baseP) }
      if dq >= 0 && dq != dp { refreshDepartment(dq, a, b, base0: baseQ) }
    }
    if imbalanceWeight != 0 { maxShare = computeMaxShare() }
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
    let allDemand = townDemand.array().reduce(0, +)
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

/// Scratch space of the split flow (`DeploymentSearch.splitFlow`),
/// sized once for the district.
struct SplitScratch {
  /// Per town: demand of the department not yet met (valid where `reached[t] == evaluation`).
  let rem: Buf<Double>
  let reached: Buf<Int>
  /// Per zone: zoned time not yet given to a town.
  let spare: Buf<Double>
  /// Per zone-town arc: time the zone gives the town beyond its zone visits.
  let arcFlow: Buf<Double>
  /// Per zone-town arc: the unmet demand the zone visits there meet.
  let visitTake: Buf<Double>
  /// Zones with zoned officers of the department being evaluated: `active[0..<activeCount]`.
  let active: Buf<Int>
  var activeCount = 0
  /// `activeMark[z] == evaluation` when zone z is active in the current evaluation.
  let activeMark: Buf<Int>
  /// Counts the evaluations (starts at 1, so no mark matches before the first).
  var evaluation = 1
  // Breadth-first search of augmenting paths: stamps mark what one search saw.
  var stamp = 0
  let townSeen: Buf<Int>
  let zoneSeen: Buf<Int>
  /// The arc by which a town was reached.
  let townFrom: Buf<Int>
  /// The arc a zone was reached back along (−1: a source zone).
  let zoneFrom: Buf<Int>
  /// Zones to search from (`queue[0..<queueCount]`).
  let queue: Buf<Int>
  /// The zones `splitFlowChange` solves again: `piece[0..<count]`, marked `inPiece[z] == evaluation`.
  let piece: Buf<Int>
  let inPiece: Buf<Int>
  var pieceCount = 0
  /// Towns the active zones reach: `reachedTown[0..<reachedCount]`.
  let reachedTown: Buf<Int>
  var reachedCount = 0

  init(memory: SearchMemory, towns: Int, zones: Int, arcs: Int) {
    rem = memory.make(repeating: 0, count: towns)
    reached = memory.make(repeating: 0, count: towns)
    spare = memory.make(repeating: 0, count: zones)
    arcFlow = memory.make(repeating: 0, count: arcs)
    visitTake = memory.make(repeating: 0, count: arcs)
    active = memory.make(repeating: 0, count: zones)
    activeMark = memory.make(repeating: 0, count: zones)
    townSeen = memory.make(repeating: 0, count: towns)
    zoneSeen = memory.make(repeating: 0, count: zones)
    townFrom = memory.make(repeating: -1, count: towns)
    zoneFrom = memory.make(repeating: -1, count: zones)
    queue = memory.make(repeating: 0, count: zones)
    reachedTown = memory.make(repeating: 0, count: towns)
    piece = memory.make(repeating: 0, count: zones)
    inPiece = memory.make(repeating: 0, count: zones)
  }
}
