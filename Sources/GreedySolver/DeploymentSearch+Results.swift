import Foundation
import SecondmentDomain

/// The roster, its objective and the greedy's bound.
extension DeploymentSearch {
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
    var responseSum = 0.0
    var responseWorst = 0.0
    var answered = 0
    for d in 0..<nD {
      let calls = whistle(d)
      responseSum += calls.minutes
      responseWorst = max(responseWorst, calls.worst)
      answered += calls.answered
    }
    let w = weights
    let measures = RosterMeasures(
      uncoveredPairs: uncovered, unmetDemandFTE: unmetTotal, pilotUnmetDemandFTE: unmetPilot,
      travelMinutes: travel, moves: moveCount, preferenceMisses: misses, imbalance: imbalance,
      responseMinutes: responseSum, worstResponseMinutes: responseWorst,
      meanResponseMinutes: answered > 0 ? responseSum / Double(answered) : 0)
    let objective = ObjectiveBreakdown(
      uncoveredPairs: Double(uncovered) * w.uncoveredPair,
      unmetDemand: (unmetTotal - unmetPilot) * w.unmetDemand + unmetPilot * w.pilotUnmetDemand,
      travel: travel * w.travelMinute,
      moves: Double(moveCount) * w.move,
      preferenceMisses: Double(misses) * w.preferenceMiss,
      imbalance: imbalance * w.imbalance, response: responseSum * w.responseMinute)
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
