import Foundation
import SecondmentDomain

/// Coverage chains and merges: officers of one department moved together so
/// that an uncovered pair gets an officer and no other pair loses its own.
///
/// In a department with fewer officers than pairs, nearly every officer is
/// the only one of the department in some town, so single moves and swaps
/// stop where every move over an uncovered pair (t, d) uncovers another: a
/// move that gains nothing.
///
/// A **chain** moves officer r1 to a posting over t, leaving the one pair w1
/// that he alone covered; r2 to a posting over w1, leaving w2; … It ends
/// when a move leaves nothing uncovered (a zone over an officer's town and
/// w, say), or when a spare officer can take over the last pair left: one
/// whose towns all keep another officer of the department, now or once the
/// chain's last move reaches them. Chains are found breadth-first on the
/// department's coverage alone (fewest moves first).
///
/// A **merge** moves one officer to a zone over towns where other officers
/// are alone (a zone over two stationed officers' towns frees both); when
/// the officers it frees and the uncovered towns it reaches outnumber the
/// pairs it leaves, the freed officers take those pairs and then uncovered
/// ones.
///
/// Either pays one uncovered pair or more, against what the moves change in
/// unmet demand and travel: its moves are priced one by one and kept only
/// when together they lower the objective.
extension DeploymentSearch {
  /// The longest chain tried, in moves.
  static let longestChain = 6

  /// One step of a chain: an officer and a posting; `code` −1 is the spare
  /// officer's last step, to the cheapest posting over `town`.
  private struct ChainStep {
    var officer: Int
    var code: Int
    var town: Int
  }

  /// Who covers what in one department: the officer alone at each town
  /// with demand (−1: none or several), how many towns each officer is
  /// alone at, and the posted officers alone at none (spare).
  private struct SoleCover {
    var officerAt: [Int]
    var count: [Int]
    var spare: [Int] = []

    init(towns: Int, people: Int) {
      officerAt = Array(repeating: -1, count: towns)
      count = Array(repeating: 0, count: people)
    }

    /// The towns officer r alone covers at `posting` (its towns) that a
    /// posting reaching `reaches` leaves.
    func left(by r: Int, at posting: [Int], for reaches: [Int]) -> [Int] {
      posting.filter { officerAt[$0] == r && !reaches.contains($0) }
    }

    /// Whether a posting reaching `reaches` covers every town officer f is alone at.
    func frees(_ f: Int, _ reaches: [Int]) -> Bool {
      count[f] == reaches.count { officerAt[$0] == f }
    }
  }

  /// Coverage chains and coverage models until neither pays (or the deadline passes).
  mutating func improveCoverage(deadline: SearchDeadline) {
    while !deadline.passed,
      coverageChains(deadline: deadline, eps: 1e-7) || coverageByModel(deadline: deadline, eps: 1e-7)
    {}
  }

  /// One pass over the uncovered pairs, committing every chain, then every
  /// merge, that lowers the penalised objective by more than `eps`. Returns
  /// whether anything was committed.
  mutating func coverageChains(deadline: SearchDeadline, eps: Double) -> Bool {
    guard uncoveredWeight > 0 else { return false }
    var improved = false
    for d in 0..<nD {
      let officers = movableOfficers[d]
      guard !officers.isEmpty else { continue }
      var cover = soleCover(d, officers: officers)
      for i in demandStart[d]..<demandStart[d + 1] {
        let t = demandTown[i]
        guard presentOff[t * nD + d] == 0 else { continue }
        if deadline.passed { break }
        guard let chain = shortestChain(to: t, d, officers: officers, cover: cover) else { continue }
        if commitIfPays(chain, eps: eps) {
          improved = true
          cover = soleCover(d, officers: officers)
        }
      }
    }
    for d in 0..<nD where !deadline.passed {
      if mergeOfficers(d, officers: movableOfficers[d], deadline: deadline, eps: eps) { improved = true }
    }
    if improved { resync() }
    return improved
  }

  /// Merges in department d: officer r takes a posting that reaches the
  /// towns of officers alone there (a zone over two stationed officers'
  /// towns, say), which frees them; when the freed officers and the
  /// uncovered towns the posting reaches outnumber the pairs r leaves, the
  /// freed officers take the pairs r leaves and then uncovered pairs.
  /// Commits every merge that pays.
  private mutating func mergeOfficers(_ d: Int, officers: [Int], deadline: SearchDeadline, eps: Double) -> Bool {
    guard officers.count > 2 else { return false }
    var uncovered = (demandStart[d]..<demandStart[d + 1]).map { demandTown[$0] }
      .filter { presentOff[$0 * nD + d] == 0 }
    guard !uncovered.isEmpty else { return false }
    var cover = soleCover(d, officers: officers)
    var improved = false
    for r in officers {
      if deadline.passed || uncovered.isEmpty { break }
      let a = choice[r]
      guard a >= 0 else { continue }
      for c in allowed[r] where c != a && c >= nT {
        let reaches = towns(of: c)
        let lost = cover.left(by: r, at: towns(of: a), for: reaches)
        var freed: [Int] = []
        for u in reaches {
          let f = cover.officerAt[u]
          guard f >= 0, f != r, !freed.contains(f) else { continue }
          if cover.frees(f, reaches) { freed.append(f) }
        }
        let gained = reaches.count { demand[$0 * nD + d] > 0 && presentOff[$0 * nD + d] == 0 }
        guard gained + freed.count > lost.count else { continue }
        // The freed officers take the pairs r leaves, then uncovered ones.
        var chain = [ChainStep(officer: r, code: c, town: -1)]
        for (f, w) in zip(freed, lost) { chain.append(ChainStep(officer: f, code: -1, town: w)) }
        let elsewhere = uncovered.filter { !reaches.contains($0) }
        for (f, t) in zip(freed.dropFirst(lost.count), elsewhere) {
          chain.append(ChainStep(officer: f, code: -1, town: t))
        }
        if commitIfPays(chain, eps: eps) {
          improved = true
          cover = soleCover(d, officers: officers)
          uncovered.removeAll { presentOff[$0 * nD + d] > 0 }
          break
        }
      }
    }
    return improved
  }

  /// Commits the chain's moves one by one; undoes them unless their changes
  /// add up to less than −`eps`.
  private mutating func commitIfPays(_ chain: [ChainStep], eps: Double) -> Bool {
    var undo: [(officer: Int, code: Int)] = []
    var sum = 0.0
    for step in chain {
      let r = step.officer
      var code = step.code
      var delta: Double
      if code < 0 {
        // The spare officer takes the cheapest posting over the pair left.
        delta = .infinity
        for c in postingsOver(step.town) where allowedMask[r * nO + c] && c != choice[r] {
          let v = deltaMove(r, to: c)
          if v < delta { (delta, code) = (v, c) }
        }
        if code < 0 { break }
      } else {
        delta = deltaMove(r, to: code)
      }
      undo.append((r, choice[r]))
      commit(r, code, delta: delta)
      sum += delta
    }
    if undo.count == chain.count, sum < -eps { return true }
    for (r, c) in undo.reversed() { commit(r, c, delta: deltaMove(r, to: c)) }
    return false
  }

  /// The officers alone of department d at each of its towns with demand.
  private func soleCover(_ d: Int, officers: [Int]) -> SoleCover {
    var cover = SoleCover(towns: nT, people: nP)
    for r in officers {
      let a = choice[r]
      guard a >= 0 else { continue }
      var alone = 0
      for u in towns(of: a) where demand[u * nD + d] > 0 && presentOff[u * nD + d] == 1 {
        cover.officerAt[u] = r
        alone += 1
      }
      cover.count[r] = alone
      if alone == 0 { cover.spare.append(r) }
    }
    return cover
  }

  /// The shortest chain of officers' moves that covers town t for
  /// department d, judged on coverage alone; nil when there is none within
  /// `longestChain` moves.
  private func shortestChain(to t: Int, _ d: Int, officers: [Int], cover: SoleCover) -> [ChainStep]? {
    // Each step: the move, and the step it continues (−1: the first).
    var steps: [(step: ChainStep, from: Int)] = []
    var reached: Set<Int> = [t]
    var frontier = [(town: t, step: -1, length: 0)]
    var next = 0
    func chain(ending s: Int, then last: ChainStep?) -> [ChainStep] {
      var moves = last.map { [$0] } ?? []
      var s = s
      while s >= 0 {
        moves.append(steps[s].step)
        s = steps[s].from
      }
      return moves.reversed()
    }
    while next < frontier.count {
      let (u, from, length) = frontier[next]
      next += 1
      guard length < Self.longestChain else { continue }
      var used: [Int] = []
      var s = from
      while s >= 0 {
        used.append(steps[s].step.officer)
        s = steps[s].from
      }
      for c in postingsOver(u) {
        let reaches = towns(of: c)
        for r in officers where allowedMask[r * nO + c] && !used.contains(r) {
          let a = choice[r]
          guard a >= 0, a != c else { continue }
          let lost = cover.left(by: r, at: towns(of: a), for: reaches)
          guard lost.count <= 1 else { continue }
          steps.append((ChainStep(officer: r, code: c, town: u), from))
          guard let w = lost.first else { return chain(ending: steps.count - 1, then: nil) }
          // A spare officer, or one this move frees, takes over w.
          if let spare = spareOfficer(cover: cover, reaches: reaches, except: used + [r]) {
            return chain(ending: steps.count - 1, then: ChainStep(officer: spare, code: -1, town: w))
          }
          if length + 1 < Self.longestChain, reached.insert(w).inserted {
            frontier.append((w, steps.count - 1, length + 1))
          }
        }
      }
    }
    return nil
  }

  /// An officer of the cover's department, not in `except`, whose every
  /// town with demand keeps another officer of the department once a posting
  /// reaching `reaches` is taken; nil when there is none.
  private func spareOfficer(cover: SoleCover, reaches: [Int], except: [Int]) -> Int? {
    for u in reaches {
      let f = cover.officerAt[u]
      guard f >= 0, !except.contains(f) else { continue }
      if cover.frees(f, reaches) { return f }
    }
    return cover.spare.first { !except.contains($0) }
  }
}
