// The rule catalogue: one file per family of hard rules (docs/rules.md).
// Each family says, in one place, when it is on (its policy parameters), its
// message in the planner's words, and its rows: linear requirements over
// quantities of a roster. The checker and the greedy read a row with numbers
// (a roster's counts) and price what it breaks; the formulation reads the
// same row with expressions over the model's variables and adds it, with
// slack in the elastic re-solve. The conformance suite
// (Tests/PlannerTests/RuleConformanceTests.swift) runs every rule, kept and
// broken, through the three.

/// A quantity a rule counts: a number on a roster (the checker, the greedy)
/// or an expression over the model's variables (the formulation).
public protocol RuleQuantity {
  static func + (a: Self, b: Self) -> Self
  static func - (a: Self, b: Self) -> Self
  static func * (k: Double, a: Self) -> Self
}

extension Double: RuleQuantity {}

/// Which way a rule row holds.
public enum RuleSense: Sendable, Hashable {
  /// The quantity is at least the limit.
  case atLeast
  /// The quantity is at most the limit.
  case atMost
}

/// One row of a hard rule: `quantity ≥ limit` or `quantity ≤ limit`.
///
/// Written once per rule (in its family's file) and read three ways: as a
/// number on a roster (`unitsBroken`, what the checker reports and the greedy
/// prices at its hard penalty per unit) and as a model row (the formulation,
/// which adds slack of at most `slackLimit` in the elastic re-solve).
public struct RuleRow<Quantity: RuleQuantity> {
  /// The rule the row stands for.
  public let rule: HardRule
  public let quantity: Quantity
  public let sense: RuleSense
  public let limit: Double
  /// The most slack the elastic re-solve needs on this row (nil: unbounded).
  public let slackLimit: Double?

  @inlinable
  public init(
    _ rule: HardRule, _ quantity: Quantity, _ sense: RuleSense, _ limit: Double,
    slackLimit: Double? = nil
  ) {
    self.rule = rule
    self.quantity = quantity
    self.sense = sense
    self.limit = limit
    self.slackLimit = slackLimit
  }

  /// The same row over another kind of quantity (a model point's values).
  @inlinable
  public func map<Other>(_ transform: (Quantity) -> Other) -> RuleRow<Other> {
    RuleRow<Other>(rule, transform(quantity), sense, limit, slackLimit: slackLimit)
  }
}

extension RuleRow: Sendable where Quantity: Sendable {}

extension RuleRow where Quantity == Double {
  /// How far a roster breaks the row: 0 when it holds, else the units
  /// missing (at least) or over (at most). The greedy prices each unit at its
  /// hard penalty; the elastic re-solve's slack equals it.
  @inlinable
  public var unitsBroken: Double {
    switch sense {
    case .atLeast: max(0, limit - quantity)
    case .atMost: max(0, quantity - limit)
    }
  }
}
