/// Every word a planner reads, in Chinese and English: one catalogue for
/// the workbench's pages, the roster workbook's headers and sheet names.
///
/// A key is the English identifier a page or a writer asks for; a key with
/// no entry is shown as itself, so a missing word is visible, never blank.
/// Words with `{0}`, `{1}` take arguments (`format(_:_:)`).
public struct Words: Sendable {
  public let language: SheetLanguage

  public init(_ language: SheetLanguage) { self.language = language }

  /// The word for `key` in this language (the key itself when not catalogued).
  public func word(_ key: String) -> String {
    guard let entry = Words.catalogue[key] else { return key }
    return language == .zh ? entry.zh : entry.en
  }

  /// The word for `key` with `{0}`, `{1}`, … replaced by `arguments`.
  public func format(_ key: String, _ arguments: CustomStringConvertible...) -> String {
    format(key, arguments: arguments)
  }

  /// The word for `key` with `{0}`, `{1}`, … replaced by `arguments`.
  public func format(_ key: String, arguments: [CustomStringConvertible]) -> String {
    var text = word(key)
    for (i, argument) in arguments.enumerated() {
      text = text.replacingOccurrences(of: "{\(i)}", with: argument.description)
    }
    return text
  }

  /// Every word of this language by key, as the page receives them.
  public var all: [String: String] { Words.catalogue.mapValues { language == .zh ? $0.zh : $0.en } }

  /// A role's word: officer, auxiliary.
  public func role(_ role: Role) -> String { word(role.rawValue) }

  /// What separates items in one cell: `、` in Chinese, `; ` in English.
  public var listSeparator: String { language == .zh ? "、" : "; " }

  /// A town's joint inspections in words, e.g. `沿街商铺、餐饮店（缺：应急管理局）`; empty when none is planned.
  public func jointInspections(_ line: RosterTables.TownLine, names: PlaceNames) -> String {
    let planned = line.jointInspections.joined(separator: listSeparator)
    guard !line.jointMissing.isEmpty else { return planned }
    return format("jointMissing", planned, line.jointMissing.map(names.department).joined(separator: listSeparator))
  }

  /// The catalogue: key → (English, Chinese).
  static let catalogue: [String: (en: String, zh: String)] = rosterWords.merging(pageWords) { a, _ in a }
    .merging(noticeWords) { a, _ in a }.merging(whatIfWords) { a, _ in a }.merging(quarterWords) { a, _ in a }
    .merging(reportWords) { a, _ in a }

  /// The roster's sheets and columns (workbook, terminal, page).
  static let rosterWords: [String: (en: String, zh: String)] = [
    "id": ("id", "编号"), "name": ("name", "姓名"), "department": ("department", "部门"),
    "role": ("role", "角色"), "posting": ("posting", "岗位"), "towns": ("towns", "镇街"),
    "ftePerTown": ("FTE per town", "各镇街当量"), "certified": ("certified", "执法证"),
    "legal": ("legal background", "法律背景"), "town": ("town", "镇街"), "pilot": ("pilot", "试点"),
    "demand": ("demand FTE", "需求当量"), "supply": ("supply FTE", "供给当量"), "unmet": ("unmet FTE", "缺口当量"),
    "uncovered": ("departments uncovered", "未覆盖部门数"), "stationed": ("stationed officers", "派驻执法人员"),
    "zoned": ("zoned officers", "包片执法人员"), "auxiliaries": ("auxiliaries", "协管员"),
    "desks": ("desks used", "已用席位"), "unassigned": ("unassigned", "未安排"),
    "officersPresent": ("officers present", "在岗执法人员"), "receivesFTE": ("receives FTE", "有供给"),
    "item": ("item", "项目"), "value": ("value", "值"), "instance": ("instance", "实例"),
    "quarter": ("quarter", "季度"), "solver": ("solver", "求解器"), "status": ("status", "状态"),
    "objective": ("objective", "目标值"), "total": ("total", "合计"), "bound": ("bound", "下界"),
    "gap": ("gap", "差距"), "brokenRule": ("broken rule", "违反规则"), "note": ("note", "说明"),
    "uncoveredPairs": ("uncovered pairs", "未覆盖"), "unmetDemand": ("unmet demand", "需求缺口"),
    "travel": ("travel", "路程"), "moves": ("moves", "调动"), "preferenceMisses": ("preference misses", "意向未满足"),
    "imbalance": ("imbalance", "不均衡"), "response": ("response", "响应时间"),
    "responseMinutes": ("response (minutes)", "响应时间（分钟）"),
    "jointInspections": ("joint inspections", "综合查一次"),
    "jointMissing": ("{0} (missing: {1})", "{0}（缺：{1}）"),
    "worstResponse": ("slowest response (minutes)", "最长响应时间（分钟）"),
    "meanResponse": ("mean response (minutes)", "平均响应时间（分钟）"), "byPerson": ("by person", "按人员"), "byTown": ("by town", "按镇街"),
    "byDepartment": ("by department", "按部门"), "coverage": ("coverage", "覆盖"), "notes": ("notes", "说明"),
    "stationedAt": ("stationed at", "派驻"), "zonedTo": ("zoned to", "包片"),
    "officer": ("officer", "执法人员"), "auxiliary": ("auxiliary", "协管员"),
    "yes": ("yes", "是"), "no": ("no", "否"),
  ]

  /// The workbench's pages.
  static let pageWords: [String: (en: String, zh: String)] = [
    "appTitle": ("Secondment workbench", "下沉人员派驻工作台"),
    "tabDistrict": ("District", "区情"), "tabSolve": ("Solve", "求解"), "tabRoster": ("Roster", "派驻方案"),
    "language": ("中文", "English"),
    "chooseInstance": ("District data", "区情数据"), "noInstance": ("No district data yet: upload a workbook.", "尚无区情数据：请上传工作簿。"),
    "upload": ("Upload a workbook or JSON", "上传工作簿或 JSON"), "uploaded": ("Uploaded {0}", "已上传 {0}"),
    "uploadFailed": ("The upload was refused", "上传未通过"),
    "place": ("place", "位置"), "fix": ("fix", "修改方法"),
    "districtSummary": (
      "{0} towns, {1} departments, {2} officers, {3} auxiliaries, {4} pilot towns",
      "{0} 个镇街，{1} 个部门，{2} 名执法人员，{3} 名协管员，{4} 个试点镇街"),
    "map": ("Map", "地图"), "mapLegend": (
      "Circle area: demand (FTE). Ring: pilot town. Dashed outline: zone.",
      "圆面积：需求当量；外圈：试点镇街；虚线：片区。"),
    "staff": ("Staff", "人员名单"), "filter": ("Filter", "筛选"), "allDepartments": ("all departments", "全部部门"),
    "homeTown": ("home town", "居住镇街"), "currentPosting": ("current posting", "现岗位"),
    "tenure": ("tenure (quarters)", "任期（季度）"), "shown": ("{0} of {1} shown", "显示 {0} / {1} 人"),
    "timeLimit": ("time limit (s)", "时限（秒）"), "start": ("Plan", "开始求解"), "cancel": ("Cancel", "取消"),
    "elapsed": ("elapsed", "已用时间"), "incumbent": ("best so far", "当前最优"),
    "state": ("state", "状态"), "jobs": ("Solves", "求解记录"), "open": ("open", "查看"),
    "queued": ("queued", "排队中"), "running": ("running", "求解中"), "done": ("done", "完成"),
    "failed": ("failed", "失败"), "cancelled": ("cancelled", "已取消"),
    "queuePosition": ("{0} solve(s) start before it", "前面还有 {0} 个求解"),
    "seconds": ("{0} s", "{0} 秒"),
    "noRoster": ("No roster yet: plan one on the Solve tab.", "尚无方案：请在“求解”页开始求解。"),
    "heatMap": ("Coverage heat map (supply / demand)", "覆盖热力图（供给 / 需求）"),
    "postingsOnMap": ("Postings on the map", "派驻地图"),
    "responseLine": ("Response to a town's call (the whistle): slowest {0} min, mean {1} min.", "镇街吹哨、部门报到：最长响应 {0} 分钟，平均 {1} 分钟。"),
    "responseLimit": ("(limit {0} min)", "（时限 {0} 分钟）"),
    "slowestResponse": ("slowest response {0} min", "最长响应 {0} 分钟"),
    "mapPostingsLegend": ("Number: officers stationed + zoned in the town.", "数字：该镇街派驻与包片执法人员数。"),
    "optimal": ("optimal", "最优"), "feasible": ("feasible", "可行"), "rules-broken": ("rules broken", "违反规则"),
    "allRulesKept": ("Every hard rule is kept.", "全部硬性规则均满足。"),
    "adjust": ("Pin or forbid, and re-solve", "固定或禁止岗位并重新求解"),
    "adjustHelp": (
      "Pinned people keep the posting chosen, and nobody is given a posting forbidden for them (hard rules); everyone else is weighed against this roster, so the re-solve moves as few people as it can.",
      "被固定的人员必须在指定岗位，被禁止的岗位不会安排给该人员（硬性规则）；其他人员以当前方案为基准计算调动，重新求解时尽量少调动。"),
    "addPin": ("Pin", "固定"), "resolve": ("Re-solve from this roster", "从当前方案重新求解"),
    "addForbid": ("Forbid", "禁止"), "forbidLabel": ("{0} not {1}", "{0} 不得{1}"),
    "forbiddenList": ("Forbidden: {0}", "已禁止：{0}"),
    "pinsNone": ("No one pinned yet.", "尚未固定人员。"), "pinned": ("Pinned: {0}", "已固定：{0}"),
    "movesAgainst": ("Against the roster it started from, {0} people move", "与原方案相比，调动 {0} 人"),
    "from": ("from", "原岗位"), "to": ("to", "新岗位"), "remove": ("remove", "移除"),
    "whyHelp": (
      "Click a name to see why the person is posted there: the roster's objective with them there against the next best posting for them, everyone else staying put.",
      "点击姓名查看此人为何派驻在此：此人在现岗位与其次最优岗位时方案的目标值对比（其他人不动）。"),
    "whyTitle": ("Why {0} is {1}", "{0} 为何{1}"),
    "whyNextBest": (
      "Next best for them: {0}, objective {1} against {2} here (difference {3}).",
      "其次最优岗位：{0}，目标值 {1}，现岗位为 {2}（差值 {3}）。"),
    "whyNone": ("No other posting keeps as many rules.", "没有其他岗位能满足同样多的规则。"),
    "term": ("objective term", "目标项"), "here": ("here", "现岗位"), "nextBestColumn": ("next best", "其次最优"),
    "difference": ("difference", "差值"), "alternativesTitle": ("Other postings, best first", "其他岗位（由优到劣）"),
  ]

  /// The what-if page.
  static let whatIfWords: [String: (en: String, zh: String)] = [
    "tabWhatIf": ("What-if", "假设分析"),
    "whatifNoBase": ("Open a roster first: the what-ifs start from it.", "请先打开一个派驻方案，假设分析以它为基准。"),
    "whatifBase": ("Base: the roster of solve {0}; every what-if is anchored on it and counts moves from it.", "基准：求解 {0} 的方案；每个假设都以它为基准计算调动。"),
    "newScenario": ("New scenario", "新建假设"),
    "whatifHelp": (
      "Add changes with the lines below; the scenario is written in the file format of `secondment whatif` and may be edited before it runs.",
      "用下列各行添加变化；假设以 secondment whatif 的文件格式写出，运行前可直接修改。"),
    "scenarioTitle": ("title of the scenario", "假设名称"), "scenarioUntitled": ("untitled scenario", "未命名假设"),
    "hire": ("hire", "招录"), "leave": ("leavers", "减员"), "onLeave": ("on leave", "休假"),
    "demandChange": ("demand", "需求变化"), "allTowns": ("all towns", "全部镇街"), "pilotTowns": ("pilot towns", "试点镇街"),
    "demand-factor": ("multiply by", "乘以"), "demand-add": ("add FTE", "增加当量"), "demand-set": ("set to FTE", "设为当量"),
    "addChange": ("add", "添加"), "runWhatIf": ("Run this what-if", "运行假设"), "clearChanges": ("clear", "清空"),
    "scenarios": ("What-ifs of this base", "本基准的假设"), "noScenarios": ("No what-if yet.", "尚无假设。"),
    "compare": ("Compare the ticked with the base", "与基准对比所选假设"), "comparison": ("Side by side", "并列对比"),
    "scenario": ("what-if", "假设"), "base": ("base", "基准"), "pairsCovered": ("pairs covered", "已覆盖"),
    "brokenRules": ("rules broken", "违反规则数"), "joined": ("new people", "新增人员"), "left": ("people gone", "减少人员"),
    "changes": ("changes", "变化"), "diffHeatMap": ("Difference heat map: supply FTE against the base", "差异热力图：供给当量相对基准的变化"),
    "movesAgainstBase": ("{0} people move against the base", "相对基准调动 {0} 人"), "noMoves": ("No one moves.", "无人调动。"),
    "joinedList": ("New: {0}", "新增：{0}"), "leftList": ("Gone: {0}", "减少：{0}"),
  ]
}

extension Words {
  /// The posting notices (派驻通知书), one per person.
  static let noticeWords: [String: (en: String, zh: String)] = [
    "noticeTitle": ("Posting notice", "派驻通知书"),
    "noticeTo": ("To {0}:", "{0} 同志："),
    "noticeBody": (
      "Under the plan \"{0}\", from {1} you ({2}, {3}) are {4}, as set out below.",
      "根据“{0}”，自 {1} 起，您（{2}{3}）{4}，具体如下。"),
    "noticeSignature": ("District human resources office       date:", "区人力资源部门（盖章）        年    月    日"),
    "noticeNextQuarter": ("the next quarter", "下一季度"),
    "noticeNone": ("No one has a posting in this roster.", "本方案中无人有派驻岗位。"),
    "exportWorkbook": ("Roster workbook (.xlsx)", "派驻方案工作簿（.xlsx）"),
    "exportNotices": ("Posting notices (print)", "派驻通知书（打印）"),
    "exportReport": ("Report (HTML)", "方案报告（HTML）"),
    "export": ("Export", "导出"),
  ]
}

extension Words {
  /// The quarter page: replanning from the plan history, adoption, tenure;
  /// `reason:` + a change reason's raw value names why a person's line changed.
  static let quarterWords: [String: (en: String, zh: String)] = [
    "tabQuarter": ("Quarter", "季度调整"),
    "reason:rotation (tenure limit)": ("rotation (tenure limit)", "任期届满轮岗"), "reason:leave": ("on leave", "休假"),
    "reason:departure": ("left", "离开"), "reason:coverage": ("to cover demand", "补充覆盖"),
    "reason:new hire": ("new hire", "新入职"), "reason:back from leave": ("back from leave", "休假返岗"),
    "reason:pinned": ("pinned", "指定岗位"), "reason:posting withdrawn": ("posting withdrawn", "原岗位撤销"),
    "departed": ("(left)", "（已离开）"), "reason": ("reason", "原因"), "isMove": ("counts as a move", "计入调动"),
    "replanTitle": ("Plan a quarter", "季度调整方案"),
    "replanHelp": (
      "Plans the quarter from the roster in force in the plan history: rotation by the tenure limit, leave, departures and new hires; every move is weighed. A change list (workbook or CSV: leaves, joins, on leave, returns, pin, demand) applies to the district's data, or to the last adopted quarter.",
      "以历史记录中在岗的方案为起点安排本季度：任期轮岗、休假、离开与新入职，尽量少调动。变动清单（工作簿或 CSV：离开、加入、休假、返岗、固定、需求）作用于区情数据，或作用于上一已采用季度。"),
    "replanQuarter": ("quarter", "季度"), "startFrom": ("start from", "起点"),
    "startInstance": ("the district's data chosen above", "上方所选区情数据"),
    "startAdopted": ("the last adopted quarter ({0})", "上一已采用季度（{0}）"),
    "changeList": ("change list (optional)", "变动清单（可选）"), "replan": ("Replan the quarter", "生成季度方案"),
    "fromScratch": ("{0}: planned from scratch (the history holds no earlier quarter; no moves counted)", "{0}：从头安排（历史中无更早季度，不计调动）"),
    "replannedFrom": ("{0}: replanned from the roster adopted for {1}", "{0}：以 {1} 已采用的方案为起点"),
    "quarterPeople": (
      "{0} people ({1} available): {2} left, {3} on leave, {4} back from leave, {5} new hires",
      "{0} 人（可派驻 {1} 人）：离开 {2} 人，休假 {3} 人，休假返岗 {4} 人，新入职 {5} 人"),
    "quarterMoves": ("{0} moves ({1} forced by the rules); budget: {2}", "调动 {0} 人（规则强制 {1} 人）；调动上限：{2}"),
    "noBudget": ("none", "无"),
    "changesTitle": ("{0} changes", "变动 {0} 项"), "noChanges": ("Nobody's posting changes.", "无人岗位变动。"),
    "coverageBeforeAfter": ("Coverage: before (everyone kept where they were) and after", "覆盖：调整前（人员不动）与调整后"),
    "before": ("before", "调整前"), "after": ("after", "调整后"),
    "pilotUnmet": ("unmet FTE in pilot towns", "试点镇街缺口当量"), "largestUnmetShare": ("largest unmet share", "最大缺口比例"),
    "adoptedBy": ("adopted by", "采用人"), "supersede": ("replace the quarter's adopted roster", "替换该季度已采用的方案"),
    "adopt": ("Adopt this roster for {0}", "采用此方案为 {0} 的在岗方案"),
    "adoptConfirm": (
      "Adopt this roster as the one in force for {0}? It is recorded in the plan history with your name.",
      "确认采用此方案为 {0} 的在岗方案？将以您的名义记入历史记录。"),
    "adoptedMessage": ("Adopted for {0}.", "已采用为 {0} 的在岗方案。"),
    "adoptedAlready": ("Adopted: {0}", "已采用：{0}"), "openRoster": ("Open the roster", "查看方案"),
    "historyTitle": ("Plan history", "历史记录"), "historyEmpty": ("No quarter adopted yet.", "尚无已采用的季度。"),
    "adoptedAt": ("adopted at", "采用时间"), "posted": ("posted", "在岗人数"),
    "tenureTitle": ("Tenure: each person's latest posting", "任期：每人最近岗位"),
    "since": ("since", "起始季度"), "inForce": ("in force", "在岗"), "replans": ("Replans", "季度方案记录"),
  ]
}

/// Names of towns, departments and zones as a planner reads them.
public struct PlaceNames: Sendable {
  let towns: [String: Town]
  let departments: [String: Department]
  let zones: [String: Zone]
  public let language: SheetLanguage

  public init(instance: Instance, zones: [Zone], language: SheetLanguage) {
    towns = Dictionary(instance.towns.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    departments = Dictionary(instance.departments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.zones = Dictionary(zones.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.language = language
  }

  /// `昌元街道` in Chinese; `Changyuan (昌元街道)` in English when a pinyin is known.
  public func town(_ id: String) -> String {
    guard let t = towns[id] else { return id }
    if language == .en, let pinyin = t.pinyin { return "\(pinyin) (\(t.name))" }
    return t.name
  }

  public func department(_ id: String) -> String {
    guard let d = departments[id] else { return id }
    if language == .en, let english = d.englishName { return "\(english) (\(d.name))" }
    return d.name
  }

  /// The zone's name, or its id when it has none.
  public func zone(_ id: String) -> String { zones[id]?.name ?? id }

  /// A posting in words: `派驻 昌元街道`, `包片 …`, `未安排`.
  public func posting(_ posting: Posting, words w: Words) -> String {
    switch posting {
    case .stationed(let t): w.word("stationedAt") + " " + town(t)
    case .zoned(let z): w.word("zonedTo") + " " + zone(z)
    case .unassigned: w.word("unassigned")
    }
  }
}
