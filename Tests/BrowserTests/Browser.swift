import Foundation
import SecondmentTestSupport

/// A real headless Chromium driven over the W3C WebDriver protocol by
/// Debian's `chromedriver`: what the page shows, as a planner would see it.
///
/// Screenshots go to `.build/test-artefacts/browser/` in the package.
final class Browser: @unchecked Sendable {
  static let chromium = "/usr/bin/chromium"
  static let chromedriver = "/usr/bin/chromedriver"

  /// Whether this machine has Debian's chromium and chromium-driver (`.ci/run` installs them).
  static var isAvailable: Bool {
    FileManager.default.isExecutableFile(atPath: chromium)
      && FileManager.default.isExecutableFile(atPath: chromedriver)
  }

  /// Seconds to wait for the browser to start and for the page to show what
  /// a step expects: generous, as the suite runs beside solver tests that
  /// keep every core busy.
  static let patience = 120.0

  /// Where screenshots are kept.
  static let artefacts = packageRoot.appendingPathComponent(".build/test-artefacts/browser")

  private let driver: Process
  private let port: Int
  private var session = ""
  private let label: String

  /// Starts chromedriver on a free port and opens a headless Chromium session.
  ///
  /// - Parameter label: the screenshot names' prefix (one per test).
  init(label: String, language: String = "zh-CN") async throws {
    self.label = label
    (driver, port) = try await Browser.startDriver()
    let options: [String: Any] = [
      "binary": Browser.chromium,
      "args": [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1400,1000", "--lang=\(language)",
      ],
      "prefs": ["intl.accept_languages": language],
    ]
    let answer = try await call(
      "POST", "/session",
      ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]])
    guard let value = answer["value"] as? [String: Any], let id = value["sessionId"] as? String else {
      throw Failure("no browser session: \(answer)")
    }
    session = id
  }

  /// A chromedriver listening on a free port, and the port. A port picked
  /// free may be taken by another test's server before chromedriver binds
  /// it; chromedriver then exits, and it starts again on another port.
  private static func startDriver() async throws -> (Process, Int) {
    for _ in 1...5 {
      let port = try LoopbackHTTP.freePort()
      let driver = Process()
      driver.executableURL = URL(fileURLWithPath: Browser.chromedriver)
      try FileManager.default.createDirectory(at: Browser.artefacts, withIntermediateDirectories: true)
      let log = Browser.artefacts.appendingPathComponent("chromedriver-\(port).log")
      driver.arguments = ["--port=\(port)", "--log-path=\(log.path)"]
      driver.standardOutput = FileHandle.nullDevice
      driver.standardError = FileHandle.nullDevice
      try driver.run()
      // Until chromedriver listens, a connection is refused at once. Polls
      // are counted, not seconds: while other suites' blocking work holds
      // every thread of the test process, a poll waits its turn.
      var polls = 0
      while driver.isRunning, polls < Browser.polls(Browser.patience) {
        polls += 1
        let answer = try? LoopbackHTTP.request("GET", "/status", port: port, json: nil)
        let status = answer.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        if (status?["value"] as? [String: Any])?["ready"] as? Bool == true { return (driver, port) }
        try await Task.sleep(for: .milliseconds(100))
      }
      if driver.isRunning {
        driver.terminate()
        let said = (try? String(contentsOf: log, encoding: .utf8)).map { String($0.suffix(2_000)) } ?? "no log"
        let answer = (try? LoopbackHTTP.request("GET", "/status", port: port, json: nil))
          .map { String(decoding: $0.prefix(300), as: UTF8.self) } ?? "no answer"
        throw Failure(
          "chromedriver on port \(port) did not become ready in \(Int(Browser.patience)) s; /status: \(answer); its log: \(said)")
      }
    }
    throw Failure("chromedriver exited five times at start (fix: run /usr/bin/chromedriver by hand to see why)")
  }

  /// Closes the browser and its driver.
  func quit() async {
    if !session.isEmpty { _ = try? await call("DELETE", "/session/\(session)") }
    // Foundation's waitUntilExit can hang on a concurrency thread: look instead.
    if driver.isRunning { driver.terminate() }
    for _ in 0..<100 where driver.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
    if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
  }

  // MARK: - What a planner does

  func open(_ url: String) async throws {
    _ = try await command("POST", "/url", ["url": url])
  }

  /// Clicks the first element `css` selects.
  func click(_ css: String) async throws {
    let element = try await find(css)
    _ = try await command("POST", "/element/\(element)/click", [:])
  }

  /// Types `text` into the first element `css` selects (a file input takes a path).
  func type(_ css: String, _ text: String) async throws {
    let element = try await find(css)
    _ = try await command("POST", "/element/\(element)/value", ["text": text])
  }

  /// Clears the first element `css` selects (an input).
  func clear(_ css: String) async throws {
    let element = try await find(css)
    _ = try await command("POST", "/element/\(element)/clear", [:])
  }

  /// Accepts the dialog the page opened (a confirm), waiting for it to open; its text.
  func acceptDialog() async throws -> String {
    var text: String?
    try await wait {
      text = try await command("GET", "/alert/text")["value"] as? String
      return text != nil
    }
    _ = try await command("POST", "/alert/accept", [:])
    return text ?? ""
  }

  // MARK: - What the page shows

  /// The visible text of the first element `css` selects ("" when there is none).
  func text(_ css: String) async throws -> String {
    try await run("const e = document.querySelector(arguments[0]); return e ? (e.innerText ?? e.textContent) : '';", css) as? String ?? ""
  }

  /// The texts of every element `css` selects.
  func texts(_ css: String) async throws -> [String] {
    try await run("return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText ?? e.textContent);", css)
      as? [String] ?? []
  }

  /// How many elements `css` selects.
  func count(_ css: String) async throws -> Int {
    try await run("return document.querySelectorAll(arguments[0]).length;", css) as? Int ?? 0
  }

  /// Runs a script in the page; its value.
  func run(_ script: String, _ arguments: Any...) async throws -> Any? {
    try await command("POST", "/execute/sync", ["script": script, "args": arguments])["value"]
  }

  /// Waits until `condition` holds, polling for `seconds` of an idle machine; false when it never did.
  @discardableResult
  func wait(seconds: Double = Browser.patience, until condition: () async throws -> Bool) async throws -> Bool {
    for _ in 0..<Browser.polls(seconds) {
      if (try? await condition()) == true { return true }
      try await Task.sleep(for: .milliseconds(100))
    }
    return try await condition()
  }

  /// Polls, 100 ms apart, that make `seconds` on an idle machine. Waits count
  /// polls rather than the clock, so a test process whose threads are all
  /// busy with other suites slows a wait down instead of failing it.
  static func polls(_ seconds: Double) -> Int { Int(seconds * 10) }

  /// Keeps a screenshot of the window as `.build/test-artefacts/browser/LABEL-NAME.png`.
  func screenshot(_ name: String) async throws {
    guard let encoded = try await command("GET", "/screenshot")["value"] as? String,
      let data = Data(base64Encoded: encoded)
    else { throw Failure("no screenshot") }
    try FileManager.default.createDirectory(at: Browser.artefacts, withIntermediateDirectories: true)
    try data.write(to: Browser.artefacts.appendingPathComponent("\(label)-\(name).png"))
  }

  // MARK: - The protocol

  private func find(_ css: String) async throws -> String {
    let answer = try await command("POST", "/element", ["using": "css selector", "value": css])
    guard let value = answer["value"] as? [String: Any],
      let id = value["element-6066-11e4-a52e-4f735466cecf"] as? String
    else { throw Failure("no element \(css): \(answer)") }
    return id
  }

  private func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
    let answer = try await call(method, "/session/\(session)" + path, body)
    if let value = answer["value"] as? [String: Any], let error = value["error"] as? String {
      throw Failure("\(method) \(path): \(error): \(value["message"] ?? "")")
    }
    return answer
  }

  /// One WebDriver request on a connection of its own (`LoopbackHTTP`).
  private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
    let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
    let answer = try LoopbackHTTP.request(method, path, port: port, json: data)
    return (try JSONSerialization.jsonObject(with: answer)) as? [String: Any] ?? [:]
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }
}
