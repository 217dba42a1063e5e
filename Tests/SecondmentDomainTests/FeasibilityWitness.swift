import SecondmentDomain

/// Proof that an instance is feasible under its policy: a roster built by a
/// simple construction, and the hard rules of docs/rules.md checked on it
/// directly (rules 1–11; the baseline has no tenure limit and no move budget).
///
/// Construction: cover the towns with zones and zone one legal, certified
/// driver over each; zone or station certified officers until every town has
/// two certified present; station the other officers where their department's
/// demand is least met, each bringing along up to `auxiliariesPerOfficer`
/// auxiliaries of its department, and any auxiliary left where an officer of
/// its department is present, always respecting avoidance, desks and the auxiliary ratio.
struct FeasibilityWitness {
  let district: District
  var postings: [String: Posting] = [:]

  init(_ district: District) { self.district = district }

  var policy: Policy { district.policy }
  var towns: [Town] { district.towns }

  func present(_ townID: String, where include: (Person) -> Bool) -> Int {
    district.people.filter { p in
      guard p.isOfficer, include(p), let posting = postings[p.id] else { return false }
      return district.towns(of: posting).contains(townID)
    }.count
  }

  func stationed(_ townID: String) -> Int {
    postings.values.filter { $0 == .stationed(town: townID) }.count
  }

  func free(_ person: Person) -> Bool { postings[person.id] == nil && !person.unavailable }

  /// Builds the roster; returns the reasons it failed, if any.
  mutating func build() -> [String] {
    var problems: [String] = []
    // 1. Legal access: greedy cover of towns by zones, one legal driver per zone.
    var needLegal = Set(towns.map(\.id))
    while !needLegal.isEmpty {
      guard
        let zone = district.zones.max(by: {
          (needLegal.intersection($0.towns).count, $1.id) < (needLegal.intersection($1.towns).count, $0.id)
        }), !needLegal.intersection(zone.towns).isEmpty,
        let officer = district.people.first(where: {
          free($0) && $0.isOfficer && $0.legal && $0.certified && $0.drives
        })
      else {
        problems.append("legal: cannot cover \(needLegal.sorted())")
        break
      }
      postings[officer.id] = .zoned(zone: zone.id)
      needLegal.subtract(zone.towns)
    }
    // 2. Two certified officers in every town: zone certified drivers where possible, else station.
    for town in towns {
      while present(town.id, where: \.certified) < policy.minCertifiedPerTown {
        if let zone = district.zones.first(where: { $0.towns.contains(town.id) }),
          let officer = district.people.first(where: {
            free($0) && $0.isOfficer && $0.certified && $0.drives
          })
        {
          postings[officer.id] = .zoned(zone: zone.id)
        } else if stationed(town.id) < town.deskCapacity,
          let officer = district.people.first(where: {
            free($0) && $0.isOfficer && $0.certified && !district.avoids($0, town: town.id)
          })
        {
          postings[officer.id] = .stationed(town: town.id)
        } else {
          problems.append("certified: \(town.id) lacks certified officers")
          break
        }
      }
    }
    // 3. Other officers: where their department's demand least met so far, with a free desk.
    for person in district.people where free(person) && person.isOfficer {
      let options = towns.filter {
        stationed($0.id) < $0.deskCapacity && !district.avoids(person, town: $0.id)
      }
      func left(_ town: Town) -> Double {
        town.demand(of: person.department)
          - Double(present(town.id) { $0.department == person.department })
      }
      guard let best = options.max(by: { (left($0), $1.id) < (left($1), $0.id) })
      else {
        problems.append("desks: nowhere to station \(person.id)")
        continue
      }
      postings[person.id] = .stationed(town: best.id)
      // Bring auxiliaries of the department along while the desks and the ratio allow.
      var brought = 0
      for aux in district.people
      where free(aux) && !aux.isOfficer && aux.department == person.department
        && !district.avoids(aux, town: best.id) && brought < policy.auxiliariesPerOfficer
        && stationed(best.id) < best.deskCapacity
      {
        postings[aux.id] = .stationed(town: best.id)
        brought += 1
      }
    }
    // 4. Remaining auxiliaries: next to an officer of their department, within the ratio.
    for person in district.people where free(person) && !person.isOfficer {
      let options = towns.filter { town in
        guard stationed(town.id) < town.deskCapacity, !district.avoids(person, town: town.id)
        else { return false }
        let officers = present(town.id) { $0.department == person.department }
        let auxiliaries = district.people.filter {
          !$0.isOfficer && $0.department == person.department
            && postings[$0.id] == .stationed(town: town.id)
        }.count
        return officers > 0 && auxiliaries < policy.auxiliariesPerOfficer * officers
      }
      guard let best = options.max(by: { ($0.demand(of: person.department), $1.id) < ($1.demand(of: person.department), $0.id) })
      else {
        problems.append("auxiliary: nowhere to station \(person.id)")
        continue
      }
      postings[person.id] = .stationed(town: best.id)
    }
    for person in district.people where person.unavailable { postings[person.id] = .unassigned }
    return problems
  }

  /// Hard rules 1–11 of docs/rules.md checked on the built roster.
  func violations() -> [String] {
    var found: [String] = []
    for p in district.people {
      guard let posting = postings[p.id] else {
        found.append("one-posting: \(p.id) has none")
        continue
      }
      if p.unavailable != (posting == .unassigned) { found.append("one-posting: \(p.id)") }
      if case .zoned = posting {
        if !p.isOfficer { found.append("auxiliary-stationed: \(p.id)") }
        if policy.zonedMustDrive && !p.drives { found.append("zoned-must-drive: \(p.id)") }
      }
      if case .stationed(let t) = posting, district.avoids(p, town: t) {
        found.append("avoidance: \(p.id) at \(t)")
      }
      if let pin = p.pinned, !p.unavailable, pin != posting { found.append("pinned: \(p.id)") }
    }
    for town in towns {
      let anyone = district.people.contains { p in
        postings[p.id].map { district.towns(of: $0).contains(town.id) } ?? false
      }
      if anyone && present(town.id, where: \.certified) < policy.minCertifiedPerTown {
        found.append("two-certified: \(town.id)")
      }
      if present(town.id, where: \.legal) < policy.minLegalPerTown {
        found.append("legal-access: \(town.id)")
      }
      if policy.deskCapacity && stationed(town.id) > town.deskCapacity {
        found.append("desk-capacity: \(town.id)")
      }
      for department in district.departments {
        let auxiliaries = district.people.filter {
          !$0.isOfficer && $0.department == department.id
            && postings[$0.id] == .stationed(town: town.id)
        }.count
        let officers = present(town.id) { $0.department == department.id }
        if policy.auxiliariesNeedOfficer && auxiliaries > 0
          && (officers == 0 || auxiliaries > policy.auxiliariesPerOfficer * officers)
        {
          found.append("auxiliary-with-officer/ratio: \(department.id) at \(town.id)")
        }
      }
    }
    return found
  }
}
