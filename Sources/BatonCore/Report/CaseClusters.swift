/// Tasks grouped by their case, for a bootstrap that resamples cases (value-model §4.5): the
/// tasks of one case are not independent, so they are drawn together. `members(k)` are the
/// positions (in the caller's own numbering) of cluster `k`'s tasks.
struct CaseClusters: Sendable {
    /// Cluster `k`'s members are `member[start[k]..<start[k + 1]]`.
    private(set) var start: [Int32]
    private(set) var member: [Int32]

    /// Groups `items` (caller positions 0..<items.count) by the case key of each.
    init(caseKeys: [Int32]) {
        // Clusters are numbered in key order, not in the order items arrive, so the same cases
        // give the same resamples however the rows were ordered.
        let keys = Set(caseKeys).sorted()
        let index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, Int32($0)) })
        let clusterOf = caseKeys.map { index[$0]! }
        var start = [Int32](repeating: 0, count: index.count + 1)
        for k in clusterOf { start[Int(k) + 1] += 1 }
        for k in 0..<index.count { start[k + 1] += start[k] }
        var next = start
        var member = [Int32](repeating: 0, count: caseKeys.count)
        for (i, k) in clusterOf.enumerated() {
            member[Int(next[Int(k)])] = Int32(i)
            next[Int(k)] += 1
        }
        self.start = start
        self.member = member
    }

    var count: Int { start.count - 1 }

    /// The caller's items in cluster order: `values` permuted so a cluster's items sit together,
    /// for ``resample(using:_:)``.
    func inClusterOrder<T>(_ values: [T]) -> [T] { member.map { values[Int($0)] } }

    /// Draws `count` clusters with replacement and calls `body` with the cluster-order position
    /// of each item of a drawn cluster (see ``inClusterOrder(_:)``) and how many times its cluster
    /// was drawn. The draws are counted first and the clusters then visited in order, so the
    /// reads are sequential and a cluster drawn twice is read once (the bootstrap's innermost
    /// loop). `drawn` is scratch space, resized as needed.
    func resample(using g: inout SeededGenerator, scratch drawn: inout [Int32], _ body: (Int, Int32) -> Void) {
        let n = count
        if drawn.count < n { drawn = [Int32](repeating: 0, count: n) }
        drawn.withUnsafeMutableBufferPointer { drawn in
            for k in 0..<n { drawn[k] = 0 }
            for _ in 0..<n { drawn[g.index(below: n)] += 1 }
            start.withUnsafeBufferPointer { start in
                for k in 0..<n where drawn[k] > 0 {
                    for m in Int(start[k])..<Int(start[k + 1]) { body(m, drawn[k]) }
                }
            }
        }
    }
}
