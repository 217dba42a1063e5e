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
    completeResponders(&values)
    completeLinking(&values)
    completePrices(&values)
    for (i, slack) in slacks.enumerated() { values[slack.variable.index] = shortfall(i, at: values) }
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

  /// The response choice at a point: each call answered from the nearest
  /// town with an officer of the department present (ties: the first town).
  func completeResponders(_ values: inout [Double]) {
    var best: [PairKey: (minutes: Double, variable: Variable)] = [:]
    for r in counts.responders {
      values[r.variable.index] = 0
      guard counts.officers[r.from][r.department].value(at: values) > 0.5 else { continue }
      let key = PairKey(town: r.town, department: r.department)
      let m = district.minutes[r.from][r.town]
      if best[key].map({ m < $0.minutes }) ?? true { best[key] = (m, r.variable) }
    }
    for (_, chosen) in best { values[chosen.variable.index] = 1 }
  }

  /// How far the rule row of `slacks[i]` falls short at a point (the slack it needs).
  private func shortfall(_ i: Int, at values: [Double]) -> Double {
    slackRows[i].map { $0.value(at: values) }.unitsBroken
  }

  /// The hard rules a solution breaks, in planner's words (the rule
  /// catalogue's messages): every positive slack of the elastic model (rule
  /// and town), and every person posted against a per-person rule. Empty for
  /// a solution that keeps every rule.
  public func brokenRules(at values: [Double]) -> [RuleViolation] {
    let roster = postings(from: values)
    var result: [RuleViolation] = []
    let policy = district.policy
    let towns = district.towns
    func count(_ e: LinearExpression) -> Int { Int(e.value(at: values).rounded()) }
    for (i, (s, kind)) in slacks.enumerated() where values[s.index] > 1e-6 {
      switch kind {
      case .certified(let t), .legal(let t):
        let rule = slackRows[i].rule
        let present = count(rule == .twoCertified ? counts.certified[t] : counts.legal[t])
        result.append(
          RuleViolation(
            rule: rule, town: towns[t].id,
            message: TownPresenceRules.message(
              rule, town: towns[t].displayName, present: present, policy: policy)
              + TownPresenceRules.districtSupply(of: rule, in: district)))
      case .auxiliaries(let t, let d):
        result += auxiliariesBroken(town: t, department: d, roster: roster, values: values)
      case .desks(let t):
        result.append(
          RuleViolation(
            rule: .deskCapacity, town: towns[t].id,
            message: DeskRule.message(
              town: towns[t].displayName, stationed: count(counts.stationed[t]),
              desks: towns[t].deskCapacity)))
      case .moves:
        result.append(
          RuleViolation(
            rule: slackRows[i].rule,
            message: MovesRule.message(moves: count(counts.moves), policy: policy)))
      case .response(let t, let d):
        let department = district.departments[d]
        let nearest = ResponseTimes.answers(
          town: towns[t].id, department: department.id, district: district, postings: roster
        ).first.map { answer in
          (
            district.personIndex[answer.person].map { district.label(ofPerson: $0) } ?? answer.person,
            answer.minutes, district.town(answer.from)?.displayName ?? answer.from
          )
        }
        result.append(
          RuleViolation(
            rule: .responseTime, town: towns[t].id,
            message: ResponseTimeRule.message(
              town: towns[t].displayName, department: department.displayName, nearest: nearest, policy: policy)
              + ResponseTimeRule.districtSupply(department: department.id, in: district)))
      case .joint(let t, let d):
        let scenarios = JointInspectionRule.needs(in: district)
          .first { $0.town == t && $0.department == d }?.scenarios ?? []
        result.append(
          RuleViolation(
            rule: .jointInspection, town: towns[t].id,
            message: JointInspectionRule.message(
              town: towns[t].displayName, department: district.departments[d].displayName, scenarios: scenarios)))
      }
    }
    for (p, person) in district.people.enumerated() where !person.unavailable {
      guard let posting = roster[person.id] else { continue }
      for rule in PostingRules.broken(by: posting, for: person, in: district) {
        result.append(
          RuleViolation(
            rule: rule, person: person.id, town: townID(of: posting),
            message: PostingRules.message(rule, person: p, posting: posting, in: district)))
      }
    }
    return result
  }

  /// [auxiliary-with-officer] (each auxiliary alone, named) or
  /// [auxiliary-ratio] (the town and department) at a point.
  private func auxiliariesBroken(
    town t: Int, department d: Int, roster: [String: Posting], values: [Double]
  ) -> [RuleViolation] {
    let town = district.towns[t]
    let department = district.departments[d]
    let officers = Int(counts.officers[t][d].value(at: values).rounded())
    guard AuxiliaryRules.brokenRule(officersPresent: officers) == .auxiliaryWithOfficer else {
      let auxiliaries = Int(counts.auxiliaries[t][d].value(at: values).rounded())
      return [
        RuleViolation(
          rule: .auxiliaryRatio, town: town.id,
          message: AuxiliaryRules.ratioMessage(
            town: town.displayName, department: department.displayName, auxiliaries: auxiliaries,
            officers: officers, policy: district.policy))
      ]
    }
    return district.people.enumerated().compactMap { p, person in
      guard person.role == .auxiliary, person.department == department.id,
        roster[person.id] == .stationed(town: town.id)
      else { return nil }
      return RuleViolation(
        rule: .auxiliaryWithOfficer, person: person.id, town: town.id,
        message: AuxiliaryRules.aloneMessage(
          auxiliary: district.label(ofPerson: p), department: department.displayName,
          town: town.displayName))
    }
  }

  private func townID(of posting: Posting) -> String? {
    if case .stationed(let t) = posting { return t }
    return nil
  }
}
