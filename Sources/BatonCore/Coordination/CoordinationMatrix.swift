/// The coordination matrix of value-model §8, as the report, `GET /v1/coordination`, the web
/// heatmap and the survey CSV show it: rows are the side work came from, columns the side it
/// went to; assistants by name, then `human`. Hours and minutes, shares as fractions.
public struct CoordinationMatrix: Codable, Sendable, Hashable {
    /// One ordered pair of sides.
    public struct Cell: Codable, Sendable, Hashable {
        public var from: CoordinationSide
        public var to: CoordinationSide
        /// Handoffs (frontier moves of value-model §2) from `from` to `to`.
        public var handoffs: Int
        public var waitingHours: Double
        public var medianWaitMinutes: Double?
        public var contextCarriedShare: Double?
        public var regatherShare: Double?
        public var reworkShare: Double?
        /// Handoffs out of `from`'s AI whose next task named no producer.
        public var brokenLinks: Int
        /// Lineage: `to` consumed `from`'s output (`context_from`), adjacent or not.
        public var links: Int
        public var medianLinkWaitMinutes: Double?
        public var linkRegatherShare: Double?
        public var linkReworkShare: Double?
        /// Time `to` worked a case's stage while `from`, who started first, was working it.
        public var duplicateHours: Double

        public init(from: CoordinationSide, to: CoordinationSide) {
            self.from = from
            self.to = to
            handoffs = 0
            waitingHours = 0
            brokenLinks = 0
            links = 0
            duplicateHours = 0
        }
    }

    /// One side's figures for the survey CSV.
    public struct SideSummary: Codable, Sendable, Hashable {
        public var side: CoordinationSide
        public var handoffsOut: Int
        public var handoffsOutWithContextShare: Double?
        public var regatherAfterShare: Double?
        /// Effort beyond touch time: the time its tasks duplicated another worker's earlier work.
        public var duplicateHours: Double

        public init(
            side: CoordinationSide, handoffsOut: Int, handoffsOutWithContextShare: Double?, regatherAfterShare: Double?,
            duplicateHours: Double
        ) {
            self.side = side
            self.handoffsOut = handoffsOut
            self.handoffsOutWithContextShare = handoffsOutWithContextShare
            self.regatherAfterShare = regatherAfterShare
            self.duplicateHours = duplicateHours
        }
    }

    /// A practice for one of the worst cells (value-model §8 guidance).
    public struct Guidance: Codable, Sendable, Hashable {
        public var from: CoordinationSide
        public var to: CoordinationSide
        /// `low-context`, `regathering` or `duplicate-work`.
        public var problem: String
        public var hoursAtStake: Double
        public var practice: String

        public init(
            from: CoordinationSide, to: CoordinationSide, problem: String, hoursAtStake: Double, practice: String
        ) {
            self.from = from
            self.to = to
            self.problem = problem
            self.hoursAtStake = hoursAtStake
            self.practice = practice
        }
    }

    /// The sides, in row (and column) order.
    public var sides: [CoordinationSide]
    /// Only the pairs with any handoff, link or duplicated time, row by row.
    public var cells: [Cell]
    public var bySide: [SideSummary]
    public var brokenLinks: Int
    /// `context_from` naming a task outside the case, or on a cycle: ignored and counted.
    public var otherCaseLinks: Int
    public var cycleLinks: Int
    /// Readiness: the share of AI tasks whose output a named task consumed.
    public var aiOutputConsumedShare: Double?
    public var duplicateHours: Double
    public var guidance: [Guidance]
    /// How the figures were read: from every handoff row, or from the daily rollups (medians
    /// within 0.25%, value-model §10).
    public var path: ComputationPath

    public init(
        sides: [CoordinationSide] = [], cells: [Cell] = [], bySide: [SideSummary] = [], brokenLinks: Int = 0,
        otherCaseLinks: Int = 0, cycleLinks: Int = 0, aiOutputConsumedShare: Double? = nil, duplicateHours: Double = 0,
        guidance: [Guidance] = [], path: ComputationPath = .rows
    ) {
        self.sides = sides
        self.cells = cells
        self.bySide = bySide
        self.brokenLinks = brokenLinks
        self.otherCaseLinks = otherCaseLinks
        self.cycleLinks = cycleLinks
        self.aiOutputConsumedShare = aiOutputConsumedShare
        self.duplicateHours = duplicateHours
        self.guidance = guidance
        self.path = path
    }

    /// The cell of a pair, if it has any figure.
    public func cell(_ from: CoordinationSide, _ to: CoordinationSide) -> Cell? {
        cells.first { $0.from == from && $0.to == to }
    }
}

extension CoordinationMatrix {
    /// One side's figures; a side with no figure has none handed out and nothing duplicated.
    public func summary(of side: CoordinationSide) -> SideSummary {
        bySide.first { $0.side == side }
            ?? SideSummary(
                side: side, handoffsOut: 0, handoffsOutWithContextShare: nil, regatherAfterShare: nil,
                duplicateHours: 0)
    }

    /// Every side together (the survey CSV's SOC row).
    public var overall: SideSummary {
        let n = cells.reduce(0) { $0 + $1.handoffs }
        func total(_ share: (Cell) -> Double?) -> Double? {
            n == 0 ? nil : cells.reduce(0.0) { $0 + (share($1) ?? 0) * Double($1.handoffs) } / Double(n)
        }
        return SideSummary(
            side: .human, handoffsOut: n, handoffsOutWithContextShare: total(\.contextCarriedShare),
            regatherAfterShare: total(\.regatherShare), duplicateHours: duplicateHours)
    }
}
