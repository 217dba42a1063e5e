import Foundation
import SecondmentDomain

/// A roster as a workbook a planner reads and signs off.
///
/// Sheets: by person (name, department, role, posting in words, towns, FTE
/// per town), by town (demand, supply, unmet, who is stationed and zoned
/// there), by department, coverage (every town and department with demand),
/// and notes (status, objective by term, bound, gap, broken rules). Figures
/// are rounded to `Rounding.displayStep`; names are the instance's, never
/// bare ids. Headers come from `RosterWords` in the language asked for.
public enum RosterWorkbook {
  /// The roster's sheets, figured by the independent checker from `roster`'s postings and splits.
  public static func workbook(
    _ roster: Roster, district: District, language: SheetLanguage = .zh, notes: [String] = []
  ) -> Workbook {
    let w = RosterWords(language)
    let instance = district.instance
    var postings: [String: Posting] = [:]
    var splits: [String: ZoneSplit] = [:]
    for entry in roster.postings {
      switch entry.mode {
      case "stationed": postings[entry.person] = entry.town.map { .stationed(town: $0) } ?? .unassigned
      case "zoned": postings[entry.person] = entry.zone.map { .zoned(zone: $0) } ?? .unassigned
      default: postings[entry.person] = .unassigned
      }
      if let split = entry.split { splits[entry.person] = split }
    }
    let evaluation = RosterChecker(district).evaluate(postings, splits: splits)
    let names = PlaceNames(instance: instance, zones: district.zones, language: language)
    let round = { (x: Double) in Cell.number(Rounding.round(x, Rounding.displayStep)) }

    // By person.
    var byPerson: [[Cell]] = [w.headers(["id", "name", "department", "role", "posting", "towns", "ftePerTown", "certified", "legal"])]
    for person in instance.people {
      let posting = postings[person.id] ?? .unassigned
      let towns = district.towns(of: posting)
      var fte = ""
      switch posting {
      case .stationed(let t): fte = "\(names.town(t)) 1"
      case .zoned:
        let split = Rounding.round(evaluation.splits[person.id] ?? [:], Rounding.displayStep)
        fte = towns.compactMap { t in split[t].map { "\(names.town(t)) \(Cell.format($0))" } }.joined(separator: w.listSeparator)
      case .unassigned: break
      }
      byPerson.append([
        .text(person.id), .text(person.name), .text(names.department(person.department)),
        .text(w.role(person.role)), .text(names.posting(posting, words: w)),
        .text(towns.map(names.town).joined(separator: w.listSeparator)), .text(fte),
        .text(language.yesNo(person.certified)), .text(language.yesNo(person.legal)),
      ])
    }

    // By town.
    var byTown: [[Cell]] = [w.headers(["town", "pilot", "demand", "supply", "unmet", "uncovered", "stationed", "zoned", "auxiliaries", "desks"])]
    for town in instance.towns {
      let cov = evaluation.coverage.filter { $0.town == town.id }
      var stationed: [String] = []
      var zoned: [String] = []
      var aux: [String] = []
      for person in instance.people {
        switch postings[person.id] ?? .unassigned {
        case .stationed(let t) where t == town.id:
          if person.isOfficer { stationed.append(person.name) } else { aux.append(person.name) }
        case .zoned(let z) where district.zone(z)?.towns.contains(town.id) == true: zoned.append(person.name)
        default: break
        }
      }
      byTown.append([
        .text(names.town(town.id)), .text(language.yesNo(town.pilot)), round(cov.reduce(0) { $0 + $1.demand }),
        round(cov.reduce(0) { $0 + $1.supply }), round(cov.reduce(0) { $0 + $1.unmet }),
        .number(Double(cov.filter(\.isUncovered).count)), .text(stationed.joined(separator: w.listSeparator)),
        .text(zoned.joined(separator: w.listSeparator)), .text(aux.joined(separator: w.listSeparator)),
        .text("\(stationed.count + aux.count)/\(town.deskCapacity)"),
      ])
    }

    // By department.
    var byDepartment: [[Cell]] = [w.headers(["department", "demand", "supply", "unmet", "uncovered", "stationed", "zoned", "auxiliaries", "unassigned"])]
    for department in instance.departments {
      let cov = evaluation.coverage.filter { $0.department == department.id }
      var counts = [0, 0, 0, 0]
      for person in instance.people where person.department == department.id {
        switch postings[person.id] ?? .unassigned {
        case .stationed: counts[person.isOfficer ? 0 : 2] += 1
        case .zoned: counts[1] += 1
        case .unassigned: counts[3] += 1
        }
      }
      byDepartment.append(
        [
          .text(names.department(department.id)), round(cov.reduce(0) { $0 + $1.demand }),
          round(cov.reduce(0) { $0 + $1.supply }), round(cov.reduce(0) { $0 + $1.unmet }),
          .number(Double(cov.filter(\.isUncovered).count)),
        ] + counts.map { .number(Double($0)) })
    }

    // Coverage: every pair with demand.
    var coverage: [[Cell]] = [w.headers(["town", "department", "demand", "supply", "unmet", "officersPresent", "receivesFTE"])]
    for c in evaluation.coverage where c.demand > 0 {
      coverage.append([
        .text(names.town(c.town)), .text(names.department(c.department)), round(c.demand), round(c.supply),
        round(c.unmet), .number(Double(c.officersPresent)),
        .text(language.yesNo(c.supply > Rounding.displayStep / 2)),
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

/// Names of towns, departments and zones as a planner reads them.
struct PlaceNames {
  let towns: [String: Town]
  let departments: [String: Department]
  let zones: [String: Zone]
  let language: SheetLanguage

  init(instance: Instance, zones: [Zone], language: SheetLanguage) {
    towns = Dictionary(instance.towns.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    departments = Dictionary(instance.departments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.zones = Dictionary(zones.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.language = language
  }

  /// `昌元街道` in Chinese; `Changyuan (昌元街道)` in English when a pinyin is known.
  func town(_ id: String) -> String {
    guard let t = towns[id] else { return id }
    if language == .en, let pinyin = t.pinyin { return "\(pinyin) (\(t.name))" }
    return t.name
  }

  func department(_ id: String) -> String {
    guard let d = departments[id] else { return id }
    if language == .en, let english = d.englishName { return "\(english) (\(d.name))" }
    return d.name
  }

  func zone(_ id: String) -> String { zones[id]?.name ?? id }

  func posting(_ posting: Posting, words w: RosterWords) -> String {
    switch posting {
    case .stationed(let t): w.word("stationedAt") + " " + town(t)
    case .zoned(let z): w.word("zonedTo") + " " + zone(z)
    case .unassigned: w.word("unassigned")
    }
  }
}

/// The words of roster sheets and summaries, in English and Chinese: one
/// catalogue, so the workbook and the terminal say the same thing.
public struct RosterWords: Sendable {
  public let language: SheetLanguage

  public init(_ language: SheetLanguage) { self.language = language }

  static let catalogue: [String: (en: String, zh: String)] = [
    "id": ("id", "编号"), "name": ("name", "姓名"), "department": ("department", "部门"),
    "role": ("role", "角色"), "posting": ("posting", "岗位"), "towns": ("towns", "镇街"),
    "ftePerTown": ("FTE per town", "各镇街当量"), "certified": ("certified", "执法证"),
    "legal": ("legal background", "法律背景"), "town": ("town", "镇街"), "pilot": ("pilot", "试点"),
    "demand": ("demand FTE", "需求当量"), "supply": ("supply FTE", "供给当量"), "unmet": ("unmet FTE", "缺口当量"),
    "uncovered": ("departments uncovered", "未覆盖部门数"), "stationed": ("stationed officers", "派驻执法人员"),
    "zoned": ("zoned officers", "包片执法人员"), "auxiliaries": ("auxiliaries", "协管员"),
    "desks": ("desks used", "已用席位"), "unassigned": ("unassigned", "未安排"),
    "officersPresent": ("officers present", "在岗执法人员"), "receivesFTE": ("receives FTE", "有供给"),
    "item": ("item", "项目"), "value": ("value", "值"), "instance": ("instance", "实例"),
    "quarter": ("quarter", "季度"), "solver": ("solver", "求解器"), "status": ("status", "状态"),
    "objective": ("objective", "目标值"), "total": ("total", "合计"), "bound": ("bound", "下界"),
    "gap": ("gap", "差距"), "brokenRule": ("broken rule", "违反规则"), "note": ("note", "说明"),
    "uncoveredPairs": ("uncovered pairs", "未覆盖"), "unmetDemand": ("unmet demand", "需求缺口"),
    "travel": ("travel", "路程"), "moves": ("moves", "调动"), "preferenceMisses": ("preference misses", "意向未满足"),
    "imbalance": ("imbalance", "不均衡"), "byPerson": ("by person", "按人员"), "byTown": ("by town", "按镇街"),
    "byDepartment": ("by department", "按部门"), "coverage": ("coverage", "覆盖"), "notes": ("notes", "说明"),
    "stationedAt": ("stationed at", "派驻"), "zonedTo": ("zoned to", "包片"),
    "officer": ("officer", "执法人员"), "auxiliary": ("auxiliary", "协管员"),
  ]

  /// The word for `key` in this language (the key itself when not catalogued).
  public func word(_ key: String) -> String {
    guard let entry = Self.catalogue[key] else { return key }
    return language == .zh ? entry.zh : entry.en
  }

  func headers(_ keys: [String]) -> [Cell] { keys.map { .text(word($0)) } }

  func role(_ role: Role) -> String { word(role.rawValue) }

  /// What separates items in one cell: `、` in Chinese, `; ` in English.
  var listSeparator: String { language == .zh ? "、" : "; " }
}
