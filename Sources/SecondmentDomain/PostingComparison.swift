/// Why a person holds their posting: the roster priced by the checker with
/// them where they are, against the same roster with them at each other
/// posting they could hold, everyone else staying put.
///
/// A posting is an alternative when the person is available and it is a
/// town (any person) or a zone (officers). The next best is the cheapest
/// alternative that breaks no more hard rules than the roster does; the
/// objective terms (weighted, as `ObjectiveBreakdown`) say what the move
/// would cost or save, term by term.
public struct PostingComparison: Sendable {
  /// One posting for the person and what the roster is worth with it.
  public struct Option: Sendable {
    public var posting: Posting
    /// The roster's objective with the person here (the checker's).
    public var objective: ObjectiveBreakdown
    /// Hard rules the roster breaks with the person here, each with its message.
    public var violations: [RuleViolation]
  }

  /// The person's id.
  public let person: String
  /// The person's posting in the roster.
  public let current: Option
  /// Every other posting, the ones breaking fewest rules first, then cheapest first.
  public let alternatives: [Option]

  /// The cheapest alternative breaking no more hard rules than the roster
  /// does; nil when there is none (a person on leave, or every other posting
  /// breaks more).
  public var nextBest: Option? {
    alternatives.first { $0.violations.count <= current.violations.count }
  }

  /// Prices `person`'s posting in `postings` (with zoned officers' `splits`)
  /// against every other posting they could hold.
  ///
  /// A moved person who becomes zoned gets `District.bestSplits`; everyone
  /// else keeps their posting and split. Returns nil for an id that is no
  /// person of the district.
  public init?(
    person id: String, postings: [String: Posting], splits: [String: ZoneSplit], checker: RosterChecker
  ) {
    let district = checker.district
    guard let person = district.person(id) else { return nil }
    let here = postings[id] ?? .unassigned
    let price = { (posting: Posting) -> Option in
      var moved = postings
      moved[id] = posting
      var kept = splits
      if posting != here { kept[id] = nil }
      let evaluation = checker.evaluate(moved, splits: kept)
      return Option(posting: posting, objective: evaluation.objective, violations: evaluation.violations)
    }
    var candidates: [Posting] = []
    if !person.unavailable {
      candidates = district.towns.map { .stationed(town: $0.id) }
      if person.isOfficer { candidates += district.zones.map { .zoned(zone: $0.id) } }
    }
    self.person = id
    current = price(here)
    alternatives = candidates.filter { $0 != here }.map(price).sorted {
      ($0.violations.count, $0.objective.total) < ($1.violations.count, $1.objective.total)
    }
  }
}
