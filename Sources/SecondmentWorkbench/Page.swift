import Foundation
import HTTPTypes
import Hummingbird
import SecondmentDomain
import SecondmentReport

/// The workbench's page: one HTML document, its script and its style,
/// served by the binary itself (nothing is fetched from elsewhere).
///
/// The page speaks the language of `?lang=zh|en`, else the browser's first
/// choice (`Accept-Language`), else Chinese; its words come from the one
/// catalogue (`Words`), embedded in the document.
enum Page {
  /// The routes `/`, `/app.js` and `/app.css`.
  static func add<Context: RequestContext>(to router: Router<Context>) {
    router.get("/") { request, _ -> Response in
      API.bytes(documents[language(of: request)] ?? Data(), type: "text/html; charset=utf-8")
    }
    router.get("app.js") { _, _ -> Response in
      API.bytes(Data(PageScript.source.utf8), type: "text/javascript; charset=utf-8")
    }
    router.get("app.css") { _, _ -> Response in
      API.bytes(Data(PageStyle.source.utf8), type: "text/css; charset=utf-8")
    }
  }

  /// The language a request asks for.
  static func language(of request: Request) -> SheetLanguage {
    if let asked = request.uri.queryParameters["lang"].flatMap({ SheetLanguage(rawValue: String($0)) }) {
      return asked
    }
    let accepted = request.headers[.acceptLanguage]?.lowercased() ?? ""
    return accepted.hasPrefix("en") ? .en : .zh
  }

  /// The document in each language, made once.
  static let documents: [SheetLanguage: Data] = Dictionary(
    uniqueKeysWithValues: SheetLanguage.allCases.map { ($0, Data(document($0).utf8)) })

  /// The HTML document in `language`, with its words for the script.
  static func document(_ language: SheetLanguage) -> String {
    let words = Words(language)
    let table = String(decoding: API.encoded(words.all), as: UTF8.self)
      .replacingOccurrences(of: "</", with: "<\\/")
    let tabs = [("district", "tabDistrict"), ("solve", "tabSolve"), ("roster", "tabRoster"), ("whatif", "tabWhatIf"), ("quarter", "tabQuarter")].map {
      tab, key in
      "<button type=\"button\" class=\"tab\" data-tab=\"\(tab)\">" + escapeHTML(words.word(key)) + "</button>"
    }.joined()
    let other = language == .zh ? "en" : "zh"
    return """
      <!DOCTYPE html>
      <html lang="\(language == .zh ? "zh-CN" : "en")">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escapeHTML(words.word("appTitle")))</title>
      <link rel="stylesheet" href="app.css">
      </head>
      <body>
      <header>
      <h1>\(escapeHTML(words.word("appTitle")))</h1>
      <nav>\(tabs)</nav>
      <div class="instance">
      <label>\(escapeHTML(words.word("chooseInstance"))) <select id="instance"></select></label>
      <label class="upload">\(escapeHTML(words.word("upload"))) <input type="file" id="upload" accept=".xlsx,.json"></label>
      <a id="language" href="?lang=\(other)">\(escapeHTML(words.word("language")))</a>
      </div>
      </header>
      <div id="message" role="status"></div>
      <main>
      <section id="district" class="page"></section>
      <section id="solve" class="page"></section>
      <section id="roster" class="page"></section>
      <section id="whatif" class="page"></section>
      <section id="quarter" class="page"></section>
      </main>
      <script>window.WORDS = \(table); window.LANG = "\(language.rawValue)";</script>
      <script src="app.js"></script>
      </body>
      </html>

      """
  }
}
