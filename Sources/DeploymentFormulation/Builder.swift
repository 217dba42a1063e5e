import MIPModel
import SecondmentDomain

/// Builds the deployment model; `docs/model.md` names every row and column.
/// The steps are here; the rule catalogue's rows are in Builder+Rules.swift,
/// a pooled group's rows in Builder+Pooled.swift.
struct Builder {
  let district: District
  let options: FormulationOptions
  var model: Model
  var classes: [PersonClass] = []
  var postings: [Posting] = []
  /// Town indices each posting puts a person in.
  var postingTowns: [[Int]] = []
  var candidates: [[DeploymentFormulation.Candidate]] = []
  /// Classes by group (classes that feed the same rows).
  var groups: [[Int]] = []
  /// Per group, the variable holding its headcount per posting.
  var groupFeeds: [[Int: Variable]] = []
  var rulePenalty: Double = 0
  var slacks: [(variable: Variable, kind: DeploymentFormulation.Slack)] = []
  /// Per slack, the rule row it relaxes (without the slack).
  var slackRows: [RuleRow<LinearExpression>] = []
  var terms = TermExpressions()
  var counts: Counts
  /// Zoned FTE given to one town: zone index, town index, department index, variable.
  var splitFlows: [DeploymentFormulation.SplitFlow] = []
  /// Whether groups are pooled (`FormulationOptions.poolGroups`).
  var pooled = false
  /// Per pooled group, the variable that prices its people (nil otherwise),
  /// and the rows that bound it from below.
  var groupPrices: [Variable?] = []
  var priceRows: [[Int]] = []
  /// Per class, the postings it may take and one person's cost there (kept for
  /// the assignment of pooled groups' people).
  var classOptions: [[DeploymentFormulation.PooledOption]] = []
  /// Rows that join departments (`DeploymentFormulation.linkingRows`) and
  /// the rule each stands for, in planner's words.
  var linkingRows: [Int] = []
  var linkingRules: [String] = []
  /// The legal-access rows, one per town (`DeploymentFormulation.legalAccessRows`).
  var legalAccessRows: [Int] = []
  /// The demand rows and zone-split rows (`DeploymentFormulation.demandRows`, `zoneSplitRows`).
  var demandRows: [DeploymentFormulation.DemandRow] = []
  var zoneSplitRows: [DeploymentFormulation.ZoneSplitRow] = []
  /// The coverage rows (`DeploymentFormulation.coverageRows`).
  var coverageRows: [Int] = []
  /// Per posting, its name in the model's columns (`s_town`, `z_zone`).
  var postingNames: [String] = []
  /// demand[t][d], FTE.
  var demand: [[Double]] = []
  /// postingReach[k][t]: minutes from posting k to town t for a call (0 when present).
  var postingReach: [[Double]] = []
  /// Per class, the postings it may take.
  var optionsByClass: [[Option]] = []
  /// Classes that are a group of their own (their x is the headcount).
  var singles: Set<Int> = []
  /// Per group, the people present per town (by town index).
  var groupPresence: [[Int: LinearExpression]] = []
  /// Per group, its people.
  var groupSize: [Int] = []

  /// Marks the next row as one that joins departments.
  mutating func linking(_ rule: String) {
    linkingRows.append(model.constraints.count)
    linkingRules.append(rule)
  }

  init(district: District, options: FormulationOptions) {
    self.district = district
    self.options = options
    model = Model(name: "deployment-\(Builder.sanitize(district.instance.name))")
    let t = district.towns.count
    let d = district.departments.count
    let grid = Array(repeating: Array(repeating: LinearExpression(), count: d), count: t)
    let none = Array(repeating: [Variable?](repeating: nil, count: d), count: t)
    let row = Array(repeating: LinearExpression(), count: t)
    counts = Counts(
      officers: grid, auxiliaries: grid, supply: grid, certified: row, legal: row,
      stationed: row, present: row, uncovered: none, unmet: none, imbalance: nil,
      presence: Array(repeating: nil, count: t))
  }

  /// A name that MPS and CPLEX-LP files accept: letters, digits and `_`.
  static func sanitize(_ s: String) -> String {
    String(s.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
  }

  /// What makes classes feed the same rows.
  struct GroupKey: Hashable {
    var person: Int?
    var department: String
    var role: Role
    var certified: Bool
    var legal: Bool
    var current: Posting?
  }

  /// One posting a class could take, before it becomes a variable.
  struct Option {
    var posting: Int
    var broken: [HardRule]
    var travel: Double
    var moved: Bool
    var missed: Bool

    /// One person's weighted travel, move and preference cost on this posting.
    func cost(_ w: ObjectiveWeights) -> Double {
      travel * w.travelMinute + (moved ? w.move : 0) + (missed ? w.preferenceMiss : 0)
    }
  }

  mutating func build() {
    addPostings()
    classes = PersonClass.classes(of: district, aggregate: options.aggregatePeople)
    chooseOptions()
    if options.elastic { rulePenalty = elasticPenalty() }
    formGroups()
    addColumns()
    let zoned = addHeadcounts()
    addZoneSplit(zoned: zoned)
    addRuleRows()
    addCoverage()
  }

  /// Whether a rule or term reads presence beyond a posting's own demand
  /// ([response-time], [joint-inspection], priced response minutes): a zone
  /// posting without demand is then no longer interchangeable with another.
  var presenceCountsBeyondDemand: Bool {
    let policy = district.policy
    return policy.responseMinutes != nil || policy.weights.responseMinute > 0
      || !JointInspectionRule.needs(in: district).isEmpty
  }

  /// Whether a rule counts certified officers ([two-certified]).
  var certifiedRule: Bool { district.policy.minCertifiedPerTown > 0 }
  /// Whether a rule counts officers with legal background ([legal-access]).
  var legalRule: Bool { district.policy.minLegalPerTown > 0 }
  /// With legal access enforced every town has an officer present, so the
  /// two-certified rule applies everywhere and needs no presence indicator.
  var presenceFixed: Bool { options.tighten && !options.elastic && legalRule }

  /// Every posting (stationed at each town, then zoned to each zone), its towns and its name.
  mutating func addPostings() {
    let towns = district.towns
    for (i, town) in towns.enumerated() {
      postings.append(.stationed(town: town.id))
      postingTowns.append([i])
    }
    for zone in district.zones {
      postings.append(.zoned(zone: zone.id))
      postingTowns.append(zone.towns.compactMap { district.townIndex[$0] })
    }
    postingNames =
      towns.map { "s_" + Builder.sanitize($0.id) }
      + district.zones.map { "z_" + Builder.sanitize($0.id) }

    demand = towns.map { town in district.departments.map { town.demand(of: $0.id) } }
    postingReach = postingTowns.map { here in
      towns.indices.map { t in here.map { district.minutes[$0][t] }.min() ?? .infinity }
    }
  }

  /// The postings each class may take: those that keep the per-person
  /// rules (all, priced, in the elastic model), less interchangeable idle zones.
  mutating func chooseOptions() {
    let w = district.policy.weights
    let townCount = district.towns.count
    let prune = options.prunePointless && !options.elastic && (!certifiedRule || presenceFixed)
      && !presenceCountsBeyondDemand

    for cls in classes {
      let p = cls.representative
      let d = district.departmentIndex[p.department]
      var opts: [Option] = []
      for k in postings.indices {
        if p.role == .auxiliary && k >= townCount { continue }
        let broken = PostingRules.broken(by: postings[k], for: p, in: district)
        if !broken.isEmpty && !options.elastic { continue }
        let travel = district.travelMinutes(of: p, postings[k])
        let moved = p.currentPosting.map { $0 != postings[k] } ?? false
        var missed = false
        if !p.preferredTowns.isEmpty {
          let posted = Set(district.towns(of: postings[k]))
          missed = !p.preferredTowns.contains { posted.contains($0) }
        }
        opts.append(Option(posting: k, broken: broken, travel: travel, moved: moved, missed: missed))
      }
      // Zone postings that give the class nothing (no demand of its
      // department in the zone, its certificate and legal background count
      // for no rule) and whose presence changes no rule are interchangeable
      // but for their cost: keep the cheapest, and the current posting.
      if prune && p.role == .officer,
        let d
      {
        let counts = (p.certified && certifiedRule) || (p.legal && legalRule)
        func pointless(_ o: Option) -> Bool {
          o.posting >= townCount && !counts
            && postingTowns[o.posting].allSatisfy { demand[$0][d] <= 0 }
        }
        let idle = opts.filter(pointless)
        if idle.count > 1,
          let best = idle.min(by: { ($0.cost(w), $0.posting) < ($1.cost(w), $1.posting) })
        {
          opts.removeAll {
            pointless($0) && $0.posting != best.posting && p.currentPosting != postings[$0.posting]
          }
        }
      }
      optionsByClass.append(opts)
    }
  }

  /// The penalty per unit of slack in the elastic model: more than any roster's objective.
  func elasticPenalty() -> Double {
    let policy = district.policy
    let towns = district.towns
    let w = policy.weights
    var bound = 1.0 + w.imbalance
    let farthest = district.minutes.joined().max() ?? 0
    for (t, row) in demand.enumerated() {
      let unmetWeight = towns[t].pilot ? w.pilotUnmetDemand : w.unmetDemand
      for value in row where value > 0 {
        bound += w.uncoveredPair + unmetWeight * value + w.responseMinute * farthest
      }
    }
    for (c, opts) in optionsByClass.enumerated() {
      let worst = opts.map { $0.cost(w) }.max() ?? 0
      bound += Double(classes[c].count) * worst
    }
    return bound.rounded(.up)
  }


  /// Groups of classes that feed the same rows, each class's options priced,
  /// and whether groups are pooled.
  mutating func formGroups() {
    let policy = district.policy
    let w = policy.weights
    // Groups: classes that feed exactly the same rows (department, role, the
    // certificate and legal background where a rule counts them, the current
    // posting where max-moves counts moves). A group's headcount per posting
    // is an integer z; its classes' x are continuous, tied by Σ_c x = z and
    // Σ_k x = n_c: a transportation system, integral whenever z is, so only
    // z needs branching. A group of one class uses x itself as z.
    var groupIndex: [GroupKey: Int] = [:]
    for (c, cls) in classes.enumerated() {
      let p = cls.representative
      let key = GroupKey(
        person: options.aggregatePeople ? nil : c, department: p.department, role: p.role,
        certified: p.role == .officer && certifiedRule && p.certified,
        legal: p.role == .officer && legalRule && p.legal,
        current: policy.maxMoves != nil ? p.currentPosting : nil)
      if let g = groupIndex[key] {
        groups[g].append(c)
      } else {
        groupIndex[key] = groups.count
        groups.append([c])
      }
    }

    classOptions = optionsByClass.map { $0.map { .init(posting: $0.posting, cost: $0.cost(w)) } }
    let perPersonColumns = optionsByClass.reduce(0) { $0 + $1.count }
    pooled =
      !options.elastic
      && (options.poolGroups ?? (perPersonColumns > options.poolAbove))
    singles = Set(groups.filter { $0.count == 1 }.map { $0[0] })
  }

  /// The classes' columns, and one-posting: each class's people take exactly its size in postings.
  mutating func addColumns() {
    let w = district.policy.weights

    for (c, cls) in classes.enumerated() {
      let n = cls.count
      let single = singles.contains(c)
      var cands: [DeploymentFormulation.Candidate] = []
      if pooled && !single {
        // The group's pooled headcounts stand for this class (below).
        candidates.append(cands)
        continue
      }
      for o in optionsByClass[c] {
        let v = model.addVariable(
          "x_c\(c)_\(postingNames[o.posting])",
          kind: single ? (n == 1 ? .binary : .integer) : .continuous, lower: 0, upper: Double(n))
        cands.append(.init(posting: o.posting, variable: v, brokenRules: o.broken))
        terms.travel.add(w.travelMinute * o.travel, v)
        if o.moved { terms.moves.add(w.move, v) }
        if o.missed { terms.preferences.add(w.preferenceMiss, v) }
        if !o.broken.isEmpty { terms.penalty.add(rulePenalty * Double(o.broken.count), v) }
      }
      candidates.append(cands)
    }
    // one-posting: each class's people take exactly its size in postings.
    for (c, cands) in candidates.enumerated() where !(pooled && !singles.contains(c)) {
      var e = LinearExpression()
      for cand in cands { e.add(1, cand.variable) }
      model.addConstraint(e, .equal, Double(classes[c].count), name: "post_c\(c)")
    }
  }

  /// Group headcounts and the counts they feed; returns the officers of
  /// each department zoned to each zone (zoned[z][d]).
  mutating func addHeadcounts() -> [[LinearExpression]] {
    let towns = district.towns
    let departments = district.departments
    let policy = district.policy
    let townCount = towns.count
    groupPrices = Array(repeating: nil, count: groups.count)
    priceRows = Array(repeating: [], count: groups.count)
    // zoned[z][d]: officers of d zoned to z.
    var zoned = Array(
      repeating: Array(repeating: LinearExpression(), count: departments.count),
      count: district.zones.count)
    for (g, members) in groups.enumerated() {
      var feeds: [Int: Variable] = [:]
      if members.count == 1, let c = members.first {
        for cand in candidates[c] { feeds[cand.posting] = cand.variable }
      } else {
        var reach: [Int: Double] = [:]
        var order: [Int] = []
        for c in members {
          for option in classOptions[c] {
            if reach[option.posting] == nil { order.append(option.posting) }
            reach[option.posting, default: 0] += Double(classes[c].count)
          }
        }
        if pooled {
          addPooledGroup(g, members: members, reach: reach, names: postingNames, into: &feeds)
        } else {
          for k in order.sorted() {
            let z = model.addVariable(
              "z_g\(g)_\(postingNames[k])", kind: .integer, lower: 0, upper: reach[k] ?? 0)
            feeds[k] = z
            var link = LinearExpression()
            link.add(-1, z)
            for c in members {
              for cand in candidates[c] where cand.posting == k { link.add(1, cand.variable) }
            }
            model.addConstraint(link, .equal, 0, name: "grp_g\(g)_\(postingNames[k])")
          }
        }
      }
      groupFeeds.append(feeds)
      guard let first = members.first else { continue }
      let p = classes[first].representative
      let d = district.departmentIndex[p.department]
      var presence: [Int: LinearExpression] = [:]
      // With max-moves on, a group's classes share one current posting.
      if policy.maxMoves != nil, let current = p.currentPosting {
        for (k, v) in feeds where postings[k] != current { counts.moves.add(1, v) }
      }
      for (k, v) in feeds.sorted(by: { $0.key < $1.key }) {
        let stationed = k < townCount
        if !stationed, p.role == .officer, let d {
          zoned[k - townCount][d].add(1, v)
        }
        for t in postingTowns[k] {
          counts.present[t].add(1, v)
          presence[t, default: LinearExpression()].add(1, v)
          if stationed { counts.stationed[t].add(1, v) }
          guard let d else { continue }
          if p.role == .officer {
            counts.officers[t][d].add(1, v)
            if p.certified { counts.certified[t].add(1, v) }
            if p.legal { counts.legal[t].add(1, v) }
            if stationed && demand[t][d] > 0 { counts.supply[t][d].add(1, v) }
          } else {
            counts.auxiliaries[t][d].add(1, v)
            if demand[t][d] > 0 { counts.supply[t][d].add(policy.auxiliaryFTE, v) }
          }
        }
      }
      groupPresence.append(presence)
    }
    groupSize = groups.map { $0.reduce(0) { $0 + classes[$1].count } }
    addReaching()
    return zoned
  }


  /// [response-time]'s counts: per (town, department) with demand, the
  /// officers of the department whose posting reaches the town in time.
  mutating func addReaching() {
    let policy = district.policy
    guard policy.responseMinutes != nil else { return }
    let nD = district.departments.count
    counts.reaching = Array(
      repeating: Array(repeating: LinearExpression(), count: nD), count: district.towns.count)
    for (g, members) in groups.enumerated() {
      guard let first = members.first else { continue }
      let p = classes[first].representative
      guard p.role == .officer, let d = district.departmentIndex[p.department] else { continue }
      for (k, v) in groupFeeds[g].sorted(by: { $0.key < $1.key }) {
        for t in district.towns.indices
        where demand[t][d] > 0 && ResponseTimeRule.inTime(postingReach[k][t], policy: policy) {
          counts.reaching[t][d].add(1, v)
        }
      }
    }
  }

  mutating func addZoneSplit(zoned: [[LinearExpression]]) {
    let towns = district.towns
    let departments = district.departments
    let policy = district.policy
    let townCount = towns.count
    // The zone split: officers of d zoned to z give the zone's towns FTE
    // f(z,t,d) ≥ 0 (`ZoneSplitRule`).
    for z in district.zones.indices {
      let zn = Builder.sanitize(district.zones[z].id)
      for d in departments.indices where !zoned[z][d].terms.isEmpty {
        let dn = Builder.sanitize(departments[d].id)
        var given = LinearExpression()
        for t in postingTowns[townCount + z] where demand[t][d] > 0 {
          let tn = Builder.sanitize(towns[t].id)
          let f = model.addVariable("f_\(zn)_\(tn)_\(dn)", kind: .continuous, lower: 0)
          splitFlows.append(.init(zone: z, town: t, department: d, variable: f))
          counts.supply[t][d].add(1, f)
          given.add(1, f)
          if let visit = ZoneSplitRule.visitRow(given: LinearExpression(f), zoned: zoned[z][d], policy: policy) {
            addRow(visit, name: "visit_\(zn)_\(tn)_\(dn)")
          }
        }
        guard !given.terms.isEmpty else { continue }
        zoneSplitRows.append(.init(zone: z, department: d, row: model.constraints.count))
        addRow(
          ZoneSplitRule.capacityRow(given: given, zoned: zoned[z][d], district: district),
          name: "split_\(zn)_\(dn)")
      }
    }
  }

  /// `unmet_` (supply + unmet ≥ demand) and, tightened, its integer forms:
  /// a headcount's coefficient is at most the demand (one officer alone meets
  /// a demand of half an FTE), and where the demand has a fractional part
  /// above one FTE the mixed-integer rounding row `mir_` (`CoveringRows`).
  /// Without them the linear relaxation meets a demand of 0.5 with half an
  /// officer stationed and half of one zoned
  /// (`Benchmarks/reports/2026-12-05-departments-bound-and-unmet-rows.md`).
  mutating func addUnmetRows(_ row: LinearExpression, demand: Double, pair: String, town: Int, department: Int) {
    demandRows.append(.init(town: town, department: department, row: model.constraints.count, demand: demand))
    guard options.tighten else {
      model.addConstraint(row, .greaterOrEqual, demand, name: "unmet_\(pair)")
      return
    }
    let tightened = model.coefficientsTightened(row, atLeast: demand) ?? row
    model.addConstraint(tightened, .greaterOrEqual, demand, name: "unmet_\(pair)")
    if demand > 1, let rounding = model.mixedIntegerRounding(tightened, atLeast: demand) {
      model.addConstraint(rounding.row, .greaterOrEqual, rounding.rhs, name: "mir_\(pair)")
    }
  }

  mutating func addCoverage() {
    let towns = district.towns
    let departments = district.departments
    let policy = district.policy
    let w = policy.weights
    // Coverage and unmet demand per (town, department) with demand.
    var townUnmet: [[(Variable, Double)]] = Array(repeating: [], count: towns.count)
    for t in towns.indices {
      let unmetWeight = towns[t].pilot ? w.pilotUnmetDemand : w.unmetDemand
      for d in departments.indices where demand[t][d] > 0 {
        let pair = "\(Builder.sanitize(towns[t].id))_\(Builder.sanitize(departments[d].id))"
        let reachable = !counts.officers[t][d].terms.isEmpty
        let uncovered = model.addVariable("unc_\(pair)", kind: .binary, lower: reachable ? 0 : 1)
        counts.uncovered[t][d] = uncovered
        terms.uncovered.add(w.uncoveredPair, uncovered)
        if reachable {
          coverageRows.append(model.constraints.count)
          model.addConstraint(
            counts.officers[t][d] + uncovered, .greaterOrEqual, 1, name: "cov_\(pair)")
        }
        let unmet = model.addVariable("u_\(pair)", kind: .continuous, lower: 0, upper: demand[t][d])
        counts.unmet[t][d] = unmet
        terms.unmet.add(unmetWeight, unmet)
        addUnmetRows(counts.supply[t][d] + unmet, demand: demand[t][d], pair: pair, town: t, department: d)
        // An uncovered pair has no officer, hence (auxiliaries needing an
        // officer) no auxiliary either: all its demand is unmet.
        if options.tighten && !options.elastic && policy.auxiliariesNeedOfficer {
          model.addConstraint(
            LinearExpression(unmet) - demand[t][d] * LinearExpression(uncovered),
            .greaterOrEqual, 0, name: "uncu_\(pair)")
        }
        townUnmet[t].append((unmet, demand[t][d]))
      }
    }

    // imbalance: the largest unmet share among towns with demand.
    let imbalance = model.addVariable("imbalance", kind: .continuous, lower: 0, upper: 1)
    counts.imbalance = imbalance
    terms.imbalance.add(w.imbalance, imbalance)
    for t in towns.indices where !townUnmet[t].isEmpty {
      let total = townUnmet[t].reduce(0) { $0 + $1.1 }
      var e = LinearExpression(imbalance)
      for (u, _) in townUnmet[t] { e.add(-1 / total, u) }
      linking("imbalance in \(towns[t].name)")
      model.addConstraint(e, .greaterOrEqual, 0, name: "imb_\(Builder.sanitize(towns[t].id))")
    }

    addResponseChoice()
    model.setObjective(
      terms.uncovered + terms.unmet + terms.travel + terms.moves + terms.preferences
        + terms.imbalance + terms.response + terms.penalty, .minimize)
  }

  /// Response minutes priced (`ObjectiveWeights.responseMinute` > 0): per
  /// (town, department) with demand, the call is answered from one town u
  /// where an officer of the department is present, r(t,d,u) ≤ officers of
  /// d present at u, Σ_u r(t,d,u) = 1, at minutes(u, t) each. Minimising
  /// picks the nearest town with an officer, which is the response.
  mutating func addResponseChoice() {
    let w = district.policy.weights
    guard w.responseMinute > 0 else { return }
    let towns = district.towns
    let departments = district.departments
    for d in departments.indices {
      let from = towns.indices.filter { !counts.officers[$0][d].terms.isEmpty }
      guard !from.isEmpty else { continue }
      let dn = Builder.sanitize(departments[d].id)
      for t in towns.indices where demand[t][d] > 0 {
        let tn = Builder.sanitize(towns[t].id)
        var one = LinearExpression()
        for u in from {
          let r = model.addVariable(
            "r_\(tn)_\(dn)_\(Builder.sanitize(towns[u].id))", kind: .continuous, lower: 0, upper: 1)
          counts.responders.append(.init(town: t, department: d, from: u, variable: r))
          one.add(1, r)
          terms.response.add(w.responseMinute * district.minutes[u][t], r)
          model.addConstraint(
            LinearExpression(r) - counts.officers[u][d], .lessOrEqual, 0,
            name: "resp_\(tn)_\(dn)_\(Builder.sanitize(towns[u].id))")
        }
        model.addConstraint(one, .equal, 1, name: "call_\(tn)_\(dn)")
      }
    }
  }
}
