import Foundation
import SecondmentDomain
import SecondmentSheets
import Yams

extension Scenario {
  /// Reads a scenario file (YAML, or JSON, which is valid YAML).
  ///
  /// - Parameter path: the file as the planner named it; errors repeat it verbatim.
  /// - Throws: `ScenarioError` naming the file and line when the file is
  ///   missing, not YAML, or not a scenario.
  public static func load(path: String) throws -> Scenario {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw ScenarioError(
        file: path, line: nil, message: "cannot read the scenario file",
        fix: "check the path and that the file is UTF-8 text")
    }
    return try parse(text, file: path).readingWorkloads(relativeTo: path)
  }

  /// The scenario with every `workload` change's files read, their paths
  /// taken relative to the scenario file at `path`.
  func readingWorkloads(relativeTo path: String) throws -> Scenario {
    var out = self
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    func resolve(_ written: String) -> String {
      written.hasPrefix("/") ? written : folder.appendingPathComponent(written).standardized.path
    }
    for (i, step) in changes.enumerated() {
      guard case .workload(var change) = step.change else { continue }
      do {
        change.workload = try WorkloadSheets.read(
          path: resolve(change.file.value), items: change.items.map { resolve($0.value) }, instance: nil)
      } catch let errors as InputErrors {
        throw ScenarioError(
          file: file, line: change.file.line ?? step.line,
          message: "the workload does not read: \(errors.errors.first?.description ?? "")"
            + (errors.errors.count > 1 ? " (and \(errors.errors.count - 1) more)" : ""),
          fix: "mend the workload files, or correct the paths (relative to this scenario file)")
      } catch let error as InputError {
        throw ScenarioError(
          file: file, line: change.file.line ?? step.line, message: "the workload does not read: \(error.description)",
          fix: "correct the path (relative to this scenario file)")
      }
      out.changes[i] = ScenarioStep(.workload(change), line: step.line)
    }
    return out
  }

  /// Parses scenario text; `file` names it in errors and gives the default `name`.
  public static func parse(_ text: String, file: String) throws -> Scenario {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw ScenarioError(
        file: file, line: error.line, message: "not valid YAML: \(error.problem)",
        fix: "check indentation, colons and quotes around that line")
    } catch {
      throw ScenarioError(file: file, line: nil, message: "not valid YAML: \(error)")
    }
    guard let root else {
      throw ScenarioError(
        file: file, line: nil, message: "the scenario file is empty",
        fix: "give at least `title`, `base` and `changes`")
    }
    return try ScenarioReader(file: file).scenario(root)
  }
}

extension YamlError {
  fileprivate var line: Int? {
    switch self {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return mark.line
    case .duplicatedKeysInMapping(_, let context):
      return context.mark.line
    default:
      return nil
    }
  }

  fileprivate var problem: String {
    switch self {
    case .scanner(_, let problem, _, _), .parser(_, let problem, _, _),
      .composer(_, let problem, _, _):
      return problem
    case .duplicatedKeysInMapping(let duplicates, _):
      return "duplicate keys \(duplicates.joined(separator: ", "))"
    default:
      return "\(self)"
    }
  }
}

/// Turns a YAML node tree into a `Scenario`, with a line for every error.
struct ScenarioReader {
  let file: String

  func error(_ node: Node?, _ message: String, fix: String? = nil) -> ScenarioError {
    ScenarioError(file: file, line: node?.mark?.line, message: message, fix: fix)
  }

  // MARK: - Scalars and collections

  /// A mapping's entries with string keys, in file order; repeated keys are an error.
  func entries(_ node: Node, _ what: String) throws -> [(key: String, value: Node, line: Int?)] {
    guard let mapping = node.mapping else {
      throw error(node, "\(what) must be a mapping of `key: value` lines")
    }
    var seen = Set<String>()
    var result: [(key: String, value: Node, line: Int?)] = []
    for (k, v) in mapping {
      guard let key = k.scalar?.string else {
        throw error(k, "\(what) has a key that is not a name")
      }
      guard seen.insert(key).inserted else {
        throw error(k, "\(what) repeats the key `\(key)`", fix: "keep one `\(key)`")
      }
      result.append((key, v, k.mark?.line))
    }
    return result
  }

  /// Checks that a mapping uses only the given keys (catches typos).
  func checkKeys(_ node: Node, allowed: [String], _ what: String) throws {
    for entry in try entries(node, what) where !allowed.contains(entry.key) {
      let hint = closest(entry.key, among: allowed).map { "did you mean `\($0)`? " } ?? ""
      throw ScenarioError(
        file: file, line: entry.line, message: "\(what) has an unknown key `\(entry.key)`",
        fix: "\(hint)allowed keys: \(allowed.joined(separator: ", "))")
    }
  }

  func string(_ node: Node, _ what: String) throws -> Located<String> {
    guard let scalar = node.scalar, node.null == nil || scalar.style != .plain else {
      throw error(node, "\(what) must be a single text value")
    }
    let text = scalar.string.trimmingCharacters(in: .whitespaces)
    guard !text.isEmpty else { throw error(node, "\(what) is empty") }
    return Located(text, line: node.mark?.line)
  }

  func int(_ node: Node, _ what: String) throws -> Located<Int> {
    guard node.scalar != nil, let value = node.int else {
      throw error(
        node, "\(what) must be a whole number, not `\(node.scalar?.string ?? "a list")`",
        fix: "write a number such as 3")
    }
    return Located(value, line: node.mark?.line)
  }

  func double(_ node: Node, _ what: String) throws -> Located<Double> {
    guard node.scalar != nil, let value = node.float ?? node.int.map(Double.init), value.isFinite
    else {
      throw error(
        node, "\(what) must be a number, not `\(node.scalar?.string ?? "a list")`",
        fix: "write a number such as 1.3")
    }
    return Located(value, line: node.mark?.line)
  }

  func bool(_ node: Node, _ what: String) throws -> Located<Bool> {
    guard node.scalar != nil, let value = node.bool else {
      throw error(
        node, "\(what) must be true or false, not `\(node.scalar?.string ?? "a list")`",
        fix: "write true or false")
    }
    return Located(value, line: node.mark?.line)
  }

  /// A list of ids; a single scalar counts as a one-element list.
  func strings(_ node: Node, _ what: String) throws -> [Located<String>] {
    if node.scalar != nil { return [try string(node, what)] }
    guard let sequence = node.sequence else {
      throw error(node, "\(what) must be a list, e.g. `[a, b]`")
    }
    return try sequence.map { try string($0, "an entry of \(what)") }
  }

  // MARK: - The scenario

  func scenario(_ root: Node) throws -> Scenario {
    try checkKeys(
      root, allowed: ["title", "name", "description", "base", "changes"], "the scenario")
    guard let titleNode = root["title"] else {
      throw error(root, "the scenario has no `title`", fix: "add `title: <what the scenario asks>`")
    }
    guard let baseNode = root["base"] else {
      throw error(
        root, "the scenario has no `base`",
        fix: "add `base: <path of the base instance, relative to this file>`")
    }
    guard let changesNode = root["changes"] else {
      throw error(root, "the scenario has no `changes`", fix: "add `changes:` with a list of changes")
    }
    let title = try string(titleNode, "`title`").value
    let base = try string(baseNode, "`base`")
    let name =
      try root["name"].map { try string($0, "`name`").value }
      ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    let description = try root["description"].map { try string($0, "`description`").value }
    guard let items = changesNode.sequence else {
      throw error(changesNode, "`changes` must be a list (each entry starts with `- `)")
    }
    let changes = try items.map { try step($0) }
    return Scenario(
      file: file, name: name, title: title, description: description, base: base,
      changes: changes)
  }

  func step(_ node: Node) throws -> ScenarioStep {
    let items = try entries(node, "a change")
    guard items.count == 1, let item = items.first else {
      throw error(
        node, "a change must have exactly one kind, found \(items.count)",
        fix: "start each change with one of \(ScenarioChange.keywords.joined(separator: ", "))")
    }
    let line = item.line
    let body = item.value
    let change: ScenarioChange
    switch item.key {
    case "hire": change = .hire(try hire(body))
    case "remove": change = .remove(try selection(body, "`remove`"))
    case "unavailable": change = .makeUnavailable(try selection(body, "`unavailable`"))
    case "demand": change = .demand(try demand(body))
    case "quota": change = .quota(try quota(body))
    case "policy": change = .policy(try policy(body, prefix: []))
    case "zone": change = .zone(try zone(body))
    case "removeZone": change = .removeZone(try string(body, "`removeZone`"))
    case "merge": change = .merge(try merge(body))
    case "workload": change = .workload(try workload(body))
    default:
      let hint = closest(item.key, among: ScenarioChange.keywords).map { "did you mean `\($0)`? " }
      throw ScenarioError(
        file: file, line: line, message: "unknown change `\(item.key)`",
        fix: "\(hint ?? "")use one of \(ScenarioChange.keywords.joined(separator: ", "))")
    }
    return ScenarioStep(change, line: line)
  }

  // MARK: - Changes

  static let attributeKeys = [
    "role", "certified", "legal", "drives", "homeTown", "homeTowns", "preferredTowns",
  ]

  func attributes(_ node: Node, defaults: HireAttributes, what: String) throws -> HireAttributes {
    var a = defaults
    if let n = node["role"] {
      let text = try string(n, "\(what) `role`")
      guard let role = Role(rawValue: text.value) else {
        throw error(n, "unknown role `\(text.value)`", fix: "use officer or auxiliary")
      }
      a.role = role
    }
    if let n = node["certified"] { a.certified = try bool(n, "`certified`").value }
    if let n = node["legal"] { a.legal = try bool(n, "`legal`").value }
    if let n = node["drives"] { a.drives = try bool(n, "`drives`").value }
    if node["homeTown"] != nil && node["homeTowns"] != nil {
      throw error(node, "\(what) gives both `homeTown` and `homeTowns`", fix: "keep one")
    }
    if let n = node["homeTown"] { a.homeTowns = [try string(n, "`homeTown`")] }
    if let n = node["homeTowns"] { a.homeTowns = try strings(n, "`homeTowns`") }
    if let n = node["preferredTowns"] { a.preferredTowns = try strings(n, "`preferredTowns`") }
    return a
  }

  func hire(_ node: Node) throws -> Hire {
    try checkKeys(
      node, allowed: ["count", "department", "ids", "names"] + Self.attributeKeys, "`hire`")
    guard let countNode = node["count"], let departmentNode = node["department"] else {
      throw error(
        node, "`hire` needs `count` and `department`",
        fix: "e.g. `hire: {count: 10, department: market, legal: true}`")
    }
    let count = try int(countNode, "`count`")
    guard count.value >= 1 else {
      throw error(countNode, "`count` must be at least 1", fix: "hire one or more people")
    }
    let ids = try node["ids"].map { try strings($0, "`ids`") } ?? []
    let names = try node["names"].map { try strings($0, "`names`") } ?? []
    if !ids.isEmpty, ids.count != count.value, let n = node["ids"] {
      throw error(
        n, "`ids` names \(ids.count) people but `count` is \(count.value)",
        fix: "give exactly \(count.value) ids, or leave `ids` out to have them generated")
    }
    if !names.isEmpty, names.count != count.value, let n = node["names"] {
      throw error(
        n, "`names` gives \(names.count) names but `count` is \(count.value)",
        fix: "give exactly \(count.value) names, or leave `names` out")
    }
    return Hire(
      count: count, department: try string(departmentNode, "`department`"),
      attributes: try attributes(node, defaults: HireAttributes(), what: "`hire`"),
      ids: ids, names: names)
  }

  func selection(_ node: Node, _ what: String) throws -> PeopleSelection {
    if node.scalar != nil || node.sequence != nil {
      return .people(try strings(node, what))
    }
    try checkKeys(node, allowed: ["people", "department", "count", "role"], what)
    if let people = node["people"] {
      if node["department"] != nil || node["count"] != nil {
        throw error(
          node, "\(what) names people and also a department count",
          fix: "use either `people: [ids]` or `department` with `count`")
      }
      return .people(try strings(people, "`people`"))
    }
    guard let departmentNode = node["department"], let countNode = node["count"] else {
      throw error(
        node, "\(what) needs `people: [ids]`, or `department` and `count`",
        fix: "e.g. `\(what.filter { $0 != "`" }): {department: market, count: 3}`")
    }
    let count = try int(countNode, "`count`")
    guard count.value >= 1 else { throw error(countNode, "`count` must be at least 1") }
    var role = Role.officer
    if let n = node["role"] {
      let text = try string(n, "`role`")
      guard let r = Role(rawValue: text.value) else {
        throw error(n, "unknown role `\(text.value)`", fix: "use officer or auxiliary")
      }
      role = r
    }
    return .fromDepartment(
      department: try string(departmentNode, "`department`"), count: count, role: role)
  }

  func workload(_ node: Node) throws -> WorkloadChange {
    try checkKeys(node, allowed: ["file", "items", "scale"], "`workload`")
    guard let fileNode = node["file"] else {
      throw error(
        node, "`workload` needs `file`, the year's workload (CSV or workbook)",
        fix: "e.g. `workload: {file: ../workload/rongchang-2024-workload.csv, items: ../workload/rongchang-2024-items.csv}`")
    }
    var scalings: [WorkloadScaling] = []
    if let scale = node["scale"] {
      guard let list = scale.sequence else { throw error(scale, "`scale` must be a list of scalings") }
      for entry in list {
        try checkKeys(entry, allowed: ["category", "items", "except", "towns", "town", "factor"], "a scaling")
        guard let factorNode = entry["factor"] else {
          throw error(entry, "a scaling needs `factor`", fix: "e.g. `factor: 2` doubles the counts, `factor: 0` drops them")
        }
        let factor = try double(factorNode, "`factor`")
        guard factor.value >= 0, factor.value <= 1000 else {
          throw error(factorNode, "`factor` must be 0 to 1000", fix: "0 drops the work, 2 doubles it")
        }
        var category: ItemCategory?
        if let n = entry["category"] {
          let text = try string(n, "`category`")
          guard let c = ItemCategory(rawValue: text.value) else {
            throw error(n, "unknown category `\(text.value)`", fix: "use statutory, delegated, entrusted or joint")
          }
          category = c
        }
        scalings.append(
          WorkloadScaling(
            category: category, items: try entry["items"].map { try strings($0, "`items`") } ?? [],
            except: try entry["except"].map { try strings($0, "`except`") } ?? [],
            towns: try (entry["towns"] ?? entry["town"]).map { try strings($0, "`towns`") } ?? [],
            factor: factor, line: entry.mark?.line))
      }
    }
    return WorkloadChange(
      file: try string(fileNode, "`file`"), items: try node["items"].map { try string($0, "`items`") },
      scalings: scalings)
  }

  func demand(_ node: Node) throws -> DemandChange {
    try checkKeys(
      node,
      allowed: ["town", "towns", "pilot", "department", "departments", "factor", "set", "add"],
      "`demand`")
    let selectors = ["town", "towns", "pilot"].filter { node[$0] != nil }
    guard selectors.count <= 1 else {
      throw error(
        node, "`demand` selects towns in more than one way (\(selectors.joined(separator: ", ")))",
        fix: "use one of `towns`, `pilot`, or none for every town")
    }
    var towns = TownSelector.all
    if let n = node["town"] ?? node["towns"] { towns = .towns(try strings(n, "`towns`")) }
    if let n = node["pilot"] { towns = .pilot(try bool(n, "`pilot`")) }
    if node["department"] != nil && node["departments"] != nil {
      throw error(node, "`demand` gives both `department` and `departments`", fix: "keep one")
    }
    let departments =
      try (node["department"] ?? node["departments"]).map { try strings($0, "`departments`") }
      ?? []
    let ops = ["factor", "set", "add"].compactMap { key in node[key].map { (key, $0) } }
    guard ops.count == 1, let (key, opNode) = ops.first else {
      throw error(
        node, "`demand` needs exactly one of `factor`, `set`, `add`",
        fix: "e.g. `factor: 1.3` to grow demand by 30%")
    }
    let value = try double(opNode, "`\(key)`")
    let operation: DemandOperation
    switch key {
    case "factor":
      guard value.value >= 0 else {
        throw error(opNode, "`factor` must not be negative", fix: "use 0 to remove demand")
      }
      operation = .factor(value.value)
    case "set":
      guard value.value >= 0 else { throw error(opNode, "demand cannot be negative") }
      guard !departments.isEmpty else {
        throw error(
          node, "`set` needs `department` (or `departments`)",
          fix: "name the departments whose demand is set, or use `factor`")
      }
      operation = .set(value.value)
    default:
      operation = .add(value.value)
    }
    return DemandChange(
      towns: towns, departments: departments, operation: Located(operation, line: value.line))
  }

  func quota(_ node: Node) throws -> QuotaChange {
    try checkKeys(
      node, allowed: ["department", "officers", "auxiliaries"] + Self.attributeKeys, "`quota`")
    guard let departmentNode = node["department"] else {
      throw error(node, "`quota` needs `department`")
    }
    let officers = try node["officers"].map { try int($0, "`officers`") }
    let auxiliaries = try node["auxiliaries"].map { try int($0, "`auxiliaries`") }
    guard officers != nil || auxiliaries != nil else {
      throw error(node, "`quota` needs `officers` or `auxiliaries` (or both)")
    }
    for (value, key) in [(officers, "officers"), (auxiliaries, "auxiliaries")] {
      if let value, value.value < 0 {
        throw ScenarioError(file: file, line: value.line, message: "`\(key)` cannot be negative")
      }
    }
    if node["role"] != nil {
      throw error(node["role"], "`quota` sets the role per figure; leave `role` out")
    }
    return QuotaChange(
      department: try string(departmentNode, "`department`"), officers: officers,
      auxiliaries: auxiliaries,
      newHires: try attributes(node, defaults: HireAttributes(), what: "`quota`"))
  }

  func policy(_ node: Node, prefix: [String]) throws -> [PolicySetting] {
    var settings: [PolicySetting] = []
    for entry in try entries(node, prefix.isEmpty ? "`policy`" : "`\(prefix.joined(separator: "."))`")
    {
      let path = prefix + [entry.key]
      if entry.value.mapping != nil {
        settings += try policy(entry.value, prefix: path)
        continue
      }
      guard entry.value.scalar != nil else {
        throw ScenarioError(
          file: file, line: entry.line,
          message: "policy key `\(path.joined(separator: "."))` must be a single value")
      }
      let v = entry.value
      let value: PolicyValue
      if v.scalar?.style == .plain, v.null != nil {
        value = .null
      } else if v.scalar?.style == .plain, let b = v.bool {
        value = .bool(b)
      } else if v.scalar?.style == .plain, let i = v.int {
        value = .int(i)
      } else if v.scalar?.style == .plain, let d = v.float {
        value = .double(d)
      } else {
        value = .string(v.scalar?.string ?? "")
      }
      settings.append(PolicySetting(path: path, value: value, line: entry.line))
    }
    return settings
  }

  func zone(_ node: Node) throws -> ZoneChange {
    try checkKeys(node, allowed: ["id", "name", "towns"], "`zone`")
    guard let idNode = node["id"], let townsNode = node["towns"] else {
      throw error(
        node, "`zone` needs `id` and `towns`", fix: "e.g. `zone: {id: zone-east, towns: [a, b]}`")
    }
    let towns = try strings(townsNode, "`towns`")
    guard !towns.isEmpty else { throw error(townsNode, "a zone needs at least one town") }
    return ZoneChange(
      id: try string(idNode, "`id`"), name: try node["name"].map { try string($0, "`name`").value },
      towns: towns)
  }

  func merge(_ node: Node) throws -> Merge {
    try checkKeys(node, allowed: ["from", "into", "englishName"], "`merge`")
    guard let fromNode = node["from"], let intoNode = node["into"] else {
      throw error(
        node, "`merge` needs `from` and `into`",
        fix: "e.g. `merge: {from: culture, into: market}`")
    }
    return Merge(
      from: try string(fromNode, "`from`"), into: try string(intoNode, "`into`"),
      englishName: try node["englishName"].map { try string($0, "`englishName`").value })
  }
}

/// The candidate nearest to `word` by edit distance, when it is close enough to be a typo.
func closest(_ word: String, among candidates: [String]) -> String? {
  let a = Array(word.lowercased())
  var best: (String, Int)?
  for candidate in candidates {
    let b = Array(candidate.lowercased())
    var row = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var previous = row[0]
      row[0] = i
      for j in stride(from: 1, through: b.count, by: 1) {
        let current = row[j]
        row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
        previous = current
      }
    }
    let distance = a.isEmpty ? b.count : row[b.count]
    if distance <= max(2, a.count / 3), best.map({ distance < $0.1 }) ?? true {
      best = (candidate, distance)
    }
  }
  return best?.0
}
