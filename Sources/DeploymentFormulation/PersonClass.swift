import SecondmentDomain

/// Available people who are interchangeable for the model: same department,
/// role, certificate, legal background, driving, home town, current posting,
/// tenure, preferences and pin.
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

/// What makes two people interchangeable in the model.
struct ClassKey: Hashable {
  var index: Int?
  var department: String
  var role: Role
  var certified: Bool
  var legal: Bool
  var drives: Bool
  var homeTown: String?
  var currentPosting: Posting?
  var tenure: Int
  var preferredTowns: [String]
  var pinned: Posting?

  init(_ p: Person, index: Int?, district: District) {
    self.index = index
    department = p.department
    role = p.role
    certified = p.certified
    legal = p.legal
    drives = p.drives
    homeTown = p.homeTown
    currentPosting = p.currentPosting
    // Tenure matters only through the rotation rule; people who may or may
    // not stay are the same to the model whatever their exact tenure.
    if let limit = district.policy.maxTenureQuarters, p.currentPosting != nil {
      tenure = p.tenure + 1 > limit ? 1 : 0
    } else {
      tenure = 0
    }
    preferredTowns = Array(Set(p.preferredTowns)).sorted()
    pinned = p.pinned
  }
}
