import Foundation
import MIPModel
import SecondmentDomain

/// Coverage by a model: the fewest officers' moves that leave a department
/// the fewest uncovered pairs, solved as a small integer programme by the
/// solver the caller gives (`DeploymentGreedy.coverageSolver`).
///
/// Coverage chains and merges (`coverageChains`) move a few officers along
/// one path; a better coverage may need several to trade towns at once (a
/// zone over two stationed officers' towns frees both, who cover two new
/// pairs, while the zone's old towns need a second such zone). The
/// department's coverage alone is a small model (one count per posting and
/// kind of officer, one binary per town with demand: at most about 2,000
/// columns for a department of a 500-town district) that GLPK solves in
/// hundredths of a second. The moves it asks for are committed, the towns
/// they leave without a certified or legal officer mended (`repairTowns`),
/// and kept when that lowers the roster's objective.
extension DeploymentSearch {
  /// One model per department with uncovered pairs (not yet tried at this
  /// count of them); commits each department's moves when the roster's
  /// objective falls by more than `eps`. Returns whether anything changed.
  mutating func coverageByModel(deadline: SearchDeadline, eps: Double) -> Bool {
    guard let solver = coverageSolver, uncoveredWeight > 0 else { return false }
    var improved = false
    for d in 0..<nD {
      let uncovered = uncoveredPairs(d)
      guard uncovered > 0, coverageTried[d] != uncovered else { continue }
      if deadline.passed { break }
      coverageTried[d] = uncovered
      let moves: [(Int, Int)]
      do {
        moves = try coverageMoves(d, solver: solver, deadline: deadline)
      } catch {
        // A solver that cannot solve (GLPK not built in, say) is not asked again.
        coverageSolver = nil
        break
      }
      guard !moves.isEmpty else { continue }
      let saved = choice
      let before = total
      for (p, c) in moves { commit(p, c, delta: deltaMove(p, to: c)) }
      // The model knows no rule across departments: mend the towns whose
      // certified or legal officer the moves took away.
      repairTowns(deadline: deadline)
      if total < before - eps {
        improved = true
        coverageTried[d] = uncoveredPairs(d)
      } else {
        load(saved)
      }
    }
    if improved { resync() }
    return improved
  }

  /// Towns with demand of department d and no officer of it present.
  func uncoveredPairs(_ d: Int) -> Int {
    (demandStart[d]..<demandStart[d + 1]).count { presentOff[demandTown[$0] * nD + d] == 0 }
  }

  /// The moves (person, posting) of department d's officers that the
  /// coverage model asks for (none when it found nothing in time); throws
  /// what the solver throws.
  private func coverageMoves(_ d: Int, solver: any Solver, deadline: SearchDeadline) throws -> [(Int, Int)] {
    // Officers who may move, by kind: 0 stationed only, 1 may be zoned.
    let officers = movableOfficers[d].filter { choice[$0] >= 0 }
    guard officers.count > 1 else { return [] }
    let kind = officers.map { p in allowed[p].contains { $0 >= nT } ? 1 : 0 }
    // Postings that reach demand of d; any other counts as "elsewhere".
    var postings = (demandStart[d]..<demandStart[d + 1]).map { demandTown[$0] }
    postings += (splitStart[d]..<splitStart[d + 1]).map { nT + splitZone[$0] }
    var slot: [Int: Int] = [:]
    for (i, c) in postings.enumerated() { slot[c] = i }
    let elsewhere = postings.count
    // Fixed presence: officers of d the search does not move.
    var fixed = [Int](repeating: 0, count: nT)
    for p in 0..<nP where officer[p] && dept[p] == d && choice[p] >= 0 && allowed[p].count == 1 {
      for u in towns(of: choice[p]) { fixed[u] += 1 }
    }
    var current = [[Int]](repeating: [Int](repeating: 0, count: elsewhere + 1), count: 2)
    var fits = [[Int]](repeating: [Int](repeating: 0, count: elsewhere + 1), count: 2)
    for (i, p) in officers.enumerated() {
      current[kind[i]][slot[choice[p]] ?? elsewhere] += 1
      for (s, c) in postings.enumerated() where allowedMask[p * nO + c] { fits[kind[i]][s] += 1 }
      fits[kind[i]][elsewhere] += 1
    }
    var model = Model(name: "coverage")
    var objective = LinearExpression()
    var count = [[Variable?]](repeating: [Variable?](repeating: nil, count: elsewhere + 1), count: 2)
    for k in 0..<2 {
      var all = LinearExpression()
      for s in 0...elsewhere where fits[k][s] > 0 {
        let n = model.addVariable("n\(k)_\(s)", kind: .integer, upper: Double(fits[k][s]))
        count[k][s] = n
        all += n
        if current[k][s] > 0 {
          // Officers moved away from the posting: at least its count now less its count then.
          let moved = model.addVariable("m\(k)_\(s)")
          model.addConstraint(LinearExpression(moved) + LinearExpression(n), .greaterOrEqual, Double(current[k][s]))
          objective += moved
        }
      }
      model.addConstraint(all, .equal, Double(current[k].reduce(0, +)))
    }
    for i in demandStart[d]..<demandStart[d + 1] {
      let t = demandTown[i]
      guard fixed[t] == 0 else { continue }
      let covered = model.addVariable("cov_\(t)", kind: .binary)
      var present = -1.0 * covered
      for c in postingsOver(t) {
        guard let s = slot[c] else { continue }
        for k in 0..<2 { if let n = count[k][s] { present += n } }
      }
      model.addConstraint(present, .greaterOrEqual, 0)
      // One pair covered is worth more than every officer moving.
      objective.add(-Double(officers.count + 1), covered)
    }
    model.setObjective(objective, .minimize)
    let seconds = min(DeploymentGreedyOptions.coverageModelSeconds, deadline.secondsLeft ?? .infinity)
    var options = SolveOptions(timeLimit: seconds)
    options.shouldStop = { deadline.passed }
    guard let values = try solver.solve(model, options: options).values else { return [] }
    // Each kind's officers leave postings above their new count and fill those below it.
    var moves: [(Int, Int)] = []
    for k in 0..<2 {
      var leaving: [Int] = []
      var excess = [Int](repeating: 0, count: elsewhere + 1)
      var room = [Int](repeating: 0, count: elsewhere + 1)
      for s in 0...elsewhere {
        let now = current[k][s]
        let then = count[k][s].map { Int(values[$0.index].rounded()) } ?? 0
        excess[s] = max(0, now - then)
        room[s] = max(0, then - now)
      }
      var left = excess
      for (i, p) in officers.enumerated() where kind[i] == k {
        let s = slot[choice[p]] ?? elsewhere
        if left[s] > 0 {
          left[s] -= 1
          leaving.append(p)
        }
      }
      for s in 0..<elsewhere where room[s] > 0 {
        for _ in 0..<room[s] {
          let c = postings[s]
          guard let j = leaving.indices.filter({ allowedMask[leaving[$0] * nO + c] })
            .min(by: { personCost[leaving[$0] * nO + c] < personCost[leaving[$1] * nO + c] })
          else { continue }
          moves.append((leaving[j], c))
          leaving.remove(at: j)
        }
      }
    }
    return moves
  }
}
