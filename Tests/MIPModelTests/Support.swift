import Foundation
import GLPKBackend
import MIPModel
import SecondmentTestSupport
import Testing

/// The package root (where Package.swift is).
let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// `Instances/gap/<file>` as a path.
func gapPath(_ file: String) -> String {
  packageRoot.appendingPathComponent("Instances/gap/\(file)").path
}

/// Skips a GLPK test with a message when the build has no GLPK.
let needsGLPK = Testing.ConditionTrait.enabled(
  if: GLPKSolver.isAvailable,
  "GLPK is not in this build (package trait GLPK off): skipped")

/// A fresh temporary file path with the given extension.
func temporaryPath(_ ext: String) throws -> String {
  try temporaryFolder().appendingPathComponent("model.\(ext)").path
}

/// A deterministic pseudo-random generator (SplitMix64) for test models.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// A multidimensional knapsack (maximise, 5 rows, 120 binaries): GLPK's rounding
/// heuristic finds an incumbent right after the root LP (rounding down keeps every
/// row feasible), but proving optimality takes far longer than a second.
func hardKnapsack() -> Model {
  var rng = SplitMix64(seed: 7)
  let n = 120
  let m = 5
  var model = Model(name: "mkp")
  let x = (0..<n).map { model.addVariable("x\($0)", kind: .binary) }
  let w = (0..<m).map { _ in (0..<n).map { _ in Double(Int.random(in: 1...1000, using: &rng)) } }
  var objective = LinearExpression()
  for j in 0..<n {
    let profit = (0..<m).reduce(0.0) { $0 + w[$1][j] } / Double(m)
    objective.add(profit.rounded(.down) + Double(Int.random(in: 1...500, using: &rng)), x[j])
  }
  model.setObjective(objective, .maximize)
  for i in 0..<m {
    var e = LinearExpression()
    for j in 0..<n { e.add(w[i][j], x[j]) }
    model.addConstraint(e, .lessOrEqual, (w[i].reduce(0, +) / 2).rounded(.down))
  }
  return model
}

/// A market-split problem (4 equality rows, 40 binaries, coefficients up to
/// 9,999): with ~10^12 subsets and four exact targets it almost surely has no
/// solution (expected count ~10^-7), and LP-based branch and bound cannot
/// prove that within seconds; no heuristic can find what does not exist.
func marketSplit() -> Model {
  var rng = SplitMix64(seed: 11)
  let n = 40
  let m = 4
  var model = Model(name: "market-split")
  let x = (0..<n).map { model.addVariable("x\($0)", kind: .binary) }
  var objective = LinearExpression()
  for v in x { objective.add(1, v) }
  model.setObjective(objective, .minimize)
  for _ in 0..<m {
    let a = (0..<n).map { _ in Double(Int.random(in: 0...9999, using: &rng)) }
    var e = LinearExpression()
    for j in 0..<n { e.add(a[j], x[j]) }
    model.addConstraint(e, .equal, (a.reduce(0, +) / 2).rounded(.down))
  }
  return model
}
