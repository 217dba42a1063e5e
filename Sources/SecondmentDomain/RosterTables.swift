/// A roster by person, by town and by department, as the checker figures it:
/// what the roster workbook's sheets and the workbench's roster page show.
///
/// Built from a roster's postings and splits (the file's figures are not
/// trusted); a zoned officer without a split gets the best split. Ids stay
/// ids here; writers turn them into names (`PlaceNames`).
public struct RosterTables: Sendable {
  /// One person's posting.
  public struct PersonLine: Sendable {
    public var person: Person
    public var posting: Posting
    /// The towns the posting covers (the zone's towns for a zoned officer).
    public var towns: [String]
    /// FTE per town: 1 in the stationed town, the split for a zoned officer.
    public var fte: [String: Double]
  }

  /// One town: demand, supply and unmet over its departments, and who works there.
  public struct TownLine: Sendable {
    public var town: Town
    public var demand: Double
    public var supply: Double
    public var unmet: Double
    /// Departments with demand and no officer present.
    public var uncovered: Int
    /// People's ids: officers stationed, officers zoned over it, auxiliaries stationed.
    public var stationed: [String]
    public var zoned: [String]
    public var auxiliaries: [String]
    /// Desks taken (stationed officers and auxiliaries) and the town's desks.
    public var desksUsed: Int
    /// Joint inspections planned here (scenario names) and the departments
    /// of them with no officer present (ids; `JointInspectionRule.staffing`).
    public var jointInspections: [String] = []
    public var jointMissing: [String] = []
  }

  /// One department: its coverage over the towns and its people by posting.
  public struct DepartmentLine: Sendable {
    public var department: Department
    public var demand: Double
    public var supply: Double
    public var unmet: Double
    public var uncovered: Int
    /// Officers stationed, officers zoned, auxiliaries stationed, people unassigned.
    public var stationed: Int
    public var zoned: Int
    public var auxiliaries: Int
    public var unassigned: Int
  }

  public let people: [PersonLine]
  public let towns: [TownLine]
  public let departments: [DepartmentLine]
  /// The checker's verdict: coverage per (town, department), objective, broken rules.
  public let evaluation: RosterEvaluation

  /// The postings and zone splits a roster's lines give, by person id: a
  /// line without its town or zone, or of another mode, is `unassigned`.
  public static func postings(of roster: Roster) -> (postings: [String: Posting], splits: [String: ZoneSplit]) {
    var postings: [String: Posting] = [:]
    var splits: [String: ZoneSplit] = [:]
    for entry in roster.postings {
      switch entry.mode {
      case "stationed": postings[entry.person] = entry.town.map { .stationed(town: $0) } ?? .unassigned
      case "zoned": postings[entry.person] = entry.zone.map { .zoned(zone: $0) } ?? .unassigned
      default: postings[entry.person] = .unassigned
      }
      if let split = entry.split { splits[entry.person] = split }
    }
    return (postings, splits)
  }

  /// The tables of `roster` in `district`; lines naming no person are left out.
  public init(_ roster: Roster, district: District) {
    let (postings, splits) = RosterTables.postings(of: roster)
    let evaluation = RosterChecker(district).evaluate(postings, splits: splits)
    self.evaluation = evaluation
    let instance = district.instance

    people = instance.people.map { person in
      let posting = postings[person.id] ?? .unassigned
      let towns = district.towns(of: posting)
      var fte: [String: Double] = [:]
      switch posting {
      case .stationed(let t): fte[t] = 1
      case .zoned: fte = evaluation.splits[person.id] ?? [:]
      case .unassigned: break
      }
      return PersonLine(person: person, posting: posting, towns: towns, fte: fte)
    }

    // One pass over the coverage and one over the people fill every town and department.
    var coverageOfTown: [String: [TownCoverage]] = [:]
    var coverageOfDepartment: [String: [TownCoverage]] = [:]
    for c in evaluation.coverage {
      coverageOfTown[c.town, default: []].append(c)
      coverageOfDepartment[c.department, default: []].append(c)
    }
    var townLines = instance.towns.map { town in
      let coverage = coverageOfTown[town.id] ?? []
      return TownLine(
        town: town, demand: coverage.reduce(0) { $0 + $1.demand }, supply: coverage.reduce(0) { $0 + $1.supply },
        unmet: coverage.reduce(0) { $0 + $1.unmet }, uncovered: coverage.filter(\.isUncovered).count,
        stationed: [], zoned: [], auxiliaries: [], desksUsed: 0)
    }
    var departmentLines = instance.departments.map { department in
      let coverage = coverageOfDepartment[department.id] ?? []
      return DepartmentLine(
        department: department, demand: coverage.reduce(0) { $0 + $1.demand },
        supply: coverage.reduce(0) { $0 + $1.supply }, unmet: coverage.reduce(0) { $0 + $1.unmet },
        uncovered: coverage.filter(\.isUncovered).count, stationed: 0, zoned: 0, auxiliaries: 0, unassigned: 0)
    }
    let townIndex = Dictionary(instance.towns.indices.map { (instance.towns[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
    let departmentIndex = Dictionary(
      instance.departments.indices.map { (instance.departments[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
    for line in people {
      let person = line.person
      let d = departmentIndex[person.department]
      switch line.posting {
      case .stationed(let t):
        if let i = townIndex[t] {
          if person.isOfficer { townLines[i].stationed.append(person.id) } else { townLines[i].auxiliaries.append(person.id) }
        }
        if let d { if person.isOfficer { departmentLines[d].stationed += 1 } else { departmentLines[d].auxiliaries += 1 } }
      case .zoned:
        for t in line.towns { if let i = townIndex[t] { townLines[i].zoned.append(person.id) } }
        if let d { departmentLines[d].zoned += 1 }
      case .unassigned:
        if let d { departmentLines[d].unassigned += 1 }
      }
    }
    for i in townLines.indices { townLines[i].desksUsed = townLines[i].stationed.count + townLines[i].auxiliaries.count }
    for staffing in JointInspectionRule.staffing(in: district, coverage: evaluation.coverage) {
      guard let i = townIndex[staffing.town] else { continue }
      townLines[i].jointInspections = staffing.scenarios
      townLines[i].jointMissing = staffing.missing
    }
    towns = townLines
    departments = departmentLines
  }
}
