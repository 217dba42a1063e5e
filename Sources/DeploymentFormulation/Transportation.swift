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
    /// Per class and arc, the edge from the class to the posting.
    var arcEdges: [[Int]] = []

    /// Nil when the supplies do not fit the capacities. With `overflowCost`,
    /// each class also has an edge of that cost straight into the sink, so
    /// every supply fits.
    init?(
      supplies: [Int], arcs: [[Int]], costs: [[Double]], capacities: [Int: Int],
      overflowCost: Double? = nil
    ) {
      let postingsUsed = Array(Set(arcs.joined())).sorted()
      let postingNode = Dictionary(
        uniqueKeysWithValues: postingsUsed.enumerated().map { ($1, supplies.count + 2 + $0) })
      graph = Graph(nodeCount: supplies.count + 2 + postingsUsed.count)
      for (c, supply) in supplies.enumerated() {
        graph.add(from: 0, to: 2 + c, capacity: supply, cost: 0)
      }
      for (c, list) in arcs.enumerated() {
        var edges: [Int] = []
        for (j, k) in list.enumerated() {
          guard let node = postingNode[k] else { return nil }
          edges.append(graph.add(from: 2 + c, to: node, capacity: supplies[c], cost: costs[c][j]))
        }
        arcEdges.append(edges)
      }
      for k in postingsUsed {
        guard let node = postingNode[k] else { return nil }
        graph.add(from: node, to: 1, capacity: capacities[k] ?? 0, cost: 0)
      }
      if let overflowCost {
        for (c, supply) in supplies.enumerated() {
          graph.add(from: 2 + c, to: 1, capacity: supply, cost: overflowCost)
        }
      }
      let total = supplies.reduce(0, +)
      guard graph.minCostFlow(from: 0, to: 1, amount: total) == total else { return nil }
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

    func flow(of edge: Int) -> Int { original[edge] - capacity[edge] }

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

    /// Pushes up to `amount` units along cheapest paths (Bellman-Ford queue);
    /// returns the units sent.
    mutating func minCostFlow(from s: Int, to t: Int, amount: Int) -> Int {
      var sent = 0
      let n = adjacency.count
      while sent < amount {
        var distance = [Double](repeating: .infinity, count: n)
        var via = [Int](repeating: -1, count: n)
        var queued = [Bool](repeating: false, count: n)
        var queue = [s]
        var head = 0
        distance[s] = 0
        queued[s] = true
        while head < queue.count {
          let u = queue[head]
          head += 1
          queued[u] = false
          for e in adjacency[u] where capacity[e] > 0 {
            let v = to[e]
            let d = distance[u] + cost[e]
            if d < distance[v] - 1e-12 {
              distance[v] = d
              via[v] = e
              if !queued[v] {
                queued[v] = true
                queue.append(v)
              }
            }
          }
        }
        guard distance[t].isFinite else { break }
        var push = amount - sent
        var v = t
        while v != s {
          let e = via[v]
          push = min(push, capacity[e])
          v = to[e ^ 1]
        }
        v = t
        while v != s {
          let e = via[v]
          capacity[e] -= push
          capacity[e ^ 1] += push
          v = to[e ^ 1]
        }
        sent += push
      }
      return sent
    }
  }
}
