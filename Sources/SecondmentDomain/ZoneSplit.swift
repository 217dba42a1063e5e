/// How one zoned officer's working time is divided over the zone's towns:
/// town id to FTE.
///
/// The values are ≥ 0, name only towns of the zone, and add up to at most
/// `District.zonedOfficerFTE` (1 − `zoneTravelOverhead`); time not given to
/// any town is spare. `docs/rules.md` (Capacity) defines it.
public typealias ZoneSplit = [String: Double]

extension District {
  /// FTE one zoned officer has to divide over the zone's towns: 1 − `zoneTravelOverhead`.
  public var zonedOfficerFTE: Double { 1 - policy.zoneTravelOverhead }

  /// The split a zoned officer gets when a roster gives none: for each
  /// department, the zoned officers' time goes where it leaves the least
  /// weighted unmet demand (pilot towns first when they weigh more).
  ///
  /// Demand left after stationed officers, auxiliaries and the `given` splits
  /// is the residual; the zones' officers are a flow from zones to the
  /// residuals of their towns. Maximising the flow into the heavier-weighted
  /// towns first and then into the rest is optimal for the weighted unmet
  /// demand (the reachable inflows form a polymatroid, where greedy by weight
  /// is exact). Within a zone, officers take the flow in instance order, each
  /// up to `zonedOfficerFTE`. Returns a split for every zoned officer not in
  /// `given` (possibly empty, when nothing is left to cover); auxiliaries and
  /// unknown zones get none. The imbalance term is not considered.
  public func bestSplits(
    for postings: [String: Posting], given: [String: ZoneSplit] = [:]
  ) -> [String: ZoneSplit] {
    let nT = towns.count
    let capacity = zonedOfficerFTE
    // Officers to split, per department and zone, in instance order.
    var open: [Int: [Int: [Int]]] = [:]
    var residual = Array(repeating: [Double](repeating: 0, count: nT), count: departments.count)
    for (t, town) in towns.enumerated() {
      for (d, department) in departments.enumerated() {
        residual[d][t] = town.demand(of: department.id)
      }
    }
    for (p, person) in people.enumerated() {
      guard let d = departmentIndex[person.department], let posting = postings[person.id]
      else { continue }
      switch posting {
      case .stationed(let town):
        guard let t = townIndex[town] else { continue }
        residual[d][t] -= person.isOfficer ? 1 : policy.auxiliaryFTE
      case .zoned(let zone):
        guard person.isOfficer, let z = zoneIndex[zone] else { continue }
        if let split = given[person.id] {
          for (town, fte) in split {
            if let t = townIndex[town], zones[z].towns.contains(town) { residual[d][t] -= fte }
          }
        } else {
          open[d, default: [:]][z, default: []].append(p)
        }
      case .unassigned:
        continue
      }
    }
    let weights = policy.weights
    var levels = [(weights.pilotUnmetDemand, true), (weights.unmetDemand, false)]
    if weights.pilotUnmetDemand < weights.unmetDemand { levels.reverse() }

    var result: [String: ZoneSplit] = [:]
    for (d, byZone) in open.sorted(by: { $0.key < $1.key }) {
      let zoneList = byZone.keys.sorted()
      let zoneTowns = zoneList.map { zones[$0].towns.compactMap { townIndex[$0] } }
      // Zone visits come first: each officer's minimum at each town with demand.
      var free: [Double] = []
      for (i, z) in zoneList.enumerated() {
        let officers = Double(byZone[z]?.count ?? 0)
        let visits = visitTowns(zoneTowns[i], department: d)
        for t in visits { residual[d][t] -= officers * policy.minZonedShare }
        free.append(max(0, officers * (capacity - Double(visits.count) * policy.minZonedShare)))
      }
      var network = SplitFlow(
        supplies: free, demands: residual[d].map { max(0, $0) }, reach: zoneTowns)
      var sinks = [Bool](repeating: false, count: nT)
      for (_, pilotLevel) in levels {
        for t in 0..<nT where towns[t].pilot == pilotLevel { sinks[t] = true }
        network.maximise(into: sinks)
      }
      for (i, z) in zoneList.enumerated() {
        let officers = byZone[z] ?? []
        let visits = Set(visitTowns(zoneTowns[i], department: d))
        let shares = handOut(
          zoneTowns[i].map {
            network.flow(zone: i, town: $0)
              + (visits.contains($0) ? Double(officers.count) * policy.minZonedShare : 0)
          }, over: zoneTowns[i], department: d, to: officers.map { people[$0].id })
        result.merge(shares) { a, _ in a }
      }
    }
    // Zoned officers of departments with nothing to split still get an (empty) split.
    for person in people where person.isOfficer && given[person.id] == nil {
      if case .zoned(let zone) = postings[person.id], zoneIndex[zone] != nil,
        result[person.id] == nil
      {
        result[person.id] = [:]
      }
    }
    return result
  }
}

extension District {
  /// The towns (indices) of a zone that department `d` has demand in: each
  /// gets its zone visit, `policy.minZonedShare` from every zoned officer of d.
  public func visitTowns(_ towns: [Int], department d: Int) -> [Int] {
    guard policy.minZonedShare > 0, d >= 0, d < departments.count else { return [] }
    let id = departments[d].id
    return towns.filter { self.towns[$0].demand(of: id) > 0 }
  }

  /// Hands the FTE department `d`'s zoned officers give each town (`fte[j]`
  /// for town index `towns[j]`, the zone's order) to the officers in the
  /// order given: first every officer's zone visit (`policy.minZonedShare`
  /// at each town with demand), then the rest, each officer taking up to
  /// `zonedOfficerFTE` in all, the first officer's time to the first towns.
  /// Amounts below 1e-9 FTE are dropped.
  public func handOut(_ fte: [Double], over towns: [Int], department d: Int, to officers: [String])
    -> [String: ZoneSplit]
  {
    let visits = Set(visitTowns(towns, department: d))
    let share = policy.minZonedShare
    var left = fte
    for (j, t) in towns.enumerated() where visits.contains(t) {
      left[j] = max(0, left[j] - Double(officers.count) * share)
    }
    var result: [String: ZoneSplit] = [:]
    for id in officers {
      var split: ZoneSplit = [:]
      for t in towns where visits.contains(t) { split[self.towns[t].id] = share }
      var room = zonedOfficerFTE - Double(visits.count) * share
      for (j, t) in towns.enumerated() where left[j] > 1e-9 && room > 1e-9 {
        let take = min(left[j], room)
        split[self.towns[t].id, default: 0] += take
        left[j] -= take
        room -= take
      }
      result[id] = split
    }
    return result
  }
}

/// A small flow network for `District.bestSplits`: zones (sources with
/// supply) to the towns they reach (sinks with demand), augmented along
/// shortest paths (Edmonds–Karp) on real capacities.
struct SplitFlow {
  private let supplies: [Double]
  private let demands: [Double]
  private let reach: [[Int]]
  /// flows[z][j]: flow from zone z to its j-th town.
  private var flows: [[Double]]
  private var sent: [Double]
  private var received: [Double]

  init(supplies: [Double], demands: [Double], reach: [[Int]]) {
    self.supplies = supplies
    self.demands = demands
    self.reach = reach
    flows = reach.map { [Double](repeating: 0, count: $0.count) }
    sent = [Double](repeating: 0, count: supplies.count)
    received = [Double](repeating: 0, count: demands.count)
  }

  func flow(zone: Int, town: Int) -> Double {
    guard let j = reach[zone].firstIndex(of: town) else { return 0 }
    return flows[zone][j]
  }

  /// Augments until no zone with supply left can reach a sink town with demand left.
  mutating func maximise(into sinks: [Bool]) {
    let eps = 1e-12
    while true {
      // Breadth-first search over towns, from every zone with supply left.
      // A town is entered from a zone (forward arc); a zone is entered from a
      // town it already sends flow to (backward arc).
      var zoneFrom = [Int?](repeating: nil, count: supplies.count)  // previous town
      var townFrom = [Int?](repeating: nil, count: demands.count)  // previous zone
      var zoneSeen = [Bool](repeating: false, count: supplies.count)
      var townSeen = [Bool](repeating: false, count: demands.count)
      var queue: [Int] = []
      for z in supplies.indices where supplies[z] - sent[z] > eps {
        zoneSeen[z] = true
        queue.append(z)
      }
      var head = 0
      var found: Int?
      search: while head < queue.count {
        let z = queue[head]
        head += 1
        for t in reach[z] where !townSeen[t] {
          townSeen[t] = true
          townFrom[t] = z
          if sinks[t] && demands[t] - received[t] > eps {
            found = t
            break search
          }
          for z2 in supplies.indices where !zoneSeen[z2] {
            if let j = reach[z2].firstIndex(of: t), flows[z2][j] > eps {
              zoneSeen[z2] = true
              zoneFrom[z2] = t
              queue.append(z2)
            }
          }
        }
      }
      guard let sink = found else { return }
      // Bottleneck along the path back to a source zone.
      var amount = demands[sink] - received[sink]
      var t = sink
      while let z = townFrom[t] {
        if let back = zoneFrom[z] {
          amount = min(amount, flows[z][reach[z].firstIndex(of: back)!])
          t = back
        } else {
          amount = min(amount, supplies[z] - sent[z])
          break
        }
      }
      // Push it.
      t = sink
      received[sink] += amount
      while let z = townFrom[t] {
        flows[z][reach[z].firstIndex(of: t)!] += amount
        if let back = zoneFrom[z] {
          flows[z][reach[z].firstIndex(of: back)!] -= amount
          t = back
        } else {
          sent[z] += amount
          break
        }
      }
    }
  }
}
