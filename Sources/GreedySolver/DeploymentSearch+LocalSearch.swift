import Foundation
import SecondmentDomain

/// Descent, simulated annealing and swaps.
extension DeploymentSearch {
  // MARK: - Local search

  /// One descent to a local optimum over moves, swaps and coverage chains.
  /// Returns false when the deadline passed.
  mutating func descend(deadline: SearchDeadline) -> Bool {
    let eps = 1e-7
    var order = movable
    while true {
      var improved = false
      if deadline.passed { return false }
      order = rng.shuffled(order)
      for p in order {
        let (bestCode, bestDelta) = bestMove(p, eps: eps)
        if bestCode >= 0 {
          commit(p, bestCode, delta: bestDelta)
          improved = true
        }
      }
      // Coverage chains and models, then swaps, only once single moves are exhausted.
      if improved {
        resync()
        continue
      }
      if coverageChains(deadline: deadline, eps: eps) || coverageByModel(deadline: deadline, eps: eps) { continue }
      for x in 0..<order.count {
        // The swap pass is quadratic in people: look at the clock as it goes.
        if x & 63 == 0, deadline.passed {
          resync()
          return false
        }
        let p = order[x]
        for y in (x + 1)..<order.count {
          let q = order[y]
          let a = choice[p]
          let b = choice[q]
          guard a != b, a >= 0, b >= 0, allowedMask[p * nO + b], allowedMask[q * nO + a] else { continue }
          let v = deltaSwap(p, q, cutoff: -eps)
          if v < -eps {
            commitSwap(p, q, delta: v)
            improved = true
          }
        }
      }
      resync()
      if !improved { return true }
    }
  }

  /// Simulated annealing over random moves and swaps at `pace` (or until
  /// the deadline), then descent from the best roster seen.
  mutating func improve(_ pace: AnnealPace, deadline: SearchDeadline) -> (steps: Int, hitTime: Bool) {
    guard !movable.isEmpty else { return (0, false) }
    // Annealing starts hot, so a descent first would be undone: only when
    // there is no annealing does the construction go straight to descent.
    let run = anneal(pace, deadline: deadline)
    if !run.hitTime, !descend(deadline: deadline) { return (run.steps, true) }
    return run
  }

  /// How an annealing run spends its effort: a fixed number of proposals,
  /// or the time until an instant of the clock.
  enum AnnealPace {
    /// `n` proposals; the temperature falls by the same factor at each.
    case steps(Int)
    /// Until `end` (uptime nanoseconds); the temperature falls with the
    /// share of the time from the run's start to `end` that has passed.
    case until(UInt64)

    /// Whether the clock sets the pace (the run ends by the time, not a count).
    var isClock: Bool {
      if case .until = self { true } else { false }
    }
  }

  /// Annealing steps between two exact recomputations of the running
  /// totals (`resync`): a power of two, at least 1,024 and at least four
  /// steps per (town, department) pair, so that recomputing every pair and
  /// every department's split flow stays a small part of the run on large
  /// districts (every 1,024 steps it took about a sixth of the annealing's
  /// time at 500 towns).
  var resyncSteps: Int {
    var steps = 1024
    while steps < 4 * nT * nD { steps <<= 1 }
    return steps
  }

  /// How often the annealing improves the coverage again (`improveCoverage`), at equal shares of its run.
  static let coverageRounds = 8

  /// Simulated annealing: each step proposes moving a random person to a
  /// random allowed posting (70%) or swapping the postings of two people of
  /// one department (30%): across departments a swap changes each
  /// department's counts as the two moves would, and differs from them only
  /// through the town rules (certified, legal, desks), which the descent's
  /// swaps still try. A proposal is accepted when it does not worsen the
  /// penalised objective, or with probability exp(−Δ/T); T falls
  /// geometrically from 30% to 0.5% of the weight of one FTE of unmet
  /// demand, over the steps or the time of `pace` (paced by the clock, a run
  /// cut short by a limit still cools; a step count cut short by the
  /// deadline ends while the search is hot). Ends at the best roster seen.
  /// The coverage is improved again at each eighth of the run.
  mutating func anneal(_ pace: AnnealPace, deadline: SearchDeadline) -> (steps: Int, hitTime: Bool) {
    guard movable.count > 0 else { return (0, false) }
    var steps = Int.max
    var span: (start: UInt64, end: UInt64)?
    switch pace {
    case .steps(let n): steps = n
    case .until(let end):
      let start = DispatchTime.now().uptimeNanoseconds
      span = (start, max(end, start + 1))
    }
    guard steps > 0 else { return (0, false) }
    var best = choice
    var bestTotal = total
    let scale = max(abs(weights.unmetDemand), 1e-3)
    let t0 = 0.3 * scale
    let t1 = 0.005 * scale
    var temperature = t0
    let cool = span == nil ? pow(t1 / t0, 1 / Double(steps)) : 1
    var done = 0
    var coverageRound = 1
    var hitTime = false
    let m = movable.count
    let resyncMask = resyncSteps - 1
    while done < steps {
      if done & 1023 == 0 {
        if deadline.passed {
          hitTime = true
          break
        }
        var passed = Double(done) / Double(steps)
        if let span {
          let now = DispatchTime.now().uptimeNanoseconds
          if now >= span.end { break }
          passed = Double(now &- span.start) / Double(span.end - span.start)
          temperature = t0 * pow(t1 / t0, min(max(passed, 0), 1))
        }
        if done > 0, done & resyncMask == 0 { resync() }
        // Moves that trade one uncovered pair for another drift the coverage:
        // it is improved again at each of `coverageRounds` points of the run.
        if passed * Double(Self.coverageRounds) >= Double(coverageRound) {
          coverageRound += 1
          if done > 0 {
            improveCoverage(deadline: deadline)
            if total < bestTotal - 1e-9 {
              bestTotal = total
              best = choice
            }
          }
        }
      }
      done += 1
      temperature *= cool
      let r = rng.next()
      let p = movable[Int((r >> 32) % UInt64(m))]
      if r & 0xFF < 179 || m < 2 {
        let c = randomPosting(p, Int((r >> 8) & 0xFFFFFF))
        if c == choice[p] { continue }
        // Accepted when Δ < −T ln u, i.e. u < exp(−Δ/T) (always when Δ ≤ 0).
        let cutoff = -temperature * log(max(unit(), 0x1p-60))
        let delta = deltaMove(p, to: c, cutoff: cutoff)
        if delta <= 0 || delta < cutoff {
          commit(p, c, delta: delta)
        } else {
          continue
        }
      } else {
        let partners = movableByDepartment[dept[p] < 0 ? nD : dept[p]]
        let q = partners[Int((r >> 8) & 0xFFFFFF) % partners.count]
        let a = choice[p]
        let b = choice[q]
        guard a != b, a >= 0, b >= 0, allowedMask[p * nO + b], allowedMask[q * nO + a] else {
          continue
        }
        let cutoff = -temperature * log(max(unit(), 0x1p-60))
        let delta = deltaSwap(p, q, cutoff: cutoff)
        if delta <= 0 || delta < cutoff {
          commitSwap(p, q, delta: delta)
        } else {
          continue
        }
      }
      if total < bestTotal - 1e-9 {
        bestTotal = total
        best = choice
      }
    }
    load(best)
    return (done, hitTime)
  }

  /// A posting p may take, each equally likely; `pick` is the first random
  /// draw. Within p's span (`allowedSpan`) a draw is kept when `allowedMask`
  /// allows it, at most four draws; otherwise, or without a span, a fresh
  /// draw from the list of p's postings.
  @inline(__always)
  mutating func randomPosting(_ p: Int, _ pick: Int) -> Int {
    let span = allowedSpan[p]
    if span > 0 {
      var c = pick % span
      for _ in 0..<4 {
        if allowedMask[p * nO + c] { return c }
        c = Int(rng.next() >> 33) % span
      }
    }
    let options = allowed[p]
    return options[(span > 0 ? Int(rng.next() >> 33) : pick) % options.count]
  }

  mutating func unit() -> Double { Double(rng.next() >> 11) * 0x1p-53 }

  /// Lets p and q trade postings.
  mutating func commitSwap(_ p: Int, _ q: Int, delta: Double) {
    let a = choice[p]
    let b = choice[q]
    let dp = dept[p]
    let dq = dept[q]
    let sameCounts = dp == dq && officer[p] == officer[q]
    let baseP = dp >= 0 ? stationBases(dp, a, b) : 0
    let baseQ = dq >= 0 ? stationBases(dq, a, b) : 0
    apply(p, a, -1)
    apply(q, b, -1)
    apply(p, b, 1)
    apply(q, a, 1)
    personSum += personCost[p * nO + b] + personCost[q * nO + a] - personCost[p * nO + a]
      - personCost[q * nO + b]
    moves += moveFlag(p, b) + moveFlag(q, a) - moveFlag(p, a) - moveFlag(q, b)
    choice[p] = b
    choice[q] = a
    if !sameCounts {
      if dp >= 0 { refreshDepartment(dp, a, b, base0: baseP) }
      if dq >= 0 && dq != dp { refreshDepartment(dq, a, b, base0: baseQ) }
    }
    if imbalanceWeight != 0 { maxShare = computeMaxShare() }
    total += delta
  }
}
