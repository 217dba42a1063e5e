import ArgumentParser
import Foundation
import GAPBenchmark
import SecondmentDomain

extension Secondment {
  /// `secondment gap-generate`: large GAP benchmark instances of types C, D, E.
  struct GapGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "gap-generate",
      abstract: "Write generated GAP instances of types C, D or E as an OR-Library file.",
      discussion: """
        secondment gap-generate --type e --agents 20 --jobs 400 --count 5 --seed 1 --output e20400.txt

        Instance k of the file (1-based) is generated with seed SEED + k - 1,
        so one instance can be made again on its own. The rules of each type
        are in Instances/gap/README.md; solve the file with
        `secondment gap FILE` (minimised, as the literature solves them).
        The same options give a byte-identical file, written atomically.
        """)

    @Option(help: "c, d or e (Chu-Beasley C and D; Laguna et al. E).")
    var type: GAPType

    @Option(help: "Agents (m), 1-1000.")
    var agents: Int

    @Option(help: "Jobs (n), 1-100000; agents × jobs at most 10,000,000.")
    var jobs: Int

    @Option(help: "Instances in the file, 1-100.")
    var count: Int = 1

    @Option(help: "Seed of the first instance.")
    var seed: UInt64 = 1

    @Option(help: "The file to write; standard output without it.")
    var output: String?

    func validate() throws {
      if !(1...1000).contains(agents) { throw ValidationError("--agents must be from 1 to 1000, not \(agents)") }
      if !(1...100_000).contains(jobs) { throw ValidationError("--jobs must be from 1 to 100000, not \(jobs)") }
      if agents * jobs > GAPGenerator.maximumCells {
        throw ValidationError(
          "--agents × --jobs must be at most \(GAPGenerator.maximumCells), not \(agents * jobs)")
      }
      if !(1...100).contains(count) { throw ValidationError("--count must be from 1 to 100, not \(count)") }
    }

    func run() throws {
      try checkOutputsOrExit([("--output", output)], inputs: [])
      let instances = (0..<count).map {
        GAPGenerator.generate(type: type, agents: agents, jobs: jobs, seed: seed &+ UInt64($0))
      }
      let text = GAPGenerator.orLibraryText(instances)
      do {
        if let output {
          try AtomicFile.write(text, to: output)
          printError("wrote \(output): \(count) type \(type.rawValue.uppercased()) instance(s), \(agents) agents × \(jobs) jobs")
        } else {
          FileHandle.standardOutput.write(Data(text.utf8))
        }
      } catch {
        printError("gap-generate: cannot write: \(error.localizedDescription)")
        throw ExitCode(1)
      }
    }
  }
}

extension GAPType: ExpressibleByArgument {}
