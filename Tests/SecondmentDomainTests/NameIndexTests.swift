import SecondmentDomain
import Testing

/// A planner names towns, departments, zones and people as they know them.
@Suite("Names where ids go")
struct NameIndexTests {
  let instance = Instance(
    name: "names",
    departments: [
      Department(id: "market", name: "市场监督管理局", englishName: "Market regulation", shortName: "市场监管局"),
      Department(id: "agri", name: "农业农村委员会"),
    ],
    towns: [
      Town(id: "changyuan", name: "昌元街道", pinyin: "Changyuan", kind: .subdistrict, deskCapacity: 5, demand: [:]),
      Town(id: "guchang", name: "古昌镇", pinyin: "Guchang", kind: .town, deskCapacity: 3, demand: [:]),
      Town(id: "qingshan-1", name: "青山镇", pinyin: "Qingshan", kind: .town, deskCapacity: 3, demand: [:]),
      Town(id: "qingshan-2", name: "青山街道", pinyin: "Qingshan", kind: .subdistrict, deskCapacity: 3, demand: [:]),
    ],
    zones: [Zone(id: "z1", name: "昌元片区", towns: ["changyuan", "guchang"])],
    people: [
      Person(id: "p1", name: "杨桂宁", department: "market", role: .officer),
      Person(id: "p2", name: "王芳", department: "market", role: .officer),
      Person(id: "p3", name: "王芳", department: "agri", role: .officer),
    ])

  @Test("a town by id, Chinese name with or without 镇/街道, or pinyin in any case")
  func townNames() {
    let names = NameIndex(instance)
    for text in ["guchang", "古昌镇", "古昌", "Guchang", "GUCHANG", " 古昌镇 "] {
      #expect(names.town(text) == .id("guchang"), "\(text)")
    }
    #expect(names.town("昌元") == .id("changyuan"))
    #expect(names.town("荣隆镇") == .unknown)
  }

  @Test("a name two towns share is ambiguous, listing both")
  func ambiguousTown() {
    #expect(NameIndex(instance).town("青山") == .ambiguous(["qingshan-1", "qingshan-2"]))
    #expect(NameIndex(instance).town("青山镇") == .id("qingshan-1"))
  }

  @Test("a department by id, full name, name without 局/委员会, short name or English name")
  func departmentNames() {
    let names = NameIndex(instance)
    for text in ["market", "市场监督管理局", "市场监督管理", "市场监管局", "Market regulation"] {
      #expect(names.department(text) == .id("market"), "\(text)")
    }
    #expect(names.department("农业农村") == .id("agri"))
  }

  @Test("a person by id, or by name when no one else has it")
  func personNames() {
    let names = NameIndex(instance)
    #expect(names.person("杨桂宁") == .id("p1"))
    #expect(names.person("王芳") == .ambiguous(["p2", "p3"]))
    #expect(names.person("p3") == .id("p3"))
  }

  @Test("resolving an instance rewrites names to ids and reports ambiguous ones at their JSON path")
  func resolvingAnInstance() {
    var named = instance
    named.people[0].homeTown = "古昌"
    named.people[0].preferredTowns = ["Changyuan", "青山"]
    named.people[0].department = "市场监管局"
    named.people[1].currentPosting = .zoned(zone: "昌元片区")
    named.towns[0].demand = ["市场监督管理局": 1.5]
    let (resolved, problems) = InstanceNames.resolve(named, file: "d.json")
    #expect(resolved.people[0].homeTown == "guchang")
    #expect(resolved.people[0].department == "market")
    #expect(resolved.people[0].preferredTowns == ["changyuan", "青山"])
    #expect(resolved.people[1].currentPosting == .zoned(zone: "z1"))
    #expect(resolved.towns[0].demand == ["market": 1.5])
    #expect(problems.count == 1)
    #expect(problems.first?.location == "people[0].preferredTowns[1]")
    #expect(problems.first?.message.contains("qingshan-1, qingshan-2") == true)
  }
}
