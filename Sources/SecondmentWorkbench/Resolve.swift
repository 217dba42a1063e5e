import Foundation
import Hummingbird
import SecondmentDomain

/// Re-solving from a roster on the page: some people pinned to a posting,
/// some postings forbidden for some people, everyone else weighed against
/// the roster they start from.
///
/// The instance re-solved is the job's own, with each person's current
/// posting set to their posting in the roster (tenure kept where the posting
/// is the instance's current one, 0 where the roster moved them) and the
/// pins as `pinned` postings and the forbidden postings as `forbidden`, both
/// hard rules ([pinned], [forbidden]). The objective's moves term then
/// counts moves away from that roster, so pinning one person does not
/// reshuffle the rest.
enum Resolve {
  /// One pin (or forbidden posting) as the page sends it:
  /// `{"person": "p001", "mode": "stationed", "town": "anfu"}`.
  struct Pin: Codable, Sendable {
    var person: String
    var mode: String
    var town: String?
    var zone: String?
  }

  /// The request body: the pins, and the postings forbidden.
  struct Body: Codable, Sendable {
    var pins: [Pin]
    var forbid: [Pin]?
  }

  /// What a re-solve changes: pinned postings and forbidden postings by person id.
  struct Edits: Sendable {
    var pins: [String: Posting] = [:]
    var forbidden: [String: [Posting]] = [:]
  }

  /// The body's pins and forbidden postings by person id.
  ///
  /// - Throws: `APIError` (400) naming each entry (`pins[i]`, `forbid[i]`)
  ///   that names no person, town or zone of the district, or a zone for an
  ///   auxiliary, and each person pinned to a posting also forbidden.
  static func edits(_ body: Body, district: District) throws -> Edits {
    var edits = Edits()
    var problems: [APIProblem] = []
    for (field, list) in [("pins", body.pins), ("forbid", body.forbid ?? [])] {
      for (i, pin) in list.enumerated() {
        let place = "\(field)[\(i)]"
        guard let person = district.person(pin.person) else {
          problems.append(APIProblem(file: "request", place: place, message: "no person '\(pin.person)'", fix: "name a person of the roster"))
          continue
        }
        let posting: Posting
        switch (pin.mode, pin.town, pin.zone) {
        case ("stationed", let town?, _) where district.town(town) != nil:
          posting = .stationed(town: town)
        case ("zoned", _, let zone?) where district.zone(zone) != nil && person.isOfficer:
          posting = .zoned(zone: zone)
        default:
          problems.append(
            APIProblem(
              file: "request", place: place, message: "'\(pin.mode)' \(pin.town ?? pin.zone ?? "") is no posting for \(person.name)",
              fix: "stationed with a town of the district, or zoned with a zone (officers only)"))
          continue
        }
        if field == "pins" {
          edits.pins[person.id] = posting
        } else if !(edits.forbidden[person.id] ?? []).contains(posting) {
          edits.forbidden[person.id, default: []].append(posting)
        }
      }
    }
    for (person, pin) in edits.pins where edits.forbidden[person]?.contains(pin) == true {
      problems.append(
        APIProblem(
          file: "request", place: "pins", message: "\(district.person(person)?.name ?? person) is pinned to a posting also forbidden",
          fix: "remove the pin or the forbidden posting"))
    }
    if !problems.isEmpty {
      var error = APIError(.badRequest, "\(problems.count) pin(s) or forbidden posting(s) cannot be kept")
      error.problems = problems
      throw error
    }
    return edits
  }

  /// The instance to re-solve: `district`'s, starting from `roster`, with the
  /// pins and, added to any the instance has, the forbidden postings.
  static func instance(_ district: District, from roster: Roster, edits: Edits) -> Instance {
    let draft = RosterTables.postings(of: roster).postings
    var instance = district.instance
    for i in instance.people.indices {
      let person = instance.people[i]
      if let posting = draft[person.id], posting != .unassigned {
        if posting != person.currentPosting { instance.people[i].tenure = 0 }
        instance.people[i].currentPosting = posting
      }
      if let pin = edits.pins[person.id] { instance.people[i].pinned = pin }
      if let forbidden = edits.forbidden[person.id] {
        let kept = person.forbidden ?? []
        instance.people[i].forbidden = kept + forbidden.filter { !kept.contains($0) }
      }
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
