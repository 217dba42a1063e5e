import Foundation
import SecondmentDomain

/// Writes reports to disk, atomically: a temporary file renamed into place.
public enum ReportWriter {
  /// Writes the HTML and/or Markdown rendering of `report`.
  ///
  /// - Throws: `ReportWriteError` naming the file when it cannot be written;
  ///   nothing is half-written.
  public static func write(_ report: Report, html: String? = nil, markdown: String? = nil) throws {
    if let html { try writeAtomically(report.html(), to: html) }
    if let markdown { try writeAtomically(report.markdown(), to: markdown) }
  }

  /// Writes text through `AtomicFile` (a temporary file renamed over `path`).
  public static func writeAtomically(_ text: String, to path: String) throws {
    do {
      try AtomicFile.write(text, to: path)
    } catch {
      throw ReportWriteError(path: path, reason: "\(error.localizedDescription)")
    }
  }
}

/// A report file that could not be written.
public struct ReportWriteError: Error, CustomStringConvertible, Sendable {
  public var path: String
  public var reason: String
  public var description: String { "\(path): cannot write the report: \(reason)" }
}
