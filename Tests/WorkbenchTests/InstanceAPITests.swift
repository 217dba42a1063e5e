import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SecondmentDomain
import SecondmentSheets
import SecondmentTestSupport
import Testing

/// The district's data kept in the workspace, and the page's views of a district and a roster.
@Suite("Workbench API: kept instances and views")
struct InstanceAPITests {
  static let workbook = packageRoot.appendingPathComponent("Tests/SheetsTests/Fixtures/rongchang-2024.xlsx")

  static func keep(_ client: any TestClientProtocol, _ data: Data, type: String) async throws -> TestResponse {
    var headers = HTTPFields()
    headers[.contentType] = type
    return try await client.execute(uri: "/api/instances", method: .post, headers: headers, body: APITests.body(data))
  }

  /// rongchang-2024's district and its number of (town, department) pairs with demand.
  static func rongchang() throws -> (District, Int) {
    let district = District(try InstanceLoader.load(path: shipped("Instances/rongchang-2024.json")))
    return (district, district.instance.towns.reduce(0) { $0 + $1.demand.values.filter { $0 > 0 }.count })
  }

  /// rongchang-2024 kept and solved by the greedy: the kept instance's id, the
  /// job's id and its view's people.
  static func keptAndSolved(_ client: any TestClientProtocol) async throws -> (String, String, [[String: Any]]) {
    let kept = try await keep(client, try APITests.rongchang(), type: "application/json")
    let id = try #require(try APITests.json(kept)["id"] as? String)
    let first = try await client.execute(uri: "/api/solve?instance=\(id)&timeLimit=20&solver=greedy", method: .post)
    let job = try #require(try APITests.json(first)["job"] as? String)
    _ = try await APITests.poll(client, job, until: APITests.ended)
    let view = try APITests.json(try await client.execute(uri: "/api/jobs/\(job)/view", method: .get))
    return (id, job, try #require(view["people"] as? [[String: Any]]))
  }

  /// POSTs `body` as `type` to `uri`, expects 202, and waits for the job to end: its id and last status.
  static func run(
    _ client: any TestClientProtocol, _ uri: String, type: String, _ body: String
  ) async throws -> (String, [String: Any]) {
    var headers = HTTPFields()
    headers[.contentType] = type
    let response = try await client.execute(uri: uri, method: .post, headers: headers, body: APITests.body(Data(body.utf8)))
    #expect(response.status == .accepted)
    let job = try #require(try APITests.json(response)["job"] as? String)
    let status = try await APITests.poll(client, job, until: APITests.ended)
    #expect(status["state"] as? String == "done", "\(status)")
    return (job, status)
  }

  @Test("a kept workbook is listed and shows its district: 21 towns with demand, zones, 105 people, names in the language asked for")
  func keptWorkbookShowsItsDistrict() async throws {
    try await APITests.withWorkbench { client, _ in
      let kept = try await Self.keep(client, try Data(contentsOf: Self.workbook), type: APITests.xlsxType)
      #expect(kept.status == .created)
      let id = try #require(try APITests.json(kept)["id"] as? String)
      let list = try JSONSerialization.jsonObject(
        with: Data(try await client.execute(uri: "/api/instances", method: .get).body.readableBytesView)) as? [[String: Any]]
      #expect(list?.map { $0["id"] as? String } == [id])
      #expect(list?.first?["towns"] as? Int == 21)

      let zh = try APITests.json(try await client.execute(uri: "/api/instances/\(id)?lang=zh", method: .get))
      let towns = try #require(zh["towns"] as? [[String: Any]])
      #expect(towns.count == 21)
      #expect(towns.filter { $0["pilot"] as? Bool == true }.count == 8)
      #expect(towns.allSatisfy { $0["x"] is Double && $0["y"] is Double })
      #expect((zh["people"] as? [Any])?.count == 105)
      #expect(zh["officers"] as? Int == 75 && zh["auxiliaries"] as? Int == 30)
      #expect(!((zh["zones"] as? [Any]) ?? []).isEmpty)
      let departments = try #require(zh["departments"] as? [[String: Any]])
      #expect(departments.first { $0["id"] as? String == "market" }?["name"] as? String == "市场监督管理局")
      let en = try APITests.json(try await client.execute(uri: "/api/instances/\(id)?lang=en", method: .get))
      let people = try #require(en["people"] as? [[String: Any]])
      #expect(people.first?["roleName"] as? String == "officer")
      #expect((zh["people"] as? [[String: Any]])?.first?["roleName"] as? String == "执法人员")
    }
  }

  @Test("a bad upload is not kept: 400 with the place and the fix, and the list stays empty")
  func badUploadIsNotKept() async throws {
    let broken = packageRoot.appendingPathComponent("Tests/SheetsTests/Fixtures/bad-department.xlsx")
    try await APITests.withWorkbench { client, _ in
      let response = try await Self.keep(client, try Data(contentsOf: broken), type: APITests.xlsxType)
      #expect(response.status == .badRequest)
      let problems = try #require((try APITests.json(response)["error"] as? [String: Any])?["problems"] as? [[String: Any]])
      #expect(problems.first?["place"] as? String == "sheet '人员', row 6, column 部门 (C6)")
      #expect(problems.first?["fix"] != nil)
      let text = try await client.execute(uri: "/api/instances", method: .get)
      #expect(String(buffer: text.body) == "[]")
      let other = try await Self.keep(client, Data("a,b\n".utf8), type: "text/csv")
      #expect(other.status == .unsupportedMediaType)
    }
  }

  @Test("a kept instance solves by its id; the job's view has every person, town, department and pair with demand")
  func keptInstanceSolvesAndShowsItsRoster() async throws {
    let (_, pairs) = try Self.rongchang()
    try await APITests.withWorkbench { client, _ in
      let kept = try await Self.keep(client, try APITests.rongchang(), type: "application/json")
      let id = try #require(try APITests.json(kept)["id"] as? String)
      let response = try await client.execute(
        uri: "/api/solve?instance=\(id)&timeLimit=20&solver=greedy", method: .post)
      #expect(response.status == .accepted)
      let job = try #require(try APITests.json(response)["job"] as? String)
      let status = try await APITests.poll(client, job, until: APITests.ended)
      #expect(status["state"] as? String == "done", "\(status)")
      #expect(status["instance"] as? String == id)

      let view = try APITests.json(try await client.execute(uri: "/api/jobs/\(job)/view?lang=zh", method: .get))
      #expect((view["people"] as? [Any])?.count == 105)
      #expect((view["towns"] as? [Any])?.count == 21)
      #expect((view["departments"] as? [Any])?.count == 9)
      #expect((view["coverage"] as? [Any])?.count == pairs)
      #expect((view["brokenRules"] as? [Any])?.isEmpty == true)
      let people = try #require(view["people"] as? [[String: Any]])
      let stationed = try #require(people.first { $0["mode"] as? String == "stationed" })
      #expect((stationed["posting"] as? String)?.hasPrefix("派驻 ") == true, "\(stationed)")

      // The exports: the roster workbook and one posting notice per person with a posting.
      let workbook = try await client.execute(uri: "/api/jobs/\(job)/workbook?lang=zh", method: .get)
      #expect(workbook.status == .ok)
      #expect(workbook.headers[.contentDisposition] == "attachment; filename=\"roster-\(job).xlsx\"")
      let sheets = try XLSXReader.read(data: Data(workbook.body.readableBytesView), file: "roster.xlsx")
      #expect(sheets.sheets.map(\.name) == ["按人员", "按镇街", "按部门", "覆盖", "说明"])
      let report = String(buffer: try await client.execute(uri: "/api/jobs/\(job)/report?lang=zh", method: .get).body)
      #expect(report.hasPrefix("<!DOCTYPE html>") && report.contains("lang=\"zh-CN\""))
      #expect(report.contains("派驻方案报告") && report.contains("class=\"heatmap\"") && report.contains("来源"))
      let englishReport = String(buffer: try await client.execute(uri: "/api/jobs/\(job)/report?lang=en", method: .get).body)
      #expect(englishReport.contains("Roster report") && englishReport.contains("Provenance"))
      let notices = String(buffer: try await client.execute(uri: "/api/jobs/\(job)/notices?lang=zh", method: .get).body)
      let posted = people.filter { $0["mode"] as? String != "unassigned" }.count
      #expect(notices.components(separatedBy: "<section class=\"notice\"").count - 1 == posted)
      #expect(notices.contains("<h1>派驻通知书</h1>"))
      #expect(notices.contains("page-break-after: always"))

      // Why there: the person's posting priced against the next best for them.
      let why = try APITests.json(
        try await client.execute(uri: "/api/jobs/\(job)/why?person=\(stationed["id"] as? String ?? "")&lang=zh", method: .get))
      #expect(why["posting"] as? String == stationed["posting"] as? String)
      let objective = try #require((status["result"] as? [String: Any])?["objective"] as? Double)
      #expect(abs((why["objective"] as? Double ?? 0) - objective) < 0.01, "the roster's own price: \(why)")
      let terms = try #require(why["terms"] as? [[String: Any]])
      #expect(terms.map { $0["key"] as? String } == ["uncoveredPairs", "unmetDemand", "travel", "moves", "preferenceMisses", "imbalance", "response"])
      #expect(terms.first?["name"] as? String == "未覆盖")
      let alternatives = try #require(why["alternatives"] as? [[String: Any]])
      #expect(alternatives.count == 8)
      #expect(why["nextBest"] as? String == alternatives.first?["posting"] as? String)
      let total = terms.compactMap { $0["difference"] as? Double }.reduce(0, +)
      #expect(abs(total - (alternatives.first?["difference"] as? Double ?? .nan)) < 0.05, "the terms add up to the difference")
      let nobody = try await client.execute(uri: "/api/jobs/\(job)/why?person=nobody", method: .get)
      #expect(nobody.status == .notFound)

      let unknown = try await client.execute(uri: "/api/solve?instance=0123456789ab", method: .post)
      #expect(unknown.status == .notFound)
      let missing = try await client.execute(uri: "/api/instances/0123456789ab", method: .get)
      #expect(missing.status == .notFound)
      let escape = try await client.execute(uri: "/api/instances/..%2F..%2Fetc", method: .get)
      #expect(escape.status == .notFound)
    }
  }

  @Test("a re-solve from a roster keeps the pin, weighs moves against that roster, and refuses a pin to nowhere")
  func resolveWithAPin() async throws {
    let (district, _) = try Self.rongchang()
    try await APITests.withWorkbench { client, _ in
      let (id, job, people) = try await Self.keptAndSolved(client)
      let officer = try #require(district.people.first { $0.isOfficer })
      let now = try #require(people.first { $0["id"] as? String == officer.id })
      let town = try #require(
        district.instance.towns.first { !((now["towns"] as? [String]) ?? []).contains($0.id) && !district.avoids(officer, town: $0.id) })

      var headers = HTTPFields()
      headers[.contentType] = "application/json"
      let pins = #"{"pins": [{"person": "\#(officer.id)", "mode": "stationed", "town": "\#(town.id)"}]}"#
      let (second, status) = try await Self.run(
        client, "/api/jobs/\(job)/resolve?timeLimit=20&solver=greedy", type: "application/json", pins)
      #expect(status["basedOn"] as? String == job && status["instance"] as? String == id)
      let after = try APITests.json(try await client.execute(uri: "/api/jobs/\(second)/view?lang=zh", method: .get))
      let moved = try #require(after["moves"] as? [[String: Any]])
      #expect(moved.contains { $0["person"] as? String == officer.id && $0["to"] as? String == "派驻 \(town.name)" })
      #expect(moved.count < 20, "pinning one person moves \(moved.count)")
      #expect(after["pins"] as? [String] == ["\(officer.name) 派驻 \(town.name)"])

      let nowhere = #"{"pins": [{"person": "nobody", "mode": "stationed", "town": "\#(town.id)"}, {"person": "\#(officer.id)", "mode": "zoned", "zone": "atlantis"}]}"#
      let refused = try await client.execute(
        uri: "/api/jobs/\(job)/resolve", method: .post, headers: headers, body: APITests.body(Data(nowhere.utf8)))
      #expect(refused.status == .badRequest)
      let problems = try #require((try APITests.json(refused)["error"] as? [String: Any])?["problems"] as? [[String: Any]])
      #expect(problems.map { $0["place"] as? String } == ["pins[0]", "pins[1]"])
      let garbage = try await client.execute(
        uri: "/api/jobs/\(job)/resolve", method: .post, headers: headers, body: APITests.body(Data("pins".utf8)))
      #expect(garbage.status == .badRequest)
    }
  }

  @Test("a re-solve with a posting forbidden moves that person away from it, and a pin to a forbidden posting is refused")
  func resolveWithAForbiddenPosting() async throws {
    let (district, _) = try Self.rongchang()
    try await APITests.withWorkbench { client, _ in
      let (_, job, people) = try await Self.keptAndSolved(client)
      let line = try #require(people.first {
        $0["mode"] as? String == "stationed" && district.person($0["id"] as? String ?? "")?.isOfficer == true
      })
      let person = try #require(district.person(line["id"] as? String ?? ""))
      let town = try #require((line["towns"] as? [String])?.first)
      let townName = try #require(district.town(town)?.name)
      let forbid = #"{"pins": [], "forbid": [{"person": "\#(person.id)", "mode": "stationed", "town": "\#(town)"}]}"#
      let (second, status) = try await Self.run(
        client, "/api/jobs/\(job)/resolve?timeLimit=20&solver=greedy", type: "application/json", forbid)
      #expect((status["forbidden"] as? [String: Any])?[person.id] != nil, "\(status)")
      let after = try APITests.json(try await client.execute(uri: "/api/jobs/\(second)/view?lang=zh", method: .get))
      #expect((after["brokenRules"] as? [Any])?.isEmpty == true)
      let moved = try #require((after["people"] as? [[String: Any]])?.first { $0["id"] as? String == person.id })
      #expect(moved["posting"] as? String != "派驻 \(townName)", "the forbidden posting is not given")
      #expect(after["forbidden"] as? [String] == ["\(person.name) 派驻 \(townName)"])

      var headers = HTTPFields()
      headers[.contentType] = "application/json"
      let both = #"{"pins": [{"person": "\#(person.id)", "mode": "stationed", "town": "\#(town)"}], "forbid": [{"person": "\#(person.id)", "mode": "stationed", "town": "\#(town)"}]}"#
      let refused = try await client.execute(
        uri: "/api/jobs/\(job)/resolve", method: .post, headers: headers, body: APITests.body(Data(both.utf8)))
      #expect(refused.status == .badRequest)
      let problems = try #require((try APITests.json(refused)["error"] as? [String: Any])?["problems"] as? [[String: Any]])
      #expect(problems.first?["fix"] as? String == "remove the pin or the forbidden posting")
    }
  }

  @Test("a what-if from a roster is anchored on it; the comparison has both runs, the pairs with demand and who is new")
  func whatIfAndCompare() async throws {
    let (_, pairs) = try Self.rongchang()
    try await APITests.withWorkbench { client, _ in
      let first = try await APITests.solve(client, try APITests.rongchang())
      let base = try #require(try APITests.json(first)["job"] as? String)
      _ = try await APITests.poll(client, base, until: APITests.ended)
      var headers = HTTPFields()
      headers[.contentType] = "application/yaml"
      let scenario = """
        title: two legal officers for transport
        base: rongchang-2024
        changes:
          - hire:
              count: 2
              department: transport
              role: officer
              legal: true

        """
      let (job, status) = try await Self.run(
        client, "/api/jobs/\(base)/whatif?timeLimit=20&solver=greedy", type: "application/yaml", scenario)
      #expect(status["label"] as? String == "two legal officers for transport")
      #expect((status["changes"] as? [String])?.count == 1)

      let comparison = try APITests.json(try await client.execute(uri: "/api/compare?jobs=\(base),\(job)&lang=zh", method: .get))
      let runs = try #require(comparison["runs"] as? [[String: Any]])
      #expect(runs.map { ($0["joined"] as? [String])?.count } == [0, 2])
      #expect(runs.allSatisfy { $0["pairsWithDemand"] as? Int == pairs })
      #expect((comparison["cells"] as? [Any])?.count == pairs)
      #expect((comparison["towns"] as? [[String]])?.count == 21)

      let broken = "title: x\nbase: y\nchanges:\n  - hire:\n      count: 2\n      department: atlantis\n"
      let refused = try await client.execute(
        uri: "/api/jobs/\(base)/whatif", method: .post, headers: headers, body: APITests.body(Data(broken.utf8)))
      #expect(refused.status == .badRequest)
      let problem = try #require(((try APITests.json(refused)["error"] as? [String: Any])?["problems"] as? [[String: Any]])?.first)
      #expect(problem["place"] as? String == "line 6", "\(problem)")
      #expect(problem["fix"] != nil)
      let alone = try await client.execute(uri: "/api/compare?jobs=\(base)", method: .get)
      #expect(alone.status == .badRequest)
    }
  }

  @Test("the page is served in Chinese by default and in English when asked, with its script and style")
  func pageIsServed() async throws {
    try await APITests.withWorkbench { client, _ in
      let zh = try await client.execute(uri: "/", method: .get)
      #expect(zh.status == .ok)
      #expect(String(buffer: zh.body).contains("<title>下沉人员派驻工作台</title>"))
      var headers = HTTPFields()
      headers[.acceptLanguage] = "en-GB,en;q=0.9"
      let en = try await client.execute(uri: "/", method: .get, headers: headers)
      #expect(String(buffer: en.body).contains("<title>Secondment workbench</title>"))
      let asked = try await client.execute(uri: "/?lang=zh", method: .get, headers: headers)
      #expect(String(buffer: asked.body).contains("lang=\"zh-CN\""))
      let script = try await client.execute(uri: "/app.js", method: .get)
      #expect(script.headers[.contentType]?.hasPrefix("text/javascript") == true)
      let style = try await client.execute(uri: "/app.css", method: .get)
      #expect(String(buffer: style.body).contains("@media print"))
    }
  }
}
