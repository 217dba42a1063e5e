import Foundation
import Testing
import SecondmentTestSupport

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses a document as XML; collects the elements and any parse error.
final class XMLSummary: NSObject, XMLParserDelegate {
  /// (element name, class attribute) in document order.
  var elements: [(name: String, cls: String?)] = []
  var text = ""
  var error: Error?
  var parsed = false

  init(_ data: Data) {
    super.init()
    let parser = XMLParser(data: data)
    parser.delegate = self
    parsed = parser.parse()
    error = error ?? parser.parserError
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    elements.append((elementName, attributeDict["class"]))
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

  func count(_ name: String, cls: String? = nil) -> Int {
    elements.filter { $0.name == name && (cls == nil || $0.cls == cls) }.count
  }
}
