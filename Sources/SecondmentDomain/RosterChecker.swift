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
  /// Every town has at least `minLegalPerTown` officers with legal background present.
  case legalAccess = "legal-access"
  /// Pinned postings are kept.
  case pinned
  /// Nobody stays at one posting beyond `maxTenureQuarters`.
  case tenure
  /// At most `maxMoves` postings change from the current roster.
  case maxMoves = "max-moves"
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
  public var isFeasible: Bool { violations.isEmpty }

  public init(violations: [RuleViolation], objective: ObjectiveBreakdown, measures: RosterMeasures) {
    self.violations = violations
    self.objective = objective
    self.measures = measures
  }
}
