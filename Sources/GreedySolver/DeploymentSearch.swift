// The search's indexed data and state. Its concerns live in extensions:
// the state's caches (+State), unmet demand under the best split (+Split),
// move pricing and commits (+Moves), construction and the town repair
// (+Construction), descent and annealing (+LocalSearch), the roster and the
// bound (+Results). `init` stays one long function (about 250 lines): it
// fills some 70 `let` buffers the hot loop reads without indirection, and
// Swift initialises stored constants only in the initialiser itself.

import Foundation
import MIPModel
import Randomness
import SecondmentDomain

/// The deployment greedy's engine: indexed data, incremental state, construction
/// and local search. Every cost follows `docs/rules.md`; town-level hard rules
/// enter as a heavy penalty per unit broken so the search repairs them first.
///
/// A posting is coded as an integer: `0..<towns` is "stationed at town",
/// `towns..<towns + zones` is "zoned to zone". Trial moves change the
/// integer counts, price the touched towns and departments from them, and
/// undo; only commits update the cached costs. Running totals are kept by
/// differences and recomputed exactly by `resync` (every `resyncSteps` annealing steps).
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
  /// Whether [response-time] is on or response minutes are priced: then each
  /// department's calls are priced (`whistle`, `deptWhistle`).
  let whistleOn: Bool
  /// `Policy.responseMinutes` (infinite: off) and `ObjectiveWeights.responseMinute`.
  let responseLimit: Double
  let responseWeight: Double
  /// Towns by travel minutes from town t, nearest first (t itself first):
  /// `nearTown[t * nT ..< (t + 1) * nT]`, with their minutes in `nearMinutes`.
  let nearTown: Buf<Int>
  let nearMinutes: Buf<Double>
  /// Whether [joint-inspection] needs an officer of d at t: `jointNeed[t * nD + d]`.
  let jointNeed: Buf<Bool>

  // People.
  let dept: Buf<Int>
  let officer: Buf<Bool>
  let certified: Buf<Bool>
  let legal: Buf<Bool>
  /// Posting codes each person may take (only the pin for a pinned person).
  let allowed: [[Int]]
  /// One past p's highest allowed code when p may take at least half of the
  /// codes below it (every posting but a few, or every town but a few), else
  /// 0: `allowedSpan[p]`. The annealing draws a code below it and keeps it
  /// when `allowedMask` allows it, which reads one bit of a table that stays
  /// in cache instead of `allowed[p]`, a cache miss on large districts.
  let allowedSpan: Buf<Int>
  /// Whether the moves rule (`Policy.maxMoves`) is on: only then do the
  /// trial moves count moves.
  let movesLimited: Bool
  // Per person and posting, flat at [p * nO + code]:
  /// Whether p may take the posting.
  let allowedMask: BitTable
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
  /// The officers among them, per department: `movableOfficers[d]`.
  let movableOfficers: [[Int]]
  /// Everyone among them, per department (`movableByDepartment[d]`), and
  /// at `nD` those of no department: the annealing's swap partners.
  let movableByDepartment: [[Int]]

  // State.
  var choice: [Int]
  let offSt: Buf<Int>
  let auxSt: Buf<Int>
  let presentOff: Buf<Int>
  let zonedCnt: Buf<Int>
  /// Department d's calls priced (`whistle`): hard penalty per pair answered
  /// late or not at all, plus the weighted response minutes.
  let deptWhistle: Buf<Double>
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
  var rng: SeededRandom
  /// Towns a trial touches: `affected[0..<affectedCount]`.
  let affected: Buf<Int>
  var affectedCount = 0

  /// The solver of the departments' coverage models (`coverageByModel`); nil: none.
  var coverageSolver: (any Solver)?
  /// The count of uncovered pairs at which each department's coverage model
  /// was last solved (it is solved again only when that count changes).
  var coverageTried: [Int: Int] = [:]

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
    uncoveredWeight = policyWeights.uncoveredPair
    imbalanceWeight = policyWeights.imbalance
    maxUnmetWeight =
      min(policyWeights.pilotUnmetDemand, policyWeights.unmetDemand, policyWeights.imbalance) < 0
      ? .infinity : max(0, policyWeights.pilotUnmetDemand, policyWeights.unmetDemand)
    let w = policyWeights
    let biggest = [
      w.uncoveredPair, w.unmetDemand, w.pilotUnmetDemand, w.move, w.preferenceMiss, w.imbalance,
      w.travelMinute * 1000, w.responseMinute * 1000,
    ].map(abs).max() ?? 0
    hardPenalty = max(1e5, 100 * biggest)
    responseLimit = district.policy.responseMinutes.map { $0 + ResponseTimeRule.tolerance } ?? .infinity
    responseWeight = w.responseMinute
    whistleOn = district.policy.responseMinutes != nil || w.responseMinute > 0
    var nearTown: [Int] = []
    var nearMinutes: [Double] = []
    for t in 0..<nT {
      let column = district.minutes.map { $0[t] }
      let order = (0..<nT).sorted { a, b in
        if column[a] != column[b] { return column[a] < column[b] }
        if (a == t) != (b == t) { return a == t }
        return a < b
      }
      nearTown += order
      nearMinutes += order.map { column[$0] }
    }
    self.nearTown = memory.make(nearTown)
    self.nearMinutes = memory.make(nearMinutes)
    var jointNeed = [Bool](repeating: false, count: nT * nD)
    for need in JointInspectionRule.needs(in: district) { jointNeed[need.town * nD + need.department] = true }
    self.jointNeed = memory.make(jointNeed)

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
      let facts = PostingRules.Facts(person, in: district)
      let current = code(person.currentPosting)
      let preferred = Set(person.preferredTowns.compactMap { district.townIndex[$0] })
      let pin = person.pinned.flatMap { code($0) }
      for c in 0..<nO {
        move[c] = person.currentPosting != nil && c != current
        if !person.preferredTowns.isEmpty {
          let here = c < nT ? [c] : zoneTowns[c - nT]
          miss[c] = !here.contains { preferred.contains($0) }
        }
        broken[c] = PostingRules.broken(
          slot: c, facts: facts, avoidsTown: c < nT && homeAvoids[c], townCount: nT, policy: policy
        ).count
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
    allowedSpan = memory.make(allowed.map { options in
      let span = (options.max() ?? -1) + 1
      return span > 0 && 2 * options.count >= span ? span : 0
    })
    movesLimited = policy.maxMoves != nil
    self.allowedMask = memory.bits(allowedMask)
    self.personCost = memory.make(personCost)
    self.travelMinutes = travelMinutes
    self.isMove = memory.make(isMove)
    self.isMiss = isMiss
    self.movable = movable
    movableByDepartment = (0...nD).map { d in movable.filter { (dept[$0] < 0 ? nD : dept[$0]) == d } }
    movableOfficers = movableByDepartment.prefix(nD).map { $0.filter { people[$0].isOfficer } }
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
    deptWhistle = memory.make(repeating: 0, count: nD)
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
    rng = SeededRandom(seed: seed ^ 0xDE91_0A7E_5EC0_0002)
    affected = memory.make(repeating: 0, count: max(1, nT))
    reset()
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
