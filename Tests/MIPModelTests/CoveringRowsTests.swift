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

  @Test("the rounding of a row divided by a zoned officer's 0.8 FTE keeps every mixed-integer point and cuts off a fractional zone")
  func roundingByADivisorKeepsIntegerPoints() throws {
    // Two towns of half an FTE each: a zoned officer gives 0.8 of their 1 FTE,
    // each stationed one or auxiliary at most 0.5, and the rest is unmet.
    var m = Model(name: "zone")
    let zoned = m.addVariable("zoned", kind: .integer, lower: 0, upper: 3)
    let stationed = m.addVariable("stationed", kind: .integer, lower: 0, upper: 3)
    let unmet = m.addVariable("unmet", upper: 1)
    let row = 0.8 * zoned + 0.5 * stationed + LinearExpression(unmet)
    let cut = try #require(m.mixedIntegerRounding(row, atLeast: 1, dividingBy: 0.8))
    for z in 0...3 {
      for s in 0...3 {
        for u in stride(from: 0.0, through: 1.0, by: 0.01) {
          let p = [Double(z), Double(s), u]
          guard row.value(at: p) >= 1 - 1e-9 else { continue }
          #expect(cut.row.value(at: p) >= cut.rhs - 1e-9, "\(p)")
        }
      }
    }
    // 1.25 zoned officers meet the FTE exactly in the row; the cut asks for more.
    #expect(row.value(at: [1.25, 0, 0]) >= 1 - 1e-9)
    #expect(cut.row.value(at: [1.25, 0, 0]) < cut.rhs - 1e-6)
  }

  @Test("the rounding with lower bounds shifted and a negative continuous term keeps every mixed-integer point")
  func roundingWithShiftedBoundsKeepsIntegerPoints() throws {
    var m = Model(name: "shifted")
    let x = m.addVariable("x", kind: .integer, lower: 1, upper: 4)
    let y = m.addVariable("y", kind: .integer, lower: 0, upper: 3)
    let c = m.addVariable("c", lower: 0, upper: 1)
    let d = m.addVariable("d", lower: 0, upper: 1)
    let row = 0.7 * x - 0.4 * y + LinearExpression(c) - 0.5 * d
    for delta in [0.35, 0.4, 0.7, 1.0] {
      let cut = try #require(m.mixedIntegerRounding(row, atLeast: 1.3, dividingBy: delta))
      #expect(cut.row.terms[d] == nil, "a negative continuous term is left out")
      for xv in 1...4 {
        for yv in 0...3 {
          for cv in stride(from: 0.0, through: 1.0, by: 0.05) {
            for dv in stride(from: 0.0, through: 1.0, by: 0.25) {
              let p = [Double(xv), Double(yv), cv, dv]
              guard row.value(at: p) >= 1.3 - 1e-9 else { continue }
              #expect(cut.row.value(at: p) >= cut.rhs - 1e-9, "δ \(delta): \(p)")
            }
          }
        }
      }
    }
    // Without shifting, a variable whose lower bound is below 0 has no rounding.
    let below = m.addVariable("below", kind: .integer, lower: -1, upper: 1)
    #expect(m.mixedIntegerRounding(LinearExpression(below) + LinearExpression(c), atLeast: 0.5, dividingBy: 1, shifting: false) == nil)
  }
}
