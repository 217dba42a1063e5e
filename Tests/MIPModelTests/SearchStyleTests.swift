import MIPModel
import Testing

/// Search styles (`SearchStyle`, `Solver.styled`): what a wrapped solver is asked with.
@Suite("Search styles")
struct SearchStyleTests {
  /// Records the style of the one search it is asked for.
  final class RecordingSolver: Solver, @unchecked Sendable {
    var style: SearchStyle?
    var name: String { "recording" }
    func solve(_ model: Model, options: SolveOptions) throws -> SolveResult {
      style = options.style
      return SolveResult(termination: .optimal, values: [], objective: 0, bound: 0, seconds: 0, solver: name)
    }
  }

  @Test("the outer style's Gomory setting wins; where it sets none, the inner one's stands")
  func gomorySettingOfTheOuterStyleWins() throws {
    let recording = RecordingSolver()
    let inner = recording.styled(SearchStyle(branching: .pseudocost, gomoryCuts: true))
    _ = try inner.styled(SearchStyle(gomoryCuts: false)).solve(Model(), options: SolveOptions())
    #expect(recording.style?.gomoryCuts == false)
    #expect(recording.style?.branching == .pseudocost)
    _ = try inner.styled(SearchStyle(nodeOrder: .mostPromising)).solve(Model(), options: SolveOptions())
    #expect(recording.style?.gomoryCuts == true)
    #expect(recording.style?.nodeOrder == .mostPromising)
  }
}
