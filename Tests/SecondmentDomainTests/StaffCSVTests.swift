import Foundation
import Testing

@testable import SecondmentDomain

/// Reads CSV text expecting failure; returns every error.
func csvErrors(_ text: String, file: String = "staff.csv") -> [InputError] {
  do {
    _ = try StaffCSV.read(text: text, file: file)
    Issue.record("expected the CSV to be rejected")
    return []
  } catch let errors as InputErrors {
    return errors.errors
  } catch {
    Issue.record("unexpected error type: \(error)")
    return []
  }
}

@Suite("Staff CSV")
struct StaffCSVTests {
  static let header = "id,name,department,role,certified,legal,drives,homeTown,currentPosting,tenure,preferredTowns,unavailable,pinned"

  @Test func bomQuotedFieldsAndChineseNames() throws {
    let text = """
      \(Self.header)
      m1,"王, 伟",mkt,officer,是,否,yes,west,stationed:east,3,west;north,no,
      m2,"李
      娜",mkt,执法人员,1,0,true,,zoned:z1,0,,false,zoned:z2
      x1,"杨""小""丽",mkt,协管员,no,no,no,north,,,,是,stationed:east
      """
    var data = Data([0xEF, 0xBB, 0xBF])
    data.append(Data(text.utf8))
    let list = try StaffCSV.read(data: data, file: "staff.csv")
    #expect(list.people.count == 3)
    let m1 = list.people[0]
    #expect(m1.id == "m1")
    #expect(m1.name == "王, 伟")
    #expect(m1.certified && !m1.legal && m1.drives)
    #expect(m1.homeTown == "west")
    #expect(m1.currentPosting == .stationed(town: "east"))
    #expect(m1.tenure == 3)
    #expect(m1.preferredTowns == ["west", "north"])
    let m2 = list.people[1]
    #expect(m2.name == "李\n娜")
    #expect(m2.role == .officer)
    #expect(m2.homeTown == nil)
    #expect(m2.currentPosting == .zoned(zone: "z1"))
    #expect(m2.pinned == .zoned(zone: "z2"))
    let x1 = list.people[2]
    #expect(x1.name == "杨\"小\"丽")
    #expect(x1.role == .auxiliary)
    #expect(x1.unavailable)
    #expect(x1.pinned == .stationed(town: "east"))
    // Physical lines: the header is line 1; m2's name spans lines 3 and 4.
    #expect(list.source.lines == [2, 3, 5])
  }

  @Test func lineNumbersCountLinesInsideQuotesAndCRLF() {
    let text =
      Self.header + "\r\n"
      + "m1,\"a\r\nb\r\nc\",mkt,officer,yes,no,no,,,0,,no,\r\n"
      + "m2,b,mkt,officer,maybe,no,no,,,0,,no,\r\n"
    let errors = csvErrors(text)
    #expect(errors.count == 1)
    #expect(errors.first?.location == "line 5, column certified")
    #expect(errors.first?.message == "'maybe' is not yes or no")
    #expect(errors.first?.file == "staff.csv")
  }

  @Test func currentTownAndZoneColumns() throws {
    let text = """
      id,name,department,role,currentTown,currentZone,tenure
      a,A,mkt,officer,east,,2
      b,B,mkt,officer,,z1,1
      c,C,mkt,officer,east,z1,1
      """
    let errors = csvErrors(text)
    #expect(errors.map(\.location) == ["line 4, column currentZone"])
    let ok = try StaffCSV.read(text: text.split(separator: "\n").dropLast().joined(separator: "\n"), file: "s.csv")
    #expect(ok.people.map(\.currentPosting) == [.stationed(town: "east"), .zoned(zone: "z1")])
  }

  @Test func badCellsNameLineAndColumn() {
    let text = """
      \(Self.header)
      m1,A,mkt,chief,yes,no,no,,,0,,no,
      m2,B,mkt,officer,yes,no,no,,here:east,x,,no,
      ,C,mkt,officer,yes,no,no,,,0,,no,
      """
    let errors = csvErrors(text)
    #expect(errors.map(\.location) == [
      "line 2, column role", "line 3, column currentPosting", "line 3, column tenure", "line 4, column id",
    ])
    #expect(errors.allSatisfy { $0.file == "staff.csv" && $0.hint != nil })
  }

  @Test func wrongFieldCount() {
    let errors = csvErrors("id,department,role\na,mkt,officer\nb,mkt,officer,extra\nc,mkt\n")
    #expect(errors.map(\.location) == ["line 3", "line 4"])
    #expect(errors.first?.message == "row has 4 fields but the header has 3")
  }

  @Test func unknownDuplicateAndMissingColumns() {
    let errors = csvErrors("id,name,homeTwon,name,role\na,b,c,d,officer\n")
    #expect(errors.map(\.location) == ["line 1, column homeTwon", "line 1, column name", "line 1"])
    #expect(errors[2].message == "missing column 'department'")
  }

  @Test func unclosedQuote() {
    let errors = csvErrors("id,name,department,role\na,\"b,mkt,officer\nc,d,mkt,officer\n")
    #expect(errors.first?.location == "line 2")
    #expect(errors.first?.message.contains("never closed") == true)
  }

  @Test func notUTF8() {
    do {
      _ = try StaffCSV.read(data: Data([0x69, 0x64, 0x0A, 0xC3, 0x28]), file: "gbk.csv")
      Issue.record("expected a failure")
    } catch let errors as InputErrors {
      #expect(errors.errors.first?.message == "the file is not UTF-8 text")
    } catch {
      Issue.record("\(error)")
    }
  }

  @Test func blankLinesAreSkippedButCounted() throws {
    let list = try StaffCSV.read(text: "id,department,role\n\na,mkt,officer\n\n\nb,mkt,auxiliary\n", file: "s.csv")
    #expect(list.people.map(\.id) == ["a", "b"])
    #expect(list.source.lines == [3, 6])
  }

  @Test func roundTrip() throws {
    var people = Small.instance().people
    people[0].name = "王,\"伟\"\n二"
    people[1].unavailable = true
    people[2].forbidden = [.stationed(town: "north"), .zoned(zone: "z1")]
    let text = StaffCSV.write(people: people)
    #expect(text.hasPrefix(StaffCSV.columns.joined(separator: ",") + "\n"))
    let back = try StaffCSV.read(text: text, file: "round.csv")
    #expect(back.people == people)
    #expect(StaffCSV.write(people: back.people) == text)
  }

  @Test func staffFileReplacesPeopleAndItsErrorsNameTheCSVLine() throws {
    let instancePath = try writeTemporary(Small.instance())
    var people = Small.instance().people
    people[3].homeTown = "south"
    let csvPath = try writeTemporary(StaffCSV.write(people: people), name: "staff.csv")
    let errors = loadErrors(instancePath, staff: csvPath)
    expectError(errors, file: csvPath, at: "line 5, column homeTown", saying: "unknown home town 'south'")

    people[3].homeTown = "north"
    people.removeLast()
    let csvPath2 = try writeTemporary(StaffCSV.write(people: people), name: "staff.csv")
    let errors2 = loadErrors(instancePath, staff: csvPath2)
    expectError(errors2, file: instancePath, at: "departments[0].auxiliaries", saying: "but the staff list \(csvPath2) has 0")

    people.append(Person(id: "x9", name: "新人", department: "mkt", role: .auxiliary))
    let csvPath3 = try writeTemporary(StaffCSV.write(people: people), name: "staff.csv")
    let loaded = try InstanceLoader.load(path: instancePath, staff: csvPath3)
    #expect(loaded.people.last?.id == "x9")
  }

  @Test func staffErrorsForCurrentTownColumnNameThatColumn() throws {
    let instancePath = try writeTemporary(Small.instance())
    let rows = Small.instance().people.enumerated().map { i, p in
      "\(p.id),\(p.department),\(p.role.rawValue),\(i == 1 ? "atlantis" : "")"
    }
    let csvPath = try writeTemporary(
      (["id,department,role,currentTown"] + rows).joined(separator: "\n"), name: "staff.csv")
    let errors = loadErrors(instancePath, staff: csvPath)
    expectError(errors, file: csvPath, at: "line 3, column currentTown", saying: "unknown town 'atlantis'")
  }
}
