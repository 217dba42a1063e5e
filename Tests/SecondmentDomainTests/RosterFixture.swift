import SecondmentDomain

/// A hand-made district small enough to check every figure by hand.
///
/// Towns (demand in FTE, market `mkt` / transport `trn`):
///
///     alpha  pilot, desk 4   mkt 2    trn 1
///     beta          desk 3   mkt 1    trn 1
///     gamma         desk 3   mkt 1    trn 0.5
///     delta         desk 2   mkt 0.5  trn 1
///
/// Travel minutes: alpha-beta 10, alpha-gamma 20, alpha-delta 30,
/// beta-gamma 15, beta-delta 25, gamma-delta 12.
/// Zones: ridge = [beta, gamma] (hub beta), valley = [gamma, delta] (hub gamma).
///
/// People (all officers certified and driving unless said):
///   m1 mkt legal, home delta, currently stationed alpha for 4 quarters
///   m2 mkt, home gamma, currently stationed gamma for 2 quarters
///   m3 mkt legal, home alpha, prefers delta
///   m4 mkt, home delta
///   m5 mkt, unavailable
///   t1 trn legal, home gamma
///   t2 trn, home alpha, prefers delta
///   t3 trn legal, home alpha
///   t4 trn, home delta, cannot drive
///   x1 mkt auxiliary, home gamma; x2 trn auxiliary, home delta; x3 mkt auxiliary, home gamma
enum Fixture {
  static let alpha = "alpha"
  static let beta = "beta"
  static let gamma = "gamma"
  static let delta = "delta"

  static func instance(_ change: (inout Instance) -> Void = { _ in }) -> Instance {
    let towns = [
      Town(
        id: alpha, name: "甲街道", pinyin: "Alpha", kind: .subdistrict, pilot: true,
        deskCapacity: 4, demand: ["mkt": 2, "trn": 1]),
      Town(
        id: beta, name: "乙镇", pinyin: "Beta", kind: .town, deskCapacity: 3,
        demand: ["mkt": 1, "trn": 1]),
      Town(
        id: gamma, name: "丙镇", pinyin: "Gamma", kind: .town, deskCapacity: 3,
        demand: ["mkt": 1, "trn": 0.5]),
      Town(
        id: delta, name: "丁镇", pinyin: "Delta", kind: .town, deskCapacity: 2,
        demand: ["mkt": 0.5, "trn": 1]),
    ]
    let travel = TravelMatrix(
      towns: [alpha, beta, gamma, delta],
      minutes: [
        [0, 10, 20, 30],
        [10, 0, 15, 25],
        [20, 15, 0, 12],
        [30, 25, 12, 0],
      ])
    let zones = [
      Zone(id: "ridge", name: "Ridge", towns: [beta, gamma]),
      Zone(id: "valley", name: "Valley", towns: [gamma, delta]),
    ]
    func officer(
      _ id: String, _ name: String, _ department: String, legal: Bool = false,
      drives: Bool = true, home: String?
    ) -> Person {
      Person(
        id: id, name: name, department: department, role: .officer, certified: true,
        legal: legal, drives: drives, homeTown: home)
    }
    var m1 = officer("m1", "Zhang Wei", "mkt", legal: true, home: delta)
    m1.currentPosting = .stationed(town: alpha)
    m1.tenure = 4
    var m2 = officer("m2", "Wang Fang", "mkt", home: gamma)
    m2.currentPosting = .stationed(town: gamma)
    m2.tenure = 2
    var m3 = officer("m3", "Li Na", "mkt", legal: true, home: alpha)
    m3.preferredTowns = [delta]
    let m4 = officer("m4", "Liu Yang", "mkt", home: delta)
    var m5 = officer("m5", "Chen Jing", "mkt", home: nil)
    m5.unavailable = true
    let t1 = officer("t1", "Yang Lei", "trn", legal: true, home: gamma)
    var t2 = officer("t2", "Zhao Min", "trn", home: alpha)
    t2.preferredTowns = [delta]
    let t3 = officer("t3", "Huang Qiang", "trn", legal: true, home: alpha)
    let t4 = officer("t4", "Zhou Jie", "trn", drives: false, home: delta)
    let x1 = Person(id: "x1", name: "吴芳", department: "mkt", role: .auxiliary, homeTown: gamma)
    let x2 = Person(id: "x2", name: "Xu Gang", department: "trn", role: .auxiliary, homeTown: delta)
    let x3 = Person(id: "x3", name: "Sun Li", department: "mkt", role: .auxiliary, homeTown: gamma)
    var instance = Instance(
      name: "fixture", title: "Hand-made four-town district",
      departments: [
        Department(id: "mkt", name: "市场监管", englishName: "Market regulation"),
        Department(id: "trn", name: "交通运输", englishName: "Transport"),
      ],
      towns: towns, zones: zones, travel: travel,
      people: [m1, m2, m3, m4, m5, t1, t2, t3, t4, x1, x2, x3])
    change(&instance)
    return instance
  }

  static func district(_ change: (inout Instance) -> Void = { _ in }) -> District {
    District(instance(change))
  }

  /// A roster that keeps every hard rule of `instance()` with default policy.
  ///
  /// alpha: m1, m4, x1, x3 stationed; beta: m2 stationed, t1 zoned (ridge);
  /// gamma: t2, t4, x2 stationed, t1 and m3 zoned; delta: t3 stationed, m3 zoned (valley).
  static var valid: [String: Posting] {
    [
      "m1": .stationed(town: alpha), "m2": .stationed(town: beta), "m3": .zoned(zone: "valley"),
      "m4": .stationed(town: alpha), "m5": .unassigned, "t1": .zoned(zone: "ridge"),
      "t2": .stationed(town: gamma), "t3": .stationed(town: delta), "t4": .stationed(town: gamma),
      "x1": .stationed(town: alpha), "x2": .stationed(town: gamma), "x3": .stationed(town: alpha),
    ]
  }

  /// `valid` with some postings changed.
  static func valid(_ changes: [String: Posting]) -> [String: Posting] {
    valid.merging(changes) { _, new in new }
  }

  /// The roster file lines for postings, in the instance's people order.
  static func roster(_ postings: [String: Posting]) -> Roster {
    let entries = instance().people.map { person -> RosterEntry in
      switch postings[person.id] ?? .unassigned {
      case .stationed(let town): return RosterEntry(person: person.id, mode: "stationed", town: town)
      case .zoned(let zone): return RosterEntry(person: person.id, mode: "zoned", zone: zone)
      case .unassigned: return RosterEntry(person: person.id, mode: "unassigned")
      }
    }
    return Roster(instance: "fixture", postings: entries)
  }
}
