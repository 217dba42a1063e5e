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
    try kept(\.districts, path, make)
  }

  /// A view's JSON kept under `key`, if any.
  func cached(_ key: String) -> Data? { lock.withLock { views[key] } }

  /// A view's JSON under `key`, made by `make` the first time.
  func view(_ key: String, make: () throws -> Data) rethrows -> Data {
    try kept(\.views, key, make)
  }

  /// The entry of `table` under `key`, made (outside the lock) and kept the first time.
  private func kept<V>(
    _ table: ReferenceWritableKeyPath<ViewCache, [String: V]>, _ key: String, _ make: () throws -> V
  ) rethrows -> V {
    if let entry = lock.withLock({ self[keyPath: table][key] }) { return entry }
    let made = try make()
    lock.withLock {
      if self[keyPath: table].count >= Self.capacity { self[keyPath: table].removeAll() }
      self[keyPath: table][key] = made
    }
    return made
  }
}
