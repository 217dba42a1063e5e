import Foundation
import GAPBenchmark
import Testing

/// The generated GAP types follow their published rules.
@Suite("GAP instances of types C, D and E")
struct GAPGeneratorTests {
  /// ⌊0.8 · Σ_j r[i][j] / m⌋ for every agent: the rule all three types share.
  func capacitiesFollowTheRule(_ instance: GAPInstance) {
    for i in 0..<instance.agents {
      let total = instance.resource[i].reduce(0, +)
      #expect(instance.capacity[i] == Int((0.8 * Double(total) / Double(instance.agents)).rounded(.down)))
    }
  }

  @Test("type C: resource 5-25 and cost 10-50, both uniform; capacity 0.8 Σ r / m")
  func typeC() {
    let g = GAPGenerator.generate(type: .c, agents: 10, jobs: 200, seed: 3)
    #expect(g.agents == 10 && g.jobs == 200)
    let r = g.resource.flatMap { $0 }
    let c = g.cost.flatMap { $0 }
    #expect(r.allSatisfy { (5...25).contains($0) })
    #expect(c.allSatisfy { (10...50).contains($0) })
    // Uniform draws over 2,000 cells reach both ends of each range.
    #expect(r.min() == 5 && r.max() == 25 && c.min() == 10 && c.max() == 50)
    capacitiesFollowTheRule(g)
  }

  @Test("type D: resource 1-100, cost 111 − resource plus noise in −10…10")
  func typeD() {
    let g = GAPGenerator.generate(type: .d, agents: 10, jobs: 200, seed: 3)
    for i in 0..<g.agents {
      for j in 0..<g.jobs {
        #expect((1...100).contains(g.resource[i][j]))
        #expect((-10...10).contains(g.cost[i][j] - (111 - g.resource[i][j])))
      }
    }
    capacitiesFollowTheRule(g)
  }

  @Test("type E: resource ⌊1 − 10 ln x⌋, cost ⌊1000 / resource − 10 y⌋ for x, y in (0, 1]")
  func typeE() {
    let g = GAPGenerator.generate(type: .e, agents: 10, jobs: 200, seed: 3)
    let r = g.resource.flatMap { $0 }
    #expect(r.allSatisfy { $0 >= 1 })
    // Exponential with mean 10: the mean of 2,000 draws is near 10.5 (the floor of 1 + 10·Exp(1)).
    let mean = Double(r.reduce(0, +)) / Double(r.count)
    #expect((9.0...12.0).contains(mean), "mean resource \(mean)")
    for i in 0..<g.agents {
      for j in 0..<g.jobs {
        let top = 1000 / Double(g.resource[i][j])
        #expect(Double(g.cost[i][j]) <= top && Double(g.cost[i][j]) > top - 11)
      }
    }
    capacitiesFollowTheRule(g)
  }

  @Test("the same type, size and seed give the same instance; another seed another")
  func seeded() {
    let a = GAPGenerator.generate(type: .d, agents: 5, jobs: 40, seed: 7)
    let b = GAPGenerator.generate(type: .d, agents: 5, jobs: 40, seed: 7)
    let c = GAPGenerator.generate(type: .d, agents: 5, jobs: 40, seed: 8)
    #expect(a == b)
    #expect(a.cost != c.cost)
    #expect(a.name == "d540-s7")
  }

  @Test("the OR-Library text reads back as the same instances")
  func roundTrip() throws {
    let instances = GAPType.allCases.map { GAPGenerator.generate(type: $0, agents: 4, jobs: 30, seed: 2) }
    let read = try GAPReader.parse(GAPGenerator.orLibraryText(instances), fileName: "gen.txt")
    #expect(read.count == 3)
    for (x, y) in zip(instances, read) {
      #expect(x.cost == y.cost && x.resource == y.resource && x.capacity == y.capacity)
    }
    #expect(read.map(\.name) == ["gen-1", "gen-2", "gen-3"])
  }
}
