import Crypto
import Foundation

/// SHA-256 digests of the inputs a plan was made from (history, reports), as
/// lowercase hexadecimal; swift-crypto computes them.
public enum ContentHash {
  /// The SHA-256 of `bytes`, 64 lowercase hexadecimal digits.
  public static func sha256<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
    Crypto.SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
  }

  /// The SHA-256 of a file's bytes; nil when it cannot be read.
  public static func sha256(ofFile path: String) -> String? {
    FileManager.default.contents(atPath: path).map { sha256($0) }
  }
}
