import Foundation
import SecondmentDomain
import SecondmentPlanner
import Testing

/// Districts built in code for the deployment model's tests.
enum PlannerFixtures {
  /// Four towns on a line 10 km apart, two departments, six officers and two
  /// auxiliaries; feasible under the default policy (see `handRoster`).
  static func tiny(policy: Policy = Policy()) -> Instance {
    func town(_ id: String, _ x: Double, pilot: Bool = false, _ demand: [String: Double]) -> Town {
      Town(
        id: id, name: id, pinyin: id.capitalized, kind: .town, pilot: pilot, x: x, y: 0,
        deskCapacity: 3, demand: demand)
    }
    let towns = [
      town("ta", 0, pilot: true, ["m": 2, "e": 1]), town("tb", 10, ["m": 1, "e": 1]),
      town("tc", 20, ["m": 1]), town("td", 30, ["e": 1.5]),
    ]
    let zones = [
      Zone(id: "z1", towns: ["ta", "tb"]), Zone(id: "z2", towns: ["tc", "td"]),
      Zone(id: "z3", towns: ["tb", "tc"]),
    ]
    func officer(
      _ id: String, _ d: String, legal: Bool = false, drives: Bool = true, home: String,
      prefers: [String] = []
    ) -> Person {
      Person(
        id: id, name: id.uppercased(), department: d, role: .officer, certified: true,
        legal: legal, drives: drives, homeTown: home, preferredTowns: prefers)
    }
    let people = [
      officer("m1", "m", legal: true, home: "ta"), officer("m2", "m", home: "tb"),
      officer("m3", "m", drives: false, home: "tc", prefers: ["ta"]),
      officer("e1", "e", legal: true, home: "td"), officer("e2", "e", home: "ta"),
      officer("e3", "e", drives: false, home: "tb"),
      Person(id: "ma1", name: "MA1", department: "m", role: .auxiliary, homeTown: "tc"),
      Person(id: "ea1", name: "EA1", department: "e", role: .auxiliary, homeTown: "ta"),
    ]
    return Instance(
      name: "tiny", departments: [Department(id: "m", name: "m"), Department(id: "e", name: "e")],
      towns: towns, zones: zones, people: people, policy: policy)
  }

  /// A roster of `tiny` that keeps every hard rule.
  static let handRoster: [String: Posting] = [
    "m1": .zoned(zone: "z1"), "e2": .zoned(zone: "z1"), "e1": .zoned(zone: "z2"),
    "m2": .zoned(zone: "z2"), "m3": .stationed(town: "ta"), "e3": .stationed(town: "td"),
    "ma1": .stationed(town: "ta"), "ea1": .stationed(town: "td"),
  ]

  /// A small seeded random district (generator of `secondment generate`).
  static func generated(seed: UInt64, towns: Int = 4) throws -> Instance {
    try DistrictGenerator.random(
      RandomDistrictSpec(towns: towns, people: 5 * towns, departments: 3, seed: seed))
  }

  /// The same objective within the tolerance of docs/rules.md, term by term.
  static func expectSame(
    _ a: ObjectiveBreakdown, _ b: ObjectiveBreakdown, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let tolerance = 1e-6 * max(1, abs(b.total))
    #expect(abs(a.total - b.total) <= tolerance, "\(a) vs \(b)", sourceLocation: sourceLocation)
    for (x, y) in zip(a.terms, b.terms) {
      #expect(abs(x.value - y.value) <= tolerance, "\(x.name)", sourceLocation: sourceLocation)
    }
  }
}
