import Foundation
import SecondmentDomain

/// A roster as a workbook a planner reads and signs off.
///
/// Sheets: by person (name, department, role, posting in words, towns, FTE
/// per town), by town (demand, supply, unmet, who is stationed and zoned
/// there), by department, coverage (every town and department with demand),
/// and notes (status, objective by term, bound, gap, broken rules). Figures
/// are rounded to `Rounding.displayStep`; names are the instance's, never
/// bare ids. Headers come from `Words` in the language asked for.
public enum RosterWorkbook {
  /// The roster's sheets, figured by the independent checker from `roster`'s postings and splits.
  public static func workbook(
    _ roster: Roster, district: District, language: SheetLanguage = .zh, notes: [String] = []
  ) -> Workbook {
    let w = Words(language)
    let instance = district.instance
    let tables = RosterTables(roster, district: district)
    let evaluation = tables.evaluation
    let names = PlaceNames(instance: instance, zones: district.zones, language: language)
    let round = { (x: Double) in Cell.number(Rounding.round(x, Rounding.displayStep)) }
    let people = Dictionary(instance.people.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let list = { (ids: [String]) in ids.map { people[$0] ?? $0 }.joined(separator: w.listSeparator) }

    // By person.
    var byPerson: [[Cell]] = [w.headers(["id", "name", "department", "role", "posting", "towns", "ftePerTown", "certified", "legal"])]
    for line in tables.people {
      let person = line.person
      var fte = ""
      switch line.posting {
      case .stationed(let t): fte = "\(names.town(t)) 1"
      case .zoned:
        let split = Rounding.round(line.fte, Rounding.displayStep)
        fte = line.towns.compactMap { t in split[t].map { "\(names.town(t)) \(Cell.format($0))" } }.joined(separator: w.listSeparator)
      case .unassigned: break
      }
      byPerson.append([
        .text(person.id), .text(person.name), .text(names.department(person.department)),
        .text(w.role(person.role)), .text(names.posting(line.posting, words: w)),
        .text(line.towns.map(names.town).joined(separator: w.listSeparator)), .text(fte),
        .text(language.yesNo(person.certified)), .text(language.yesNo(person.legal)),
      ])
    }

    // By town.
    let joint = instance.jointInspections?.isEmpty == false
    var byTown: [[Cell]] = [
      w.headers(
        ["town", "pilot", "demand", "supply", "unmet", "uncovered", "stationed", "zoned", "auxiliaries", "desks"]
          + (joint ? ["jointInspections"] : []))
    ]
    for line in tables.towns {
      byTown.append(
        [
          .text(names.town(line.town.id)), .text(language.yesNo(line.town.pilot)), round(line.demand),
          round(line.supply), round(line.unmet), .number(Double(line.uncovered)), .text(list(line.stationed)),
          .text(list(line.zoned)), .text(list(line.auxiliaries)), .text("\(line.desksUsed)/\(line.town.deskCapacity)"),
        ] + (joint ? [.text(w.jointInspections(line, names: names))] : []))
    }

    // By department.
    var byDepartment: [[Cell]] = [w.headers(["department", "demand", "supply", "unmet", "uncovered", "stationed", "zoned", "auxiliaries", "unassigned"])]
    for line in tables.departments {
      byDepartment.append(
        [
          .text(names.department(line.department.id)), round(line.demand), round(line.supply), round(line.unmet),
          .number(Double(line.uncovered)),
        ] + [line.stationed, line.zoned, line.auxiliaries, line.unassigned].map { .number(Double($0)) })
    }

    // Coverage: every pair with demand.
    var coverage: [[Cell]] = [
      w.headers(["town", "department", "demand", "supply", "unmet", "officersPresent", "receivesFTE", "responseMinutes"])
    ]
    for c in evaluation.coverage where c.demand > 0 {
      coverage.append([
        .text(names.town(c.town)), .text(names.department(c.department)), round(c.demand), round(c.supply),
        round(c.unmet), .number(Double(c.officersPresent)),
        .text(language.yesNo(c.supply > Rounding.displayStep / 2)), c.responseMinutes.map(round) ?? .empty,
      ])
    }

    // Notes.
    var about: [[Cell]] = [w.headers(["item", "value"])]
    about.append([.text(w.word("instance")), .text(instance.title ?? instance.name)])
    if let quarter = instance.quarter { about.append([.text(w.word("quarter")), .text(quarter)]) }
    if let solver = roster.solver { about.append([.text(w.word("solver")), .text(solver)]) }
    if let status = roster.status { about.append([.text(w.word("status")), .text(status)]) }
    for (name, value) in evaluation.objective.terms {
      about.append([.text(w.word("objective") + ": " + w.word(name)), round(value)])
    }
    about.append([.text(w.word("objective") + ": " + w.word("total")), round(evaluation.objective.total)])
    about.append([.text(w.word("worstResponse")), round(evaluation.measures.worstResponseMinutes)])
    about.append([.text(w.word("meanResponse")), round(evaluation.measures.meanResponseMinutes)])
    if let bound = roster.bound { about.append([.text(w.word("bound")), round(bound)]) }
    if let gap = roster.gap { about.append([.text(w.word("gap")), .text(Cell.format(Rounding.round(gap * 100, 0.01)) + "%")]) }
    for v in evaluation.violations { about.append([.text(w.word("brokenRule")), .text(v.description)]) }
    for note in notes { about.append([.text(w.word("note")), .text(note)]) }

    return Workbook(sheets: [
      Sheet(name: w.word("byPerson"), rows: byPerson), Sheet(name: w.word("byTown"), rows: byTown),
      Sheet(name: w.word("byDepartment"), rows: byDepartment), Sheet(name: w.word("coverage"), rows: coverage),
      Sheet(name: w.word("notes"), rows: about),
    ])
  }
}

extension Words {
  /// A header row of these keys' words.
  func headers(_ keys: [String]) -> [Cell] { keys.map { .text(word($0)) } }
}
