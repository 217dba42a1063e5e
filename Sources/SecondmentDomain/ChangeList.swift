/// What changes from one quarter to the next, as a planner lists it.
///
/// One line per change: a person leaves, joins, goes on leave, returns, is
/// pinned to a posting or unpinned, or a town's demand for a department
/// changes. `apply` builds the next quarter's instance from the last
/// adopted one, so no instance is written by hand.
public struct ChangeList: Sendable, Hashable {
  /// One change and where it was written.
  public struct Line: Sendable, Hashable {
    public var change: Change
    /// Where the line is (`sheet 'changes', row 3`), for messages.
    public var place: String

    public init(_ change: Change, place: String) {
      self.change = change
      self.place = place
    }
  }

  /// The kinds of change, with what each needs.
  public enum Change: Sendable, Hashable {
    /// The person (id or name) leaves the district's secondment.
    case leaves(person: String)
    /// A new person joins; their attributes as the line gives them.
    case joins(Person)
    /// The person is on leave this quarter (no posting).
    case onLeave(person: String)
    /// The person is back from leave.
    case returns(person: String)
    /// The person must keep this posting (town or zone, by id or name).
    case pin(person: String, posting: Posting)
    /// The person's pin is lifted.
    case unpin(person: String)
    /// A town's demand for a department becomes `fte`.
    case demand(town: String, department: String, fte: Double)
  }

  /// The change words a planner writes, English and Chinese.
  public static let words: [(key: String, aliases: [String])] = [
    ("leaves", ["leave", "left", "离开", "调离", "离职"]), ("joins", ["join", "hire", "加入", "新进", "新招"]),
    ("on-leave", ["onleave", "休假", "请假"]), ("returns", ["return", "返岗", "回岗"]),
    ("pin", ["固定", "锁定"]), ("unpin", ["取消固定", "解锁"]), ("demand", ["需求"]),
  ]

  public var file: String
  public var lines: [Line]

  public init(file: String, lines: [Line]) {
    self.file = file
    self.lines = lines
  }

  /// `instance` with every change applied, for `quarter`; people and towns
  /// may be named by id or name. Unknown or ambiguous names are problems
  /// naming the change list's file and line.
  public func apply(to instance: Instance, quarter: String?) throws -> Instance {
    var out = instance
    out.quarter = quarter ?? out.quarter
    var errors: [InputError] = []
    func fail(_ line: Line, _ message: String, _ hint: String) {
      errors.append(InputError(file: file, location: line.place, message: message, hint: hint))
    }
    func person(_ text: String, _ line: Line) -> Int? {
      switch NameIndex(out).person(text) {
      case .id(let id): return out.people.firstIndex { $0.id == id }
      case .ambiguous(let ids):
        fail(line, "'\(text)' could be any of several people: \(ids.joined(separator: ", "))", "write the person's id")
      case .unknown:
        fail(line, "no person '\(text)' in the last adopted instance", "check the id or name; a new person needs the change joins")
      }
      return nil
    }
    for line in lines {
      switch line.change {
      case .leaves(let who):
        if let i = person(who, line) { out.people.remove(at: i) }
      case .joins(let p):
        if out.people.contains(where: { $0.id == p.id }) {
          fail(line, "a person with id '\(p.id)' is already in the instance", "give the new person an id of their own")
        } else {
          out.people.append(p)
        }
      case .onLeave(let who): if let i = person(who, line) { out.people[i].unavailable = true }
      case .returns(let who): if let i = person(who, line) { out.people[i].unavailable = false }
      case .pin(let who, let posting):
        let index = NameIndex(out)
        let resolved: Posting
        switch posting {
        case .stationed(let text):
          guard case .id(let town) = index.town(text) else {
            fail(line, "no single town '\(text)' to pin to", "write a town id, Chinese name or pinyin")
            continue
          }
          resolved = .stationed(town: town)
        case .zoned(let text) where out.zones == nil:
          // Zones made from travel times have ids only: validation judges it.
          resolved = .zoned(zone: text)
        case .zoned(let text):
          guard case .id(let zone) = index.zone(text) else {
            fail(line, "no single zone '\(text)' to pin to", "write a zone id or name")
            continue
          }
          resolved = .zoned(zone: zone)
        case .unassigned:
          resolved = .unassigned
        }
        if let i = person(who, line) { out.people[i].pinned = resolved }
      case .unpin(let who): if let i = person(who, line) { out.people[i].pinned = nil }
      case .demand(let townText, let departmentText, let fte):
        let index = NameIndex(out)
        guard case .id(let town) = index.town(townText), let t = out.towns.firstIndex(where: { $0.id == town }) else {
          fail(line, "no single town '\(townText)'", "write a town id, Chinese name or pinyin")
          continue
        }
        guard case .id(let department) = index.department(departmentText) else {
          fail(line, "no single department '\(departmentText)'", "write a department id or Chinese name")
          continue
        }
        out.towns[t].demand[department] = fte
      }
    }
    if !errors.isEmpty { throw InputErrors(errors) }
    return out
  }

  /// One line per change in the planner's words, for the history and the terminal.
  public var summary: [String] {
    lines.map { line in
      switch line.change {
      case .leaves(let p): "leaves: \(p)"
      case .joins(let p): "joins: \(p.name) (\(p.id), \(p.department), \(p.role.rawValue))"
      case .onLeave(let p): "on leave: \(p)"
      case .returns(let p): "returns: \(p)"
      case .pin(let p, let posting): "pin: \(p) \(posting)"
      case .unpin(let p): "unpin: \(p)"
      case .demand(let t, let d, let fte): "demand: \(t) \(d) \(fte) FTE"
      }
    }
  }
}
