/// A hard rule of the deployment model, as `docs/rules.md` defines it.
public enum HardRule: String, Codable, Sendable, CaseIterable {
  /// Every available person has exactly one posting; unavailable people have none.
  case onePosting = "one-posting"
  /// A roster line's department must be the person's own (officers serve only their own department).
  case ownDepartment = "own-department"
  /// Auxiliaries are stationed, never zoned.
  case auxiliaryStationed = "auxiliary-stationed"
  /// Nobody is stationed in (or near, per policy) their home town.
  case avoidance
  /// A town with any seconded presence has at least `minCertifiedPerTown` certified officers present.
  case twoCertified = "two-certified"
  /// An auxiliary needs an officer of its department present at its town.
  case auxiliaryWithOfficer = "auxiliary-with-officer"
  /// At most `auxiliariesPerOfficer` auxiliaries per officer of the department present.
  case auxiliaryRatio = "auxiliary-ratio"
  /// Stationed headcount at most the town's desk capacity.
  case deskCapacity = "desk-capacity"
  /// Zoned officers can drive.
  case zonedMustDrive = "zoned-must-drive"
  /// A zoned officer's split names only the zone's towns, is never negative,
  /// adds up to at most 1 − `zoneTravelOverhead` FTE, and gives every town of
  /// the zone where the department has demand at least `minZonedShare`.
  case zoneSplit = "zone-split"
  /// Every town has at least `minLegalPerTown` officers with legal background present.
  case legalAccess = "legal-access"
  /// Pinned postings are kept.
  case pinned
  /// Nobody is given a posting the planner forbade for them.
  case forbidden
  /// Nobody stays at one posting beyond `maxTenureQuarters`.
  case tenure
  /// At most `maxMoves` postings change from the current roster.
  case maxMoves = "max-moves"
  /// Every (town, department) with demand has an officer of the department
  /// within `responseMinutes` (the whistle).
  case responseTime = "response-time"
  /// Every department of a joint inspection planned in a town has an officer present there.
  case jointInspection = "joint-inspection"
}

/// One broken hard rule, in the planner's words.
public struct RuleViolation: Sendable, Hashable, Codable, CustomStringConvertible {
  public var rule: HardRule
  /// The person concerned, when the rule is about one person.
  public var person: String?
  /// The town concerned, when the rule is about one town.
  public var town: String?
  /// What is wrong and where, e.g. "Qingliu: no officer with legal background present (needs 1)".
  public var message: String

  public init(rule: HardRule, person: String? = nil, town: String? = nil, message: String) {
    self.rule = rule
    self.person = person
    self.town = town
    self.message = message
  }

  public var description: String { "[\(rule.rawValue)] \(message)" }
}

/// What the checker found: broken rules and the objective, recomputed from the rules.
public struct RosterEvaluation: Sendable {
  public var violations: [RuleViolation]
  public var objective: ObjectiveBreakdown
  public var measures: RosterMeasures
  /// Coverage of every (town, department) pair, towns in instance order, then
  /// departments in instance order (empty when built by hand without it).
  public var coverage: [TownCoverage]
  /// The split of every zoned officer's time the figures use, by person id:
  /// the roster's own, or `District.bestSplits` where it gives none.
  public var splits: [String: ZoneSplit]
  public var isFeasible: Bool { violations.isEmpty }

  public init(
    violations: [RuleViolation], objective: ObjectiveBreakdown, measures: RosterMeasures,
    coverage: [TownCoverage] = [], splits: [String: ZoneSplit] = [:]
  ) {
    self.violations = violations
    self.objective = objective
    self.measures = measures
    self.coverage = coverage
    self.splits = splits
  }

  /// The hard rules broken, each once, in `HardRule` order.
  public var brokenRules: [HardRule] {
    let broken = Set(violations.map(\.rule))
    return HardRule.allCases.filter { broken.contains($0) }
  }
}

/// How one department is covered in one town under a roster (`docs/rules.md`, Capacity).
public struct TownCoverage: Sendable, Hashable, Codable {
  /// Town id.
  public var town: String
  /// Department id.
  public var department: String
  /// The department's demand in this town, FTE.
  public var demand: Double
  /// FTE the roster gives the department here: stationed officers, zoned
  /// officers' shares and auxiliaries (`docs/rules.md`, Capacity).
  public var supply: Double
  /// `max(0, demand - supply)`, FTE.
  public var unmet: Double
  /// Officers of the department present here (stationed, or zoned over the town).
  public var officersPresent: Int
  /// Of those, officers holding an enforcement certificate.
  public var certifiedPresent: Int
  /// Of those, officers with a legal background.
  public var legalPresent: Int
  /// People of the department stationed here, officers and auxiliaries.
  public var stationedHeadcount: Int
  /// Minutes until an officer of the department can be here (0 when one is
  /// present; docs/rules.md, Response time); nil when the pair has no demand
  /// or no officer of the department is posted.
  public var responseMinutes: Double?

  public init(
    town: String, department: String, demand: Double, supply: Double, unmet: Double,
    officersPresent: Int, certifiedPresent: Int, legalPresent: Int, stationedHeadcount: Int,
    responseMinutes: Double? = nil
  ) {
    self.responseMinutes = responseMinutes
    self.town = town
    self.department = department
    self.demand = demand
    self.supply = supply
    self.unmet = unmet
    self.officersPresent = officersPresent
    self.certifiedPresent = certifiedPresent
    self.legalPresent = legalPresent
    self.stationedHeadcount = stationedHeadcount
  }

  /// The pair has demand and no officer of the department present: the
  /// objective's uncovered pair (nobody responsible for it).
  public var isUncovered: Bool { demand > 0 && officersPresent == 0 }

  /// The pair is covered: it receives FTE (at least half of
  /// `Rounding.displayStep`, so it shows as 0.01 or more), what the heat map
  /// shows. An officer zoned over a town who gives it no time is present but
  /// does not cover it; with zone visits on (`Policy.minZonedShare`) every
  /// officer present gives FTE.
  public var receivesFTE: Bool { supply >= Rounding.displayStep / 2 }
}


/// A roster file's lines resolved against the instance, ready for `RosterChecker.evaluate`.
public struct ResolvedRoster: Sendable, Hashable {
  /// One posting per instance person, by person id.
  public var postings: [String: Posting]
  /// Department ids written on roster lines, by person id (only lines that give one).
  public var departments: [String: String]
  /// Zoned officers' splits written on roster lines, by person id (only lines that give one).
  public var splits: [String: ZoneSplit]

  public init(
    postings: [String: Posting], departments: [String: String] = [:],
    splits: [String: ZoneSplit] = [:]
  ) {
    self.postings = postings
    self.departments = departments
    self.splits = splits
  }
}
