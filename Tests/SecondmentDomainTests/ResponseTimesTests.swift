import SecondmentDomain
import Testing

/// The whistle (镇街吹哨、部门报到): how fast a town's call reaches an officer
/// of the department, on the hand-made district whose travel minutes are known.
@Suite("Response time: the nearest officer of the department")
struct ResponseTimesTests {
  let district = Fixture.district()

  @Test("an officer present at the town, stationed or zoned over it, answers in 0 minutes")
  func presentAnswersAtOnce() {
    let responses = ResponseTimes(district: district, postings: Fixture.valid)
    let pair = { (town: String, department: String) in
      responses.pairs.first { $0.town == town && $0.department == department }
    }
    #expect(pair(Fixture.alpha, "mkt")?.minutes == 0, "m1 and m4 are stationed there")
    #expect(pair(Fixture.beta, "trn")?.minutes == 0, "t1 is zoned over beta")
    #expect(pair(Fixture.delta, "mkt")?.minutes == 0, "m3 is zoned over delta")
    #expect(responses.pairs.count == 8, "every (town, department) with demand")
  }

  @Test("otherwise the nearest officer answers, from the nearest town of their zone")
  func nearestOfficerAnswers() throws {
    let responses = ResponseTimes(district: district, postings: Fixture.valid)
    let alpha = try #require(responses.pairs.first { $0.town == Fixture.alpha && $0.department == "trn" })
    #expect(alpha.nearest == ResponseTimes.Answer(person: "t1", minutes: 10, from: Fixture.beta))
    #expect(responses.worst == 10)
    #expect(responses.over(9).map(\.town) == [Fixture.alpha])
    let answers = ResponseTimes.answers(
      town: Fixture.alpha, department: "trn", district: district, postings: Fixture.valid)
    #expect(answers.map(\.person) == ["t1", "t2", "t4", "t3"], "nearest first, ties in instance order")
    #expect(answers.map(\.minutes) == [10, 20, 20, 30])
  }

  @Test("moving an officer away lengthens the towns' responses by the travel minutes")
  func movingAwayLengthens() throws {
    let moved = Fixture.valid(["t1": .stationed(town: Fixture.delta)])
    let responses = ResponseTimes(district: district, postings: moved)
    let beta = try #require(responses.pairs.first { $0.town == Fixture.beta && $0.department == "trn" })
    #expect(beta.minutes == 15, "t2 and t4 at gamma, 15 minutes from beta")
    #expect(responses.worst == 20, "alpha's call now goes to gamma")
    let mean = try #require(responses.mean)
    #expect(abs(mean - 35.0 / 8) < 1e-9, "(20 + 15) / 8 pairs")
  }

  @Test("a department with no posted officer leaves its towns unanswered")
  func nobodyPosted() {
    let unposted = Fixture.valid(["t1": .unassigned, "t2": .unassigned, "t3": .unassigned, "t4": .unassigned])
    let responses = ResponseTimes(district: district, postings: unposted)
    let transport = responses.pairs.filter { $0.department == "trn" }
    #expect(transport.count == 4 && transport.allSatisfy { $0.minutes == nil })
    #expect(responses.over(60).count == 4)
    #expect(responses.worst == 0, "the market pairs are all answered at once")
  }
}
