/// Matches a roster's postings to a reference roster among interchangeable people.
///
/// Two people are interchangeable when nothing but their id and name tells
/// them apart: department, role, certificate, legal background, driving,
/// home town, preferred towns, current posting, tenure, leave, pin and
/// forbidden postings. Any
/// roster stays as good (every rule and objective term the same) when two of
/// them swap postings, so a solver may return either; a planner should see
/// neither as a move. `align` gives each class's postings to its people so
/// that as many as possible keep their reference posting, which makes the
/// number of changed postings the least any relabelling can reach.
public enum RosterAlignment {
  /// What makes two people interchangeable (everything but id and name),
  /// the one definition the model's person classes use too.
  ///
  /// Tenure counts only through the rotation rule: with
  /// `policy.maxTenureQuarters` set, people who may stay and people who must
  /// move differ, whatever their exact tenure; preferences compare as sets.
  public struct Class: Hashable, Sendable {
    let department: String
    let role: Role
    let certified: Bool
    let legal: Bool
    let drives: Bool
    let homeTown: String?
    let preferredTowns: [String]
    let currentPosting: Posting?
    let tenure: Int
    let unavailable: Bool
    let pinned: Posting?
    let forbidden: Set<Posting>

    public init(_ p: Person, policy: Policy) {
      department = p.department
      role = p.role
      certified = p.certified
      legal = p.legal
      drives = p.drives
      homeTown = p.homeTown
      preferredTowns = Array(Set(p.preferredTowns)).sorted()
      currentPosting = p.currentPosting
      if let limit = policy.maxTenureQuarters, p.currentPosting != nil {
        tenure = p.tenure + 1 > limit ? 1 : 0
      } else {
        tenure = 0
      }
      unavailable = p.unavailable
      pinned = p.pinned
      forbidden = Set(p.forbidden ?? [])
    }
  }

  /// `postings` (and zoned officers' `splits`) relabelled within classes of
  /// `people` so that the most people keep their `reference` posting.
  ///
  /// People missing from `reference` (new hires) take what is left of their
  /// class after the others; the multiset of postings per class never changes.
  public static func align(
    _ postings: [String: Posting], splits: [String: ZoneSplit] = [:], to reference: [String: Posting],
    people: [Person], policy: Policy
  ) -> (postings: [String: Posting], splits: [String: ZoneSplit]) {
    var classes: [Class: [String]] = [:]
    var order: [Class] = []
    for p in people {
      let c = Class(p, policy: policy)
      if classes[c] == nil { order.append(c) }
      classes[c, default: []].append(p.id)
    }
    var outPostings = postings
    let ids = Set(people.map(\.id))
    var outSplits = splits.filter { id, _ in !ids.contains(id) }
    for c in order {
      guard let ids = classes[c], ids.count > 1 else {
        for id in classes[c] ?? [] { if let s = splits[id] { outSplits[id] = s } }
        continue
      }
      // The class's postings (with their splits), to be handed out again.
      var pool: [(posting: Posting, split: ZoneSplit?)] = ids.map { (postings[$0] ?? .unassigned, splits[$0]) }
      var given: [String: (Posting, ZoneSplit?)] = [:]
      // First everyone who can keep their reference posting keeps it.
      for id in ids {
        guard let wanted = reference[id], let k = pool.firstIndex(where: { $0.posting == wanted }) else { continue }
        given[id] = (pool[k].posting, pool[k].split)
        pool.remove(at: k)
      }
      // Then the others, in roster order, take what is left: their own
      // posting first when it is still there, so nothing moves needlessly.
      for id in ids where given[id] == nil {
        let own = postings[id] ?? .unassigned
        let k = pool.firstIndex { $0.posting == own } ?? 0
        given[id] = (pool[k].posting, pool[k].split)
        pool.remove(at: k)
      }
      for (id, value) in given {
        outPostings[id] = value.0
        if let s = value.1 { outSplits[id] = s }
      }
    }
    return (outPostings, outSplits)
  }

  /// The least number of `people` whose posting differs from `reference`
  /// over every relabelling of `postings` within classes: per class, its
  /// people in `reference` less, for each posting, the smaller of how often
  /// the reference gives it and how often the roster gives it to the class.
  /// People missing from `reference` (hires) are not counted.
  public static func minimumChanges(
    _ postings: [String: Posting], from reference: [String: Posting], people: [Person], policy: Policy
  ) -> Int {
    var referenceCounts: [Class: [Posting: Int]] = [:]
    var rosterCounts: [Class: [Posting: Int]] = [:]
    var sizes: [Class: Int] = [:]
    for p in people {
      let c = Class(p, policy: policy)
      rosterCounts[c, default: [:]][postings[p.id] ?? .unassigned, default: 0] += 1
      guard let was = reference[p.id] else { continue }
      sizes[c, default: 0] += 1
      referenceCounts[c, default: [:]][was, default: 0] += 1
    }
    var changes = 0
    for (c, size) in sizes {
      let kept = (referenceCounts[c] ?? [:]).reduce(0) { $0 + min($1.value, rosterCounts[c]?[$1.key] ?? 0) }
      changes += size - kept
    }
    return changes
  }
}
