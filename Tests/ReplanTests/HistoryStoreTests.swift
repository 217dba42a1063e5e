import Foundation
import Testing

@testable import PlanHistory
import SecondmentDomain
import SecondmentTestSupport

@Suite("Plan history store")
struct HistoryStoreTests {
  @Test("the input hash is SHA-256 in lowercase hexadecimal (FIPS 180-4 vectors)")
  func sha256Vectors() {
    #expect(
      ContentHash.sha256(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      ContentHash.sha256(Data("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      ContentHash.sha256(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test("Quarters read, order and step")
  func quarters() throws {
    let q = try #require(Quarter("2025Q2"))
    #expect(q.description == "2025Q2")
    #expect(q.previous.description == "2025Q1")
    #expect(Quarter("2025q1")?.previous.description == "2024Q4")
    #expect(Quarter("2024Q4")?.next.description == "2025Q1")
    #expect(Quarter("2025Q5") == nil)
    #expect(Quarter("25Q1") == nil)
    #expect(Quarter("2025Q1")! < Quarter("2025Q3")!)
  }

  @Test("The history file is created on first use, with foreign keys on")
  func createdOnFirstUse() throws {
    let folder = try temporaryHistoryFolder()
    let path = folder.appendingPathComponent("history.sqlite").path
    #expect(throws: HistoryError.missing(path: path)) { try PlanHistory(path: path, create: false) }
    let history = try PlanHistory(path: path)
    #expect(FileManager.default.fileExists(atPath: path))
    #expect(try history.adoptedQuarterCount() == 0)
    #expect(try history.standing(before: Quarter("2025Q1")!).previous == nil)
    // Reopening migrates nothing new and keeps the file.
    let again = try PlanHistory(path: path, create: false)
    #expect(try again.integrityProblems().isEmpty)
  }

  @Test("A file that is not SQLite is refused in the planner's words")
  func notAHistory() throws {
    let folder = try temporaryHistoryFolder()
    let path = folder.appendingPathComponent("history.sqlite").path
    try Data("quarter,person\n2025Q1,p001\n".utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: HistoryError.self) { try PlanHistory(path: path) }
  }

  @Test("Tenure is computed from adopted quarters; leave neither counts nor breaks a run")
  func tenureFromHistory() throws {
    let folder = try temporaryHistoryFolder()
    let history = try PlanHistory(path: folder.appendingPathComponent("h.sqlite").path)
    let a = Posting.stationed(town: "anfu")
    let b = Posting.stationed(town: "wujia")
    let z = Posting.zoned(zone: "zone-anfu")
    let quarters: [(String, [(String, Posting)])] = [
      ("2025Q1", [("p1", a), ("p2", a), ("p3", z)]),
      ("2025Q2", [("p1", a), ("p2", b), ("p3", .unassigned)]),
      ("2025Q3", [("p1", a), ("p2", b), ("p3", z), ("p4", b)]),
    ]
    for (quarter, postings) in quarters {
      try history.adopt(sampleAdoption(quarter, postings))
    }
    let standing = try history.standing(before: Quarter("2025Q4")!)
    #expect(standing.previous?.description == "2025Q3")
    #expect(standing.held["p1"]?.quarters == 3)
    #expect(standing.held["p1"]?.since.description == "2025Q1")
    #expect(standing.held["p2"]?.quarters == 2)
    #expect(standing.held["p2"]?.posting == b)
    #expect(standing.held["p3"]?.quarters == 2)
    #expect(standing.held["p4"]?.quarters == 1)
    // Before 2025Q3: computed only from the quarters before it.
    let earlier = try history.standing(before: Quarter("2025Q3")!)
    #expect(earlier.held["p1"]?.quarters == 2)
    #expect(earlier.postings["p3"] == .unassigned)
    #expect(earlier.held["p4"] == nil)
    // A gap is refused.
    #expect(throws: HistoryError.self) { try history.standing(before: Quarter("2026Q1")!) }
    #expect(try history.adoptions().map(\.quarter.description) == ["2025Q1", "2025Q2", "2025Q3"])
  }

  @Test("Adopting the same roster twice writes nothing; another roster for an adopted quarter needs supersede; rewriting an earlier quarter is refused")
  func readoption() throws {
    let folder = try temporaryHistoryFolder()
    let history = try PlanHistory(path: folder.appendingPathComponent("h.sqlite").path)
    let first = try history.adopt(sampleAdoption("2025Q1", [("p1", .stationed(town: "anfu"))]))
    let again = try history.adopt(sampleAdoption("2025Q1", [("p1", .stationed(town: "anfu"))]))
    guard case .adopted(let id) = first else { Issue.record("not adopted"); return }
    #expect(again == .alreadyInForce(rosterID: id))
    // A different roster for an adopted quarter is refused, unless it supersedes, which is recorded.
    #expect(throws: HistoryError.self) {
      try history.adopt(sampleAdoption("2025Q1", [("p1", .stationed(town: "wujia"))]))
    }
    var superseding = sampleAdoption("2025Q1", [("p1", .stationed(town: "wujia"))])
    superseding.supersede = true
    let replaced = try history.adopt(superseding)
    #expect(replaced != first)
    #expect(try history.supersessions().map(\.quarter.description) == ["2025Q1"])
    #expect(try history.adoptedPostings(Quarter("2025Q1")!)["p1"] == .stationed(town: "wujia"))
    try history.adopt(sampleAdoption("2025Q2", [("p1", .stationed(town: "wujia"))]))
    #expect(throws: HistoryError.self) {
      try history.adopt(sampleAdoption("2025Q1", [("p1", .stationed(town: "anfu"))]))
    }
    let counts = try history.rowCounts()
    #expect(counts.adoptions == 2)
    #expect(counts.rosters == 3)
  }

  @Test("A failure inside the adoption transaction leaves nothing behind")
  func adoptionIsAtomic() throws {
    let folder = try temporaryHistoryFolder()
    let history = try PlanHistory(path: folder.appendingPathComponent("h.sqlite").path)
    struct Interrupted: Error {}
    #expect(throws: Interrupted.self) {
      try history.adopt(
        sampleAdoption("2025Q1", [("p1", .stationed(town: "anfu")), ("p2", .unassigned)]),
        duringTransaction: { throw Interrupted() })
    }
    let counts = try history.rowCounts()
    #expect(counts.instances == 0 && counts.rosters == 0 && counts.postings == 0 && counts.adoptions == 0)
  }
}

func sampleAdoption(_ quarter: String, _ postings: [(String, Posting)]) -> NewAdoption {
  NewAdoption(
    quarter: Quarter(quarter)!, instanceName: "sample", instanceData: Data("{\"q\":\"\(quarter)\"}".utf8),
    rosterData: Data("{}".utf8), solver: "test", status: "optimal", objective: 1, moves: 0,
    postings: postings.map { (person: $0.0, posting: $0.1) }, adoptedBy: "tester")
}

func temporaryHistoryFolder() throws -> URL {
  try temporaryFolder()
}
