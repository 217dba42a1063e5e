import Foundation
import Hummingbird

/// The local workbench server: the JSON API (`API`) over a workspace, with
/// solves as child processes (`JobQueue`).
public enum Workbench {
  /// The router of a workbench: the page, the API's routes and their guard.
  public static func router(
    workspace: Workspace, jobs: JobQueue, settings: WorkbenchSettings
  ) -> Router<BasicRequestContext> {
    let router = Router()
    API.add(to: router, workspace: workspace, jobs: jobs, settings: settings)
    Page.add(to: router)
    return router
  }

  /// Serves until SIGINT or SIGTERM, then stops every solve (each keeps its
  /// best roster) and returns once they have written their files.
  ///
  /// - Parameters:
  ///   - executable: the `secondment` binary the solves run.
  ///   - ready: called with the address to open once the server listens.
  public static func serve(
    workspace: Workspace, settings: WorkbenchSettings, executable: URL,
    ready: @escaping @Sendable (String) -> Void
  ) async throws {
    let jobs = JobQueue(workspace: workspace, executable: executable)
    let host = settings.host
    let app = Application(
      router: router(workspace: workspace, jobs: jobs, settings: settings),
      configuration: .init(address: .hostname(host, port: settings.port), serverName: "secondment"),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? settings.port
        let shown = host.contains(":") ? "[\(host)]" : host
        ready("http://\(shown):\(port)/")
      })
    do {
      try await app.runService()
    } catch {
      await jobs.stopAll()
      throw error
    }
    await jobs.stopAll()
  }
}
