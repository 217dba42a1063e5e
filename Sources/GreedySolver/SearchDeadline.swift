import Foundation

/// When a search stops: at an instant of the monotonic clock, when asked
/// from outside (Ctrl-C, or another search that finished first), or never.
public struct SearchDeadline: Sendable {
  /// The instant in `DispatchTime` uptime nanoseconds; nil for none.
  let instant: UInt64?
  /// Asked from outside to stop; checked as often as the clock.
  let stop: (@Sendable () -> Bool)?

  /// No deadline: the search runs to its own end.
  public static let none = SearchDeadline(instant: nil, stop: nil)

  init(instant: UInt64?, stop: (@Sendable () -> Bool)?) {
    self.instant = instant
    self.stop = stop
  }

  /// `seconds` after `start` (uptime nanoseconds), or when `stop` says so.
  public init(seconds: Double?, after start: UInt64, stop: (@Sendable () -> Bool)? = nil) {
    self.init(instant: seconds.map { start + UInt64(min(max(0, $0), 1e7) * 1e9) }, stop: stop)
  }

  /// Seconds until the instant (0 once past it); nil when there is none.
  public var secondsLeft: Double? {
    guard let instant else { return nil }
    let now = DispatchTime.now().uptimeNanoseconds
    return now >= instant ? 0 : Double(instant - now) / 1e9
  }

  /// Whether the search must stop now.
  public var passed: Bool {
    if let instant, DispatchTime.now().uptimeNanoseconds >= instant { return true }
    return stop?() ?? false
  }
}
