import Foundation
import SecondmentDomain

/// Posting notices (派驻通知书): one printable page per person with a
/// posting, saying where they work from the plan's quarter.
///
/// Built from the roster's tables as the checker figures them
/// (`RosterTables`); people left unassigned get no notice. Every word comes
/// from the catalogue (`Words`); names are the instance's.
public enum PostingNotices {
  /// The notices of `roster` as one HTML document, a page per notice when printed.
  public static func html(_ roster: Roster, district: District, language: SheetLanguage = .zh) -> String {
    let w = Words(language)
    let tables = RosterTables(roster, district: district)
    let names = PlaceNames(instance: district.instance, zones: district.zones, language: language)
    let plan = district.instance.title ?? district.instance.name
    let quarter = district.instance.quarter ?? w.word("noticeNextQuarter")
    var h = "<!DOCTYPE html>\n<html lang=\"\(language == .zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\">\n"
    h += "<title>\(escapeHTML(w.word("noticeTitle")))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
    var count = 0
    for line in tables.people where line.posting != .unassigned {
      count += 1
      let person = line.person
      let towns = line.towns.map { town in
        "<li>\(escapeHTML(names.town(town)))<span class=\"fte\">\(escapeHTML(number(line.fte[town] ?? 0)))</span></li>"
      }.joined()
      h += "<section class=\"notice\" data-person=\"\(escapeHTML(person.id))\">\n"
      h += "<h1>\(escapeHTML(w.word("noticeTitle")))</h1>\n"
      h += "<p class=\"to\">\(escapeHTML(w.format("noticeTo", person.name)))</p>\n"
      h += "<p>\(escapeHTML(w.format("noticeBody", plan, quarter, names.department(person.department), w.role(person.role), names.posting(line.posting, words: w))))</p>\n"
      h += "<table>\n"
      for (key, value) in [
        ("name", person.name), ("department", names.department(person.department)), ("role", w.role(person.role)),
        ("posting", names.posting(line.posting, words: w)), ("quarter", quarter),
      ] {
        h += "<tr><th>\(escapeHTML(w.word(key)))</th><td>\(escapeHTML(value))</td></tr>\n"
      }
      h += "<tr><th>\(escapeHTML(w.word("ftePerTown")))</th><td><ul>\(towns)</ul></td></tr>\n</table>\n"
      h += "<p class=\"sign\">\(escapeHTML(w.word("noticeSignature")))</p>\n</section>\n"
    }
    if count == 0 { h += "<p>\(escapeHTML(w.word("noticeNone")))</p>\n" }
    h += "</body>\n</html>\n"
    return h
  }

  static let css = """
    body { font-family: "Noto Serif CJK SC", "WenQuanYi Zen Hei", "Noto Sans", serif; color: #111; margin: 0; }
    .notice { max-width: 170mm; margin: 16mm auto; padding: 0 8mm; border-bottom: 1px dashed #999; }
    h1 { text-align: center; font-size: 22pt; letter-spacing: 0.3em; margin: 0 0 10mm; }
    .to { font-weight: bold; }
    table { border-collapse: collapse; width: 100%; margin: 6mm 0; }
    th, td { border: 1px solid #444; padding: 2mm 3mm; text-align: left; vertical-align: top; }
    th { width: 32mm; background: #f2f2f2; }
    ul { margin: 0; padding-left: 5mm; }
    .fte { margin-left: 3mm; color: #555; }
    .sign { text-align: right; margin-top: 16mm; }
    @media print {
      .notice { border: 0; margin: 0 auto; page-break-after: always; }
      .notice:last-of-type { page-break-after: auto; }
    }

    """
}
