import ArgumentParser

/// The `secondment` command: plans where seconded staff work.
@main
struct Secondment: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "secondment",
    abstract: "Plan where seconded officers and auxiliaries work: rosters, what-ifs, reassignment.",
    version: "0.1.0",
    subcommands: [
      Validate.self, Solve.self, Generate.self, Check.self, Gap.self, Replan.self, History.self, WhatIf.self,
      Export.self,
    ])
}
