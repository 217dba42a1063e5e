/// The tables of an instance as a planner's spreadsheet, in English and Chinese.
///
/// One place for every sheet and column name the workbook and CSV forms use
/// (`docs/instance-format.md`, Workbook): the English name is the JSON
/// field, the Chinese name is what the tool writes in Chinese, and the
/// aliases are further headers a planner may have written. Headers compare
/// without case, spaces and a trailing unit in brackets (`任期（季度）`).
public enum SheetCatalogue {
  /// A column (or sheet): its English key, its Chinese name, further aliases.
  public struct Name: Sendable, Hashable {
    public let key: String
    public let zh: String
    public let aliases: [String]

    public init(_ key: String, _ zh: String, _ aliases: [String] = []) {
      self.key = key
      self.zh = zh
      self.aliases = aliases
    }

    /// The header in a language: `en` gives the key, `zh` the Chinese name.
    public func header(_ language: SheetLanguage) -> String { language == .zh ? zh : key }

    /// Whether a header a planner wrote names this column.
    public func matches(_ header: String) -> Bool {
      let h = SheetCatalogue.normal(header)
      return ([key, zh] + aliases).contains { SheetCatalogue.normal($0) == h }
    }
  }

  public static let instanceSheet = Name("instance", "基本信息", ["about", "实例", "说明"])
  public static let departmentsSheet = Name("departments", "部门", ["部门名单"])
  public static let townsSheet = Name("towns", "镇街", ["城镇", "乡镇", "镇街名单"])
  public static let peopleSheet = Name("people", "人员", ["staff", "人员名单", "花名册", "下沉人员"])
  public static let zonesSheet = Name("zones", "片区", ["片区名单"])
  public static let travelSheet = Name("travel", "路程", ["通行时间", "路程时间", "travel minutes"])
  public static let policySheet = Name("policy", "政策", ["参数", "规则"])
  public static let jointInspectionsSheet = Name("jointInspections", "综合查一次", ["联合检查", "joint inspections"])

  /// Every sheet an instance workbook may have, in the order they are written.
  public static let sheets = [
    instanceSheet, departmentsSheet, townsSheet, peopleSheet, zonesSheet, travelSheet, policySheet,
    jointInspectionsSheet,
  ]

  /// The columns of the joint inspections sheet (an instance's `jointInspections`).
  public static let jointInspectionColumns = [
    Name("id", "编号", ["代码"]),
    Name("name", "名称", ["场景", "场景名称"]),
    Name("departments", "参与部门", ["部门"]),
    Name("towns", "镇街", ["计划镇街"]),
  ]

  /// Key and value columns of the instance and policy sheets.
  public static let key = Name("key", "项目", ["参数", "键", "名称"])
  public static let value = Name("value", "值", ["取值", "数值"])

  /// Rows of the instance sheet.
  public static let instanceKeys = [
    Name("name", "名称", ["编号"]), Name("title", "标题"), Name("quarter", "季度"),
    Name("notes", "说明", ["备注"]), Name("illustrative", "示意数据", ["虚构数据"]),
  ]

  public static let departmentColumns = [
    Name("id", "编号", ["代码"]),
    Name("name", "名称", ["部门", "部门名称", "全称"]),
    Name("englishName", "英文名称", ["英文名", "english"]),
    Name("shortName", "简称"),
    Name("officers", "执法人员", ["执法人员名额", "下沉执法人员", "officer quota"]),
    Name("auxiliaries", "协管员", ["协管员名额", "辅助人员", "协辅人员", "auxiliary quota"]),
  ]

  public static let townColumns = [
    Name("id", "编号", ["代码"]),
    Name("name", "名称", ["镇街", "镇街名称", "城镇", "名字"]),
    Name("pinyin", "拼音"),
    Name("kind", "类型", ["镇街类型"]),
    Name("pilot", "试点", ["标准化试点", "试点镇街"]),
    Name("x", "东", ["x坐标", "东(km)"]),
    Name("y", "北", ["y坐标", "北(km)"]),
    Name("deskCapacity", "办公席位", ["席位", "工位", "desks"]),
  ]

  /// The prefix of a demand column's header before the department's name.
  public static let demandPrefixes = ["demand:", "需求:", "需求："]

  public static let personColumns = [
    Name("id", "编号", ["工号", "人员编号"]),
    Name("name", "姓名", ["名字"]),
    Name("department", "部门", ["派出部门", "所属部门"]),
    Name("role", "角色", ["身份", "人员类别", "类别"]),
    Name("certified", "执法证", ["持执法证", "有执法证"]),
    Name("legal", "法律背景", ["法律专业", "法制"]),
    Name("drives", "驾驶", ["会驾驶", "驾照", "能驾驶"]),
    Name("homeTown", "户籍镇街", ["户籍", "家庭所在镇街", "居住镇街"]),
    Name("currentPosting", "现岗位", ["当前岗位", "现任岗位"]),
    Name("currentTown", "现派驻镇街", ["当前镇街"]),
    Name("currentZone", "现包片片区", ["当前片区"]),
    Name("tenure", "任期", ["任职季度", "已任季度"]),
    Name("preferredTowns", "意向镇街", ["意愿镇街", "希望镇街"]),
    Name("unavailable", "不可用", ["休假", "请假", "离岗"]),
    Name("pinned", "固定岗位", ["锁定岗位", "指定岗位"]),
    Name("forbidden", "禁止岗位", ["不得岗位"]),
  ]

  public static let zoneColumns = [
    Name("id", "编号", ["代码"]),
    Name("name", "名称", ["片区", "片区名称"]),
    Name("towns", "镇街", ["包含镇街", "所辖镇街"]),
  ]

  /// The columns of a change list (`replan --changes`).
  public static let changeColumns = [
    Name("person", "人员", ["编号", "工号"]),
    Name("change", "变动", ["变动类型", "类型"]),
    Name("name", "姓名"),
    Name("department", "部门"),
    Name("role", "角色", ["身份"]),
    Name("certified", "执法证"),
    Name("legal", "法律背景"),
    Name("drives", "驾驶", ["会驾驶"]),
    Name("homeTown", "户籍镇街", ["户籍"]),
    Name("preferredTowns", "意向镇街"),
    Name("posting", "岗位", ["固定岗位"]),
    Name("town", "镇街"),
    Name("fte", "当量", ["需求当量", "需求"]),
  ]

  /// The sheet of a change list in a workbook (or its only sheet).
  public static let changesSheet = Name("changes", "变动", ["变动清单", "change list"])

  /// The item catalogue and the workload (docs/workload.md).
  public static let itemsSheet = Name("items", "事项目录", ["事项清单", "执法事项", "item catalogue"])
  public static let workloadSheet = Name("workload", "工作量", ["年度工作量", "工作量记录"])

  public static let itemColumns = [
    Name("id", "事项编号", ["编号", "代码"]),
    Name("name", "事项名称", ["名称", "场景名称"]),
    Name("category", "类别", ["事项类别", "类型"]),
    Name("department", "部门", ["实施部门", "参与部门", "departments"]),
    Name("hoursPerInvocation", "每次办理工时", ["办理工时"]),
    Name("hoursPerCase", "每件案件工时", ["案件工时"]),
    Name("hoursPerInspection", "每次检查工时", ["检查工时"]),
    Name("certified", "需持证", ["须持证", "执法证"]),
  ]

  /// Item categories as cells: English value, Chinese values.
  public static let itemCategories: [(ItemCategory, [String])] = [
    (.statutory, ["statutory", "法定"]), (.delegated, ["delegated", "赋权", "下放"]),
    (.entrusted, ["entrusted", "委托"]), (.joint, ["joint", "综合查一次", "联合检查", "inspect once"]),
  ]

  public static let workloadColumns = [
    Name("town", "镇街", ["城镇", "乡镇"]),
    Name("item", "事项", ["事项编号", "场景", "事项名称"]),
    Name("invocations", "办理次数", ["次数"]),
    Name("cases", "办结案件", ["案件数", "处罚案件"]),
    Name("inspections", "检查次数", ["联合检查次数"]),
  ]

  /// The corner cell of the travel sheet (rows and columns are towns).
  public static let travelCorner = Name("minutes", "分钟", ["town", "镇街", "路程(分钟)"])

  /// The Chinese names of policy keys (`weights.x` keys keep their English name).
  public static let policyKeys = [
    Name("avoidance", "回避"), Name("avoidanceRadiusMinutes", "回避半径分钟"),
    Name("minCertifiedPerTown", "每镇街最少持证人员"), Name("auxiliariesNeedOfficer", "协管员须有执法人员"),
    Name("auxiliariesPerOfficer", "每名执法人员协管员上限"), Name("deskCapacity", "办公席位上限"),
    Name("zonedMustDrive", "包片须会驾驶"), Name("minLegalPerTown", "每镇街最少法律背景人员"),
    Name("maxTenureQuarters", "最长任期季度"), Name("maxMoves", "最多调动"),
    Name("zoneTravelOverhead", "包片路途损耗"), Name("minZonedShare", "包片每镇最低当量"),
    Name("auxiliaryFTE", "协管员当量"),
    Name("responseMinutes", "响应时限分钟", ["吹哨响应分钟"]), Name("jointInspection", "综合查一次"),
    Name("hoursPerFTE", "每当量年工时"), Name("basePresenceFTE", "基础驻点当量"),
    Name("zoneRadiusMinutes", "片区半径分钟"), Name("zoneMaxTowns", "片区最多镇街"),
    Name("travelSpeedKmh", "车速"),
  ]

  /// Town kinds as cells: English value, Chinese value.
  public static let townKinds: [(TownKind, [String])] = [
    (.subdistrict, ["subdistrict", "街道", "sub-district"]), (.town, ["town", "镇", "乡", "乡镇"]),
  ]

  /// The column whose header matches, among `columns`.
  public static func column(_ header: String, in columns: [Name]) -> Name? {
    columns.first { $0.matches(header) }
  }

  /// A header without case, spaces, or a trailing unit in brackets.
  public static func normal(_ text: String) -> String {
    var t = text.lowercased().filter { !$0.isWhitespace }
    for open in ["(", "（"] where t.count > 1 {
      if let i = t.firstIndex(where: { String($0) == open }), i != t.startIndex,
        t.last == ")" || t.last == "）"
      {
        t = String(t[..<i])
      }
    }
    return t
  }
}

/// The language a written sheet's headers and yes/no cells are in.
public enum SheetLanguage: String, Sendable, CaseIterable {
  case en, zh

  /// A yes/no cell: yes/no, or 是/否.
  public func yesNo(_ value: Bool) -> String {
    switch self {
    case .en: value ? "yes" : "no"
    case .zh: value ? "是" : "否"
    }
  }
}
