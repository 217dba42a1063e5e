// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "secondment",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "secondment", targets: ["SecondmentCLI"]),
    .library(name: "SecondmentPlanner", targets: ["SecondmentPlanner"]),
  ],
  traits: [
    .trait(
      name: "GLPK",
      description: "Build the exact solver on the system GLPK library (libglpk-dev)."),
    .default(enabledTraits: ["GLPK"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/drmohundro/SWXMLHash", from: "8.1.1"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
  ],
  targets: [
    // MARK: - Public API

    /// The planner's world: towns, departments, zones, people, policy, rosters
    /// and the independent roster checker. Knows no solver.
    .target(
      name: "SecondmentDomain",
      dependencies: [
        "Randomness",
        .product(name: "CSV", package: "CSV.swift"), .product(name: "Crypto", package: "swift-crypto"),
      ]),
    /// The planner's spreadsheets: an instance, a staff list, a change list as
    /// an Excel workbook (.xlsx) or a folder of CSV files, in English or
    /// Chinese headers; names resolved to ids; roster workbooks written.
    .target(
      name: "SecondmentSheets",
      dependencies: [
        "SecondmentDomain",
        .product(name: "CSV", package: "CSV.swift"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "SWXMLHash", package: "SWXMLHash"),
      ]),
    /// A solver-neutral mixed-integer model: variables, constraints, results.
    .target(name: "MIPModel"),
    /// The one seeded random generator (SplitMix64) of the generator and the searches.
    .target(name: "Randomness"),
    /// The exact solver: GLPK behind the `MIPModel.Solver` protocol.
    .target(
      name: "GLPKBackend",
      dependencies: [
        "MIPModel",
        .target(name: "CGLPK", condition: .when(traits: ["GLPK"])),
        "CGLPKShims",
      ]),
    /// OR-Library generalized assignment problem: reader, MILP, known optima.
    .target(name: "GAPBenchmark", dependencies: ["MIPModel", "Randomness"]),
    /// The deployment model: instance to MILP, MILP solution to roster.
    .target(
      name: "DeploymentFormulation",
      dependencies: [
        "SecondmentDomain", "MIPModel", .product(name: "HeapModule", package: "swift-collections"),
      ]),
    /// The pure-Swift fallback: construction heuristic plus local search.
    .target(
      name: "GreedySolver",
      dependencies: ["SecondmentDomain", "MIPModel", "Randomness"]),
    /// Benchmark of the GAP greedy over the OR-Library sets, per-set distance
    /// and time (`swift run -c release GreedyBenchmark`; see Benchmarks/README.md).
    .executableTarget(
      name: "GreedyBenchmark",
      dependencies: ["GreedySolver", "GAPBenchmark", "MIPModel", "SecondmentDomain"],
      path: "Benchmarks/greedy"),
    /// One entry point that picks a solver and produces a roster.
    .target(
      name: "SecondmentPlanner",
      dependencies: [
        "SecondmentDomain", "MIPModel", "GLPKBackend", "DeploymentFormulation", "GreedySolver", "Randomness",
      ]),
    /// What-if scenarios: a YAML/JSON file of changes applied to a base instance.
    .target(
      name: "Scenarios",
      dependencies: ["SecondmentDomain", "SecondmentSheets", .product(name: "Yams", package: "Yams")]),
    /// The planner's report: comparison table, heat maps, rosters, provenance (HTML + Markdown).
    .target(name: "SecondmentReport", dependencies: ["SecondmentDomain"]),
    /// Plan history: instances, rosters and adoptions per quarter in one SQLite
    /// file; tenure from the history; the quarterly replanning inputs.
    .target(
      name: "PlanHistory",
      dependencies: ["SecondmentDomain", .product(name: "GRDB", package: "GRDB.swift")]),
    /// The local workbench: the JSON API over a workspace folder, solves run
    /// as child processes of the same binary (`secondment serve`).
    .target(
      name: "SecondmentWorkbench",
      dependencies: [
        "SecondmentDomain", "SecondmentSheets", "SecondmentReport", "Scenarios", "PlanHistory",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ]),
    .executableTarget(
      name: "SecondmentCLI",
      dependencies: [
        "SecondmentPlanner", "Scenarios", "SecondmentReport", "PlanHistory", "SecondmentSheets", "SecondmentWorkbench",
        "SecondmentDomain", "MIPModel", "GLPKBackend", "GAPBenchmark", "GreedySolver",
        "DeploymentFormulation",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // MARK: - Implementation details

    /// The system GLPK library (Debian: libglpk-dev; no pkg-config file).
    .systemLibrary(name: "CGLPK"),
    /// C shims that guard GLPK calls with setjmp/longjmp; empty without glpk.h.
    .target(
      name: "CGLPKShims",
      cSettings: [.define("CGLPK_SHIMS_WANT_GLPK", .when(traits: ["GLPK"]))]),

    // MARK: - Unit test bundles

    /// Runs the built `secondment` binary for the command-line tests.
    .target(name: "SecondmentTestSupport", path: "Tests/SecondmentTestSupport"),

    .testTarget(
      name: "SecondmentDomainTests", dependencies: ["SecondmentTestSupport", "SecondmentDomain", "Randomness"]),
    .testTarget(
      name: "SheetsTests",
      dependencies: [
        "SecondmentTestSupport", "SecondmentSheets", "SecondmentPlanner", "SecondmentCLI", "SecondmentDomain",
        "GLPKBackend",
      ],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "MIPModelTests",
      dependencies: ["SecondmentTestSupport", "MIPModel", "GLPKBackend", "GAPBenchmark", "Randomness"]),
    .testTarget(
      name: "PlannerTests",
      dependencies: [
        "SecondmentPlanner", "SecondmentDomain", "MIPModel", "GLPKBackend", "GAPBenchmark", "GreedySolver", "Randomness",
        "DeploymentFormulation",
      ]),
    .testTarget(
      name: "WorkbenchTests",
      dependencies: [
        "SecondmentTestSupport", "SecondmentWorkbench", "SecondmentCLI", "SecondmentDomain", "SecondmentSheets",
        "GLPKBackend", .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ]),
    .testTarget(
      name: "BrowserTests",
      dependencies: ["SecondmentTestSupport", "SecondmentCLI", "SecondmentDomain"]),
    .testTarget(
      name: "CLITests",
      dependencies: [
        "SecondmentTestSupport", "SecondmentCLI", "GLPKBackend", "SecondmentDomain",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(
      name: "ReplanTests",
      dependencies: [
        "SecondmentTestSupport", "PlanHistory", "SecondmentPlanner", "SecondmentCLI", "SecondmentDomain",
        "GLPKBackend",
      ]),
    .testTarget(
      name: "ScenarioTests",
      dependencies: [
        "SecondmentTestSupport", "Scenarios", "SecondmentReport", "SecondmentPlanner", "SecondmentCLI",
        "SecondmentDomain", "SecondmentSheets", "GLPKBackend",
      ]),
  ],
  swiftLanguageModes: [.v6]
)
