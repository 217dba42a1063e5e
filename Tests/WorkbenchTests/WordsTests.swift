import Foundation
import SecondmentDomain
import Testing

@testable import SecondmentWorkbench

/// One catalogue of words for the page and the workbook, in both languages.
@Suite("Words catalogue")
struct WordsTests {
  @Test("every word the page's script asks for is catalogued in Chinese and in English")
  func everyPageWordIsCatalogued() throws {
    let zh = Words(.zh).all
    let en = Words(.en).all
    let pattern = try NSRegularExpression(pattern: #"word\("([A-Za-z-]+)""#)
    let script = PageScript.source
    let keys = Set(
      pattern.matches(in: script, range: NSRange(script.startIndex..., in: script)).compactMap {
        Range($0.range(at: 1), in: script).map { String(script[$0]) }
      })
    #expect(keys.count > 40, "the script asks for \(keys.count) words")
    for key in keys.sorted() {
      #expect(zh[key] != nil && en[key] != nil, "'\(key)' is not catalogued")
    }
    for key in ["tabDistrict", "tabSolve", "tabRoster", "appTitle", "chooseInstance", "upload", "language"] {
      #expect(zh[key] != nil && en[key] != nil, "'\(key)' is not catalogued")
    }
  }

  @Test("no word is empty, and each differs between Chinese and English")
  func wordsAreWritten() {
    let zh = Words(.zh).all
    let en = Words(.en).all
    #expect(Set(zh.keys) == Set(en.keys))
    for (key, word) in zh {
      #expect(!word.isEmpty && !(en[key] ?? "").isEmpty, "'\(key)'")
      #expect(word != en[key], "'\(key)' is the same in both languages: \(word)")
    }
  }

  @Test("a word with places takes its arguments in order")
  func formatFillsPlaces() {
    #expect(Words(.zh).format("shown", 12, 105) == "显示 12 / 105 人")
    #expect(Words(.en).format("shown", 12, 105) == "12 of 105 shown")
    #expect(Words(.zh).word("no-such-word") == "no-such-word")
  }
}
