import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// What one run of the built `secondment` binary produced.
struct Outcome {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// The built `secondment` executable, next to the test bundle in the build folder.
func secondmentBinary() throws -> URL {
  var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  for _ in 0..<4 {
    let candidate = dir.appendingPathComponent("secondment")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    dir = dir.deletingLastPathComponent()
  }
  struct Missing: Error, CustomStringConvertible {
    var description: String { "secondment binary not found next to the test bundle" }
  }
  throw Missing()
}

/// Runs `secondment` with arguments and waits for it.
func runSecondment(_ arguments: [String], in directory: URL? = nil) throws -> Outcome {
  let process = Process()
  process.executableURL = try secondmentBinary()
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = directory }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return Outcome(
    status: process.terminationStatus,
    stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}

/// The package's root folder (where Package.swift is), for shipped instances.
let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A shipped file's path, e.g. `Instances/scenarios/law-graduates.yaml`.
func shipped(_ relative: String) -> String {
  packageRoot.appendingPathComponent(relative).path
}

/// A fresh temporary folder for one test's files.
func temporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("secondment-whatif-test-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

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
