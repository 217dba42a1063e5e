import Foundation

/// `secondment serve` started as a planner starts it: the built binary on
/// loopback, any free port, a workspace of its own.
public final class RunningWorkbench: @unchecked Sendable {
  public let process: Process
  /// The address `serve` printed, ending in `/`.
  public let address: String
  private let output: FileHandle

  /// Starts `serve` on `workspace` and waits (up to a minute) for its address.
  public init(workspace: URL, arguments: [String] = []) throws {
    process = Process()
    process.executableURL = try secondmentBinary()
    process.arguments = ["serve", "--port", "0", "--workspace", workspace.path] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    output = pipe.fileHandleForReading
    var text = ""
    let start = Date()
    while !text.contains("\n"), Date().timeIntervalSince(start) < 60 {
      let data = output.availableData
      if data.isEmpty { break }
      text += String(decoding: data, as: UTF8.self)
    }
    let line = text.split(separator: "\n").first.map(String.init) ?? ""
    guard let found = line.split(separator: " ").first(where: { $0.hasPrefix("http://") }) else {
      process.terminate()
      throw NotStarted(printed: text)
    }
    address = String(found)
  }

  /// The first line `serve` printed did not name an address.
  public struct NotStarted: Error, CustomStringConvertible {
    public var printed: String
    public var description: String { "secondment serve printed no address: \(printed)" }
  }

  /// Interrupts the server as Ctrl-C does and waits; its exit status and what it printed after the address.
  @discardableResult
  public func stop() -> (status: Int32, printed: String) {
    if process.isRunning { process.interrupt() }
    let rest = String(decoding: output.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, rest)
  }

  deinit { if process.isRunning { process.terminate() } }
}
