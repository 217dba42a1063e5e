import Foundation
import Hummingbird
import SecondmentDomain

/// Re-solving from a roster on the page: some people pinned to a posting,
/// everyone else weighed against the roster they start from.
///
/// The instance re-solved is the job's own, with each person's current
/// posting set to their posting in the roster (tenure kept where the posting
/// is the instance's current one, 0 where the roster moved them) and the
/// pins as `pinned` postings, a hard rule. The objective's moves term then
/// counts moves away from that roster, so pinning one person does not
/// reshuffle the rest.
enum Resolve {
  /// One pin as the page sends it: `{"person": "p001", "mode": "stationed", "town": "anfu"}`.
  struct Pin: Codable, Sendable {
    var person: String
    var mode: String
    var town: String?
    var zone: String?
  }

  /// The request body: the pins.
  struct Body: Codable, Sendable {
    var pins: [Pin]
  }

  /// The pins as postings by person id.
  ///
  /// - Throws: `APIError` (400) naming the pin (`pins[i]`) that names no
  ///   person, town or zone of the district, or a zone for an auxiliary.
  static func postings(_ pins: [Pin], district: District) throws -> [String: Posting] {
    var postings: [String: Posting] = [:]
    var problems: [APIProblem] = []
    for (i, pin) in pins.enumerated() {
      let place = "pins[\(i)]"
      guard let person = district.person(pin.person) else {
        problems.append(APIProblem(file: "request", place: place, message: "no person '\(pin.person)'", fix: "pin a person of the roster"))
        continue
      }
      switch (pin.mode, pin.town, pin.zone) {
      case ("stationed", let town?, _) where district.town(town) != nil:
        postings[person.id] = .stationed(town: town)
      case ("zoned", _, let zone?) where district.zone(zone) != nil && person.isOfficer:
        postings[person.id] = .zoned(zone: zone)
      default:
        problems.append(
          APIProblem(
            file: "request", place: place, message: "'\(pin.mode)' \(pin.town ?? pin.zone ?? "") is no posting for \(person.name)",
            fix: "stationed with a town of the district, or zoned with a zone (officers only)"))
      }
    }
    if !problems.isEmpty {
      var error = APIError(.badRequest, "\(problems.count) pin(s) name no posting")
      error.problems = problems
      throw error
    }
    return postings
  }

  /// The instance to re-solve: `district`'s, starting from `roster`, with `pins`.
  static func instance(_ district: District, from roster: Roster, pins: [String: Posting]) -> Instance {
    let draft = RosterTables.postings(of: roster).postings
    var instance = district.instance
    for i in instance.people.indices {
      let person = instance.people[i]
      if let posting = draft[person.id], posting != .unassigned {
        if posting != person.currentPosting { instance.people[i].tenure = 0 }
        instance.people[i].currentPosting = posting
      }
      if let pin = pins[person.id] { instance.people[i].pinned = pin }
    }
    return instance
  }

  /// The people of `after` whose posting differs from theirs in `before`
  /// (postings by person id; someone absent there was unassigned), in
  /// instance order, with both postings in words.
  static func moves(
    from before: [String: Posting], to after: RosterTables, names: PlaceNames
  ) -> [RosterView.Move] {
    let words = Words(names.language)
    return after.people.compactMap { line in
      let was = before[line.person.id] ?? .unassigned
      guard was != line.posting else { return nil }
      return RosterView.Move(
        person: line.person.id, name: line.person.name, from: names.posting(was, words: words),
        to: names.posting(line.posting, words: words))
    }
  }
}
