import Foundation
import GAPBenchmark
import MIPModel
import Testing

@Suite("OR-Library GAP reader, names and known values")
struct GAPReaderTests {
  static let files = (1...12).map { "gap\($0).txt" } + ["gapa.txt", "gapb.txt", "gapc.txt", "gapd.txt"]

  @Test("every shipped file reads, with the README's sizes and names", arguments: files)
  func readsFile(_ file: String) throws {
    let instances = try GAPReader.read(path: gapPath(file))
    let known = GAPKnownValue.all.filter { $0.file == file && $0.canonical }
    #expect(instances.count == (["gapa.txt", "gapb.txt", "gapc.txt", "gapd.txt"].contains(file) ? 6 : 5))
    #expect(instances.count == known.count)
    for (instance, value) in zip(instances, known) {
      #expect(instance.name == value.name)
      #expect(instance.agents == value.agents)
      #expect(instance.jobs == value.jobs)
      #expect(instance.resource.count == instance.agents)
      #expect(instance.capacity.count == instance.agents)
      #expect(instance.cost.allSatisfy { $0.count == instance.jobs })
    }
  }

  @Test("agent-major layout: first and last tokens of gap1 #1 land in the right cells")
  func layout() throws {
    let text = try String(contentsOfFile: gapPath("gap1.txt"), encoding: .utf8)
    let tokens = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    let first = try #require(try GAPReader.read(path: gapPath("gap1.txt")).first)
    // Tokens: P, m, n, then c[1][1..n], ..., so c[1][2] is token 5 and c[2][1] is 3 + n + 1.
    #expect(first.cost[0][0] == tokens[3])
    #expect(first.cost[0][1] == tokens[4])
    #expect(first.cost[1][0] == tokens[3 + first.jobs])
    let rStart = 3 + first.agents * first.jobs
    #expect(first.resource[0][0] == tokens[rStart])
    #expect(first.capacity == Array(tokens[(rStart + first.agents * first.jobs)...].prefix(5)))
  }

  @Test("line breaks carry no meaning")
  func lineBreaksIgnored() throws {
    let text = "1\n2 3  1 2\n3 4 5 6\n 1 1 1 1 1 1\t5\n\n5 "
    let a = try GAPReader.parse(text, fileName: "gap1.txt")
    let b = try GAPReader.parse(text.replacingOccurrences(of: "\n", with: " "), fileName: "gap1.txt")
    #expect(a == b)
    #expect(a.first?.cost == [[1, 2, 3], [4, 5, 6]])
    #expect(a.first?.capacity == [5, 5])
    #expect(a.first?.name == "c23-1")
  }

  @Test(
    "malformed files name the file and the token",
    arguments: [
      ("", 1, "file ends early"),
      ("1 2 3 1 2 3 4 5 6 1 1 1 1 1 1 5", 17, "file ends early"),
      ("1 2 3 1 2 x 4 5 6 1 1 1 1 1 1 5 5", 6, "found 'x'"),
      ("1 2 3 1 2 3 4 5 6 1 1 1 1 1 1 5 5 9", 18, "after the 1 declared"),
      ("0", 1, "at least 1"),
      ("1 2 3 1 2 3 4 5 6 1 -1 1 1 1 1 5 5", 11, "at least 0"),
    ])
  func malformed(text: String, token: Int, fragment: String) throws {
    let error = #expect(throws: GAPFormatError.self) {
      try GAPReader.parse(text, file: "broken.txt")
    }
    #expect(error?.file == "broken.txt")
    #expect(error?.token == token)
    #expect(error?.description.contains(fragment) == true, "\(String(describing: error))")
    #expect(error?.description.hasPrefix("broken.txt: token \(token)") == true)
  }

  @Test("a missing file is an error naming it")
  func missingFile() {
    let error = #expect(throws: GAPFormatError.self) {
      try GAPReader.read(path: "/nonexistent/gap99.txt")
    }
    #expect(error?.file == "/nonexistent/gap99.txt")
  }

  @Test("instance names per the README")
  func naming() {
    #expect(GAPNaming.name(file: "gap9.txt", index: 1, agents: 10, jobs: 30) == "c1030-1")
    #expect(GAPNaming.name(file: "x/gapd.txt", index: 4, agents: 10, jobs: 200) == "d10200")
    #expect(GAPNaming.name(file: "gapa.txt", index: 1, agents: 5, jobs: 100) == "a05100")
    #expect(GAPNaming.name(file: "mine.txt", index: 2, agents: 5, jobs: 100) == "mine-2")
  }

  @Test("the Swift table equals Instances/gap/known_values.csv")
  func knownValuesMatchCSV() throws {
    let csv = try String(contentsOfFile: gapPath("known_values.csv"), encoding: .utf8)
    let rows = csv.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(rows.count == 144)
    #expect(GAPKnownValue.all.count == rows.count)
    for (row, known) in zip(rows, GAPKnownValue.all) {
      #expect(row[0] == known.file && Int(row[1]) == known.index && row[2] == known.name)
      #expect(Int(row[3]) == known.agents && Int(row[4]) == known.jobs)
      #expect(row[5] == (known.sense == .maximize ? "max" : "min"))
      #expect((row[6] == "yes") == known.canonical)
      #expect(Int(row[7]) == known.value)
      #expect(row[8] == known.status.rawValue)
      #expect(Int(row[9]) == known.lowerBound)
    }
    #expect(GAPKnownValue.lookup(file: "gap1.txt", index: 1, sense: .maximize)?.value == 336)
    #expect(GAPKnownValue.lookup(file: "/a/b/gapd.txt", index: 6, sense: .minimize)?.lowerBound == 12235)
    #expect(GAPKnownValue.canonicalSense(file: "gap12.txt") == .maximize)
    #expect(GAPKnownValue.canonicalSense(file: "gapc.txt") == .minimize)
    #expect(GAPKnownValue.canonicalSense(file: "other.txt") == nil)
  }

  @Test("GAPModel: shape, and a solution maps to values and back")
  func gapModel() throws {
    let instance = try #require(try GAPReader.read(path: gapPath("gap1.txt")).first)
    let gap = GAPModel(instance, sense: .minimize)
    #expect(gap.model.variables.count == 75)
    #expect(gap.model.constraints.count == 15 + 5)
    #expect(gap.model.integerCount == 75)
    #expect(gap.model.sense == .minimize)
    let assignment = (0..<15).map { $0 % 5 }
    let solution = GAPSolution(agentOfJob: assignment, objective: instance.cost(of: assignment))
    let values = gap.values(of: solution)
    #expect(gap.solution(from: values) == solution)
    #expect(gap.model.objective.value(at: values) == Double(solution.objective))
    #expect(gap.model.isFeasible(values) == instance.isFeasible(assignment))
    var twice = values
    twice[gap.variable(agent: 1, job: 0).index] = 1
    #expect(gap.solution(from: twice) == nil)
  }
}
