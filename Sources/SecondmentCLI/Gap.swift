import ArgumentParser
import MIPModel
import GLPKBackend
import GAPBenchmark
import Foundation
import SecondmentPlanner

extension Secondment {
  /// `secondment gap FILE`: solve every instance of an OR-Library GAP file.
  struct Gap: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Solve every instance of an OR-Library generalized assignment (GAP) file.",
      discussion: """
        Prints one row per instance: name, objective, the known optimum (for
        the OR-Library files gap1-12 and gapa-d; see Instances/gap/README.md),
        the distance to it in percent (positive: worse than known), status,
        bound, gap to the bound, and seconds. With --format json, one JSON
        object per line with the same fields.

        With GLPK the default solver is auto: a Lagrangian and a linear
        relaxation (the bound), the greedy from the rounded relaxation, the
        knapsack Lagrangian bound and a branch and bound on it (which proves
        gapa-gapc), neighbourhood searches that free part of the best
        assignment's jobs and re-assign them exactly with that branch and
        bound, two at a time on two threads (or, where the knapsack bound is
        too slow, with GLPK), then the branch and bound again (or GLPK
        warm-started from the best), to the limit; it always returns the
        best assignment found (GAPAutoSolver).

        The sense defaults to OR-Library's: maximise for gap1-gap12, minimise
        for gapa-gapd (and for any other file). Exits 2 when the file cannot
        be read or the chosen solver is not in this build.
        """)

    enum SolverChoice: String, ExpressibleByArgument, CaseIterable {
      case auto
      case glpk
      case greedy
    }

    enum Sense: String, ExpressibleByArgument, CaseIterable {
      case max
      case min
      var objective: ObjectiveSense { self == .max ? .maximize : .minimize }
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case table
      case json
    }

    @Argument(help: "An OR-Library GAP file, e.g. Instances/gap/gap1.txt.")
    var file: String

    @Option(
      help: """
        auto (the default when GLPK is built in: relaxations, greedy from the rounding, \
        branch and bound on the knapsack bound, neighbourhood search; the best found), glpk (exact only) \
        or greedy (heuristic only; the default without GLPK).
        """)
    var solver: SolverChoice?

    @Flag(help: "With auto: print each step's outcome and seconds to standard error.")
    var showSteps = false

    @Option(help: "Objective sense; default: OR-Library's for the file.")
    var sense: Sense?

    @Option(name: .customLong("time-limit"), help: "Seconds per instance.")
    var timeLimit: Double?

    @Option(name: .customLong("gap"), help: "Relative gap at which GLPK may stop (e.g. 0.01).")
    var relativeGap: Double = 0

    @Flag(help: "With glpk: start from the greedy solution (warm start).")
    var warmStart = false

    @Option(help: "table or json (one object per line).")
    var format: Format = .table

    @Option(help: "Seed of the greedy solver.")
    var seed: UInt64 = 1

    func validate() throws {
      if let t = timeLimit, !(t > 0) { throw ValidationError("--time-limit must be positive") }
      if !(relativeGap >= 0) { throw ValidationError("--gap must be at least 0") }
    }

    func run() throws {
      let choice = solver ?? (GLPKSolver.isAvailable ? .auto : .greedy)
      if choice != .greedy && !GLPKSolver.isAvailable {
        printError(
          "secondment gap: this build has no GLPK; rebuild with the default traits, or use --solver greedy")
        throw ExitCode(2)
      }
      let instances: [GAPInstance]
      do {
        instances = try GAPReader.read(path: file)
      } catch {
        printError("secondment gap: \(error)")
        throw ExitCode(2)
      }
      let objectiveSense = sense?.objective ?? GAPKnownValue.canonicalSense(file: file) ?? .minimize
      let table = GapTable(format: format)
      table.header()
      for (k, instance) in instances.enumerated() {
        let known = GAPKnownValue.lookup(file: file, index: k + 1, sense: objectiveSense)
        let row = try solve(instance, sense: objectiveSense, solver: choice)
        table.row(row, instance: instance.name, known: known, sense: objectiveSense, solver: choice)
      }
      table.footer()
    }

    /// One instance with the chosen solver.
    func solve(_ instance: GAPInstance, sense: ObjectiveSense, solver: SolverChoice) throws
      -> GapRow
    {
      let clock = ContinuousClock()
      let start = clock.now
      switch solver {
      case .auto:
        let auto = GAPAutoSolver(solver: GLPKSolver(), seed: seed, timeLimit: timeLimit)
        let result: GAPAutoResult
        do {
          result = try auto.solve(instance, sense: sense)
        } catch {
          printError("secondment gap: \(instance.name): \(error)")
          throw ExitCode(1)
        }
        if showSteps { printError("\(instance.name): " + result.steps.joined(separator: "; ")) }
        return GapRow(
          objective: result.solution.map { Double($0.objective) },
          status: result.proven ? "optimal" : result.solution == nil ? "no-solution" : "feasible",
          bound: result.bound, seconds: (clock.now - start).inSeconds)
      case .greedy:
        let solution = GAPGreedySolver(seed: seed, timeLimit: timeLimit).solve(instance, sense: sense)
        return GapRow(
          objective: solution.map { Double($0.objective) },
          status: solution == nil ? "no-solution" : "feasible", bound: nil,
          seconds: (clock.now - start).inSeconds)
      case .glpk:
        let gap = GAPModel(instance, sense: sense)
        var options = SolveOptions(timeLimit: timeLimit, relativeGap: relativeGap, seed: seed)
        if warmStart {
          // A small share of the limit for the heuristic; the rest for GLPK.
          let greedy = GAPGreedySolver(seed: seed, timeLimit: timeLimit.map { $0 / 10 })
          if let s = greedy.solve(instance, sense: sense) { options.warmStart = gap.values(of: s) }
          options.timeLimit = timeLimit.map { max($0 - (clock.now - start).inSeconds, 0.001) }
        }
        let result: SolveResult
        do {
          result = try GLPKSolver().solve(gap.model, options: options)
        } catch {
          printError("secondment gap: \(instance.name): \(error)")
          throw ExitCode(1)
        }
        var status = result.status
        if let values = result.values, let s = gap.solution(from: values),
          !instance.isFeasible(s.agentOfJob)
        {
          status = "invalid"  // never expected: the independent check disagrees with GLPK
        }
        return GapRow(
          objective: result.objective, status: status, bound: result.bound,
          seconds: (clock.now - start).inSeconds)
      }
    }
  }
}

/// What one instance's solve produced, for printing.
struct GapRow {
  var objective: Double?
  var status: String
  var bound: Double?
  var seconds: Double

  /// |objective − bound| / max(|objective|, 1e-9), when both are known.
  var gap: Double? {
    guard let o = objective, let b = bound else { return nil }
    return SolveResult.relativeGap(objective: o, bound: b)
  }

  /// Percent by which the objective is worse than `known` (negative: better,
  /// which for a proven optimum means a bug).
  func distance(to known: Int, sense: ObjectiveSense) -> Double? {
    guard let o = objective, known != 0 else { return nil }
    let worse = sense == .minimize ? o - Double(known) : Double(known) - o
    return worse / abs(Double(known)) * 100
  }
}

/// Prints rows as an aligned table or JSON lines, to standard output.
final class GapTable {
  let format: Secondment.Gap.Format
  private var count = 0
  private var optimal = 0
  private var distances: [Double] = []
  private var totalSeconds = 0.0
  private var anyBestKnown = false

  init(format: Secondment.Gap.Format) { self.format = format }

  private static let widths = [10, 11, 9, 8, 12, 13, 9, 9]

  private func line(_ cells: [String]) -> String {
    zip(cells, Self.widths).enumerated().map { i, pair in
      let (cell, width) = pair
      let pad = String(repeating: " ", count: max(0, width - cell.count))
      return i == 0 ? cell + pad : pad + cell
    }.joined(separator: " ")
  }

  func header() {
    guard format == .table else { return }
    print(line(["name", "objective", "known", "dist%", "status", "bound", "gap", "seconds"]))
  }

  func row(
    _ row: GapRow, instance: String, known: GAPKnownValue?, sense: ObjectiveSense,
    solver: Secondment.Gap.SolverChoice
  ) {
    count += 1
    if row.status == "optimal" { optimal += 1 }
    totalSeconds += row.seconds
    let distance = known.flatMap { row.distance(to: $0.value, sense: sense) }
    if let distance { distances.append(distance) }
    if known?.status == .bestKnown { anyBestKnown = true }
    switch format {
    case .table:
      print(
        line([
          instance, row.objective.map(gapNumber) ?? "-",
          known.map { "\($0.value)\($0.status == .bestKnown ? "*" : "")" } ?? "-",
          distance.map { String(format: "%.2f", $0) } ?? "-", row.status,
          row.bound.map(gapNumber) ?? "-", row.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "-",
          String(format: "%.2f", row.seconds),
        ]))
    case .json:
      var fields: [(String, String)] = [
        ("name", jsonString(instance)),
        ("objective", row.objective.map(gapNumber) ?? "null"),
        ("known", known.map { "\($0.value)" } ?? "null"),
        ("distance", distance.map { String(format: "%.4f", $0) } ?? "null"),
        ("status", jsonString(row.status)),
        ("bound", row.bound.map(gapNumber) ?? "null"),
        ("gap", row.gap.map { String(format: "%.6f", $0) } ?? "null"),
        ("seconds", String(format: "%.3f", row.seconds)),
      ]
      fields.append(("solver", jsonString(solver.rawValue)))
      fields.append(("sense", jsonString(sense == .maximize ? "max" : "min")))
      print("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
    }
  }

  func footer() {
    guard format == .table else { return }
    var text = "\(count) instances, \(optimal) proven optimal, \(String(format: "%.2f", totalSeconds)) s"
    if !distances.isEmpty {
      let mean = distances.reduce(0, +) / Double(distances.count)
      text += String(
        format: "; distance to known: mean %.2f%%, max %.2f%%", mean, distances.max() ?? 0)
    }
    print(text)
    if anyBestKnown { print("(* best known value, not proven optimal)") }
  }
}

/// An integer-valued number without decimals, otherwise with up to 4 decimals.
private func gapNumber(_ x: Double) -> String {
  if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
  return String(format: "%.4f", x)
}

/// A JSON string literal.
private func jsonString(_ s: String) -> String {
  var out = "\""
  for u in s.unicodeScalars {
    switch u {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
    default: out.unicodeScalars.append(u)
    }
  }
  return out + "\""
}
