import SecondmentDomain
import Testing

/// Written figures are rounded to a documented precision; memory keeps them exact.
@Suite("Rounding of written figures")
struct RoundingTests {
  @Test("a figure rounds to the nearest step and prints without float noise")
  func figures() {
    #expect(Rounding.round(0.30000000000000004, Rounding.displayStep) == 0.3)
    #expect("\(Rounding.round(0.5700000000000001, 0.01))" == "0.57")
    #expect(Rounding.round(4038.0999999999995, Rounding.fileStep) == 4038.1)
    #expect(Rounding.round(1.1e-16, Rounding.fileStep) == 0)
    #expect(Rounding.round(-1e-9, 0.01).sign == .plus, "no negative zero")
  }

  @Test("a rounded split keeps its total, so it never exceeds the zoned officer's FTE")
  func splitKeepsItsTotal() {
    let split: ZoneSplit = ["a": 0.8 / 3, "b": 0.8 / 3, "c": 0.8 / 3]
    let rounded = Rounding.round(split, Rounding.displayStep)
    #expect(rounded.values.reduce(0, +) <= 0.8 + 1e-12)
    #expect(abs(rounded.values.reduce(0, +) - 0.8) < 1e-9)
    #expect(rounded.values.sorted() == [0.26, 0.27, 0.27])
  }

  @Test("a roster file keeps 1e-6: the same roster gives the same bytes")
  func rosterFileIsStable() throws {
    let roster = Roster(
      instance: "x", bound: 4038.0999999999995, gap: 1.1e-16,
      postings: [RosterEntry(person: "p", mode: "zoned", zone: "z", split: ["a": 0.30000000000000004, "b": 0.5])],
      objective: ObjectiveBreakdown(unmetDemand: 4038.1000000000004))
    let text = String(decoding: try RosterIO.encodeJSON(roster), as: UTF8.self)
    #expect(text.contains("\"bound\" : 4038.1"))
    #expect(text.contains("\"gap\" : 0"))
    #expect(text.contains("\"a\" : 0.3"))
    #expect(!text.contains("0000000"))
  }
}

@Suite("Roster files without a bound")
struct RosterWithoutBoundTests {
  @Test("a bound that is no bound (not finite, or a solver's −1.8e308) is left out of the file, with its gap")
  func nonFiniteBoundIsLeftOut() throws {
    for bound in [-Double.infinity, -Double.greatestFiniteMagnitude] {
      let roster = Roster(instance: "x", bound: bound, gap: 5.7e303, postings: [])
      let text = String(decoding: try RosterIO.encodeJSON(roster), as: UTF8.self)
      #expect(!text.contains("\"bound\""))
      #expect(!text.contains("\"gap\""))
    }
  }
}
