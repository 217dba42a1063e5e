import SecondmentDomain

/// Available people who are interchangeable for the model: same department,
/// role, certificate, legal background, driving, home town, current posting,
/// tenure, preferences, pin and forbidden postings.
///
/// The model counts how many of a class take each posting; names are given
/// out afterwards, in instance order, so the same solution always gives the
/// same roster.
public struct PersonClass: Sendable, Hashable {
  /// Positions in `instance.people`, ascending.
  public let members: [Int]
  /// The first member; every member has the same attributes that matter.
  public let representative: Person

  /// How many people the class holds.
  public var count: Int { members.count }

  /// Splits the district's available people into classes, in instance order
  /// of each class's first member. With `aggregate` false every person is a
  /// class of one.
  public static func classes(of district: District, aggregate: Bool) -> [PersonClass] {
    var order: [ClassKey] = []
    var groups: [ClassKey: [Int]] = [:]
    for (i, p) in district.people.enumerated() where !p.unavailable {
      let key = ClassKey(p, index: aggregate ? nil : i, district: district)
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(i)
    }
    return order.compactMap { key in
      guard let members = groups[key], let first = members.first else { return nil }
      return PersonClass(members: members, representative: district.people[first])
    }
  }
}

/// What makes two people interchangeable in the model: their
/// `RosterAlignment.Class`, or with `aggregate` off their position too.
struct ClassKey: Hashable {
  var index: Int?
  var kind: RosterAlignment.Class

  init(_ p: Person, index: Int?, district: District) {
    self.index = index
    kind = RosterAlignment.Class(p, policy: district.policy)
  }
}
