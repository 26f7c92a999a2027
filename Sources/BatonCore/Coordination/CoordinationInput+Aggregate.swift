extension CoordinationInput {
    /// One derived handoff row with the reason of its current tag, if any.
    public typealias TaggedHandoff = (handoff: Handoff, tag: HandoffReason?)

    /// The aggregates of a set of workflows' handoff rows, computed the way storage's SQL does
    /// (`PostgresReportSource.coordinationInput`); each workflow's rows are one element of `workflows`.
    public static func aggregate(_ workflows: [[TaggedHandoff]]) -> CoordinationInput {
        struct H {
            var waits: [Int64] = []
            var carried = 0, uncarried: Int64 = 0, regathered = 0, regatheredWait: Int64 = 0, reworked = 0
            var broken = 0
        }
        struct L {
            var links = 0
            var waits: [Int64] = []
            var regathered = 0, reworked = 0
        }
        var handoffs: [Pair: H] = [:]
        var links: [Pair: L] = [:]
        var duplicates: [Pair: Int64] = [:]
        var input = CoordinationInput()
        for rows in workflows {
            var consumed: Set<String> = []
            for (h, tag) in rows {
                let c = h.coordination
                if c.toAIMode.isAITouched { input.aiTasks += 1 }
                if c.duplicateMicroseconds > 0 {
                    input.duplicateBySide[c.toSide, default: 0] += c.duplicateMicroseconds
                }
                for (side, us) in c.duplicates where us > 0 { duplicates[Pair(side, c.toSide), default: 0] += us }
                switch c.lineage {
                case .otherCase: input.otherCaseLinks += 1
                case .cycle: input.cycleLinks += 1
                case .linked:
                    if let producer = c.producerSide, let id = c.producerTaskID {
                        if producer.assistant != nil, !consumed.contains(id) {
                            consumed.insert(id)
                            input.aiTasksConsumed += 1
                        }
                        var l = links[Pair(producer, c.toSide), default: L()]
                        l.links += 1
                        if let w = c.lineageWaitMicroseconds { l.waits.append(w) }
                        if c.linkRegathered || tag == .contextRegathering { l.regathered += 1 }
                        if tag == .aiOutputRework { l.reworked += 1 }
                        links[Pair(producer, c.toSide)] = l
                    }
                case nil: break
                }
                guard h.kind == .handoff, let from = c.fromSide else { continue }
                var g = handoffs[Pair(from, c.toSide), default: H()]
                g.waits.append(h.waitMicroseconds)
                if h.contextCarried { g.carried += 1 } else { g.uncarried += h.waitMicroseconds }
                if c.regathered || tag == .contextRegathering {
                    g.regathered += 1
                    g.regatheredWait += h.waitMicroseconds
                }
                if tag == .aiOutputRework { g.reworked += 1 }
                if from.assistant != nil, c.lineage != .linked { g.broken += 1 }
                handoffs[Pair(from, c.toSide)] = g
            }
        }
        input.handoffs = handoffs.sorted { $0.key < $1.key }.map { pair, g in
            HandoffGroup(
                from: pair.a, to: pair.b, handoffs: g.waits.count, medianWait: median(g.waits),
                wait: g.waits.reduce(0, +), contextCarried: g.carried, uncarriedWait: g.uncarried,
                regathered: g.regathered, regatheredWait: g.regatheredWait, reworked: g.reworked, brokenLinks: g.broken)
        }
        input.links = links.sorted { $0.key < $1.key }.map { pair, l in
            LinkGroup(
                producer: pair.a, consumer: pair.b, links: l.links, medianWait: median(l.waits),
                regathered: l.regathered, reworked: l.reworked)
        }
        input.duplicates = duplicates.sorted { $0.key < $1.key }.map {
            DuplicateGroup(first: $0.key.a, second: $0.key.b, microseconds: $0.value)
        }
        return input
    }

    /// SQL's `percentile_cont(0.5)`: the middle value, or the mean of the two middle values.
    package static func median(_ values: [Int64]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[mid]) : (Double(sorted[mid - 1]) + Double(sorted[mid])) / 2
    }

    /// An ordered pair of sides (row, column).
    package struct Pair: Hashable, Comparable {
        package var a: CoordinationSide
        package var b: CoordinationSide
        package init(_ a: CoordinationSide, _ b: CoordinationSide) {
            self.a = a
            self.b = b
        }
        package static func < (x: Pair, y: Pair) -> Bool { x.a != y.a ? x.a < y.a : x.b < y.b }
    }
}

extension CoordinationInput {
    /// Puts the groups in side order (assistants by name, then human), as ``aggregate(_:)`` does,
    /// so two inputs with the same figures compare equal whatever order SQL's collation gave.
    public mutating func sortGroups() {
        handoffs.sort { Pair($0.from, $0.to) < Pair($1.from, $1.to) }
        links.sort { Pair($0.producer, $0.consumer) < Pair($1.producer, $1.consumer) }
        duplicates.sort { Pair($0.first, $0.second) < Pair($1.first, $1.second) }
    }
}
