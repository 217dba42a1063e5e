import Foundation
import SecondmentDomain

/// One solved run for the report: the (possibly changed) district, its postings
/// and how the solver did.
public struct ReportRun: Sendable {
  /// Short label, e.g. `base` or the scenario's name.
  public var label: String
  /// What the run is, e.g. the scenario's title.
  public var title: String
  public var district: District
  /// Posting per person id; people missing from it count as unassigned.
  public var postings: [String: Posting]
  /// The independent checker's verdict on the postings: objective by term,
  /// measures, per-(town, department) coverage and broken rules.
  public var evaluation: RosterEvaluation
  /// Which solver produced the roster, e.g. `glpk 5.0` or `greedy`.
  public var solver: String
  /// The planner's status, e.g. `optimal`, `feasible`, `rules-broken`.
  public var status: String
  /// Relative gap between objective and bound, when known.
  public var gap: Double?
  /// Wall-clock seconds the solve took, when measured.
  public var seconds: Double?
  /// What the scenario changed, one line per change (empty for the base run).
  public var changes: [String]

  /// - Parameter evaluation: the checker's verdict; computed with
  ///   `RosterChecker` when not given.
  public init(
    label: String, title: String, district: District, postings: [String: Posting],
    evaluation: RosterEvaluation? = nil, solver: String, status: String, gap: Double? = nil,
    seconds: Double? = nil, changes: [String] = []
  ) {
    self.label = label
    self.title = title
    self.district = district
    self.postings = postings
    self.evaluation = evaluation ?? RosterChecker(district).evaluate(postings)
    self.solver = solver
    self.status = status
    self.gap = gap
    self.seconds = seconds
    self.changes = changes
  }

  /// The posting of a person (unassigned when the roster has none).
  public func posting(of person: String) -> Posting { postings[person] ?? .unassigned }
  /// The objective by term, as the checker computed it.
  public var objective: ObjectiveBreakdown { evaluation.objective }
  /// Hard rules the roster breaks, in the planner's words.
  public var brokenRules: [String] { evaluation.violations.map(\.description) }
}

/// The planner's figures of one run, from the checker's evaluation plus
/// headcounts read off the postings.
public struct RunSummary: Sendable {
  public let run: ReportRun
  /// Coverage of every pair with demand, keyed by `town|department`.
  public let pairs: [String: TownCoverage]
  public let pairsWithDemand: Int
  /// Pairs with demand that receive FTE (`TownCoverage.receivesFTE`): what the heat map shows.
  public let coveredPairs: Int
  /// Pairs with demand and an officer of the department present (stationed or zoned over it).
  public let presentPairs: Int
  public let pilotPairsWithDemand: Int
  public let pilotCoveredPairs: Int
  public let unmetFTE: Double
  public let pilotUnmetFTE: Double
  public let demandFTE: Double
  public let travelMinutes: Double
  /// Auxiliaries stationed where no officer of their department is present.
  public let auxiliariesWithoutOfficer: Int
  /// (town, department) pairs a planned joint inspection needs with no officer present.
  public let jointMissing: Int
  public let stationed: Int
  public let zoned: Int
  public let unassigned: Int
  /// People present per town: stationed there, or zoned officers over it.
  public let presence: [String: Int]

  public init(_ run: ReportRun) {
    self.run = run
    let district = run.district
    var presence: [String: Int] = [:]
    var stationed = 0
    var zoned = 0
    var unassigned = 0
    for person in district.people {
      let posting = run.posting(of: person.id)
      switch posting {
      case .stationed: stationed += 1
      case .zoned: zoned += 1
      case .unassigned: unassigned += 1
      }
      for town in district.towns(of: posting) { presence[town, default: 0] += 1 }
    }
    var pairs: [String: TownCoverage] = [:]
    var officersPresent: [String: Int] = [:]
    for c in run.evaluation.coverage {
      officersPresent["\(c.town)|\(c.department)"] = c.officersPresent
      if c.demand > 0 { pairs["\(c.town)|\(c.department)"] = c }
    }
    var auxWithout = 0
    for person in district.people where !person.isOfficer {
      if case .stationed(let town) = run.posting(of: person.id),
        (officersPresent["\(town)|\(person.department)"] ?? 0) == 0
      {
        auxWithout += 1
      }
    }
    let pilot = Set(district.towns.filter(\.pilot).map(\.id))
    let all = Array(pairs.values)
    self.pairs = pairs
    pairsWithDemand = all.count
    coveredPairs = all.filter(\.receivesFTE).count
    presentPairs = all.filter { !$0.isUncovered }.count
    pilotPairsWithDemand = all.filter { pilot.contains($0.town) }.count
    pilotCoveredPairs = all.filter { pilot.contains($0.town) && $0.receivesFTE }.count
    unmetFTE = run.evaluation.measures.unmetDemandFTE
    pilotUnmetFTE = run.evaluation.measures.pilotUnmetDemandFTE
    demandFTE = all.reduce(0) { $0 + $1.demand }
    travelMinutes = run.evaluation.measures.travelMinutes
    auxiliariesWithoutOfficer = auxWithout
    jointMissing = JointInspectionRule.staffing(in: district, coverage: run.evaluation.coverage)
      .reduce(0) { $0 + $1.missing.count }
    self.stationed = stationed
    self.zoned = zoned
    self.unassigned = unassigned
    self.presence = presence
  }

  /// Coverage of a pair, nil when the department has no demand at the town.
  public func coverage(town: String, department: String) -> TownCoverage? {
    pairs["\(town)|\(department)"]
  }

  /// Unmet FTE of one town over all departments.
  public func unmet(town: String) -> Double {
    run.district.departments.reduce(0) { $0 + (coverage(town: town, department: $1.id)?.unmet ?? 0) }
  }
}

/// What a scenario changed for people, against the base run.
public struct PeopleChanges: Sendable {
  /// One line per person whose posting differs: `name (department): from → to`.
  public var moves: [String]
  /// People in the scenario and not in the base, with their posting.
  public var newPeople: [String]
  /// People posted in the base who have no posting in the scenario (left or unavailable).
  public var leaving: [String]
  /// Towns whose headcount present changes: (town, base, scenario).
  public var townChanges: [(town: String, before: Int, after: Int)]

  /// Compares a scenario run with the base run, in `language`'s words.
  public init(base: RunSummary, scenario: RunSummary, language: SheetLanguage = .en) {
    let catalogue = Words(language)
    let b = base.run
    let s = scenario.run
    let baseIDs = Set(b.district.people.map(\.id))
    // Names as the planner knows them: person, department, town and zone names.
    func name(_ p: Person) -> String {
      let department = s.district.instance.departments.first { $0.id == p.department }?.name ?? p.department
      return "\(p.name) (\(department))"
    }
    func words(_ posting: Posting, _ district: District) -> String {
      switch posting {
      case .stationed(let t): return catalogue.word("stationedAt") + " " + (district.town(t)?.name ?? t)
      case .zoned(let z): return catalogue.word("zonedTo") + " " + (district.zone(z)?.name ?? z)
      case .unassigned: return catalogue.word("report.noPostingWord")
      }
    }
    var moves: [String] = []
    var newPeople: [String] = []
    var leaving: [String] = []
    for person in s.district.people {
      let after = s.posting(of: person.id)
      if !baseIDs.contains(person.id) {
        newPeople.append(catalogue.format("report.newLine", name(person), words(after, s.district)))
        continue
      }
      let before = b.posting(of: person.id)
      if before == after { continue }
      if after == .unassigned {
        leaving.append(catalogue.format("report.nowUnavailable", name(person), words(before, b.district)))
      } else {
        moves.append(catalogue.format("report.moveLine", name(person), words(before, b.district), words(after, s.district)))
      }
    }
    let scenarioIDs = Set(s.district.people.map(\.id))
    for person in b.district.people where !scenarioIDs.contains(person.id) {
      leaving.append(catalogue.format("report.leaves", name(person), words(b.posting(of: person.id), b.district)))
    }
    var townChanges: [(town: String, before: Int, after: Int)] = []
    for town in b.district.towns {
      let before = base.presence[town.id] ?? 0
      let after = scenario.presence[town.id] ?? 0
      if before != after { townChanges.append((language == .zh ? town.name : town.displayName, before, after)) }
    }
    self.moves = moves
    self.newPeople = newPeople
    self.leaving = leaving
    self.townChanges = townChanges
  }
}

extension TownCoverage {
  /// Supply over demand, capped at 1 (1 when there is no demand).
  public var ratio: Double { demand > 0 ? min(1, supply / demand) : 1 }
}
