import ArgumentParser
import Foundation
import SecondmentWorkbench

extension Secondment {
  /// `secondment serve`: the local workbench's API over a workspace folder.
  struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Serve the workbench's API on this machine: solves as jobs, with progress and cancel.",
      discussion: """
        The workspace folder keeps each solve's instance and roster (jobs/ID/). \
        Binds to 127.0.0.1 by default; any other --host needs the token printed at start \
        (header X-Workbench-Token). Runs until interrupted; running solves then stop and keep \
        their best roster. The API is described at /api/openapi.json (docs/workbench.md).
        """)

    @Option(help: "The workspace folder (created when missing).")
    var workspace = "workspace"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(help: "The address to listen on; not loopback needs the printed token.")
    var host = "127.0.0.1"

    func validate() throws {
      guard (0...65_535).contains(port) else {
        throw ValidationError("--port \(port): give a port from 0 to 65535")
      }
    }

    func run() throws {
      let folder: Workspace
      do {
        folder = try Workspace(workspace)
      } catch {
        printError("--workspace \(workspace): \(error)")
        throw ExitCode(2)
      }
      var settings = WorkbenchSettings()
      settings.host = host
      settings.port = port
      settings.toolVersion = Secondment.configuration.version
      if !settings.isLoopback { settings.token = WorkbenchSettings.makeToken() }
      let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
      let token = settings.token
      let done = DispatchSemaphore(value: 0)
      let failure = ErrorSlot()
      let served = settings
      Task {
        do {
          try await Workbench.serve(workspace: folder, settings: served, executable: executable) {
            address in
            var lines = "The workbench listens at \(address) (workspace \(folder.root.path)); interrupt to stop.\n"
            if let token { lines += "Token for this address (header X-Workbench-Token): \(token)\n" }
            FileHandle.standardOutput.write(Data(lines.utf8))
          }
        } catch {
          failure.set(error)
        }
        done.signal()
      }
      done.wait()
      if let error = failure.error {
        printError("serve: \(error)")
        throw ExitCode(2)
      }
      print("The workbench stopped; every running solve kept its best roster.")
    }
  }
}

/// An error handed from the server's task to the command.
private final class ErrorSlot: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: (any Error)?
  func set(_ error: any Error) { lock.withLock { stored = error } }
  var error: (any Error)? { lock.withLock { stored } }
}
