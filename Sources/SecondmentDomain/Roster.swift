/// The objective's terms of a roster, each weighted, plus their total.
///
/// Every term is a cost (lower is better) already multiplied by its weight in
/// `ObjectiveWeights`; `RosterMeasures` holds the same terms in planner units.
public struct ObjectiveBreakdown: Codable, Sendable, Hashable {
  public var total: Double
  public var uncoveredPairs: Double
  public var unmetDemand: Double
  public var travel: Double
  public var moves: Double
  public var preferenceMisses: Double
  public var imbalance: Double
  /// Response minutes × `responseMinute` (docs/rules.md, Response time).
  public var response: Double

  public init(
    uncoveredPairs: Double = 0, unmetDemand: Double = 0, travel: Double = 0,
    moves: Double = 0, preferenceMisses: Double = 0, imbalance: Double = 0, response: Double = 0
  ) {
    self.uncoveredPairs = uncoveredPairs
    self.unmetDemand = unmetDemand
    self.travel = travel
    self.moves = moves
    self.preferenceMisses = preferenceMisses
    self.imbalance = imbalance
    self.response = response
    total = uncoveredPairs + unmetDemand + travel + moves + preferenceMisses + imbalance + response
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    total = try c.decode(Double.self, forKey: .total)
    uncoveredPairs = try c.decode(Double.self, forKey: .uncoveredPairs)
    unmetDemand = try c.decode(Double.self, forKey: .unmetDemand)
    travel = try c.decode(Double.self, forKey: .travel)
    moves = try c.decode(Double.self, forKey: .moves)
    preferenceMisses = try c.decode(Double.self, forKey: .preferenceMisses)
    imbalance = try c.decode(Double.self, forKey: .imbalance)
    response = try c.decodeIfPresent(Double.self, forKey: .response) ?? 0
  }

  /// The terms by name, in report order.
  public var terms: [(name: String, value: Double)] {
    [
      ("uncoveredPairs", uncoveredPairs), ("unmetDemand", unmetDemand), ("travel", travel),
      ("moves", moves), ("preferenceMisses", preferenceMisses), ("imbalance", imbalance),
      ("response", response),
    ]
  }
}

/// The objective's terms of a roster in planner units, before weighting.
public struct RosterMeasures: Codable, Sendable, Hashable {
  /// (town, department) pairs with demand and no officer of the department present.
  public var uncoveredPairs: Int
  /// FTE of demand left unmet, all towns.
  public var unmetDemandFTE: Double
  /// FTE of demand left unmet in pilot towns.
  public var pilotUnmetDemandFTE: Double
  /// Travel minutes, all people (commute plus zone tours).
  public var travelMinutes: Double
  /// People whose posting differs from the current roster.
  public var moves: Int
  /// People posted outside their preferred towns.
  public var preferenceMisses: Int
  /// The largest unmet share of demand among towns, 0 to 1.
  public var imbalance: Double
  /// Response minutes summed over the (town, department) pairs with demand
  /// and an answer (docs/rules.md, Response time).
  public var responseMinutes: Double
  /// The longest response over those pairs, minutes (0 when none has an answer).
  public var worstResponseMinutes: Double
  /// The mean response over those pairs, minutes (0 when none has an answer).
  public var meanResponseMinutes: Double

  public init(
    uncoveredPairs: Int = 0, unmetDemandFTE: Double = 0, pilotUnmetDemandFTE: Double = 0,
    travelMinutes: Double = 0, moves: Int = 0, preferenceMisses: Int = 0, imbalance: Double = 0,
    responseMinutes: Double = 0, worstResponseMinutes: Double = 0, meanResponseMinutes: Double = 0
  ) {
    self.responseMinutes = responseMinutes
    self.worstResponseMinutes = worstResponseMinutes
    self.meanResponseMinutes = meanResponseMinutes
    self.uncoveredPairs = uncoveredPairs
    self.unmetDemandFTE = unmetDemandFTE
    self.pilotUnmetDemandFTE = pilotUnmetDemandFTE
    self.travelMinutes = travelMinutes
    self.moves = moves
    self.preferenceMisses = preferenceMisses
    self.imbalance = imbalance
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    uncoveredPairs = try c.decode(Int.self, forKey: .uncoveredPairs)
    unmetDemandFTE = try c.decode(Double.self, forKey: .unmetDemandFTE)
    pilotUnmetDemandFTE = try c.decode(Double.self, forKey: .pilotUnmetDemandFTE)
    travelMinutes = try c.decode(Double.self, forKey: .travelMinutes)
    moves = try c.decode(Int.self, forKey: .moves)
    preferenceMisses = try c.decode(Int.self, forKey: .preferenceMisses)
    imbalance = try c.decode(Double.self, forKey: .imbalance)
    responseMinutes = try c.decodeIfPresent(Double.self, forKey: .responseMinutes) ?? 0
    worstResponseMinutes = try c.decodeIfPresent(Double.self, forKey: .worstResponseMinutes) ?? 0
    meanResponseMinutes = try c.decodeIfPresent(Double.self, forKey: .meanResponseMinutes) ?? 0
  }
}

/// One person's line in a roster.
public struct RosterEntry: Codable, Sendable, Hashable {
  public var person: String
  /// `stationed`, `zoned` or `unassigned`.
  public var mode: String
  /// The town, when stationed.
  public var town: String?
  /// The zone, when zoned.
  public var zone: String?
  /// The zone's towns, when zoned (hub first).
  public var towns: [String]?
  /// A zoned officer's time per town of the zone, FTE (`ZoneSplit`); when
  /// left out, the checker uses `District.bestSplits`.
  public var split: ZoneSplit?
  /// For reading: the person's name and department (ignored on input).
  public var name: String?
  public var department: String?
  public var role: String?

  public init(
    person: String, mode: String, town: String? = nil, zone: String? = nil,
    towns: [String]? = nil, split: ZoneSplit? = nil, name: String? = nil,
    department: String? = nil, role: String? = nil
  ) {
    self.person = person
    self.mode = mode
    self.town = town
    self.zone = zone
    self.towns = towns
    self.split = split
    self.name = name
    self.department = department
    self.role = role
  }
}

/// A plan: one posting per person, with how it was made and what it costs.
///
/// This is the JSON document `docs/roster-format.md` describes.
public struct Roster: Codable, Sendable, Hashable {
  public static let formatTag = "secondment-roster"
  public static let currentVersion = 1

  public var format: String = Roster.formatTag
  public var version: Int = Roster.currentVersion
  /// The instance's `name`.
  public var instance: String
  /// Which solver produced it, e.g. `glpk`, `greedy`, or nil for a hand-made roster.
  public var solver: String?
  /// The solver's status, e.g. `optimal`, `feasible`, `rules-broken`.
  public var status: String?
  /// Best bound on the objective the solver proved, when it has one.
  public var bound: Double?
  /// Relative gap between objective and bound, when known.
  public var gap: Double?
  public var postings: [RosterEntry]
  public var objective: ObjectiveBreakdown?
  public var measures: RosterMeasures?
  /// Hard rules the roster is known to break (a best-effort roster), in planner's words.
  public var brokenRules: [String]?
  /// Whether the same instance, options and seed give this roster again on
  /// any machine; nil for a hand-made roster.
  public var reproducible: Bool?
  /// Why it is, or is not, reproducible, e.g. "the time limit stopped the search".
  public var reproducibleReason: String?

  public init(
    instance: String, solver: String? = nil, status: String? = nil, bound: Double? = nil,
    gap: Double? = nil, postings: [RosterEntry], objective: ObjectiveBreakdown? = nil,
    measures: RosterMeasures? = nil, brokenRules: [String]? = nil
  ) {
    self.instance = instance
    self.solver = solver
    self.status = status
    self.bound = bound
    self.gap = gap
    self.postings = postings
    self.objective = objective
    self.measures = measures
    self.brokenRules = brokenRules
  }
}
