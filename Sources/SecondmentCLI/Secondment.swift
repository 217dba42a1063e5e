import ArgumentParser
import Foundation

/// The `secondment` command: plans where seconded staff work.
///
/// Exit status, for every subcommand: 0 done; 1 a roster that breaks rules
/// (or, for `check`, a roster that breaks them); 2 bad input or a bad
/// option (its message names the option, the range or the file and place);
/// 3 no roster could be made. `--help` and `--version` exit 0.
@main
struct Secondment: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "secondment",
    abstract: "Plan where seconded officers and auxiliaries work: rosters, what-ifs, reassignment.",
    version: "0.1.0",
    subcommands: [
      Validate.self, Solve.self, Generate.self, Check.self, Gap.self, Replan.self, History.self, WhatIf.self,
      Export.self, Serve.self, Respond.self, Demand.self, GapGenerate.self,
    ])

  /// Parses and runs the command; a usage error (an unknown option, a value
  /// out of range) exits 2 like any other bad input, not ArgumentParser's 64.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
