import MIPModel
import SecondmentDomain

extension DeploymentFormulation {
  /// The model's point for a roster (a warm start, e.g. the greedy's roster):
  /// class counts from the postings, every other variable at the value the
  /// roster implies. Nil when a person's posting is not one of their class's
  /// candidates (a rule the model enforces by leaving the posting out is broken).
  /// Zoned officers missing from `splits` get `District.bestSplits`.
  public func point(
    for roster: [String: Posting], splits: [String: ZoneSplit] = [:]
  ) -> [Double]? {
    var values = [Double](repeating: 0, count: model.variables.count)
    // People per class and posting index, where the posting is a candidate.
    var taken = [[Int: Double]](repeating: [:], count: classes.count)
    for (c, cls) in classes.enumerated() {
      var byPosting: [Posting: Int] = [:]
      for option in classOptions[c] { byPosting[postings[option.posting]] = option.posting }
      for i in cls.members {
        guard let posting = roster[district.people[i].id], let k = byPosting[posting] else {
          return nil
        }
        taken[c][k, default: 0] += 1
      }
      for cand in candidates[c] { values[cand.variable.index] = taken[c][cand.posting] ?? 0 }
    }
    for (g, members) in groups.enumerated() where members.count > 1 {
      for (k, z) in groupHeadcounts[g] {
        values[z.index] = members.reduce(0.0) { $0 + (taken[$1][k] ?? 0) }
      }
    }
    let policy = district.policy
    let allSplits = splits.merging(district.bestSplits(for: roster, given: splits)) { a, _ in a }
    var given: [Int: [Int: [Int: Double]]] = [:]  // zone → department → town → FTE
    for person in district.people where person.isOfficer {
      guard case .zoned(let id) = roster[person.id], let z = district.zoneIndex[id],
        let d = district.departmentIndex[person.department], let split = allSplits[person.id]
      else { continue }
      for (town, fte) in split {
        guard let t = district.townIndex[town] else { continue }
        given[z, default: [:]][d, default: [:]][t, default: 0] += fte
      }
    }
    for s in splitFlows { values[s.variable.index] = given[s.zone]?[s.department]?[s.town] ?? 0 }
    for (t, town) in district.towns.enumerated() {
      for (d, dept) in district.departments.enumerated() {
        let demand = town.demand(of: dept.id)
        guard let unc = counts.uncovered[t][d], let u = counts.unmet[t][d] else { continue }
        let uncovered = counts.officers[t][d].value(at: values) < 0.5 ? 1.0 : 0.0
        values[unc.index] = max(uncovered, model.variables[unc.index].lower)
        var unmet = max(0, demand - counts.supply[t][d].value(at: values))
        if options.tighten && !options.elastic && policy.auxiliariesNeedOfficer {
          unmet = max(unmet, demand * values[unc.index])
        }
        values[u.index] = min(unmet, demand)
      }
    }
    completeLinking(&values)
    completePrices(&values)
    for (s, kind) in slacks { values[s.index] = shortfall(kind, at: values) }
    return values
  }

  /// Sets what the rows joining departments define, from the rest of a point:
  /// each town's presence indicator (1 when anyone is present) and the
  /// imbalance (the largest unmet share of a town's demand). A point joined
  /// from departments solved apart has them loose (`linkingRows`).
  public func completeLinking(_ values: inout [Double]) {
    var worst = 0.0
    for (t, town) in district.towns.enumerated() {
      if let y = counts.presence[t] { values[y.index] = counts.present[t].value(at: values) > 0.5 ? 1 : 0 }
      var unmetTown = 0.0
      var demandTown = 0.0
      for (d, dept) in district.departments.enumerated() {
        guard let u = counts.unmet[t][d] else { continue }
        unmetTown += values[u.index]
        demandTown += town.demand(of: dept.id)
      }
      if demandTown > 0 { worst = max(worst, unmetTown / demandTown) }
    }
    if let i = counts.imbalance { values[i.index] = worst }
  }

  /// How far a rule family falls short at a point (the slack it needs).
  private func shortfall(_ kind: Slack, at values: [Double]) -> Double {
    let policy = district.policy
    switch kind {
    case .certified(let t):
      let needed =
        counts.presence[t].map { values[$0.index] } ?? 1
      return max(0, Double(policy.minCertifiedPerTown) * needed - counts.certified[t].value(at: values))
    case .legal(let t):
      return max(0, Double(policy.minLegalPerTown) - counts.legal[t].value(at: values))
    case .auxiliaries(let t, let d):
      return max(
        0,
        counts.auxiliaries[t][d].value(at: values) - Double(policy.auxiliariesPerOfficer)
          * counts.officers[t][d].value(at: values))
    case .desks(let t):
      return max(0, counts.stationed[t].value(at: values) - Double(district.towns[t].deskCapacity))
    case .moves:
      return max(0, counts.moves.value(at: values) - Double(policy.maxMoves ?? 0))
    }
  }

  /// The hard rules a solution breaks, in planner's words: every positive
  /// slack of the elastic model (rule and town), and every person posted
  /// against a per-person rule. Empty for a solution that keeps every rule.
  public func brokenRules(at values: [Double]) -> [RuleViolation] {
    let roster = postings(from: values)
    var result: [RuleViolation] = []
    let policy = district.policy
    let towns = district.towns
    func count(_ e: LinearExpression) -> Int { Int(e.value(at: values).rounded()) }
    for (s, kind) in slacks where values[s.index] > 1e-6 {
      switch kind {
      case .certified(let t):
        let have = count(counts.certified[t])
        result.append(
          RuleViolation(
            rule: .twoCertified, town: towns[t].id,
            message:
              "\(towns[t].displayName): only \(have) certified officer\(have == 1 ? "" : "s") present, the rule needs \(policy.minCertifiedPerTown)"
              + districtWide(certified: true)))
      case .legal(let t):
        let have = count(counts.legal[t])
        result.append(
          RuleViolation(
            rule: .legalAccess, town: towns[t].id,
            message:
              "\(towns[t].displayName): only \(have) officer\(have == 1 ? "" : "s") with legal background present, the rule needs \(policy.minLegalPerTown)"
              + districtWide(certified: false)))
      case .auxiliaries(let t, let d):
        let aux = count(counts.auxiliaries[t][d])
        let officers = count(counts.officers[t][d])
        let dept = district.departments[d].displayName
        if officers == 0 {
          result.append(
            RuleViolation(
              rule: .auxiliaryWithOfficer, town: towns[t].id,
              message:
                "\(towns[t].displayName): \(aux) auxiliar\(aux == 1 ? "y" : "ies") of \(dept) stationed with no officer of \(dept) present"
            ))
        } else {
          result.append(
            RuleViolation(
              rule: .auxiliaryRatio, town: towns[t].id,
              message:
                "\(towns[t].displayName): \(aux) auxiliaries of \(dept) for \(officers) officer\(officers == 1 ? "" : "s") present, the rule allows \(policy.auxiliariesPerOfficer) per officer"
            ))
        }
      case .desks(let t):
        let have = count(counts.stationed[t])
        result.append(
          RuleViolation(
            rule: .deskCapacity, town: towns[t].id,
            message:
              "\(towns[t].displayName): \(have) people stationed at \(towns[t].deskCapacity) desks"))
      case .moves:
        let moves = count(counts.moves)
        result.append(
          RuleViolation(
            rule: .maxMoves,
            message: "\(moves) postings change, the policy allows \(policy.maxMoves ?? 0)"))
      }
    }
    for person in district.people where !person.unavailable {
      guard let posting = roster[person.id] else { continue }
      for rule in Self.personRulesBroken(by: posting, for: person, in: district) {
        result.append(
          RuleViolation(
            rule: rule, person: person.id, town: townID(of: posting),
            message: personMessage(rule, person: person, posting: posting)))
      }
    }
    return result
  }

  private func districtWide(certified: Bool) -> String {
    let officers = district.people.filter {
      $0.role == .officer && !$0.unavailable && (certified ? $0.certified : $0.legal)
    }
    let what = certified ? "certified officers" : "officers with legal background"
    return " (the district has \(officers.count) available \(what) for \(district.towns.count) towns)"
  }

  private func townID(of posting: Posting) -> String? {
    if case .stationed(let t) = posting { return t }
    return nil
  }

  private func placeName(_ posting: Posting) -> String {
    switch posting {
    case .stationed(let t): "stationed at \(district.town(t)?.displayName ?? t)"
    case .zoned(let z): "zoned to \(district.zone(z)?.name ?? z)"
    case .unassigned: "unassigned"
    }
  }

  private func personMessage(_ rule: HardRule, person: Person, posting: Posting) -> String {
    let who = "\(person.name) (\(person.id))"
    switch rule {
    case .avoidance:
      let home = person.homeTown.flatMap { district.town($0)?.displayName } ?? "home"
      return "\(who) is \(placeName(posting)), against avoidance (home town \(home))"
    case .zonedMustDrive:
      return "\(who) is \(placeName(posting)) but cannot drive"
    case .pinned:
      let pin = person.pinned.map(placeName) ?? "a pinned posting"
      return "\(who) is \(placeName(posting)) but is pinned: \(pin)"
    case .tenure:
      return
        "\(who) stays \(placeName(posting)) for quarter \(person.tenure + 1), the limit is \(district.policy.maxTenureQuarters ?? 0)"
    case .auxiliaryStationed:
      return "\(who) is an auxiliary and \(placeName(posting))"
    default:
      return "\(who): \(rule.rawValue)"
    }
  }
}
