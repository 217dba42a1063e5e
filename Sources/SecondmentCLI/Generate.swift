import ArgumentParser
import SecondmentDomain
import Foundation
import SecondmentPlanner

extension Secondment {
  /// `secondment generate`: the Rongchang baseline or a seeded random district.
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the Rongchang 2024 baseline or a seeded random district as an instance file.",
      discussion: """
        secondment generate --rongchang --output Instances/rongchang-2024.json
        secondment generate --towns 100 --people 500 --departments 9 --seed 7 --output d100.json

        The same options give a byte-identical file. Files are written
        atomically (temporary file, then rename). Without --output the
        instance goes to standard output.
        """)

    @Flag(help: "The Rongchang 2024 baseline (21 towns, 9 departments, 75 officers, 30 auxiliaries).")
    var rongchang = false

    @Option(help: "Towns of a random district.")
    var towns: Int?

    @Option(help: "People of a random district (about 30% auxiliaries).")
    var people: Int?

    @Option(help: "Departments of a random district.")
    var departments: Int = 9

    @Option(help: "Seed of a random district.")
    var seed: UInt64 = 1

    @Flag(help: "Leave zones out of a random district, so the planner generates them from travel times.")
    var withoutZones = false

    @Option(help: "The instance file to write.")
    var output: String?

    @Option(help: "Also write the staff list as CSV to this file.")
    var staffCsv: String?

    func validate() throws {
      if rongchang && (towns != nil || people != nil) {
        throw ValidationError("use either --rongchang or --towns/--people, not both")
      }
      if !rongchang && (towns == nil || people == nil) {
        throw ValidationError("give --rongchang, or --towns N and --people M for a random district")
      }
      // Sizes out of range are usage errors naming the range.
      let ranges: [(String, Int?, Int)] = [
        ("--towns", towns, RandomDistrictSpec.maximumTowns), ("--people", people, RandomDistrictSpec.maximumPeople),
        ("--departments", departments, RandomDistrictSpec.maximumDepartments),
      ]
      for (name, value, maximum) in ranges {
        if let value, !(1...maximum).contains(value) {
          throw ValidationError("\(name) must be from 1 to \(maximum), not \(value)")
        }
      }
    }

    func run() throws {
      try checkOutputsOrExit([("--output", output), ("--staff-csv", staffCsv)], inputs: [])
      let instance: Instance
      if rongchang {
        instance = DistrictGenerator.rongchang2024()
      } else {
        do {
          instance = try DistrictGenerator.random(
            RandomDistrictSpec(
              towns: towns ?? 0, people: people ?? 0, departments: departments, seed: seed,
              writeZones: !withoutZones))
        } catch let error as GeneratorError {
          printError("generate: \(error.message)")
          throw ExitCode(2)
        }
      }
      let problems = InstanceValidation.problems(in: instance, file: output ?? "generated instance")
      if !problems.isEmpty {
        printError(InputErrors(problems).description)
        printError("generate: the generated instance is not valid (a bug; please report it)")
        throw ExitCode(1)
      }
      let data = try InstanceLoader.encode(instance)
      do {
        if let output {
          try AtomicFile.write(data, to: output)
        } else {
          FileHandle.standardOutput.write(data)
        }
        if let staffCsv {
          try AtomicFile.write(StaffCSV.write(people: instance.people), to: staffCsv)
        }
      } catch {
        printError("generate: cannot write: \(error.localizedDescription)")
        throw ExitCode(1)
      }
      if let output {
        let officers = instance.people.filter(\.isOfficer).count
        printError(
          "wrote \(output): \(instance.towns.count) towns, \(instance.departments.count) departments, \(officers) officers, \(instance.people.count - officers) auxiliaries"
            + (staffCsv.map { "; staff list \($0)" } ?? ""))
      }
    }
  }
}
