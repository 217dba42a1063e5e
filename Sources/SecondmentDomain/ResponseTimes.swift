/// How fast a town's call is answered under "the town blows the whistle,
/// departments report" (镇街吹哨、部门报到): for each (town, department) with
/// demand, the minutes until an officer of the department can be there.
///
/// The response is 0 when an officer of the department is present at the
/// town (stationed there, or zoned over it); otherwise it is the travel
/// minutes (`District.minutes`) of the nearest officer of the department,
/// from the town where they are stationed or from the nearest town of their
/// zone. A pair whose department has no posted officer has no answer.
public struct ResponseTimes: Sendable {
  /// One officer who can answer a town's call, and how fast.
  public struct Answer: Sendable, Hashable {
    public var person: String
    /// Travel minutes to the town (0 when present there).
    public var minutes: Double
    /// The town the officer sets out from: where they are stationed, or the
    /// town of their zone nearest to the call.
    public var from: String

    public init(person: String, minutes: Double, from: String) {
      self.person = person
      self.minutes = minutes
      self.from = from
    }
  }

  /// The response of one (town, department) with demand.
  public struct Pair: Sendable, Hashable {
    public var town: String
    public var department: String
    /// FTE of demand.
    public var demand: Double
    /// The nearest officer; nil when the department has no posted officer.
    public var nearest: Answer?
    /// Minutes until the nearest officer is there; nil when nobody can answer.
    public var minutes: Double? { nearest?.minutes }
  }

  /// Every (town, department) with demand, towns and departments in instance order.
  public let pairs: [Pair]

  /// The responses of the roster `postings` (people missing from it are unassigned).
  public init(district: District, postings: [String: Posting]) {
    var pairs: [Pair] = []
    for town in district.towns {
      for department in district.departments {
        let demand = town.demand[department.id] ?? 0
        guard demand > 0 else { continue }
        let nearest = Self.answers(town: town.id, department: department.id, district: district, postings: postings)
          .first
        pairs.append(Pair(town: town.id, department: department.id, demand: demand, nearest: nearest))
      }
    }
    self.pairs = pairs
  }

  /// The longest response over the pairs with an answer; nil when none has one.
  public var worst: Double? { pairs.compactMap(\.minutes).max() }

  /// The mean response over the pairs with an answer; nil when none has one.
  public var mean: Double? {
    let answered = pairs.compactMap(\.minutes)
    return answered.isEmpty ? nil : answered.reduce(0, +) / Double(answered.count)
  }

  /// The pairs answered in more than `limit` minutes, or not at all.
  public func over(_ limit: Double) -> [Pair] {
    pairs.filter { ($0.minutes ?? .infinity) > limit }
  }

  /// Every posted officer of `department` who can answer a call from `town`,
  /// nearest first (ties in instance order).
  public static func answers(
    town: String, department: String, district: District, postings: [String: Posting]
  ) -> [Answer] {
    var answers: [(Answer, Int)] = []
    for (index, person) in district.people.enumerated()
    where person.isOfficer && person.department == department && !person.unavailable {
      guard let reach = district.responseMinutes(from: postings[person.id] ?? .unassigned, to: town) else { continue }
      answers.append((Answer(person: person.id, minutes: reach.minutes, from: reach.from), index))
    }
    return answers.sorted { ($0.0.minutes, $0.1) < ($1.0.minutes, $1.1) }.map(\.0)
  }
}
