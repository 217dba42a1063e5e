import Foundation
import SecondmentDomain

/// The starting roster: regret construction, loading a roster, and the town repair.
extension DeploymentSearch {
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
    // The postings over each of c's towns, in code order.
    let overlapping: [[Int]] = (0..<nO).map { c in
      Set(towns(of: c).flatMap { postingsOver($0) }).sorted()
    }
    // Returns, for the postings overlapping `code` (entry i * classes + k),
    // what each class's value was and whether it was known before (none
    // with imbalance weighed): what `keepsScan` compares with. The
    // committed department's classes read as unknown, their people are
    // scanned again anyway.
    func forget(after code: Int, department d: Int) -> [(known: Bool, delta: Double)] {
      if imbalanceWeight != 0 {
        for i in known.indices { known[i] = false }
        return []
      }
      for k in 0..<classes where classDept[k] == d {
        for c in 0..<nO { known[k * nO + c] = false }
      }
      var before: [(known: Bool, delta: Double)] = []
      before.reserveCapacity(overlapping[code].count * classes)
      for c in overlapping[code] {
        for k in 0..<classes {
          before.append((known[k * nO + c], classDelta[k * nO + c]))
          known[k * nO + c] = false
        }
      }
      return before
    }
    // Each pending person's best and second-best placement values and best
    // posting, as of the last scan of all their postings; a commit voids
    // them when it may change that scan's outcome (`keepsScan`), so each
    // step rescans the committed department's people and few others. The
    // rosters are the same; on a generated 500-town district construction
    // took 56% of a 10 s run with a scan per person and step, 32% with this.
    var scanBest = [Double](repeating: .infinity, count: nP)
    var scanSecond = [Double](repeating: .infinity, count: nP)
    var scanCode = [Int](repeating: -1, count: nP)
    var scanned = [Bool](repeating: false, count: nP)
    // With imbalance or max-moves weighed every commit can change every value.
    let everyCommitChangesAll = imbalanceWeight != 0 || movesLimited
    /// Whether `q`'s scan still holds after a commit at `code` changed the
    /// values of postings overlapping it (`before`: their class values and
    /// whether they were known, before the commit: `forget`): a value that was and
    /// stays above the second best by more than the tolerance changes
    /// neither the best posting nor the regret.
    func keepsScan(_ q: Int, code: Int, before: [(known: Bool, delta: Double)]) -> Bool {
      let k = personClass[q]
      for (i, c) in overlapping[code].enumerated() where allowedMask[q * nO + c] {
        let old = before[i * classes + k]
        guard old.known else { return false }
        if !known[k * nO + c] {
          known[k * nO + c] = true
          classDelta[k * nO + c] = placementTownDelta(q, c)
        }
        let limit = scanSecond[q] + 1e-9 - personCost[q * nO + c]
        if old.delta <= limit || classDelta[k * nO + c] <= limit { return false }
      }
      return true
    }
    /// `p`'s best and second-best placement values over all its postings, and the best posting.
    func scan(_ p: Int) -> (best: Double, second: Double, code: Int) {
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
        // The rule's test here, not inside a call: a call from this nested
        // function copies the whole search (four times the construction's time).
        if movesLimited { v += movesPenalty(adding: moveFlag(p, c)) }
        if v < best - 1e-9 {
          second = best
          best = v
          bestCode = c
        } else if v < second {
          second = v
        }
      }
      return (best, second, bestCode)
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
          if !scanned[p] {
            (scanBest[p], scanSecond[p], scanCode[p]) = scan(p)
            scanned[p] = true
          }
          let (best, second, bestCode) = (scanBest[p], scanSecond[p], scanCode[p])
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
        guard pickCode >= 0 else { continue }
        let before = forget(after: pickCode, department: dept[p])
        for q in pending where scanned[q] {
          if everyCommitChangesAll || dept[q] == dept[p] || !keepsScan(q, code: pickCode, before: before) {
            scanned[q] = false
          }
        }
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
    var improved = true
    var firstPass = true
    while improved {
      improved = false
      for t in 0..<nT where brokenUnits(t) > 0 {
        if !firstPass, deadline.passed { break }
        // Who can mend it from outside: officers of the kind the town lacks.
        let lacksCertified =
          (TownPresenceRules.certifiedRow(
            certified: Double(certP[t]), present: presence[t] > 0 ? 1 : 0, policy: policy)?
            .unitsBroken ?? 0) > 0
        let lacksLegal =
          (TownPresenceRules.legalRow(legal: Double(legalP[t]), policy: policy)?.unitsBroken ?? 0) > 0
        let leadersFor = (0..<nD).map { auxiliariesAlone(t * nD + $0) > 0 }
        let over = postingsOver(t)
        var best = pays
        var bestPerson = -1
        var bestCode = -1
        for p in movable {
          let here = choice[p]
          if here >= 0, over.contains(here) {
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
          for c in over where allowedMask[p * nO + c] {
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
}
