import Foundation
import SecondmentDomain

/// An instance as the sheets `InstanceSheets` reads back to the same instance.
///
/// With `.en` the headers are the JSON field names and references are ids;
/// with `.zh` headers, yes/no cells and postings are in Chinese and
/// references are written as names (which resolve back to the same ids).
public enum InstanceSheetWriter {
  public static func workbook(_ instance: Instance, language: SheetLanguage = .en) -> Workbook {
    let c = SheetCatalogue.self
    func header(_ names: [SheetCatalogue.Name]) -> [Cell] { names.map { .text($0.header(language)) } }
    func text(_ s: String?) -> Cell { s.map { $0.isEmpty ? .empty : .text($0) } ?? .empty }
    func number(_ x: Double?) -> Cell { x.map { .number($0) } ?? .empty }
    func flag(_ b: Bool) -> Cell { .text(language.yesNo(b)) }
    let townName = Dictionary(instance.towns.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let departmentName = Dictionary(instance.departments.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let zoneName = Dictionary((instance.zones ?? []).map { ($0.id, $0.name ?? $0.id) }, uniquingKeysWith: { a, _ in a })
    let index = NameIndex(instance)
    // In Chinese, a reference is the name when the name finds the same thing back.
    func town(_ id: String) -> String {
      guard language == .zh, let name = townName[id], index.town(name) == .id(id) else { return id }
      return name
    }
    func department(_ id: String) -> String {
      guard language == .zh, let name = departmentName[id], index.department(name) == .id(id) else { return id }
      return name
    }
    func words(_ p: Posting) -> String {
      switch p {
      case .stationed(let t): return StaffCSV.postingText(.stationed(town: town(t)), language)
      case .zoned(let z):
        let name = zoneName[z].flatMap { language == .zh && index.zone($0) == .id(z) ? $0 : nil } ?? z
        return StaffCSV.postingText(.zoned(zone: name), language)
      case .unassigned: return StaffCSV.postingText(.unassigned, language)
      }
    }
    func posting(_ p: Posting?) -> Cell { p.map { .text(words($0)) } ?? .empty }
    let keyValue: [Cell] = [.text(c.key.header(language)), .text(c.value.header(language))]
    func about(_ key: String) -> Cell { .text(c.instanceKeys.first { $0.key == key }?.header(language) ?? key) }

    var aboutRows = [keyValue, [about("name"), .text(instance.name)]]
    if let title = instance.title { aboutRows.append([about("title"), .text(title)]) }
    if let quarter = instance.quarter { aboutRows.append([about("quarter"), .text(quarter)]) }
    aboutRows += instance.notes.map { [about("notes"), .text($0)] }
    aboutRows += instance.illustrative.map { [about("illustrative"), .text($0)] }

    var departmentRows = [header(c.departmentColumns)]
    for d in instance.departments {
      departmentRows.append([
        .text(d.id), .text(d.name), text(d.englishName), text(d.shortName),
        number(d.officers.map(Double.init)), number(d.auxiliaries.map(Double.init)),
      ])
    }

    let demandPrefix = language == .zh ? "需求:" : "demand:"
    var townRows = [
      header(c.townColumns)
        + instance.departments.map { .text(demandPrefix + (language == .zh ? $0.name : $0.id)) }
    ]
    for t in instance.towns {
      let kind = c.townKinds.first { $0.0 == t.kind }?.1[language == .zh ? 1 : 0] ?? t.kind.rawValue
      townRows.append(
        [
          .text(t.id), .text(t.name), text(t.pinyin), .text(kind), flag(t.pilot), number(t.x), number(t.y),
          .number(Double(t.deskCapacity)),
        ] + instance.departments.map { number(t.demand[$0.id]) })
    }

    let personColumns = c.personColumns.filter { !["currentTown", "currentZone"].contains($0.key) }
    var peopleRows = [header(personColumns)]
    for p in instance.people {
      peopleRows.append([
        .text(p.id), .text(p.name), .text(department(p.department)),
        .text(language == .zh ? (p.role == .officer ? "执法人员" : "协管员") : p.role.rawValue),
        flag(p.certified), flag(p.legal), flag(p.drives), text(p.homeTown.map(town)),
        posting(p.currentPosting), .number(Double(p.tenure)),
        text(p.preferredTowns.map(town).joined(separator: ";")), flag(p.unavailable), posting(p.pinned),
        text((p.forbidden ?? []).map(words).joined(separator: ";")),
      ])
    }

    var sheets = [
      Sheet(name: c.instanceSheet.header(language), rows: aboutRows),
      Sheet(name: c.departmentsSheet.header(language), rows: departmentRows),
      Sheet(name: c.townsSheet.header(language), rows: townRows),
      Sheet(name: c.peopleSheet.header(language), rows: peopleRows),
    ]
    if let zones = instance.zones {
      var rows = [header(c.zoneColumns)]
      for z in zones { rows.append([.text(z.id), text(z.name), .text(z.towns.map(town).joined(separator: ";"))]) }
      sheets.append(Sheet(name: c.zonesSheet.header(language), rows: rows))
    }
    if let travel = instance.travel {
      var rows = [[Cell.text(c.travelCorner.header(language))] + travel.towns.map { .text(town($0)) }]
      for (i, t) in travel.towns.enumerated() {
        rows.append([.text(town(t))] + (i < travel.minutes.count ? travel.minutes[i] : []).map { .number($0) })
      }
      sheets.append(Sheet(name: c.travelSheet.header(language), rows: rows))
    }
    var policyRows = [keyValue]
    for (key, value) in InstanceSheets.flatten(instance.policy) {
      let name = c.policyKeys.first { $0.key == key }?.header(language) ?? key
      switch value {
      case .flag(let b): policyRows.append([.text(name), flag(b)])
      case .number(let x): policyRows.append([.text(name), .number(x)])
      case .object: continue
      }
    }
    sheets.append(Sheet(name: c.policySheet.header(language), rows: policyRows))
    if let joint = instance.jointInspections {
      var rows = [header(c.jointInspectionColumns)]
      for j in joint {
        rows.append([
          .text(j.id), .text(j.name), .text(j.departments.map(department).joined(separator: ";")),
          .text(j.towns.map(town).joined(separator: ";")),
        ])
      }
      sheets.append(Sheet(name: c.jointInspectionsSheet.header(language), rows: rows))
    }
    return Workbook(sheets: sheets)
  }
}
