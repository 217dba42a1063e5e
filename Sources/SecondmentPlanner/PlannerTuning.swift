import MIPModel

/// Every number that tunes how the planner spends its time, in one place:
/// what it means, its default and its sensible range. Shares are parts of
/// the time left when the step starts, between 0 and 1. The runs each
/// default was chosen on are in `Benchmarks/reports/2026-12-05-planner-tuning.md`;
/// the current figures in `Benchmarks/README.md`.
public enum PlannerTuning {
  /// Seconds the greedy may take beyond the time limit when the chosen
  /// solver ended with no roster, and the least time the elastic re-solve
  /// gets: the documented margin of "always a roster" (1 s; 0.1 to 10).
  public static let fallbackSeconds = 1.0

  /// Candidate pairs (available people × postings) `auto`'s exact search
  /// takes per second of the time limit (20,000; 5,000 to 100,000). A
  /// district with more pairs for its limit gets the greedy alone for the
  /// whole limit and no model is built: building and loading the model, and
  /// GLPK's presolve, which no time limit interrupts, would run past the
  /// limit while the greedy, held to `greedyLaneShare` in the race, is cut short.
  public static let exactSearchPairsPerSecond = 20_000.0

  /// Candidate pairs per second of the limit up to which `auto`, on a
  /// district too large for the exact search (`exactSearchPairsPerSecond`),
  /// raises the bound beside the greedy: the pooled model built on the
  /// other thread, the departments apart with price cuts
  /// (`Planner.priceBound`) (50,000; 20,000 to 100,000). Above it the
  /// model's building and GLPK's uninterruptible presolve would run past the
  /// limit, and no model is built.
  public static let boundPairsPerSecond = 50_000.0

  /// The part of the limit `auto`'s second lane gives the greedy before it
  /// improves the greedy's roster or raises the bound (0.2; 0.05 to 0.5). The
  /// greedy's annealing cools over all of it (`DeploymentGreedyOptions.pacedByLimit`),
  /// however many steps that is; a proof by the other lane ends it sooner.
  public static let greedyLaneShare = 0.2

  /// How a cold exact search (presolved, general integers binarized) goes:
  /// pseudocost branching. The warm-started search keeps GLPK's standard
  /// rule, so a race runs two different strategies; pooled models keep it too.
  public static let coldSearch = SearchStyle(branching: .pseudocost)

  /// A small district's departments apart before the whole model: their
  /// part of the time (0.2; 0.05 to 0.5).
  public static let departmentsShare = 0.2

  /// Branch-and-bound nodes a department's search keeps GLPK's Gomory cuts
  /// before it starts again without them, on a district of the exact model
  /// (100; 30 to 1,000; `DepartmentSearch`, `DepartmentSolve.gomoryCutsFirstOnly`).
  /// rongchang-2024's departments close within 23 nodes with them; most
  /// larger departments close sooner without them, and some of 50-town
  /// districts only without them. Nodes, not seconds: a proven roster is
  /// then the same on any machine.
  public static let departmentGomoryNodes = 100

  /// The part of a department's time left, after its first
  /// `departmentGomoryNodes` nodes leave it open, that proving its shortfall
  /// floor may take (0.25; 0.05 to 0.5; `DepartmentSearch`,
  /// `DepartmentSolve.floored`). A 21-town department's floor model closes
  /// in about 0.7 s.
  public static let shortfallFloorShare = 0.25

  /// How a shortfall floor model is searched: pseudocosts, general integers
  /// kept, no cuts. On the market department of a 21-town district (seed 4)
  /// 0.7 s against 2.1-3.8 s with GLPK's cuts
  /// (`Benchmarks/reports/2026-12-07-shortfall-floors.md`).
  public static let shortfallFloorSearch = SearchStyle(
    branching: .pseudocost, keepGeneralIntegers: true, gomoryCuts: false, otherCuts: false)

  /// A pooled district's departments apart in `glpk` (two passes with price
  /// cuts between them): their part of the time (0.5; 0.3 to 0.8). The rest
  /// goes to the repair and the neighbourhood search of their joined roster.
  public static let pooledDepartmentsShare = 0.5

  /// The same in `auto`'s roster lane, whose other lane makes the bound (one
  /// pass; 0.6; 0.3 to 0.8).
  public static let pooledDepartmentsShareWithBoundLane = 0.6

  /// The same when the departments of the repaired roster are refined
  /// afterwards (`departmentRefineLeastLimit`; 0.3; 0.2 to 0.6): the refinement
  /// improves a shorter pass's roster more than a longer pass does.
  public static let pooledDepartmentsShareBeforeRefine = 0.3

  /// The least time limit, in seconds, at which `auto`'s roster lane asks
  /// each town's legal access of one department in its departments pass
  /// (`DeploymentFormulation.askingLegalAccess`) and refines the repaired
  /// roster department by department (`Planner.refinedDepartments`) before
  /// its neighbourhood search (40; 20 to 120). Below it the search gets all
  /// the time left: at 10 s the refinement's price cuts alone would take most of it.
  public static let departmentRefineLeastLimit = 40.0

  /// Seconds of Kelley rounds of price cuts at the departments' relaxations
  /// before that lane's departments pass, whose point says which department
  /// each town's legal access is asked of (`legalAccessDepartments`; 1; 0.5 to 3).
  public static let legalAccessRelaxationSeconds = 1.0

  /// That refinement's part of the time left after the repair (0.35; 0.2 to 0.5).
  public static let departmentRefineShare = 0.35

  /// Of the refinement's time, the part for the Kelley rounds of price cuts
  /// that price its sub-problems (0.3; 0.2 to 0.5); the departments share the rest.
  public static let departmentRefineCutsShare = 0.3

  /// The part of each department's time kept for relaxation induced
  /// neighbourhood search on its roster in `auto`'s roster lane (0.3; 0 to
  /// 0.5). Not in `glpk`'s two shorter passes, where it can leave a
  /// department without a roster.
  public static let departmentNeighbourhoodShare = 0.3

  /// The departments' branch and bound on the rules joining them
  /// (`DepartmentSolve.linked`) after their first pass closes every
  /// department with a joined roster that breaks such a rule: its part of
  /// the time left in `glpk`, before the whole model (0.5; 0.2 to 0.8). In
  /// `auto`, whose other lane makes the roster, it takes the time left.
  public static let linkedShare = 0.5

  /// The most of the branch and bound's time one department's search in it
  /// may take (0.25; 0.05 to 0.5): one that does not close leaves its node open.
  public static let linkedDepartmentShare = 0.25

  /// In `auto`'s exact lane on a district of the exact model, after each
  /// departments pass whose joined roster lacks a rule joining departments:
  /// the part of the time left its repair (`DepartmentSolve.repair`) may
  /// take (0.05; 0.02 to 0.2). The best repaired roster is that lane's
  /// roster at the limit, beside the other lane's.
  public static let joinedRepairShare = 0.05

  /// The first of two departments passes: its part of their time (0.6; 0.5 to 0.8).
  public static let firstPassShare = 0.6

  /// The repair of a joined roster that lacks rules joining departments: its
  /// part of the time left in `glpk` (0.5; 0.1 to 0.8).
  public static let repairShare = 0.5

  /// The same in `auto`'s roster lane (0.25; 0.1 to 0.5), which leaves more
  /// to the neighbourhood search's regions.
  public static let repairShareWithBoundLane = 0.25

  /// Towns a region of the neighbourhood search starts with: the centre and
  /// its nearest towns (20; 5 to 50). The size then adapts to what the
  /// sub-problems close in time (`NeighbourhoodSearch.Breadth`).
  public static let regionTowns = 20

  /// The most of the neighbourhood search's time one sub-problem may take
  /// (0.1; 0.03 to 0.3), so that a 10 s search still tries several
  /// neighbourhoods when its sub-problems reach their time. On 50-town
  /// districts a quarter left one 60 s search on two 15 s departments
  /// sub-problems that ended without a roster better than the 10 s one.
  public static let neighbourhoodRoundShare = 0.1

  /// Seconds a department's sub-problem of the neighbourhood search may take
  /// at most (15; 2 to 60): a set cover over the whole district, which GLPK
  /// seldom closes even then.
  public static let neighbourhoodDepartmentSeconds = 15.0

  /// Seconds a region's sub-problem may take at most (4; 1 to 15); most close
  /// in under 1 s.
  public static let neighbourhoodRegionSeconds = 4.0

  /// The least time a step gets when the limit is nearly spent (0.1 s; 0.01
  /// to 1), so that it still starts and reports what it has.
  public static let leastStepSeconds = 0.1

  /// The part of the time left `auto`'s bound lane spends on Kelley rounds of
  /// price cuts at the departments' linear relaxations before its passes of
  /// the departments apart (0.4; 0.1 to 0.6).
  public static let relaxationCutsShare = 0.4

  /// The least time, in seconds, from which `auto`'s bound lane adds demand
  /// rounding cuts in its Kelley rounds (`addDemandRoundingCuts`; 20, 10 to
  /// 60). Their rounds take 0.7 s instead of 0.1 s at 200 towns; with a
  /// 10 s limit (about 9 s for the lane) that time was the pass's, and the
  /// bound fell by 47-80 on four of five seeds, where at 60 s it rises by
  /// 40-100 (`Benchmarks/reports/2026-12-08-demand-rounding-cuts.md`).
  public static let demandRoundingLeastSeconds = 20.0

  /// The first of the bound lane's passes of the departments apart: its part
  /// of the time left (1: one pass with all of it; 0.3 to 1); a later pass,
  /// with cuts at the first one's headcounts, takes the rest. One long pass
  /// gives each department's search twice the time of the first of two
  /// halves, and the second pass added little: at 500 towns and 60 s, seeds
  /// 3 and 4, 90,617 and 99,808 against 90,463-90,478 and 99,488-99,680 with
  /// halves; at 200 towns and 10 s, seed 2, 46,971-46,977 in three runs
  /// against 46,422-46,901 in six (a department without a bound in a short
  /// pass keeps its relaxation's).
  public static let firstBoundPassShare = 1.0

  /// Seconds the neighbourhood search keeps in hand before its limit (0.5;
  /// 0.1 to 2): it starts no sub-problem and no descent with less left.
  public static let neighbourhoodReserveSeconds = 0.5

  /// Seconds before the limit at which `auto`'s bound lane ends its last pass
  /// (1; 0.2 to 5), so that the roster lane's end of the race does not
  /// interrupt the pass and cost it its bound.
  public static let boundLaneReserveSeconds = 1.0
}
