import HeapModule

/// A least-cost transportation of people classes onto posting headcounts
/// (successive shortest paths on a small flow network).
enum Transportation {
  /// Sends every class's supply along its arcs into postings with at most
  /// `capacities[posting]` people, at least total cost.
  ///
  /// - Parameters:
  ///   - supplies: people per class.
  ///   - arcs: per class, the postings it may take (candidate order).
  ///   - costs: per class and arc, the cost of one person.
  ///   - capacities: people each posting takes.
  /// - Returns: per class and arc, the people sent; nil when the supplies do not fit.
  static func solve(
    supplies: [Int], arcs: [[Int]], costs: [[Double]], capacities: [Int: Int]
  ) -> [[Int]]? {
    guard let network = Network(supplies: supplies, arcs: arcs, costs: costs, capacities: capacities)
    else { return nil }
    return network.arcEdges.map { edges in edges.map { network.graph.flow(of: $0) } }
  }

  /// As `solve`, but when the supplies do not fit: as many people as fit go
  /// to the postings (least cost among such assignments), and each class's
  /// people left over go to its cheapest arc, so every person has a posting
  /// and the headcounts are kept wherever they can be.
  static func closest(
    supplies: [Int], arcs: [[Int]], costs: [[Double]], capacities: [Int: Int]
  ) -> [[Int]] {
    // An overflow edge per class straight into the sink, dearer than any
    // assignment through a posting: the least-cost flow fills the most headcounts.
    let overflow = 1 + 2 * costs.joined().reduce(0) { $0 + abs($1) } * Double(max(supplies.reduce(0, +), 1))
    guard
      let network = Network(
        supplies: supplies, arcs: arcs, costs: costs, capacities: capacities, overflowCost: overflow)
    else {
      // Not reached: the overflow edges take any supply.
      return arcs.map { $0.map { _ in 0 } }
    }
    return network.arcEdges.enumerated().map { c, edges in
      var sent = edges.map { network.graph.flow(of: $0) }
      let left = supplies[c] - sent.reduce(0, +)
      if left > 0, let cheapest = costs[c].indices.min(by: { costs[c][$0] < costs[c][$1] }) {
        sent[cheapest] += left
      }
      return sent
    }
  }

  /// The least cost of sending every class's supply into postings with
  /// exactly `capacities[posting]` people, and a price per class: one
  /// person of class c costs at least `classPrice[c] + postingPrice[k]` on any
  /// posting k it may take, with equality on the postings the least-cost
  /// assignment uses (dual values of the transportation problem, by linear
  /// programming duality). Nil when the supplies do not fit.
  static func prices(
    supplies: [Int], arcs: [[Int]], costs: [[Double]], capacities: [Int: Int]
  ) -> (cost: Double, classPrice: [Double])? {
    guard let network = Network(supplies: supplies, arcs: arcs, costs: costs, capacities: capacities)
    else { return nil }
    var cost = 0.0
    for (c, edges) in network.arcEdges.enumerated() {
      for (j, e) in edges.enumerated() { cost += Double(network.graph.flow(of: e)) * costs[c][j] }
    }
    // Shortest distances into every node from a virtual root joined to all
    // (no negative cycle remains at a least-cost flow) are potentials π with
    // π(k) − π(c) ≤ cost on every arc and equality where people flow.
    let potential = network.graph.potentials(among: 2..<network.graph.adjacency.count)
    return (cost, supplies.indices.map { -potential[2 + $0] })
  }

  /// The flow network of one transportation problem, at a least-cost flow:
  /// node 0 the source, 1 the sink, then one node per class, then one per
  /// posting any class may take.
  struct Network {
    var graph: Graph
    /// Per class and arc, the edge from the class to the posting (`Graph.noEdge` when the posting has no headcount).
    var arcEdges: [[Int]] = []

    /// Nil when the supplies do not fit the capacities. With `overflowCost`,
    /// each class also has an edge of that cost straight into the sink, so
    /// every supply fits.
    init?(
      supplies: [Int], arcs: [[Int]], costs: [[Double]], capacities: [Int: Int],
      overflowCost: Double? = nil
    ) {
      // Only postings with a headcount: an arc into one without takes no one,
      // and such a posting constrains no class's price (no flow leaves it).
      let postingsUsed = Array(Set(arcs.joined()).filter { (capacities[$0] ?? 0) > 0 }).sorted()
      let postingNode = Dictionary(
        uniqueKeysWithValues: postingsUsed.enumerated().map { ($1, supplies.count + 2 + $0) })
      graph = Graph(nodeCount: supplies.count + 2 + postingsUsed.count)
      for (c, supply) in supplies.enumerated() {
        graph.add(from: 0, to: 2 + c, capacity: supply, cost: 0)
      }
      for (c, list) in arcs.enumerated() {
        arcEdges.append(
          list.enumerated().map { j, k in
            postingNode[k].map { graph.add(from: 2 + c, to: $0, capacity: supplies[c], cost: costs[c][j]) }
              ?? Graph.noEdge
          })
      }
      for (i, k) in postingsUsed.enumerated() {
        graph.add(from: supplies.count + 2 + i, to: 1, capacity: capacities[k] ?? 0, cost: 0)
      }
      if let overflowCost {
        for (c, supply) in supplies.enumerated() {
          graph.add(from: 2 + c, to: 1, capacity: supply, cost: overflowCost)
        }
      }
      let total = supplies.reduce(0, +)
      guard graph.transport(from: 0, to: 1) == total else { return nil }
    }
  }

  /// A residual graph with paired forward and backward edges.
  struct Graph {
    var to: [Int] = []
    var capacity: [Int] = []
    var cost: [Double] = []
    var original: [Int] = []
    var adjacency: [[Int]]

    init(nodeCount: Int) { adjacency = Array(repeating: [], count: nodeCount) }

    /// Adds an edge and its reverse; returns the forward edge's index.
    @discardableResult
    mutating func add(from a: Int, to b: Int, capacity c: Int, cost w: Double) -> Int {
      let e = to.count
      to.append(b)
      capacity.append(c)
      cost.append(w)
      original.append(c)
      adjacency[a].append(e)
      to.append(a)
      capacity.append(0)
      cost.append(-w)
      original.append(0)
      adjacency[b].append(e + 1)
      return e
    }

    /// The edge of an arc left out of the network (into a posting without a headcount).
    static let noEdge = -1

    /// People on `edge`; none on `noEdge`.
    func flow(of edge: Int) -> Int { edge == Self.noEdge ? 0 : original[edge] - capacity[edge] }

    /// Bellman-Ford distances from a virtual root with a free edge to each
    /// node of `nodes`, over residual edges between those nodes.
    func potentials(among nodes: Range<Int>) -> [Double] {
      var distance = [Double](repeating: 0, count: adjacency.count)
      var queued = [Bool](repeating: false, count: adjacency.count)
      var queue = Array(nodes)
      for u in nodes { queued[u] = true }
      var head = 0
      while head < queue.count {
        let u = queue[head]
        head += 1
        queued[u] = false
        for e in adjacency[u] where capacity[e] > 0 && nodes.contains(to[e]) {
          let v = to[e]
          let d = distance[u] + cost[e]
          if d < distance[v] - 1e-9 {
            distance[v] = d
            if !queued[v] {
              queued[v] = true
              queue.append(v)
            }
          }
        }
      }
      return distance
    }

    /// Sends the supplies on the source's edges into `t` at least cost;
    /// returns the units sent (less than the supplies when they do not fit).
    ///
    /// For a transportation network: `s` has one edge into each class node,
    /// with its supply; a class's other edges go to postings (and, for
    /// `closest`, to `t`); a posting's go to `t`. Successive shortest paths
    /// from the classes' own excesses rather than from `s`: every class starts
    /// with its supply and a potential of minus its cheapest edge, so every
    /// class's cheapest postings are reached at reduced cost zero at once
    /// (from `s`, classes would be served cheapest first, one distance at a
    /// time: about as many Dijkstra runs as classes). Each round runs
    /// Dijkstra's method on reduced costs from every class with supply left,
    /// to `t`; raises the potentials by the distances (at most the distance
    /// of `t`), which keeps every residual edge's reduced cost nonnegative;
    /// sends along the path found, and then as much as fits along the other
    /// paths of reduced cost zero (blocking flows on their levels, as
    /// Dinic's). A flow that sends everything with nonnegative reduced costs
    /// is of least cost.
    mutating func transport(from s: Int, to t: Int) -> Int {
      let n = adjacency.count
      var excess = [Int](repeating: 0, count: n)
      var potential = [Double](repeating: 0, count: n)
      // Every supply leaves the source at once; the source is never entered again.
      for e in adjacency[s] where capacity[e] > 0 {
        let c = to[e]
        let cheapest = adjacency[c].filter { capacity[$0] > 0 }.map { cost[$0] }.min() ?? 0
        potential[c] = -cheapest
        excess[c] += capacity[e]
        capacity[e ^ 1] += capacity[e]
        capacity[e] = 0
      }
      var left = excess.reduce(0, +)
      let supply = left
      func reduced(_ e: Int, from u: Int) -> Double { cost[e] + potential[u] - potential[to[e]] }
      // Reduced costs within this of zero are zero: sums of potentials carry float dust.
      func admissible(_ e: Int, from u: Int) -> Bool {
        capacity[e] > 0 && to[e] != s
          && reduced(e, from: u) <= 1e-9 * (1 + abs(potential[u]) + abs(potential[to[e]]))
      }
      var distance = [Double](repeating: .infinity, count: n)
      var via = [Int](repeating: -1, count: n)
      var level = [Int](repeating: -1, count: n)
      var next = [Int](repeating: 0, count: n)
      var heap = Heap<Reached>()
      while left > 0 {
        for v in 0..<n {
          distance[v] = .infinity
          via[v] = -1
        }
        for v in 0..<n where excess[v] > 0 {
          distance[v] = 0
          heap.insert(Reached(distance: 0, node: v))
        }
        while let reached = heap.popMin() {
          let (d, u) = (reached.distance, reached.node)
          // A stale entry: the node was reached more cheaply since.
          guard d <= distance[u] else { continue }
          if u == t { break }
          for e in adjacency[u] where capacity[e] > 0 && to[e] != s {
            let v = to[e]
            let nd = d + max(reduced(e, from: u), 0)
            if nd < distance[v] {
              distance[v] = nd
              via[v] = e
              heap.insert(Reached(distance: nd, node: v))
            }
          }
        }
        heap = Heap()
        let reach = distance[t]
        guard reach.isFinite else { break }
        for v in 0..<n { potential[v] += min(distance[v], reach) }
        // The path found, from the class it starts at.
        var source = t
        var push = Int.max
        while via[source] >= 0 {
          push = min(push, capacity[via[source]])
          source = to[via[source] ^ 1]
        }
        push = min(push, excess[source])
        var v = t
        while via[v] >= 0 {
          capacity[via[v]] -= push
          capacity[via[v] ^ 1] += push
          v = to[via[v] ^ 1]
        }
        excess[source] -= push
        left -= push
        // Then every other path of reduced cost zero, level by level.
        while left > 0 {
          for v in 0..<n { level[v] = -1 }
          var queue = (0..<n).filter { excess[$0] > 0 }
          for v in queue { level[v] = 0 }
          var head = 0
          while head < queue.count {
            let u = queue[head]
            head += 1
            guard u != t else { continue }
            for e in adjacency[u] where level[to[e]] < 0 && admissible(e, from: u) {
              level[to[e]] = level[u] + 1
              queue.append(to[e])
            }
          }
          guard level[t] >= 0 else { break }
          for v in 0..<n { next[v] = 0 }
          func augment(_ u: Int, _ limit: Int) -> Int {
            if u == t { return limit }
            while next[u] < adjacency[u].count {
              let e = adjacency[u][next[u]]
              if level[to[e]] == level[u] + 1, admissible(e, from: u) {
                let pushed = augment(to[e], min(limit, capacity[e]))
                if pushed > 0 {
                  capacity[e] -= pushed
                  capacity[e ^ 1] += pushed
                  return pushed
                }
              }
              next[u] += 1
            }
            return 0
          }
          var sentThisLevel = 0
          for c in 0..<n where excess[c] > 0 && level[c] == 0 {
            while excess[c] > 0 {
              let pushed = augment(c, excess[c])
              guard pushed > 0 else { break }
              excess[c] -= pushed
              left -= pushed
              sentThisLevel += pushed
            }
          }
          guard sentThisLevel > 0 else { break }
        }
      }
      // What could not be sent goes back to the source.
      for e in adjacency[s] where excess[to[e]] > 0 {
        let back = min(excess[to[e]], capacity[e ^ 1])
        capacity[e] += back
        capacity[e ^ 1] -= back
        excess[to[e]] -= back
      }
      return supply - left
    }
  }

  /// A node and its tentative distance in Dijkstra's method, least distance first.
  struct Reached: Comparable {
    var distance: Double
    var node: Int
    static func < (a: Reached, b: Reached) -> Bool { a.distance < b.distance }
  }
}
