import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The smallest HTTP/1.1 client: one request to 127.0.0.1 on a socket of its
/// own, the answer's body by its Content-Length. It is what the WebDriver
/// calls need: Foundation's URLSession on Linux refuses chromedriver's
/// headers (written without a space after the colon).
enum LoopbackHTTP {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// A port no one listens on now: the kernel's pick for a socket bound to port 0.
  static func freePort() throws -> Int {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw Failure(description: "no socket") }
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
        bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
      }
    }
    guard bound else { throw Failure(description: "no free port on 127.0.0.1") }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// Sends `method path` with an optional JSON body; the answer's body.
  static func request(_ method: String, _ path: String, port: Int, json: Data?) throws -> Data {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw Failure(description: "no socket") }
    defer { close(socket) }
    // No answer in 5 minutes is a failure, not a hang.
    var timeout = timeval(tv_sec: 300, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw Failure(description: "cannot connect to 127.0.0.1:\(port)") }
    var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
    if let json { head += "Content-Type: application/json\r\nContent-Length: \(json.count)\r\n" }
    var message = Data((head + "\r\n").utf8)
    if let json { message.append(json) }
    try message.withUnsafeBytes { raw in
      var sent = 0
      while sent < raw.count {
        let n = send(socket, raw.baseAddress! + sent, raw.count - sent, 0)
        guard n > 0 else { throw Failure(description: "the request could not be sent") }
        sent += n
      }
    }
    // Read until the headers end, then the body by its length (or to the close).
    var received = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    var bodyStart: Int?
    var length: Int?
    while true {
      if let start = bodyStart, let length, received.count - start >= length { break }
      let n = recv(socket, &buffer, buffer.count, 0)
      if n <= 0 { break }
      received.append(contentsOf: buffer[0..<n])
      if bodyStart == nil, let end = received.range(of: Data("\r\n\r\n".utf8)) {
        bodyStart = end.upperBound
        let headers = String(decoding: received[..<end.lowerBound], as: UTF8.self).lowercased()
        for line in headers.split(separator: "\r\n") where line.hasPrefix("content-length:") {
          length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        }
      }
    }
    guard let start = bodyStart else { throw Failure(description: "no answer from 127.0.0.1:\(port)\(path)") }
    let end = length.map { min(received.count, start + $0) } ?? received.count
    return received.subdata(in: start..<end)
  }
}
