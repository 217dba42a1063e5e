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

  /// Districts and roster views kept before their table is emptied (64
  /// districts of rongchang's size take about 10 MB).
  static let capacity = 64
  /// Answers of "why there" kept (one per job, person and language, about
  /// 3 KB each: at most 12 MB).
  static let whyCapacity = 4_096

  private let lock = NSLock()
  private var districts: [String: District] = [:]
  private var views: [String: Data] = [:]
  private var whys: [String: Data] = [:]

  /// The district of the instance file at `path`, made by `make` the first time.
  func district(path: String, make: () throws -> District) rethrows -> District {
    try kept(\.districts, path, Self.capacity, make)
  }

  /// A "why there" answer kept under `key`, if any.
  func cachedWhy(_ key: String) -> Data? { lock.withLock { whys[key] } }

  /// A "why there" answer (`WhyView` as JSON) under `key`, made by `make` the first time.
  func why(_ key: String, make: () throws -> Data) rethrows -> Data {
    try kept(\.whys, key, Self.whyCapacity, make)
  }

  /// A view's JSON kept under `key`, if any.
  func cached(_ key: String) -> Data? { lock.withLock { views[key] } }

  /// A view's JSON under `key`, made by `make` the first time.
  func view(_ key: String, make: () throws -> Data) rethrows -> Data {
    try kept(\.views, key, Self.capacity, make)
  }

  /// The entry of `table` under `key`, made (outside the lock) and kept the
  /// first time; past `capacity` entries the table is emptied first.
  private func kept<V>(
    _ table: ReferenceWritableKeyPath<ViewCache, [String: V]>, _ key: String, _ capacity: Int,
    _ make: () throws -> V
  ) rethrows -> V {
    if let entry = lock.withLock({ self[keyPath: table][key] }) { return entry }
    let made = try make()
    lock.withLock {
      if self[keyPath: table].count >= capacity { self[keyPath: table].removeAll() }
      self[keyPath: table][key] = made
    }
    return made
  }
}
