/// A fixed-size buffer the deployment search reads and writes in its inner
/// loops: no copy-on-write check and no bounds check in release builds
/// (`assert` checks bounds in debug builds). Writing through a `let` buffer
/// is allowed (`nonmutating set`). Allocated and freed by a `SearchMemory`;
/// copies of a `Buf` share the storage.
struct Buf<T> {
  let base: UnsafeMutablePointer<T>
  let count: Int

  @inline(__always)
  subscript(i: Int) -> T {
    get {
      assert(i >= 0 && i < count, "Buf index \(i) out of 0..<\(count)")
      return base[i]
    }
    nonmutating set {
      assert(i >= 0 && i < count, "Buf index \(i) out of 0..<\(count)")
      base[i] = newValue
    }
  }

  /// The elements `range` as an array (for the few places off the hot path).
  func array(_ range: Range<Int>? = nil) -> [T] {
    let r = range ?? 0..<count
    return r.map { base[$0] }
  }
}

/// A read-only table of flags, one bit each (a `Buf` of words): an eighth of
/// a `Buf<Bool>`, so a large table the inner loops read at random (which
/// postings each person may take: 2,500 × 833 at 500 towns, 260 KB) stays in cache.
struct BitTable {
  let words: Buf<UInt64>

  @inline(__always)
  subscript(i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
}

/// Owns the `Buf`s of one `DeploymentSearch` and frees them with it.
final class SearchMemory {
  private var frees: [() -> Void] = []

  /// A buffer holding `values`.
  func make<T>(_ values: [T]) -> Buf<T> {
    let n = values.count
    let base = UnsafeMutablePointer<T>.allocate(capacity: max(1, n))
    values.withUnsafeBufferPointer { source in
      if let start = source.baseAddress { base.initialize(from: start, count: n) }
    }
    frees.append {
      base.deinitialize(count: n)
      base.deallocate()
    }
    return Buf(base: base, count: n)
  }

  /// A bit table holding `flags`.
  func bits(_ flags: [Bool]) -> BitTable {
    var words = [UInt64](repeating: 0, count: (flags.count + 63) / 64)
    for (i, flag) in flags.enumerated() where flag { words[i >> 6] |= 1 << UInt64(i & 63) }
    return BitTable(words: make(words))
  }

  /// A buffer of `count` copies of `value`.
  func make<T>(repeating value: T, count: Int) -> Buf<T> {
    make([T](repeating: value, count: count))
  }

  deinit {
    for free in frees { free() }
  }
}
