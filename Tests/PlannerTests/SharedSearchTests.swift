import Foundation
import MIPModel
import Testing

@testable import SecondmentPlanner

/// What `auto`'s lanes share (`SharedSearch`): the best incumbent and bound
/// of both, and the end of the plan once they meet within `--gap`.
@Suite("What auto's lanes share")
struct SharedSearchTests {
  private func report(_ board: SharedSearch, incumbent: Double? = nil, bound: Double? = nil) {
    board.report(SolveProgress(elapsed: 0, incumbent: incumbent, bound: bound, gap: nil))
  }

  @Test("a roster from one lane within --gap of the other lane's bound ends the plan")
  func rosterWithinGapOfOtherBoundEndsPlan() {
    let board = SharedSearch(progress: nil, relativeGap: 0.001)
    report(board, bound: 1000)
    report(board, incumbent: 1002)
    #expect(!board.isOver(), "0.2% apart is outside a gap of 0.1%")
    report(board, incumbent: 1000.5)
    #expect(board.isOver())
  }

  @Test("with --gap 0 only a roster that meets the bound ends the plan")
  func gapZeroNeedsEquality() {
    let board = SharedSearch(progress: nil, relativeGap: 0)
    report(board, bound: 7742.15)
    report(board, incumbent: 7742.30)
    #expect(!board.isOver())
    report(board, incumbent: 7742.15)
    #expect(board.isOver())
  }

  @Test("without a gap to meet (a pooled district) incumbent and bound never end the plan")
  func noGapNoEnd() {
    let board = SharedSearch(progress: nil, relativeGap: nil)
    report(board, bound: 1000)
    report(board, incumbent: 1000)
    #expect(!board.isOver())
    board.finish()
    #expect(board.isOver(), "a lane still ends it")
  }

  @Test("the plan's progress carries the lowest incumbent and the highest bound of all lanes")
  func progressCombinesLanes() {
    let seen = Seen()
    let board = SharedSearch(progress: { seen.append($0) })
    report(board, incumbent: 1100, bound: 900)
    report(board, bound: 950)
    report(board, incumbent: 1200, bound: 920)
    let last = seen.items.last
    #expect(last?.incumbent == 1100)
    #expect(last?.bound == 950)
    #expect(last.flatMap(\.gap).map { abs($0 - 150.0 / 1100) < 1e-12 } == true)
  }

  @Test("of the rosters the lanes offer each other, the cheapest is kept, and the best incumbent is read back")
  func offersKeepTheCheapest() {
    let board = SharedSearch(progress: nil)
    #expect(board.bestOffer == nil)
    board.offer([1, 0], objective: 1100)
    board.offer([0, 1], objective: 1200)
    #expect(board.bestOffer?.values == [1, 0])
    board.offer([2, 2], objective: 1050)
    #expect(board.bestOffer?.values == [2, 2])
    #expect(board.bestIncumbent == nil)
    report(board, incumbent: 1075)
    report(board, incumbent: 1080)
    #expect(board.bestIncumbent == 1075)
  }
}

/// Progress reports as they arrive, from any thread.
private final class Seen: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [SolveProgress] = []
  func append(_ p: SolveProgress) { lock.withLock { storage.append(p) } }
  var items: [SolveProgress] { lock.withLock { storage } }
}
