import Foundation
import SecondmentDomain

/// The districts and views the page asks for, kept once made.
///
/// The workbench never changes a file once written: a kept instance, a job's
/// instance and an ended job's roster stay as they are, so what is made from
/// them stays right. Entries are keyed by absolute path or by job and
/// language; past `capacity` entries the cache is emptied and refilled on
/// demand, so memory stays bounded.
final class ViewCache: @unchecked Sendable {
  /// The one cache of the process (keys hold absolute paths and random ids).
  static let shared = ViewCache()

  /// Entries kept of each kind before the cache is emptied (64 districts of
  /// rongchang's size take about 10 MB).
  static let capacity = 64

  private let lock = NSLock()
  private var districts: [String: District] = [:]
  private var views: [String: Data] = [:]

  /// The district of the instance file at `path`, made by `make` the first time.
  func district(path: String, make: () throws -> District) rethrows -> District {
    if let kept = lock.withLock({ districts[path] }) { return kept }
    let made = try make()
    lock.withLock {
      if districts.count >= Self.capacity { districts.removeAll() }
      districts[path] = made
    }
    return made
  }

  /// A view's JSON kept under `key`, if any.
  func cached(_ key: String) -> Data? { lock.withLock { views[key] } }

  /// A view's JSON under `key`, made by `make` the first time.
  func view(_ key: String, make: () throws -> Data) rethrows -> Data {
    if let kept = lock.withLock({ views[key] }) { return kept }
    let made = try make()
    lock.withLock {
      if views.count >= Self.capacity { views.removeAll() }
      views[key] = made
    }
    return made
  }
}
