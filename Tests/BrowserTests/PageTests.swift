import Foundation
import SecondmentDomain
import SecondmentTestSupport
import Testing

/// The workbench's page in a real headless Chromium, asserting on what it
/// shows; screenshots in `.build/test-artefacts/browser/`.
@Suite(
  "Workbench page in a browser", .serialized,
  .enabled(if: Browser.isAvailable, "needs Debian's chromium and chromium-driver (.ci/run installs them)"))
struct PageTests {
  let workbook = packageRoot.appendingPathComponent("Tests/SheetsTests/Fixtures/rongchang-2024.xlsx").path
  let instance = shipped("Instances/rongchang-2024.json")

  @Test("a planner's first day: open the district, upload the workbook, solve with progress, read the roster")
  func firstDay() async throws {
    let district = District(try InstanceLoader.load(path: instance))
    let pairsWithDemand = district.instance.towns.reduce(0) { $0 + $1.demand.values.filter { $0 > 0 }.count }
    try await withWorkbench(label: "first-day") { browser, address in
      try await browser.open(address + "?lang=zh")
      #expect(try await browser.wait { try await browser.text("#district").contains("尚无区情数据") })
      try await browser.screenshot("1-empty")

      // Upload the planner's workbook: the district appears.
      try await browser.type("#upload", workbook)
      #expect(try await browser.wait { try await browser.count("#district-map .town") == 21 })
      #expect(try await browser.text("#message").contains("已上传"))
      #expect(try await browser.text("#district-summary") == "21 个镇街，9 个部门，75 名执法人员，30 名协管员，8 个试点镇街")
      #expect(try await browser.count("#district-map .town.pilot") == 8)
      #expect(try await browser.count("#district-map .zone") > 0)
      #expect(try await browser.count("#staff tbody tr") == 105)
      try await browser.screenshot("2-district")

      // The staff table filters by what is typed.
      let market = district.people.filter { $0.department == "market" }.count
      try await browser.type("#staff-filter", "市场监督")
      #expect(try await browser.wait { try await browser.count("#staff tbody tr") == market })
      #expect(try await browser.text("#staff-count") == "显示 \(market) / 105 人")

      // Solve: the progress shows while it runs, then the roster opens.
      try await browser.click(".tab[data-tab=solve]")
      try await browser.clear("#time-limit")
      try await browser.type("#time-limit", "20")
      try await browser.click("#start")
      #expect(try await browser.wait { try await browser.count("#progress .progress") == 1 })
      #expect(!(try await browser.text("#progress [data-field=elapsed]")).isEmpty)
      try await browser.screenshot("3-progress")
      #expect(try await browser.wait(seconds: 300) { try await browser.count("#roster-map .town") == 21 })
      #expect(try await browser.text("#progress [data-field=state]") == "完成")

      // The roster: headline, every person, town and department, the heat map.
      let headline = try await browser.text("#roster-headline")
      #expect(headline.contains("目标值") && (headline.contains("最优") || headline.contains("可行")), "\(headline)")
      #expect(try await browser.text("#broken-rules") == "全部硬性规则均满足。")
      let response = try await browser.text("#roster-response")
      #expect(response.hasPrefix("镇街吹哨、部门报到：最长响应 ") && response.contains("平均"), "\(response)")
      #expect(try await browser.count("#heat-map td.cell") == pairsWithDemand)
      #expect(try await browser.count("#by-person tbody tr") == 105)
      #expect(try await browser.count("#by-town tbody tr") == 21)
      #expect(try await browser.count("#by-department tbody tr") == 9)
      let present = try await browser.texts("#roster-map .count").compactMap { Int($0) }.reduce(0, +)
      #expect(present >= 75, "every officer is present somewhere: \(present)")
      try await browser.screenshot("4-roster")

      // Why there: a person's posting against the next best for them, term by term.
      let asked = try #require(district.people.first { $0.isOfficer })
      try await browser.click(".why-person[data-person='\(asked.id)']")
      #expect(try await browser.wait { try await browser.count("#why-terms tbody tr") == 7 })
      #expect(try await browser.text("#why h3").hasPrefix("\(asked.name) 为何"))
      #expect(try await browser.text("#why-next").hasPrefix("其次最优岗位："))
      #expect(try await browser.count("#why-alternatives tbody tr") == 8)
      try await browser.screenshot("4b-why")

      // Pin one officer to another town and re-solve from this roster: the pin holds, few others move.
      let officer = try #require(district.people.first { $0.isOfficer })
      let rows = try await browser.run(
        "return Array.from(document.querySelectorAll('#by-person tbody tr')).map(r => [r.cells[0].innerText, r.cells[3].innerText]);")
        as? [[String]] ?? []
      let before = try #require(rows.first { $0.first == officer.name }?.last)
      let town = try #require(
        district.instance.towns.first { !before.contains($0.name) && !district.avoids(officer, town: $0.id) })
      try await browser.click("#pin-person option[value='\(officer.id)']")
      try await browser.click("#pin-posting option[value='stationed|\(town.id)']")
      try await browser.click("#pin-add")
      #expect(try await browser.text("#pin-list").contains("\(officer.name) 派驻 \(town.name)"))
      // And forbid another officer the town they are stationed in.
      let candidates = district.people.filter { $0.isOfficer && $0.id != officer.id }.compactMap { person -> (Person, Town)? in
        guard let posting = rows.first(where: { $0.first == person.name })?.last, posting.hasPrefix("派驻 "),
          let town = district.instance.towns.first(where: { "派驻 \($0.name)" == posting })
        else { return nil }
        return (person, town)
      }
      let (other, held) = try #require(candidates.first)
      try await browser.click("#pin-person option[value='\(other.id)']")
      try await browser.click("#pin-posting option[value='stationed|\(held.id)']")
      try await browser.click("#forbid-add")
      #expect(try await browser.text("#pin-list").contains("\(other.name) 不得派驻 \(held.name)"))
      try await browser.screenshot("5-pin")
      try await browser.click("#resolve")
      #expect(try await browser.wait(seconds: 300) { try await browser.count("#moves tbody tr") > 0 })
      #expect(try await browser.text("#pins-in-force") == "已固定：\(officer.name) 派驻 \(town.name)")
      let after = try await browser.run(
        "return Array.from(document.querySelectorAll('#by-person tbody tr')).find(r => r.cells[0].innerText === arguments[0]).cells[3].innerText;",
        officer.name) as? String
      #expect(after == "派驻 \(town.name)")
      let elsewhere = try await browser.run(
        "return Array.from(document.querySelectorAll('#by-person tbody tr')).find(r => r.cells[0].innerText === arguments[0]).cells[3].innerText;",
        other.name) as? String
      #expect(elsewhere != nil && elsewhere != "派驻 \(held.name)", "the forbidden posting is not given: \(elsewhere ?? "")")
      #expect(try await browser.text("#forbidden-in-force") == "已禁止：\(other.name) 派驻 \(held.name)")
      let moved = try await browser.count("#moves tbody tr")
      #expect(moved < 20, "pinning one person moves \(moved) people")
      #expect(try await browser.text("#roster-section-moves").contains("调动 \(moved) 人"))
      try await browser.screenshot("6-resolved")

      // Two what-ifs from this roster, written from edits, run, and compared side by side.
      try await browser.click(".tab[data-tab=whatif]")
      #expect(try await browser.wait { try await browser.text("#whatif-base").hasPrefix("基准") })
      try await browser.type("#scenario-title", "交通运输局招录2名法律背景执法人员")
      try await browser.click("#hire-department option[value='transport']")
      try await browser.click("#hire-legal")
      try await browser.click("#add-hire")
      let scenario = try await browser.run("return document.getElementById('scenario-text').value") as? String ?? ""
      #expect(scenario.contains("- hire:") && scenario.contains("department: transport") && scenario.contains("legal: true"), "\(scenario)")
      try await browser.click("#run-whatif")
      #expect(try await browser.wait(seconds: 300) { try await browser.texts("#whatif-runs li").first?.contains("完成") == true })
      try await browser.type("#scenario-title", "试点镇街需求增长30%")
      try await browser.click("#demand-town option[value='pilot']")
      try await browser.clear("#demand-value")
      try await browser.type("#demand-value", "1.3")
      try await browser.click("#add-demand")
      try await browser.click("#run-whatif")
      #expect(try await browser.wait(seconds: 300) {
        let runs = try await browser.texts("#whatif-runs li")
        return runs.count == 2 && runs.allSatisfy { $0.contains("完成") }
      })
      try await browser.click("#compare")
      #expect(try await browser.wait { try await browser.count("#comparison-table thead th") == 4 })
      let table = try await browser.run(
        "return Array.from(document.querySelectorAll('#comparison-table tbody tr')).map(r => Array.from(r.cells).map(c => c.innerText));")
      let compared = table as? [[String]] ?? []
      let newPeople: [String]? = compared.first { $0.first == "新增人员" }
      #expect(newPeople == ["新增人员", "0", "2", "0"], "\(compared)")
      let labels: [String]? = compared.first { $0.first == "假设" }
      #expect(labels?.last == "试点镇街需求增长30%", "\(compared)")
      #expect(try await browser.count("#diff-heat-1 td.cell") == pairsWithDemand)
      #expect(try await browser.count("#diff-heat-2 td.cell") == pairsWithDemand)
      _ = try await browser.run("document.getElementById('comparison').scrollIntoView();")
      try await browser.screenshot("7-whatif")

      // Export: the workbook to download, and the posting notices, a page per posted person.
      let postings = try await browser.texts("#by-person tbody tr td:nth-child(4)")
      let posted = postings.filter { $0 != "未安排" }.count
      let reportLink = try await browser.run("return document.getElementById('export-report').getAttribute('href')")
      #expect((reportLink as? String)?.hasSuffix("/report?lang=zh") == true, "\(String(describing: reportLink))")
      let workbookLink = try await browser.run("return document.getElementById('export-workbook').getAttribute('href')")
      #expect((workbookLink as? String)?.hasSuffix("/workbook?lang=zh") == true, "\(String(describing: workbookLink))")
      let notices = try #require(try await browser.run("return document.getElementById('export-notices').href") as? String)
      try await browser.open(notices)
      #expect(try await browser.wait { try await browser.count(".notice") == posted })
      #expect(try await browser.text("h1") == "派驻通知书")
      let first = try await browser.text(".notice")
      #expect(first.contains(postings.first { $0 != "未安排" } ?? "—"), "\(first)")
      try await browser.screenshot("8-notices")
      try await browser.open(address + "?lang=zh#solve")
      #expect(try await browser.wait { try await browser.count("#job-list tbody tr") == 4 })

    }
  }

  @Test("a quarter: planned from the history, adopted after a confirmation, then the next from a change list with every change's reason")
  func quarterReplannedAndAdopted() async throws {
    let changeList = packageRoot.appendingPathComponent("Tests/SheetsTests/Fixtures/2025Q2-changes.xlsx").path
    try await withWorkbench(label: "quarter") { browser, address in
      try await browser.open(address + "?lang=zh")
      try await browser.type("#upload", workbook)
      #expect(try await browser.wait { try await browser.count("#district-map .town") == 21 })
      try await browser.click(".tab[data-tab=quarter]")
      #expect(try await browser.wait { try await browser.text("#history-empty") == "尚无已采用的季度。" })

      // The first quarter: planned from scratch, adopted once the planner confirms.
      try await browser.clear("#replan-quarter")
      try await browser.type("#replan-quarter", "2025Q1")
      try await browser.click("#replan")
      #expect(try await browser.wait(seconds: 300) { try await browser.text("#quarter-headline").hasPrefix("2025Q1：从头安排") })
      #expect(try await browser.text("#quarter-moves").hasPrefix("调动 0 人"))
      #expect(try await browser.count("#quarter-coverage tbody tr") == 5)
      try await browser.screenshot("1-first-quarter")
      try await browser.type("#adopted-by", "王丽")
      try await browser.click("#adopt")
      #expect(try await browser.acceptDialog().contains("2025Q1"))
      #expect(try await browser.wait { try await browser.count("#history-table tbody tr") == 1 })
      #expect(try await browser.text("#message").contains("已采用为 2025Q1 的在岗方案"))
      let first = try await browser.texts("#history-table tbody tr td")
      #expect(first.first == "2025Q1" && first.contains("王丽"), "\(first)")
      #expect(try await browser.count("#tenure-table tbody tr") == 105)

      // The next quarter from the change list alone: each change with its reason.
      let next = try await browser.run("return document.getElementById('replan-quarter').value") as? String
      #expect(next == "2025Q2", "the next quarter to plan is offered")
      try await browser.click("#replan-start option[value=adopted]")
      try await browser.type("#change-list", changeList)
      try await browser.click("#replan")
      #expect(try await browser.wait(seconds: 300) { try await browser.text("#quarter-headline").contains("以 2025Q1 已采用的方案为起点") })
      #expect(try await browser.text("#quarter-people").contains("离开 1 人，休假 1 人，休假返岗 0 人，新入职 1 人"))
      let rows = try await browser.run(
        "return Array.from(document.querySelectorAll('#quarter-changes tbody tr')).map(r => Array.from(r.cells).map(c => c.innerText));")
        as? [[String]] ?? []
      #expect(rows.first { $0.first == "朱辉磊" }?[3] == "离开", "\(rows)")
      #expect(rows.first { $0.first == "邓伟" }?[3] == "休假", "\(rows)")
      #expect(rows.first { $0.first == "黄子轩" }?[3] == "新入职", "\(rows)")
      #expect(rows.contains { $0[2] == "派驻 安富街道" && $0[3] == "指定岗位" }, "\(rows)")
      let moves = rows.filter { $0.last == "是" }.count
      #expect(try await browser.text("#quarter-moves").hasPrefix("调动 \(moves) 人"))
      #expect(try await browser.count("#quarter-change-list li") == 5)
      _ = try await browser.run("document.getElementById('quarter-changes').scrollIntoView();")
      try await browser.screenshot("2-next-quarter")
      try await browser.click("#adopt")
      #expect(try await browser.acceptDialog().contains("2025Q2"))
      #expect(try await browser.wait { try await browser.count("#history-table tbody tr") == 2 })
      #expect(try await browser.wait { try await browser.text("#adopted").contains("2025Q2") })
      let tenure = try await browser.run(
        "return Array.from(document.querySelectorAll('#tenure-table tbody tr')).map(r => Array.from(r.cells).map(c => c.innerText));")
        as? [[String]] ?? []
      #expect(tenure.first { $0.first == "朱辉磊" }?.last == "否", "the leaver's posting is no longer in force")
      #expect(tenure.filter { $0[2] == "2" }.count > tenure.count / 2, "most people hold their posting a second quarter")
      try await browser.screenshot("3-adopted")

      // The adopted quarter's roster opens like any other, with its exports.
      try await browser.click("#open-quarter-roster")
      #expect(try await browser.wait { try await browser.count("#roster-map .town") == 21 })
      #expect(try await browser.count("#by-person tbody tr") == 105)
      #expect(try await browser.count("#export-notices") == 1)
    }
  }

  @Test("a broken workbook is refused on the page with the place and the fix, and nothing is kept")
  func brokenUploadIsExplained() async throws {
    let broken = packageRoot.appendingPathComponent("Tests/SheetsTests/Fixtures/bad-department.xlsx").path
    try await withWorkbench(label: "broken-upload") { browser, address in
      try await browser.open(address + "?lang=zh")
      try await browser.type("#upload", broken)
      #expect(try await browser.wait { try await browser.count("#message .error") == 1 })
      let message = try await browser.text("#message")
      #expect(message.contains("上传未通过"), "\(message)")
      #expect(message.contains("修改方法"), "\(message)")
      #expect(try await browser.count("#instance option") == 0)
      try await browser.screenshot("1-refused")
    }
  }

  @Test("the page speaks English when asked, with the same catalogue")
  func englishPage() async throws {
    try await withWorkbench(label: "english") { browser, address in
      try await browser.open(address + "?lang=en")
      #expect(try await browser.wait { try await browser.text("h1") == "Secondment workbench" })
      #expect(try await browser.texts(".tab") == ["District", "Solve", "Roster", "What-if", "Quarter"])
      #expect(try await browser.text("#district").contains("No district data yet"))
      #expect(try await browser.text("#language") == "中文")
    }
  }

  /// Runs `body` with a workbench on a fresh workspace and a browser, and closes both.
  func withWorkbench(
    label: String, _ body: (Browser, String) async throws -> Void
  ) async throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let server = try RunningWorkbench(workspace: folder.appendingPathComponent("ws"))
    defer { server.stop() }
    let browser = try await Browser(label: label)
    do {
      try await body(browser, server.address)
    } catch {
      try? await browser.screenshot("failed")
      await browser.quit()
      throw error
    }
    await browser.quit()
  }
}
