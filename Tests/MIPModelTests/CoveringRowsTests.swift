import MIPModel
import Testing

@Suite("Covering rows strengthened by integrality")
struct CoveringRowsTests {
  /// supply: officers (integer, 1 FTE each) + auxiliaries (integer, 0.5 FTE
  /// each) + zone time (continuous) + unmet (continuous) ≥ demand.
  static func supplyRow() -> (Model, officers: Variable, auxiliaries: Variable, zoned: Variable, unmet: Variable) {
    var m = Model(name: "supply")
    let o = m.addVariable("officers", kind: .integer, upper: 4)
    let a = m.addVariable("auxiliaries", kind: .integer, upper: 4)
    let f = m.addVariable("zoned", upper: 2)
    let u = m.addVariable("unmet", upper: 2)
    return (m, o, a, f, u)
  }

  static func row(_ v: (Model, officers: Variable, auxiliaries: Variable, zoned: Variable, unmet: Variable)) -> LinearExpression {
    LinearExpression(v.officers) + 0.5 * v.auxiliaries + LinearExpression(v.zoned) + LinearExpression(v.unmet)
  }

  /// Every point with integer headcounts and continuous parts on a 0.05 grid.
  static func mixedIntegerPoints() -> [[Double]] {
    var points: [[Double]] = []
    for o in 0...3 {
      for a in 0...3 {
        for f in stride(from: 0.0, through: 2.0, by: 0.05) {
          for u in stride(from: 0.0, through: 2.0, by: 0.05) { points.append([Double(o), Double(a), f, u]) }
        }
      }
    }
    return points
  }

  @Test("a headcount's coefficient above the demand is lowered to it, keeping every integer point")
  func coefficientsAboveTheDemandAreLowered() throws {
    let v = Self.supplyRow()
    let row = Self.row(v)
    let tightened = try #require(v.0.coefficientsTightened(row, atLeast: 0.5))
    #expect(tightened.terms[v.officers] == 0.5)
    #expect(tightened.terms[v.auxiliaries] == 0.5)
    #expect(tightened.terms[v.zoned] == 1)
    for p in Self.mixedIntegerPoints() {
      #expect((row.value(at: p) >= 0.5 - 1e-9) == (tightened.value(at: p) >= 0.5 - 1e-9), "\(p)")
    }
    // Half an officer alone meets half an FTE in the row, not in the tightened one.
    #expect(row.value(at: [0.5, 0, 0, 0]) >= 0.5)
    #expect(tightened.value(at: [0.5, 0, 0, 0]) < 0.5)
    // Nothing to lower: every coefficient is at most the demand.
    #expect(v.0.coefficientsTightened(row, atLeast: 1) == nil)
  }

  @Test("the rounding row of a fractional demand keeps every mixed-integer point of the row and cuts off fractional headcounts")
  func roundingKeepsIntegerPoints() throws {
    let v = Self.supplyRow()
    let row = Self.row(v)
    let rounding = try #require(v.0.mixedIntegerRounding(row, atLeast: 1.5))
    // f = 0.5: officers and auxiliaries 0.5 each, the continuous parts 1, at least 1.
    #expect(rounding.rhs == 1)
    #expect(rounding.row.terms[v.officers] == 0.5)
    #expect(rounding.row.terms[v.auxiliaries] == 0.5)
    #expect(rounding.row.terms[v.unmet] == 1)
    for p in Self.mixedIntegerPoints() where row.value(at: p) >= 1.5 - 1e-9 {
      #expect(rounding.row.value(at: p) >= rounding.rhs - 1e-9, "\(p)")
    }
    // 1.5 officers meet 1.5 FTE in the row; the rounding row asks 0.25 FTE more.
    #expect(row.value(at: [1.5, 0, 0, 0]) >= 1.5)
    #expect(rounding.row.value(at: [1.5, 0, 0, 0]) < rounding.rhs)
  }

  @Test("an integral demand has nothing to round")
  func integralDemandHasNoRounding() {
    let v = Self.supplyRow()
    #expect(v.0.mixedIntegerRounding(Self.row(v), atLeast: 2) == nil)
  }

  @Test("a row that is not a covering row is left as it is")
  func onlyCoveringRows() {
    var m = Model(name: "not covering")
    let x = m.addVariable("x", kind: .integer, upper: 3)
    let y = m.addVariable("y", kind: .integer, lower: -2, upper: 3)
    let negative = 2 * x - LinearExpression(y)
    #expect(m.coefficientsTightened(negative, atLeast: 0.5) == nil)
    #expect(m.mixedIntegerRounding(negative, atLeast: 0.5) == nil)
    let belowZero = 2 * x + 2 * y
    #expect(m.coefficientsTightened(belowZero, atLeast: 0.5) == nil)
    #expect(m.coefficientsTightened(2 * x, atLeast: 0) == nil)
  }
}
