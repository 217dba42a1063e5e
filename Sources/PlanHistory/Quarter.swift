import Foundation

/// A planning quarter, written `2025Q2`.
///
/// Quarters order by year, then number; their text form sorts the same way
/// (four-digit years), which the history's SQL relies on.
public struct Quarter: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  /// 1 to 4.
  public let number: Int

  /// A quarter from its parts; `number` is clamped to 1...4.
  public init(year: Int, number: Int) {
    self.year = year
    self.number = min(max(number, 1), 4)
  }

  /// Reads `2025Q2` (also `2025-Q2`, lower-case `q`); nil when it is not a quarter.
  public init?(_ text: String) {
    let cleaned = text.trimmingCharacters(in: .whitespaces).uppercased()
      .replacingOccurrences(of: "-", with: "")
    let parts = cleaned.split(separator: "Q", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]),
      let number = Int(parts[1]), (1...4).contains(number), year >= 1000
    else { return nil }
    self.year = year
    self.number = number
  }

  /// The quarter before this one.
  public var previous: Quarter {
    number == 1 ? Quarter(year: year - 1, number: 4) : Quarter(year: year, number: number - 1)
  }

  /// The quarter after this one.
  public var next: Quarter {
    number == 4 ? Quarter(year: year + 1, number: 1) : Quarter(year: year, number: number + 1)
  }

  public var description: String { "\(year)Q\(number)" }

  public static func < (a: Quarter, b: Quarter) -> Bool {
    (a.year, a.number) < (b.year, b.number)
  }
}
