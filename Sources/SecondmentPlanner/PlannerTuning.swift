import MIPModel

/// Every number that tunes how the planner spends its time, in one place:
/// what it means, its sensible range, and why it has its value. Shares are
/// parts of the time left when the step starts, between 0 and 1. The
/// measurements behind them are in `Benchmarks/README.md` and the dated
/// reports under `Benchmarks/reports/`.
public enum PlannerTuning {
  /// Seconds the greedy may take beyond the time limit when the chosen
  /// solver ended with no roster, and the least time the elastic re-solve
  /// gets (1 s; 0.1 to 10): the documented margin of "always a roster".
  /// rongchang-2024's greedy needs about 0.03 s in a release build.
  public static let fallbackSeconds = 1.0

  /// Candidate pairs (available people × postings) `auto`'s exact search
  /// takes per second of the time limit (20,000; 5,000 to 100,000). A
  /// district with more pairs for its limit gets the greedy alone for the
  /// whole limit, and no model is built: building and loading the model, and
  /// GLPK's presolve, which no time limit interrupts, take seconds past the
  /// limit, while the greedy, held to `greedyLaneShare` in the race, is cut
  /// short. At 200 towns (341,000 pairs) in 10 s the race gave 66,848.10
  /// against the greedy alone's 64,195.00, and in 30 s 61,857.85 at a 0.92%
  /// gap; at 500 towns (2.1 million pairs) in 30 s the race took 34 s and found
  /// no roster of its own; at 1,000 towns (8.4 million) 49.6 s and 737 MB.
  public static let exactSearchPairsPerSecond = 20_000.0

  /// The part of the limit `auto`'s second lane gives the greedy before it
  /// improves the greedy's roster or raises the bound (0.2; 0.05 to 0.5). The
  /// greedy's fixed steps usually end it far sooner on districts the exact
  /// search fits.
  public static let greedyLaneShare = 0.2

  /// How a cold exact search (presolved, general integers binarized) goes:
  /// pseudocost branching took rongchang-2024 in 23 nodes instead of 227
  /// with GLPK's standard rule. The warm-started search keeps the standard
  /// rule, so a race runs two different strategies; pooled models keep it too.
  public static let coldSearch = SearchStyle(branching: .pseudocost)

  /// A small district's departments apart before the whole model: their
  /// part of the time (0.2; 0.05 to 0.5). rongchang-2024's need about 0.3 s
  /// and then prove the roster optimal.
  public static let departmentsShare = 0.2

  /// A pooled district's departments apart in `glpk` (two passes with price
  /// cuts between them): their part of the time (0.5; 0.3 to 0.8). The rest
  /// goes to the repair and the neighbourhood search of their joined roster.
  public static let pooledDepartmentsShare = 0.5

  /// The same in `auto`'s roster lane, whose other lane makes the bound (one
  /// pass; 0.6; 0.3 to 0.8): at 200 towns 61,967 against 62,071 with 0.3; 0.8
  /// gave 61,973.
  public static let pooledDepartmentsShareWithBoundLane = 0.6

  /// The part of each department's time kept for relaxation induced
  /// neighbourhood search on its roster in `auto`'s roster lane (0.3; 0 to
  /// 0.5). At 200 towns 0.2, 0.3 and 0.45 gave rosters of 61,861-61,898,
  /// 61,846-61,899 and 61,857-61,893, against 61,913-61,958 without. Not in
  /// `glpk`'s two shorter passes: with 0.7 a department found no roster in
  /// either pass and the greedy's stood (5.21%).
  public static let departmentNeighbourhoodShare = 0.3

  /// The first of two departments passes: its part of their time (0.6; 0.5
  /// to 0.8). With equal passes a department found no roster in 3 of 8
  /// `auto` runs at 200 towns; with 0.6, in none of 3.
  public static let firstPassShare = 0.6

  /// The repair of a joined roster that lacks rules joining departments: its
  /// part of the time left in `glpk` (0.5; 0.1 to 0.8).
  public static let repairShare = 0.5

  /// The same in `auto`'s roster lane (0.25; 0.1 to 0.5), for the regions that
  /// pay there: at 200 towns, seeds 1-3, 1.15% / 1.00% / 1.24% against
  /// 1.16% / 1.32% / 1.22% with 0.5; every repair found its roster in 4 s.
  public static let repairShareWithBoundLane = 0.25

  /// Towns per region of the neighbourhood search: the centre and its nearest
  /// towns (20; 5 to 50).
  public static let regionTowns = 20

  /// Seconds a department's sub-problem of the neighbourhood search may take
  /// at most (15; 2 to 60): a set cover over the whole district, which GLPK
  /// seldom closes even then.
  public static let neighbourhoodDepartmentSeconds = 15.0

  /// Seconds a region's sub-problem may take at most (4; 1 to 15); most close
  /// in under 1 s.
  public static let neighbourhoodRegionSeconds = 4.0

  /// Seconds before the limit at which `auto`'s bound lane ends its last pass
  /// (1; 0.2 to 5), so that the roster lane's end of the race does not
  /// interrupt the pass and cost it its bound.
  public static let boundLaneReserveSeconds = 1.0
}
