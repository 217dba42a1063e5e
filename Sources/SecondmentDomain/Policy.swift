/// The weights of the objective's terms; every term is minimised.
///
/// Defaults put coverage first (an uncovered town-department pair costs more
/// than ten FTE of unmet demand), then unmet demand, then the soft terms;
/// imbalance is reported but weighs nothing unless the planner sets it.
public struct ObjectiveWeights: Codable, Sendable, Hashable {
  /// Per (town, department) pair with demand and no officer of that department present.
  public var uncoveredPair: Double = 1000
  /// Per FTE of unmet demand in an ordinary town.
  public var unmetDemand: Double = 100
  /// Per FTE of unmet demand in a pilot town.
  public var pilotUnmetDemand: Double = 150
  /// Per minute of travel (one-way commute, plus the zone tour for zoned officers).
  public var travelMinute: Double = 0.05
  /// Per person whose posting differs from the current roster.
  public var move: Double = 10
  /// Per person posted where they did not ask to be.
  public var preferenceMiss: Double = 2
  /// Per unit of the largest unmet share among towns (a share runs 0 to 1).
  ///
  /// 0 by default: the measure is always reported, but as a cost it keeps
  /// branch-and-bound from closing (a max over towns that the LP spreads
  /// thinly); `docs/rules.md` and `Benchmarks/reports/2026-11-27-deployment-gap-greedy.md` give the figures.
  public var imbalance: Double = 0
  /// Per minute of response over the (town, department) pairs with demand
  /// (the whistle; docs/rules.md, Response time). 0 by default: the measure
  /// is always reported; as a cost it adds a choice of responder per pair.
  public var responseMinute: Double = 0

  public init() {}

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = ObjectiveWeights()
    uncoveredPair = try c.decodeIfPresent(Double.self, forKey: .uncoveredPair) ?? d.uncoveredPair
    unmetDemand = try c.decodeIfPresent(Double.self, forKey: .unmetDemand) ?? d.unmetDemand
    pilotUnmetDemand =
      try c.decodeIfPresent(Double.self, forKey: .pilotUnmetDemand) ?? d.pilotUnmetDemand
    travelMinute = try c.decodeIfPresent(Double.self, forKey: .travelMinute) ?? d.travelMinute
    move = try c.decodeIfPresent(Double.self, forKey: .move) ?? d.move
    preferenceMiss = try c.decodeIfPresent(Double.self, forKey: .preferenceMiss) ?? d.preferenceMiss
    imbalance = try c.decodeIfPresent(Double.self, forKey: .imbalance) ?? d.imbalance
    responseMinute = try c.decodeIfPresent(Double.self, forKey: .responseMinute) ?? d.responseMinute
  }
}

/// Every hard rule's switch and parameter, and the objective's weights.
///
/// A missing key in the instance's `policy` section takes the default shown
/// here; `docs/instance-format.md` lists them with their meaning.
public struct Policy: Codable, Sendable, Hashable {
  /// Avoidance (回避): nobody is stationed in their home town.
  public var avoidance: Bool = true
  /// With avoidance on, also keep people from towns within this many minutes of home (0: home town only).
  public var avoidanceRadiusMinutes: Double = 0
  /// Certified officers a town with any seconded presence needs (0 switches the rule off).
  public var minCertifiedPerTown: Int = 2
  /// An auxiliary needs an officer of its department at its town (stationed or zoned over it).
  public var auxiliariesNeedOfficer: Bool = true
  /// At most this many auxiliaries of a department per officer of it present at a town.
  public var auxiliariesPerOfficer: Int = 2
  /// Stationed headcount may not exceed a town's desk capacity.
  public var deskCapacity: Bool = true
  /// Zoned officers must be able to drive.
  public var zonedMustDrive: Bool = true
  /// Officers with legal background every town needs, stationed or zoned over it (0: off).
  public var minLegalPerTown: Int = 1
  /// Maximum consecutive quarters at one posting (nil: no rotation rule).
  public var maxTenureQuarters: Int? = nil
  /// Maximum postings changed from the current roster (nil: no budget).
  public var maxMoves: Int? = nil
  /// Share of a zoned officer's FTE lost to travel, 0 to 1; the rest is split
  /// over the zone's towns in proportion to the department's demand there.
  public var zoneTravelOverhead: Double = 0.2
  /// Zone visits: FTE a zoned officer gives at least to each town of the
  /// zone where the department has demand, 0 to 1; 0 (the default) switches
  /// the rule off. 0.1 is half a day a week in each town: an officer
  /// responsible for a town then always works there, and a town an officer
  /// is zoned over always receives FTE. Off by default because it makes
  /// proofs far slower (rongchang-2024: 0.2 s → 15 s or more;
  /// docs/rules.md, Zone visits, gives the figures). Must fit every zone:
  /// `minZonedShare` × a zone's towns with the department's demand ≤
  /// 1 − `zoneTravelOverhead`.
  public var minZonedShare: Double = 0
  /// The whistle (镇街吹哨、部门报到): every (town, department) with demand
  /// is answered by an officer of the department within this many minutes
  /// ([response-time]; nil: off).
  public var responseMinutes: Double? = nil
  /// Inspect-once (综合查一次): in a town where the instance plans a joint
  /// scenario, every department of the scenario has an officer present
  /// ([joint-inspection]). On by default; it binds only where the instance
  /// plans joint inspections.
  public var jointInspection: Bool = true
  /// Working hours a year of one FTE, for demand derived from workload (1,760: 220 days of 8 hours).
  public var hoursPerFTE: Double = 1760
  /// FTE a department needs in a town where it has any workload, beyond the
  /// hours recorded (being reachable, patrols, advice), 0 to 1.
  public var basePresenceFTE: Double = 0.25
  /// FTE an auxiliary adds to its department's demand at its town, 0 to 1.
  public var auxiliaryFTE: Double = 0.5
  /// For generated zones: towns within this many minutes of the hub join its zone.
  public var zoneRadiusMinutes: Double = 30
  /// For generated zones: at most this many towns per zone, hub included.
  public var zoneMaxTowns: Int = 3
  /// For travel from coordinates: road speed in km/h (straight-line distance × 1.3).
  public var travelSpeedKmh: Double = 40
  public var weights = ObjectiveWeights()

  public init() {}

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = Policy()
    func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
      try c.decodeIfPresent(T.self, forKey: key) ?? fallback
    }
    avoidance = try value(.avoidance, d.avoidance)
    avoidanceRadiusMinutes = try value(.avoidanceRadiusMinutes, d.avoidanceRadiusMinutes)
    minCertifiedPerTown = try value(.minCertifiedPerTown, d.minCertifiedPerTown)
    auxiliariesNeedOfficer = try value(.auxiliariesNeedOfficer, d.auxiliariesNeedOfficer)
    auxiliariesPerOfficer = try value(.auxiliariesPerOfficer, d.auxiliariesPerOfficer)
    deskCapacity = try value(.deskCapacity, d.deskCapacity)
    zonedMustDrive = try value(.zonedMustDrive, d.zonedMustDrive)
    minLegalPerTown = try value(.minLegalPerTown, d.minLegalPerTown)
    maxTenureQuarters = try c.decodeIfPresent(Int.self, forKey: .maxTenureQuarters)
    maxMoves = try c.decodeIfPresent(Int.self, forKey: .maxMoves)
    zoneTravelOverhead = try value(.zoneTravelOverhead, d.zoneTravelOverhead)
    minZonedShare = try value(.minZonedShare, d.minZonedShare)
    auxiliaryFTE = try value(.auxiliaryFTE, d.auxiliaryFTE)
    responseMinutes = try c.decodeIfPresent(Double.self, forKey: .responseMinutes)
    jointInspection = try value(.jointInspection, d.jointInspection)
    hoursPerFTE = try value(.hoursPerFTE, d.hoursPerFTE)
    basePresenceFTE = try value(.basePresenceFTE, d.basePresenceFTE)
    zoneRadiusMinutes = try value(.zoneRadiusMinutes, d.zoneRadiusMinutes)
    zoneMaxTowns = try value(.zoneMaxTowns, d.zoneMaxTowns)
    travelSpeedKmh = try value(.travelSpeedKmh, d.travelSpeedKmh)
    weights = try value(.weights, d.weights)
  }
}
