import Foundation

/// What JSONSerialization lets through but an instance must not have: a key
/// twice in one object (JSON leaves the meaning open; the parser keeps one
/// silently) and a comma before a closing bracket.
enum JSONShape {
  struct Problem {
    var location: String
    var message: String
    var hint: String
  }

  /// The first duplicate key or trailing comma, with its line and column.
  static func firstProblem(in data: Data) -> Problem? {
    let bytes = [UInt8](data)
    var i = 0
    var line = 1
    var column = 1
    // Per open object: its keys so far; nil for an array.
    var keys: [Set<String>?] = []
    var expectKey = false
    var lastSignificant: UInt8 = 0
    func place() -> String { "line \(line), column \(column)" }
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        // A string: read to its closing quote, keeping escapes.
        let startLine = line
        let startColumn = column
        var j = i + 1
        var raw: [UInt8] = []
        while j < bytes.count, bytes[j] != UInt8(ascii: "\"") {
          if bytes[j] == UInt8(ascii: "\\"), j + 1 < bytes.count {
            raw.append(bytes[j])
            j += 1
          }
          raw.append(bytes[j])
          j += 1
        }
        let text = String(decoding: raw, as: UTF8.self)
        if expectKey, var set = keys.last ?? nil {
          if set.contains(text) {
            return Problem(
              location: "line \(startLine), column \(startColumn)",
              message: "the key \"\(text)\" appears twice in one object",
              hint: "keep one \"\(text)\"; JSON does not say which of the two would count")
          }
          set.insert(text)
          keys[keys.count - 1] = set
        }
        expectKey = false
        for byte in bytes[i...min(j, bytes.count - 1)] where byte & 0xC0 != 0x80 { column += 1 }
        i = j + 1
        lastSignificant = UInt8(ascii: "\"")
        continue
      }
      switch b {
      case UInt8(ascii: "{"):
        keys.append(Set<String>())
        expectKey = true
      case UInt8(ascii: "["):
        keys.append(nil)
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        if lastSignificant == UInt8(ascii: ",") {
          return Problem(
            location: place(), message: "a comma before the closing \(b == UInt8(ascii: "}") ? "brace" : "bracket")",
            hint: "remove the comma after the last item")
        }
        if !keys.isEmpty { keys.removeLast() }
      case UInt8(ascii: ","):
        if case .some(.some) = keys.last { expectKey = true }
      default:
        break
      }
      if b == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
      if b != UInt8(ascii: " "), b != UInt8(ascii: "\n"), b != UInt8(ascii: "\r"), b != UInt8(ascii: "\t") {
        lastSignificant = b
      }
      i += 1
    }
    return nil
  }
}
