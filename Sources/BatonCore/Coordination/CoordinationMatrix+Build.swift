extension CoordinationMatrix {
    /// A context-carried share below this makes a cell a `low-context` candidate for guidance.
    public static let lowContextShare = 0.5
    /// How many cells get a practice.
    public static let guidanceLimit = 3

    /// The matrix from the period's aggregates: shares per cell, sides in order, and a practice
    /// for the worst cells by hours at stake (value-model §8). Hours at stake: the waiting before
    /// handoffs that carried no context (low context), before re-gathered ones (re-gathering), or
    /// the duplicated time. Only pairs with an assistant on at least one side get a practice, and
    /// a pair gets one of low context and re-gathering (they weigh the same waits).
    public init(_ input: CoordinationInput) {
        var cells: [CoordinationInput.Pair: Cell] = [:]
        func edit(_ from: CoordinationSide, _ to: CoordinationSide, _ body: (inout Cell) -> Void) {
            let key = CoordinationInput.Pair(from, to)
            var cell = cells[key] ?? Cell(from: from, to: to)
            body(&cell)
            cells[key] = cell
        }
        func share(_ part: Int, _ whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }
        for g in input.handoffs {
            edit(g.from, g.to) { c in
                c.handoffs += g.handoffs
                c.waitingHours += Double(g.wait) / 3.6e9
                c.medianWaitMinutes = g.medianWait.map { $0 / 6e7 }
                c.contextCarriedShare = share(g.contextCarried, g.handoffs)
                c.regatherShare = share(g.regathered, g.handoffs)
                c.reworkShare = share(g.reworked, g.handoffs)
                c.brokenLinks += g.brokenLinks
            }
        }
        for l in input.links {
            edit(l.producer, l.consumer) { c in
                c.links += l.links
                c.medianLinkWaitMinutes = l.medianWait.map { $0 / 6e7 }
                c.linkRegatherShare = share(l.regathered, l.links)
                c.linkReworkShare = share(l.reworked, l.links)
            }
        }
        for d in input.duplicates { edit(d.first, d.second) { $0.duplicateHours += Double(d.microseconds) / 3.6e9 } }

        var sides = Set(cells.keys.flatMap { [$0.a, $0.b] })
        sides.formUnion(input.duplicateBySide.keys)
        var guidance: [Guidance] = []
        // How a side is named in a practice: the assistant, or the analyst for human work.
        func who(_ side: CoordinationSide) -> String { side.assistant ?? "the analyst" }
        for g in input.handoffs where g.from.assistant != nil || g.to.assistant != nil {
            // Low context and re-gathering weigh the same waits; a cell gets the larger of the two
            // (re-gathering on a tie: it is what the lost context cost).
            var candidates: [Guidance] = []
            if let carried = share(g.contextCarried, g.handoffs), carried < Self.lowContextShare, g.uncarriedWait > 0 {
                candidates.append(
                    Guidance(
                        from: g.from, to: g.to, problem: "low-context", hoursAtStake: Double(g.uncarriedWait) / 3.6e9,
                        practice: "pass \(who(g.from))'s verdict and case id to \(who(g.to))"))
            }
            if g.regathered > 0, g.regatheredWait > 0 {
                candidates.append(
                    Guidance(
                        from: g.from, to: g.to, problem: "regathering", hoursAtStake: Double(g.regatheredWait) / 3.6e9,
                        practice: "feed \(who(g.from))'s output into \(who(g.to))'s input"))
            }
            if let worst = candidates.max(by: {
                $0.hoursAtStake < $1.hoursAtStake || ($0.hoursAtStake == $1.hoursAtStake && $1.problem == "regathering")
            }) {
                guidance.append(worst)
            }
        }
        for d in input.duplicates where d.microseconds > 0 && (d.first.assistant != nil || d.second.assistant != nil) {
            let both = d.first == d.second ? "two \(who(d.first)) workers" : "\(who(d.first)) and \(who(d.second))"
            guidance.append(
                Guidance(
                    from: d.first, to: d.second, problem: "duplicate-work",
                    hoursAtStake: Double(d.microseconds) / 3.6e9,
                    practice: "one owner per stage: \(both) both investigated"))
        }
        guidance.sort {
            $0.hoursAtStake != $1.hoursAtStake
                ? $0.hoursAtStake > $1.hoursAtStake
                : ($0.from, $0.to, $0.problem) < ($1.from, $1.to, $1.problem)
        }

        let bySide = sides.sorted().map { side -> SideSummary in
            let out = input.handoffs.filter { $0.from == side }
            let n = out.reduce(0) { $0 + $1.handoffs }
            return SideSummary(
                side: side, handoffsOut: n,
                handoffsOutWithContextShare: share(out.reduce(0) { $0 + $1.contextCarried }, n),
                regatherAfterShare: share(out.reduce(0) { $0 + $1.regathered }, n),
                duplicateHours: Double(input.duplicateBySide[side] ?? 0) / 3.6e9)
        }
        self.init(
            sides: sides.sorted(), cells: cells.sorted { $0.key < $1.key }.map(\.value), bySide: bySide,
            brokenLinks: input.handoffs.reduce(0) { $0 + $1.brokenLinks }, otherCaseLinks: input.otherCaseLinks,
            cycleLinks: input.cycleLinks, aiOutputConsumedShare: share(input.aiTasksConsumed, input.aiTasks),
            duplicateHours: Double(input.duplicateBySide.values.reduce(0, +)) / 3.6e9,
            guidance: Array(guidance.prefix(Self.guidanceLimit)), path: input.path)
    }
}
