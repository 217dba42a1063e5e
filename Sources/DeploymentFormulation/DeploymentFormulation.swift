import MIPModel
import SecondmentDomain

/// The deployment model of a district as a mixed-integer linear program.
///
/// Build it once per district and options; hand `model` to any
/// `MIPModel.Solver`; turn the solver's values back into postings with
/// `postings(from:)`. `docs/model.md` writes the formulation down; every hard
/// rule and objective term follows `docs/rules.md`, so the model's objective
/// at a solution equals what `RosterChecker` computes for the roster.
public struct DeploymentFormulation: Sendable {
  /// A family of penalised slack in the elastic model.
  public enum Slack: Sendable, Hashable {
    /// Certified officers missing at a town (town index).
    case certified(town: Int)
    /// Officers with legal background missing at a town (town index).
    case legal(town: Int)
    /// Auxiliaries of a department beyond what its officers at a town allow.
    case auxiliaries(town: Int, department: Int)
    /// People stationed beyond a town's desks.
    case desks(town: Int)
    /// Postings changed beyond `maxMoves`.
    case moves
    /// No officer of a department within `responseMinutes` of a town with its demand.
    case response(town: Int, department: Int)
    /// No officer of a department present for a joint inspection planned in a town.
    case joint(town: Int, department: Int)
  }

  /// The choice of who answers a town's call when response minutes are
  /// priced (`ObjectiveWeights.responseMinute` > 0): r(t,d,u) ∈ [0,1], the
  /// share of the call of (t, d) answered from town u.
  public struct Responder: Sendable, Hashable {
    public let town: Int
    public let department: Int
    /// The town the officer sets out from.
    public let from: Int
    public let variable: Variable
  }

  /// FTE the officers of one department zoned to one zone give one of its towns.
  public struct SplitFlow: Sendable, Hashable {
    /// Position in `district.zones`.
    public let zone: Int
    /// Position in `district.towns`.
    public let town: Int
    /// Position in `district.departments`.
    public let department: Int
    /// f(z,t,d), continuous, FTE.
    public let variable: Variable
  }

  /// A posting a class may take and one person's cost there (travel, move and
  /// preference, weighted).
  public struct PooledOption: Sendable, Hashable {
    /// Position in `postings`.
    public let posting: Int
    public let cost: Double
  }

  /// One posting a class may take, and its variable.
  public struct Candidate: Sendable, Hashable {
    /// Position in `postings`.
    public let posting: Int
    /// Number of the class's people who take it.
    public let variable: Variable
    /// Per-person hard rules this posting breaks (elastic mode only; empty otherwise).
    public let brokenRules: [HardRule]
  }

  public let district: District
  public let options: FormulationOptions
  /// The MILP; minimise. `addPriceCuts` adds rows to a pooled model.
  public internal(set) var model: Model
  /// Interchangeable groups of available people.
  public let classes: [PersonClass]
  /// Every posting: stationed at each town (town order), then zoned to each zone.
  public let postings: [Posting]
  /// Per class, the postings it may take.
  public let candidates: [[Candidate]]
  /// Classes that feed the same rows (by class index); a group's headcount
  /// per posting is one integer variable, its classes' shares are continuous.
  public let groups: [[Int]]
  /// Per group, the variable holding its headcount per posting (by posting index).
  public let groupHeadcounts: [[Int: Variable]]
  /// The penalty per unit of slack (elastic mode), larger than any roster's objective.
  public let rulePenalty: Double
  /// Elastic slack variables and what they stand for.
  public let slacks: [(variable: Variable, kind: Slack)]
  /// The zone split's variables f(z,t,d), for towns where d has demand.
  public let splitFlows: [SplitFlow]
  /// Whether groups are pooled (`FormulationOptions.poolGroups`): the model is
  /// then a relaxation; its bound holds for the exact model, its objective does
  /// not price the roster (`RosterChecker` does).
  public let pooled: Bool
  /// Per class, the postings it may take and one person's cost there.
  public let classOptions: [[PooledOption]]
  /// Per group of a pooled model, the variable holding what its people cost
  /// (travel, moves and preferences, weighted): at least its headcounts at
  /// the cheapest member's cost, and at least each price cut (`addPriceCuts`).
  public let groupPrices: [Variable?]
  /// Per group, the rows that bound its price from below (indices into `model.constraints`).
  var priceRows: [[Int]]
  /// Each objective term as an expression over the model's variables (weighted).
  /// The rows that join departments: two-certified and its presence links,
  /// legal access, desks, max-moves and the imbalance rows (indices into
  /// `model.constraints`). Without them the model falls apart into one block
  /// per department (`Model.decomposed(relaxing:)`); `completeLinking` sets
  /// the variables only they define.
  public let linkingRows: [Int]
  /// For each of `linkingRows`, the rule it stands for, e.g. "legal access in Qingliu".
  public let linkingRules: [String]
  /// The legal-access rows (among `linkingRows`), one per town where the rule applies.
  public let legalAccessRows: [Int]
  /// Each town's demand row per department with demand (`unmet_`), and each
  /// zone's split row per department (`split_`): what `addDemandRoundingCuts` aggregates.
  public let demandRows: [DemandRow]
  public let zoneSplitRows: [ZoneSplitRow]
  /// The coverage rows (`cov_`, officers present plus the uncovered indicator at least 1).
  public let coverageRows: [Int]
  /// The demand rounding cuts added so far (`addDemandRoundingCuts`, rows
  /// `dmir_{n}`): indices into `model.constraints`.
  public internal(set) var demandCutRows: [Int] = []
  /// For each of `demandCutRows`, its department (position in `district.departments`).
  public internal(set) var demandCutDepartment: [Int] = []
  /// How many demand rounding cuts there are.
  public var demandCutCount: Int { demandCutRows.count }
  /// The shortfall floors added as rows (`addShortfallFloor`), by department position.
  public internal(set) var shortfallFloors: [Int: Double] = [:]
  let terms: TermExpressions
  /// Expressions the warm start and the explanation evaluate.
  let counts: Counts
  /// Per entry of `slacks`, the rule row it relaxes (without the slack).
  let slackRows: [RuleRow<LinearExpression>]
  /// `splitFlows`' variables by town and department.
  let splitsByPair: [PairKey: [Variable]]

  /// The size of `model`.
  public var size: ModelSize {
    ModelSize(
      rows: model.constraints.count, columns: model.variables.count,
      integers: model.integerCount,
      nonzeros: model.constraints.reduce(0) { $0 + $1.terms.count })
  }

  /// Builds the model of `district` with the given choices.
  public init(district: District, options: FormulationOptions = FormulationOptions()) {
    var builder = Builder(district: district, options: options)
    builder.build()
    self.district = district
    self.options = options
    model = builder.model
    classes = builder.classes
    postings = builder.postings
    candidates = builder.candidates
    groups = builder.groups
    groupHeadcounts = builder.groupFeeds
    rulePenalty = builder.rulePenalty
    slacks = builder.slacks
    slackRows = builder.slackRows
    splitFlows = builder.splitFlows
    pooled = builder.pooled
    classOptions = builder.classOptions
    groupPrices = builder.groupPrices
    priceRows = builder.priceRows
    linkingRows = builder.linkingRows
    linkingRules = builder.linkingRules
    legalAccessRows = builder.legalAccessRows
    demandRows = builder.demandRows
    zoneSplitRows = builder.zoneSplitRows
    coverageRows = builder.coverageRows
    terms = builder.terms
    counts = builder.counts
    splitsByPair = Dictionary(grouping: builder.splitFlows) {
      PairKey(town: $0.town, department: $0.department)
    }.mapValues { $0.map(\.variable) }
  }

  // MARK: - Solution to roster

  /// The postings a solution gives: every person by id; unavailable people
  /// are unassigned. Within a class, people take postings in instance order.
  ///
  /// Each group's integer headcounts decide how many of its people take each
  /// posting; who takes which comes from the class shares when they are
  /// integral (as they are at a vertex), else from a least-cost assignment of
  /// the group's classes to those headcounts.
  public func postings(from values: [Double]) -> [String: Posting] {
    var result: [String: Posting] = [:]
    for p in district.people { result[p.id] = .unassigned }
    for (g, members) in groups.enumerated() {
      let shares = classShares(g, values: values)
      for (c, counts) in zip(members, shares) {
        var people = classes[c].members[...]
        for (j, n) in counts.enumerated() {
          for _ in 0..<n {
            guard let i = people.popFirst() else { break }
            result[district.people[i].id] = postings[classOptions[c][j].posting]
          }
        }
        // Rounding trouble leaves people over: give them the class's first
        // candidate so nobody is left out (the checker will judge it).
        if let first = classOptions[c].first {
          while let i = people.popFirst() { result[district.people[i].id] = postings[first.posting] }
        }
      }
    }
    return result
  }

  /// Every zoned officer's split at a solution, by person id: the model's
  /// f(z,t,d) handed to the department's officers zoned to z in instance
  /// order, each up to `District.zonedOfficerFTE`, the zone's towns in order.
  /// `postings` are the solution's (`postings(from:)`).
  public func splits(from values: [Double], postings: [String: Posting]) -> [String: ZoneSplit] {
    var flow: [Int: [Int: [Int: Double]]] = [:]  // zone → department → town → FTE
    for s in splitFlows {
      flow[s.zone, default: [:]][s.department, default: [:]][s.town] = max(
        0, values[s.variable.index])
    }
    var zoned: [Int: [Int: [Person]]] = [:]
    for person in district.people where person.isOfficer {
      guard case .zoned(let id) = postings[person.id], let z = district.zoneIndex[id],
        let d = district.departmentIndex[person.department]
      else { continue }
      zoned[z, default: [:]][d, default: []].append(person)
    }
    var result: [String: ZoneSplit] = [:]
    for (z, byDepartment) in zoned {
      let towns = district.zones[z].towns.compactMap { district.townIndex[$0] }
      for (d, people) in byDepartment {
        let shares = district.handOut(
          towns.map { flow[z]?[d]?[$0] ?? 0 }, over: towns, department: d, to: people.map(\.id))
        result.merge(shares) { a, _ in a }
      }
    }
    return result
  }

  /// Per class of group `g`, how many take each candidate (candidate order).
  private func classShares(_ g: Int, values: [Double]) -> [[Int]] {
    let members = groups[g]
    if pooled && members.count > 1 { return pooledShares(g, values: values) }
    let rounded = members.map { c in
      candidates[c].map { Int(max(0, values[$0.variable.index]).rounded()) }
    }
    let integral = members.allSatisfy { c in
      candidates[c].allSatisfy {
        abs(values[$0.variable.index] - values[$0.variable.index].rounded()) < 1e-6
      }
    }
    guard !integral, members.count > 1 else { return rounded }
    // Least-cost transportation of the classes onto the group's headcounts.
    var headcount: [Int: Int] = [:]
    for c in members {
      for cand in candidates[c] {
        headcount[cand.posting] = Int(max(0, values[cand.variable.index]).rounded())
      }
    }
    headcount.merge(headcounts(ofGroup: g, values: values)) { _, z in z }
    let costs = members.map { c in candidates[c].map { model.objective.terms[$0.variable] ?? 0 } }
    return Transportation.solve(
      supplies: members.map { classes[$0].count },
      arcs: members.map { c in candidates[c].map(\.posting) }, costs: costs,
      capacities: headcount) ?? rounded
  }

  /// A pooled group's people on its integer headcounts: the least-cost
  /// assignment, per class in `classOptions` order. Should the headcounts not
  /// fit the people's own candidates (Hall's rows in the model make that
  /// rare), as many as fit are kept and the people left over take their
  /// cheapest posting (`Transportation.closest`); the checker judges the result.
  private func pooledShares(_ g: Int, values: [Double]) -> [[Int]] {
    let members = groups[g]
    return Transportation.closest(
      supplies: members.map { classes[$0].count },
      arcs: members.map { classOptions[$0].map(\.posting) },
      costs: members.map { classOptions[$0].map(\.cost) },
      capacities: headcounts(ofGroup: g, values: values))
  }

  /// Group `g`'s integer headcount per posting index at a solution.
  private func headcounts(ofGroup g: Int, values: [Double]) -> [Int: Int] {
    groupHeadcounts[g].mapValues { Int(max(0, values[$0.index]).rounded()) }
  }

  /// The variables of one town and department that follow from the headcounts:
  /// the uncovered indicator, the unmet demand and the zone split's FTE for
  /// the town (`town`, `department`: indices). A neighbourhood search holds
  /// them where no free headcount reaches them.
  public func pairVariables(town: Int, department: Int) -> [Variable] {
    [counts.uncovered[town][department], counts.unmet[town][department]].compactMap { $0 }
      + (splitsByPair[PairKey(town: town, department: department)] ?? [])
  }

  /// The objective's terms at a solution, weighted as in the policy (slack penalty excluded).
  public func breakdown(at values: [Double]) -> ObjectiveBreakdown {
    ObjectiveBreakdown(
      uncoveredPairs: terms.uncovered.value(at: values),
      unmetDemand: terms.unmet.value(at: values),
      travel: terms.travel.value(at: values),
      moves: terms.moves.value(at: values),
      preferenceMisses: terms.preferences.value(at: values),
      imbalance: terms.imbalance.value(at: values),
      response: terms.response.value(at: values))
  }

  /// The penalty for broken rules at a solution (0 in strict mode or when no slack is used).
  public func rulePenalty(at values: [Double]) -> Double {
    terms.penalty.value(at: values)
  }
}

/// Weighted objective terms as expressions.
struct TermExpressions: Sendable {
  var uncovered = LinearExpression()
  var unmet = LinearExpression()
  var travel = LinearExpression()
  var moves = LinearExpression()
  var preferences = LinearExpression()
  var imbalance = LinearExpression()
  var penalty = LinearExpression()
  var response = LinearExpression()
}

/// A town and a department, by index.
struct PairKey: Hashable, Sendable {
  var town: Int
  var department: Int
}

/// Per town (and department) counts the explanation and the warm start evaluate.
struct Counts: Sendable {
  /// `officers[t][d]`: officers of d present at t.
  var officers: [[LinearExpression]]
  /// `auxiliaries[t][d]`: auxiliaries of d stationed at t.
  var auxiliaries: [[LinearExpression]]
  /// `supply[t][d]`: FTE of d at t.
  var supply: [[LinearExpression]]
  var certified: [LinearExpression]
  var legal: [LinearExpression]
  var stationed: [LinearExpression]
  /// Everyone present at t.
  var present: [LinearExpression]
  var moves = LinearExpression()
  /// `uncovered[t][d]`, `unmet[t][d]`: variables, when (t, d) has demand.
  var uncovered: [[Variable?]]
  var unmet: [[Variable?]]
  var imbalance: Variable?
  /// `presence[t]`: the "town has presence" indicator, when the model has one.
  var presence: [Variable?]
  /// `reaching[t][d]`: officers of d who reach t within `responseMinutes`
  /// (built only with [response-time] on, for pairs with demand).
  var reaching: [[LinearExpression]] = []
  /// The response choice's variables (`Responder`), when response minutes are priced.
  var responders: [DeploymentFormulation.Responder] = []
}

extension LinearExpression: RuleQuantity {}

extension DeploymentFormulation {
  /// The department of group `g`'s people (position in `district.departments`).
  public func department(ofGroup g: Int) -> Int? {
    groups[g].first.flatMap { district.departmentIndex[classes[$0].representative.department] }
  }
}
