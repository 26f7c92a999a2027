/// The period's coordination aggregates (value-model §8) as storage computes them in SQL over
/// the stored handoff rows, and as ``aggregate(_:)`` computes them from derived handoffs (the
/// simulator's tests and the storage test that compares the two). Times in microseconds.
public struct CoordinationInput: Sendable, Hashable {
    /// Handoffs (not intakes) from one side to another.
    public struct HandoffGroup: Sendable, Hashable {
        public var from: CoordinationSide
        public var to: CoordinationSide
        public var handoffs: Int
        /// The median wait (interpolated, as SQL's `percentile_cont(0.5)`).
        public var medianWait: Double?
        public var wait: Int64
        public var contextCarried: Int
        /// Waiting before handoffs that carried no context.
        public var uncarriedWait: Int64
        /// Re-gathered: a `context-regathering` task after the from-task, or that tag.
        public var regathered: Int
        public var regatheredWait: Int64
        /// Tagged `ai-output-rework`.
        public var reworked: Int
        /// Out of an AI task into a task that names no producer in the case.
        public var brokenLinks: Int

        public init(
            from: CoordinationSide, to: CoordinationSide, handoffs: Int, medianWait: Double?, wait: Int64,
            contextCarried: Int, uncarriedWait: Int64, regathered: Int, regatheredWait: Int64, reworked: Int,
            brokenLinks: Int
        ) {
            self.from = from
            self.to = to
            self.handoffs = handoffs
            self.medianWait = medianWait
            self.wait = wait
            self.contextCarried = contextCarried
            self.uncarriedWait = uncarriedWait
            self.regathered = regathered
            self.regatheredWait = regatheredWait
            self.reworked = reworked
            self.brokenLinks = brokenLinks
        }
    }

    /// Producer → consumer links (`context_from` naming a task of the same case).
    public struct LinkGroup: Sendable, Hashable {
        public var producer: CoordinationSide
        public var consumer: CoordinationSide
        public var links: Int
        /// Median of producer end to consumer start, over links whose producer has ended.
        public var medianWait: Double?
        public var regathered: Int
        public var reworked: Int

        public init(
            producer: CoordinationSide, consumer: CoordinationSide, links: Int, medianWait: Double?, regathered: Int,
            reworked: Int
        ) {
            self.producer = producer
            self.consumer = consumer
            self.links = links
            self.medianWait = medianWait
            self.regathered = regathered
            self.reworked = reworked
        }
    }

    /// Time a later-starting worker (`second`) worked the same stage of a case while `first` did.
    public struct DuplicateGroup: Sendable, Hashable {
        public var first: CoordinationSide
        public var second: CoordinationSide
        public var microseconds: Int64

        public init(first: CoordinationSide, second: CoordinationSide, microseconds: Int64) {
            self.first = first
            self.second = second
            self.microseconds = microseconds
        }
    }

    public var handoffs: [HandoffGroup]
    public var links: [LinkGroup]
    public var duplicates: [DuplicateGroup]
    /// Effort beyond touch time by side: the time its tasks duplicated earlier work.
    public var duplicateBySide: [CoordinationSide: Int64]
    public var otherCaseLinks: Int
    public var cycleLinks: Int
    /// AI tasks of the period, and those whose output a named task consumed (a link's producer).
    public var aiTasks: Int
    public var aiTasksConsumed: Int
    /// Read from every handoff row (``ComputationPath/rows``), or from the daily rollups
    /// (``ComputationPath/rollups``: medians within ``DurationHistogram/relativeAccuracy``).
    public var path: ComputationPath

    public init(
        handoffs: [HandoffGroup] = [], links: [LinkGroup] = [], duplicates: [DuplicateGroup] = [],
        duplicateBySide: [CoordinationSide: Int64] = [:], otherCaseLinks: Int = 0, cycleLinks: Int = 0,
        aiTasks: Int = 0, aiTasksConsumed: Int = 0, path: ComputationPath = .rows
    ) {
        self.handoffs = handoffs
        self.links = links
        self.duplicates = duplicates
        self.duplicateBySide = duplicateBySide
        self.otherCaseLinks = otherCaseLinks
        self.cycleLinks = cycleLinks
        self.aiTasks = aiTasks
        self.aiTasksConsumed = aiTasksConsumed
        self.path = path
    }
}
