// Greedy fallback benchmark: GAPGreedySolver over the OR-Library GAP sets,
// then DeploymentGreedy on the Rongchang 2024 baseline.
//
//   swift run -c release GreedyBenchmark [DIR]
//
// GREEDY_ONLY=gap or GREEDY_ONLY=deployment runs one part only.
//
// DIR holds gap1.txt ... gapd.txt (default: Instances/gap, then
// ../shared/benchmarks/gap); known values come from `GAPKnownValue`. Prints
// one line per instance and a per-set table of mean / worst distance to the
// known value and time per instance.
// gap1-12 run in their canonical sense (maximise), gapa-d minimised.
import Foundation
import GAPBenchmark
import GreedySolver
import MIPModel
import SecondmentDomain

let args = CommandLine.arguments.dropFirst()
let env = ProcessInfo.processInfo.environment
let only = env["GREEDY_ONLY"]
let candidates = (args.first.map { [$0] } ?? []) + ["Instances/gap", "../shared/benchmarks/gap"]
let gapDir = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/gap1.txt") })
if gapDir == nil && only != "deployment" {
  FileHandle.standardError.write("no GAP folder found (tried \(candidates))\n".data(using: .utf8) ?? Data())
  exit(2)
}
// Optional settings from the environment: GREEDY_SEED, GREEDY_TIME_LIMIT (seconds),
// GREEDY_ITERATIONS_PER_JOB (iteration limit = that × jobs + 2,000), GREEDY_ITERATIONS (fixed).
let seed = env["GREEDY_SEED"].flatMap { UInt64($0) } ?? 1
let timeLimit = env["GREEDY_TIME_LIMIT"].flatMap { Double($0) }
let iterations = env["GREEDY_ITERATIONS"].flatMap { Int($0) }
let iterationsPerJob = env["GREEDY_ITERATIONS_PER_JOB"].flatMap { Int($0) }
func gapBenchmark(dir: String) {
let sets = (1...12).map { "gap\($0)" } + ["gapa", "gapb", "gapc", "gapd"]
print("instance  name      sense  known  greedy  dist%   ms")
var table: [(set: String, count: Int, mean: Double, worst: Double, meanMs: Double, maxMs: Double)] = []
for set in sets {
  let url = URL(fileURLWithPath: "\(dir)/\(set).txt")
  guard let instances = try? GAPReader.read(path: url.path) else { continue }
  let sense: ObjectiveSense = Int(set.dropFirst(3)) != nil ? .maximize : .minimize
  var dists: [Double] = []
  var times: [Double] = []
  for (k, instance) in instances.enumerated() {
    let key = "\(set).txt#\(k + 1)"
    let start = DispatchTime.now().uptimeNanoseconds
    let solver: GAPGreedySolver
    if let fixed = iterations {
      solver = GAPGreedySolver(seed: seed, timeLimit: timeLimit, iterationLimit: fixed)
    } else if let perJob = iterationsPerJob {
      solver = GAPGreedySolver(seed: seed, timeLimit: timeLimit, iterationLimit: perJob * instance.jobs + 2_000)
    } else {
      solver = GAPGreedySolver(seed: seed, timeLimit: timeLimit)
    }
    let solution = solver.solve(instance, sense: sense)
    let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    guard let ref = GAPKnownValue.lookup(file: "\(set).txt", index: k + 1, sense: sense) else { continue }
    let value = solution?.objective
    let dist = value.map { 100 * Double(sense == .maximize ? ref.value - $0 : $0 - ref.value) / Double(ref.value) } ?? .infinity
    dists.append(dist)
    times.append(ms)
    print(String(format: "%-9@ %-9@ %-6@ %6d %7@ %6.2f %6.1f", key as NSString, ref.name as NSString,
      (sense == .maximize ? "max" : "min") as NSString, ref.value, (value.map(String.init) ?? "none") as NSString, dist, ms))
  }
  guard !dists.isEmpty else { continue }
  table.append((set, dists.count, dists.reduce(0, +) / Double(dists.count), dists.max() ?? 0,
    times.reduce(0, +) / Double(times.count), times.max() ?? 0))
}
print("")
print("| set | sense | instances | mean dist % | worst dist % | mean ms | max ms |")
print("|---|---|---|---|---|---|---|")
for row in table {
  let sense = Int(row.set.dropFirst(3)) != nil ? "max" : "min"
  print(String(format: "| %@ | %@ | %d | %.3f | %.3f | %.1f | %.1f |", row.set as NSString, sense as NSString,
    row.count, row.mean, row.worst, row.meanMs, row.maxMs))
}
func summary(_ rows: ArraySlice<(set: String, count: Int, mean: Double, worst: Double, meanMs: Double, maxMs: Double)>, _ label: String) {
  let n = rows.reduce(0) { $0 + $1.count }
  guard n > 0 else { return }
  let mean = rows.reduce(0.0) { $0 + $1.mean * Double($1.count) } / Double(n)
  print(String(format: "| **%@** | | %d | **%.3f** | **%.3f** | %.1f | %.1f |", label as NSString, n, mean,
    rows.map(\.worst).max() ?? 0, rows.reduce(0.0) { $0 + $1.meanMs * Double($1.count) } / Double(n), rows.map(\.maxMs).max() ?? 0))
}
summary(table.filter { $0.set.count <= 5 && Int($0.set.dropFirst(3)) != nil }[...], "gap1-12")
summary(table.filter { Int($0.set.dropFirst(3)) == nil }[...], "gapa-d")
}
if only != "deployment", let gapDir { gapBenchmark(dir: gapDir) }

// MARK: - Deployment greedy on the Rongchang 2024 baseline

/// Runs `DeploymentGreedy` with default options for seeds 1-5 (GREEDY_SEEDS,
/// e.g. "1-20") on Instances/rongchang-2024.json (GREEDY_RONGCHANG_INSTANCE
/// for another file), when it exists. GREEDY_IMBALANCE_WEIGHT overrides
/// `policy.weights.imbalance`; GREEDY_RONGCHANG_OPTIMUM (the exact solver's
/// proven optimum) adds the distance to it. Every objective printed is the
/// checker's for the greedy's postings and splits (the run stops if they differ).
/// CPU time of this process in seconds (the run is single-threaded, so this
/// is its time on one core whatever else shares the machine).
func cpuSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func deploymentBenchmark() {
  let path = env["GREEDY_RONGCHANG_INSTANCE"] ?? "Instances/rongchang-2024.json"
  guard let data = FileManager.default.contents(atPath: path),
    var instance = try? JSONDecoder().decode(Instance.self, from: data)
  else { return }
  if let weight = env["GREEDY_IMBALANCE_WEIGHT"].flatMap({ Double($0) }) {
    instance.policy.weights.imbalance = weight
  }
  let district = District(instance)
  let optimum = env["GREEDY_RONGCHANG_OPTIMUM"].flatMap { Double($0) }
  // GREEDY_DEPLOYMENT_STEPS: annealing steps (default DeploymentGreedyOptions.defaultSteps).
  let deploymentSteps = env["GREEDY_DEPLOYMENT_STEPS"].flatMap { Int($0) } ?? DeploymentGreedyOptions.defaultSteps
  var seeds = Array(UInt64(1)...5)
  if let spec = env["GREEDY_SEEDS"] {
    let ends = spec.split(separator: "-").compactMap { UInt64($0) }
    if ends.count == 2, ends[0] <= ends[1] { seeds = Array(ends[0]...ends[1]) }
  }
  print("")
  print("Deployment greedy on \(path), imbalance weight \(instance.policy.weights.imbalance), "
    + "\(deploymentSteps) annealing steps")
  print("| instance | seed | objective | travel | unmet | uncovered | preferences | imbalance | dist to optimum % | broken rules | ms | cpu ms |")
  print("|---|---|---|---|---|---|---|---|---|---|---|---|")
  var dists: [Double] = []
  var times: [Double] = []
  var cpuTimes: [Double] = []
  let checker = RosterChecker(district)
  for seed in seeds {
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = cpuSeconds()
    let options = DeploymentGreedyOptions(seed: seed, iterationLimit: deploymentSteps)
    let result = DeploymentGreedy(district: district, options: options).solve()
    let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    let cpuMs = (cpuSeconds() - cpuStart) * 1e3
    cpuTimes.append(cpuMs)
    let checked = checker.evaluate(result.postings, splits: result.splits)
    let o = result.objective
    guard abs(checked.objective.total - o.total) <= 1e-6 * max(1, abs(o.total)) else {
      print("seed \(seed): greedy objective \(o.total) differs from the checker's \(checked.objective.total)")
      exit(1)
    }
    if env["GREEDY_VERBOSE"] != nil {
      var byDept: [String: [String]] = [:]
      for person in instance.people {
        if case .zoned(let z)? = result.postings[person.id] { byDept[person.department, default: []].append(z) }
      }
      for (d, zs) in byDept.sorted(by: { $0.key < $1.key }) { print("  \(d): \(zs.sorted())") }
    }
    times.append(ms)
    let dist = optimum.map { 100 * (o.total - $0) / $0 }
    if let dist { dists.append(dist) }
    print(String(format: "| %@ | %d | %.2f | %.2f | %.2f | %.0f | %.0f | %.2f | %@ | %d | %.1f | %.1f |",
      instance.name as NSString, seed, o.total, o.travel, o.unmetDemand, o.uncoveredPairs, o.preferenceMisses,
      o.imbalance, (dist.map { String(format: "%.2f", $0) } ?? "-") as NSString,
      checked.violations.count, ms, cpuMs))
  }
  if !dists.isEmpty {
    print(String(format: "| **mean** | | | | | | | | **%.2f** (worst %.2f) | | %.1f (max %.1f) | %.1f (max %.1f) |",
      dists.reduce(0, +) / Double(dists.count), dists.max() ?? 0,
      times.reduce(0, +) / Double(times.count), times.max() ?? 0,
      cpuTimes.reduce(0, +) / Double(cpuTimes.count), cpuTimes.max() ?? 0))
  }
}
if only != "gap" { deploymentBenchmark() }
