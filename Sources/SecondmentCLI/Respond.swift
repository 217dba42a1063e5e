import ArgumentParser
import Foundation
import SecondmentDomain

extension Secondment {
  /// `secondment respond INSTANCE ROSTER [--town T --department D]`: who
  /// answers a town's call, and how fast (the whistle, 镇街吹哨、部门报到).
  struct Respond: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Who answers a town's call (the whistle): a department's officers, nearest first, with minutes.",
      discussion: """
        The response of a (town, department) with demand is 0 minutes when an
        officer of the department is present at the town (stationed there or
        zoned over it), else the travel minutes of the nearest officer of the
        department, from where they are stationed or from the nearest town of
        their zone (docs/rules.md, Response time).

        With --town and --department (ids or names) it lists every officer who
        can answer, nearest first. Without them it prints the worst and mean
        response over the pairs with demand and the pairs answered in more
        than 0 minutes, slowest first. Exit status 0, or 2 on bad input.
        """)

    @Argument(help: ArgumentHelp(instanceHelp))
    var instance: String

    @OptionGroup var inputs: InputOptions

    @Argument(help: "The roster file: JSON, or CSV when the name ends in .csv.")
    var roster: String

    @Option(help: "The town that calls: an id, its Chinese name or its pinyin.")
    var town: String?

    @Option(help: "The department called: an id, its name, English name or short name.")
    var department: String?

    func validate() throws {
      if (town == nil) != (department == nil) {
        throw ValidationError("--town and --department go together: the call of one department to one town")
      }
    }

    func run() throws {
      let district = try loadDistrictOrExit(instance, inputs: inputs.source, outcome: "nothing was answered")
      let postings = try resolveRosterOrExit(roster, checker: RosterChecker(district), outcome: "nothing was answered")
        .resolved.postings
      let name = { (id: String) in district.person(id)?.name ?? id }
      let townName = { (id: String) in district.town(id)?.name ?? id }
      guard let town, let department else {
        let responses = ResponseTimes(district: district, postings: postings)
        let minutes = { (x: Double?) in x.map { String(format: "%.0f min", $0) } ?? "no officer" }
        print(
          "Response over \(responses.pairs.count) (town, department) pairs with demand: worst \(minutes(responses.worst)), mean \(responses.mean.map { String(format: "%.1f min", $0) } ?? "—")"
        )
        let slow = responses.over(0).sorted { ($0.minutes ?? .infinity) > ($1.minutes ?? .infinity) }
        if slow.isEmpty { print("  every pair has an officer of its department present") }
        replanTable(
          header: ["town", "department", "minutes", "nearest officer", "from"],
          rows: slow.map { pair in
            [
              townName(pair.town), district.departments.first { $0.id == pair.department }?.name ?? pair.department,
              minutes(pair.minutes), pair.nearest.map { name($0.person) } ?? "—",
              pair.nearest.map { townName($0.from) } ?? "—",
            ]
          })
        return
      }
      guard let townID = district.towns.first(where: { [$0.id, $0.name, $0.pinyin].contains(town) })?.id else {
        printError(
          "--town '\(town)': no such town (fix: use an id, Chinese name or pinyin, e.g. \(district.towns.first.map { "\($0.id) or \($0.name)" } ?? "a town id"))")
        throw ExitCode(2)
      }
      guard
        let departmentID = district.departments.first(where: {
          [$0.id, $0.name, $0.englishName, $0.shortName].contains(department)
        })?.id
      else {
        printError(
          "--department '\(department)': no such department (fix: use one of \(district.departments.map(\.id).joined(separator: ", ")))")
        throw ExitCode(2)
      }
      let answers = ResponseTimes.answers(town: townID, department: departmentID, district: district, postings: postings)
      let departmentName = district.departments.first { $0.id == departmentID }?.name ?? departmentID
      print("\(townName(townID)) calls \(departmentName): \(answers.count) officer\(answers.count == 1 ? "" : "s") can answer")
      replanTable(
        header: ["officer", "name", "posting", "from", "minutes"],
        rows: answers.map { answer in
          [
            answer.person, name(answer.person), district.words(for: postings[answer.person] ?? .unassigned),
            townName(answer.from), String(format: "%.0f", answer.minutes),
          ]
        })
    }
  }
}
