import Foundation
import SecondmentDomain

/// A district as its page shows it: towns with coordinates and demand,
/// zones, departments and staff, every name in the page's language.
///
/// Figures are FTE rounded to `Rounding.displayStep`.
struct DistrictView: Codable, Sendable {
  struct TownView: Codable, Sendable {
    var id: String
    var name: String
    var pilot: Bool
    /// Map coordinates as the instance gives them (any unit); nil when absent.
    var x: Double?
    var y: Double?
    var desks: Int
    /// Demand FTE by department id, and its total.
    var demand: [String: Double]
    var totalDemand: Double
  }

  struct DepartmentView: Codable, Sendable {
    var id: String
    var name: String
    var shortName: String?
  }

  struct ZoneView: Codable, Sendable {
    var id: String
    var name: String
    /// Town ids, hub first.
    var towns: [String]
  }

  struct PersonView: Codable, Sendable {
    var id: String
    var name: String
    var department: String
    var departmentName: String
    /// officer or auxiliary, and its word.
    var role: String
    var roleName: String
    var certified: Bool
    var legal: Bool
    var homeTown: String?
    /// The current posting in words; nil when the person has none.
    var currentPosting: String?
    var tenure: Int
  }

  var name: String
  var title: String?
  var quarter: String?
  var towns: [TownView]
  var departments: [DepartmentView]
  var zones: [ZoneView]
  var people: [PersonView]
  var officers: Int
  var auxiliaries: Int
  var pilots: Int

  init(_ district: District, language: SheetLanguage) {
    let instance = district.instance
    let names = PlaceNames(instance: instance, zones: district.zones, language: language)
    let words = Words(language)
    let round = { (x: Double) in Rounding.round(x, Rounding.displayStep) }
    name = instance.name
    title = instance.title
    quarter = instance.quarter
    towns = instance.towns.map { town in
      TownView(
        id: town.id, name: names.town(town.id), pilot: town.pilot, x: town.x, y: town.y, desks: town.deskCapacity,
        demand: town.demand.mapValues(round), totalDemand: round(town.demand.values.reduce(0, +)))
    }
    departments = instance.departments.map {
      DepartmentView(id: $0.id, name: names.department($0.id), shortName: $0.shortName)
    }
    zones = district.zones.map { ZoneView(id: $0.id, name: names.zone($0.id), towns: $0.towns) }
    people = instance.people.map { person in
      PersonView(
        id: person.id, name: person.name, department: person.department,
        departmentName: names.department(person.department), role: person.role.rawValue,
        roleName: words.role(person.role), certified: person.certified, legal: person.legal,
        homeTown: person.homeTown.map(names.town), currentPosting: person.currentPosting.map { names.posting($0, words: words) },
        tenure: person.tenure)
    }
    officers = instance.people.filter(\.isOfficer).count
    auxiliaries = instance.people.count - officers
    pilots = instance.towns.filter(\.pilot).count
  }
}

/// A roster as its page shows it: by person, by town, by department, and the
/// coverage of every (town, department) pair with demand, as the checker
/// figures them (`RosterTables`); names in the page's language.
struct RosterView: Codable, Sendable {
  struct PersonLine: Codable, Sendable {
    var id: String
    var name: String
    var department: String
    var role: String
    /// stationed, zoned or unassigned, and the posting in words.
    var mode: String
    var posting: String
    /// Town ids the posting covers, with the FTE each receives.
    var towns: [String]
    var fte: [String: Double]
  }

  struct TownLine: Codable, Sendable {
    var id: String
    var name: String
    var pilot: Bool
    var demand: Double
    var supply: Double
    var unmet: Double
    var uncovered: Int
    /// Names: officers stationed, officers zoned over it, auxiliaries.
    var stationed: [String]
    var zoned: [String]
    var auxiliaries: [String]
    var desksUsed: Int
    var desks: Int
    /// The slowest response to this town's calls, minutes (nil: no pair with an answer).
    var worstResponse: Double?
    /// Joint inspections planned here, in words, with any department missing (empty: none planned).
    var jointInspections: String
  }

  struct DepartmentLine: Codable, Sendable {
    var id: String
    var name: String
    var demand: Double
    var supply: Double
    var unmet: Double
    var uncovered: Int
    var stationed: Int
    var zoned: Int
    var auxiliaries: Int
    var unassigned: Int
  }

  struct Cover: Codable, Sendable {
    var town: String
    var department: String
    var demand: Double
    var supply: Double
    /// Officers present (stationed or zoned) of the department in the town.
    var officers: Int
    /// Minutes until an officer of the department can be there (0: present; nil: none posted).
    var response: Double?
  }

  /// The roster's response to towns' calls: slowest and mean, minutes.
  struct Response: Codable, Sendable {
    var worst: Double
    var mean: Double
    /// `policy.responseMinutes`, when the rule is on.
    var limit: Double?
  }

  /// A person whose posting differs from the roster the job started from.
  struct Move: Codable, Sendable {
    var person: String
    var name: String
    /// Both postings in words.
    var from: String
    var to: String
  }

  var job: String
  var instance: String
  var result: JobResult?
  /// The job whose roster this one re-solved from, the people pinned (names
  /// and postings in words), and who moves against that roster.
  var basedOn: String?
  var pins: [String] = []
  /// Postings forbidden for the re-solve: names and postings in words.
  var forbidden: [String] = []
  var moves: [Move]?
  /// A replan job's quarter: where it starts, each change with its reason.
  var quarter: QuarterView?
  /// The checker's messages, one per broken rule; empty when every rule is kept.
  var brokenRules: [String]
  var people: [PersonLine]
  var towns: [TownLine]
  var departments: [DepartmentLine]
  var coverage: [Cover]
  var response: Response

  /// The view of a roster's `tables` in `district`, names from `names` (in the page's language).
  init(job: String, tables: RosterTables, result: JobResult?, district: District, names: PlaceNames) {
    let words = Words(names.language)
    let round = { (x: Double) in Rounding.round(x, Rounding.displayStep) }
    let personName = Dictionary(district.people.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let named = { (ids: [String]) in ids.map { personName[$0] ?? $0 } }
    self.job = job
    instance = district.instance.title ?? district.instance.name
    self.result = result
    brokenRules = tables.evaluation.violations.map(\.message)
    people = tables.people.map { line in
      PersonLine(
        id: line.person.id, name: line.person.name, department: names.department(line.person.department),
        role: words.role(line.person.role), mode: line.posting.mode,
        posting: names.posting(line.posting, words: words), towns: line.towns,
        fte: Rounding.round(line.fte, Rounding.displayStep))
    }
    var slowest: [String: Double] = [:]
    for c in tables.evaluation.coverage {
      if let r = c.responseMinutes { slowest[c.town] = max(slowest[c.town] ?? 0, r) }
    }
    towns = tables.towns.map { line in
      TownLine(
        id: line.town.id, name: names.town(line.town.id), pilot: line.town.pilot, demand: round(line.demand),
        supply: round(line.supply), unmet: round(line.unmet), uncovered: line.uncovered,
        stationed: named(line.stationed), zoned: named(line.zoned), auxiliaries: named(line.auxiliaries),
        desksUsed: line.desksUsed, desks: line.town.deskCapacity,
        worstResponse: slowest[line.town.id],
        jointInspections: words.jointInspections(line, names: names))
    }
    departments = tables.departments.map { line in
      DepartmentLine(
        id: line.department.id, name: names.department(line.department.id), demand: round(line.demand),
        supply: round(line.supply), unmet: round(line.unmet), uncovered: line.uncovered, stationed: line.stationed,
        zoned: line.zoned, auxiliaries: line.auxiliaries, unassigned: line.unassigned)
    }
    coverage = tables.evaluation.coverage.filter { $0.demand > 0 }.map {
      Cover(
        town: $0.town, department: $0.department, demand: round($0.demand), supply: round($0.supply),
        officers: $0.officersPresent, response: $0.responseMinutes)
    }
    let measures = tables.evaluation.measures
    response = Response(
      worst: round(measures.worstResponseMinutes), mean: round(measures.meanResponseMinutes),
      limit: district.policy.responseMinutes)
  }
}

/// Why a person holds their posting, as the roster page shows it: the
/// objective's terms with them where they are against the next best posting
/// for them, everyone else staying put, priced by the checker
/// (`PostingComparison`); names in the page's language.
struct WhyView: Codable, Sendable {
  /// One weighted objective term: with the person here, at the next best
  /// posting, and the difference (next best − here; positive: here is cheaper).
  struct Term: Codable, Sendable {
    var key: String
    var name: String
    var here: Double
    var there: Double?
    var difference: Double?
  }

  /// Another posting and what the roster would cost with the person there.
  struct Alternative: Codable, Sendable {
    var posting: String
    var objective: Double
    var difference: Double
    /// Hard rules the roster would break (the roster's own included).
    var brokenRules: Int
  }

  var person: String
  var name: String
  var posting: String
  var objective: Double
  /// The rules the roster breaks that concern this person, in the checker's words.
  var brokenRules: [String]
  var nextBest: String?
  var terms: [Term]
  /// The cheapest other postings, fewest rules broken first (at most `shown`).
  var alternatives: [Alternative]

  /// Alternatives listed.
  static let shown = 8

  init(_ comparison: PostingComparison, name: String, names: PlaceNames) {
    let words = Words(names.language)
    let round = { (x: Double) in Rounding.round(x, Rounding.displayStep) }
    let here = comparison.current
    let next = comparison.nextBest
    person = comparison.person
    self.name = name
    posting = names.posting(here.posting, words: words)
    objective = round(here.objective.total)
    brokenRules = here.violations.filter { $0.person == comparison.person }.map(\.message)
    nextBest = next.map { names.posting($0.posting, words: words) }
    let thereTerms = Dictionary(uniqueKeysWithValues: (next?.objective.terms ?? []).map { ($0.name, $0.value) })
    terms = here.objective.terms.map { term in
      let there = thereTerms[term.name]
      return Term(
        key: term.name, name: words.word(term.name), here: round(term.value), there: there.map(round),
        difference: there.map { round($0 - term.value) })
    }
    alternatives = comparison.alternatives.prefix(Self.shown).map { option in
      Alternative(
        posting: names.posting(option.posting, words: words), objective: round(option.objective.total),
        difference: round(option.objective.total - here.objective.total), brokenRules: option.violations.count)
    }
  }
}
