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

  /// The tables of `roster` in `district`; lines naming no person are left out.
  public init(_ roster: Roster, district: District) {
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

    towns = instance.towns.map { town in
      let coverage = evaluation.coverage.filter { $0.town == town.id }
      var line = TownLine(
        town: town, demand: coverage.reduce(0) { $0 + $1.demand }, supply: coverage.reduce(0) { $0 + $1.supply },
        unmet: coverage.reduce(0) { $0 + $1.unmet }, uncovered: coverage.filter(\.isUncovered).count,
        stationed: [], zoned: [], auxiliaries: [], desksUsed: 0)
      for person in instance.people {
        switch postings[person.id] ?? .unassigned {
        case .stationed(let t) where t == town.id:
          if person.isOfficer { line.stationed.append(person.id) } else { line.auxiliaries.append(person.id) }
        case .zoned(let z) where district.zone(z)?.towns.contains(town.id) == true: line.zoned.append(person.id)
        default: break
        }
      }
      line.desksUsed = line.stationed.count + line.auxiliaries.count
      return line
    }

    departments = instance.departments.map { department in
      let coverage = evaluation.coverage.filter { $0.department == department.id }
      var line = DepartmentLine(
        department: department, demand: coverage.reduce(0) { $0 + $1.demand },
        supply: coverage.reduce(0) { $0 + $1.supply }, unmet: coverage.reduce(0) { $0 + $1.unmet },
        uncovered: coverage.filter(\.isUncovered).count, stationed: 0, zoned: 0, auxiliaries: 0, unassigned: 0)
      for person in instance.people where person.department == department.id {
        switch postings[person.id] ?? .unassigned {
        case .stationed: if person.isOfficer { line.stationed += 1 } else { line.auxiliaries += 1 }
        case .zoned: line.zoned += 1
        case .unassigned: line.unassigned += 1
        }
      }
      return line
    }
  }
}
