extension ValueReport {
    /// One side of an intervention's comparison: the cases and handoffs whose waiting began before
    /// (or at and after) the date, and their mean wait per handoff.
    public struct InterventionSide: Codable, Sendable, Hashable {
        /// Cases with at least one such handoff.
        public var cases: Int
        public var handoffs: Int
        /// Minutes per handoff. For the comparison handoffs, their classes' means weighted by each
        /// class's handoffs (`Docs/metrics.md`), so a shift in the mix of classes is not a change.
        public var meanWaitMinutes: Double?

        public init(cases: Int, handoffs: Int, meanWaitMinutes: Double?) {
            self.cases = cases
            self.handoffs = handoffs
            self.meanWaitMinutes = meanWaitMinutes
        }
    }

    /// What a recorded intervention did to its target's waiting (`Docs/interventions.md`,
    /// `Docs/metrics.md`): the target's mean wait per handoff after the date, minus what it would
    /// have been had it changed in the proportion the untargeted handoff classes changed over the
    /// same dates (a difference in differences on the proportional scale), with a 95% interval
    /// that treats cases, not handoffs, as independent.
    public struct InterventionEffect: Codable, Sendable, Hashable {
        public var id: Int
        /// When the change took effect (RFC 3339).
        public var date: String
        /// `handoff-class`, `assistant-pair` or `assistant`.
        public var targetKind: String
        public var target: String
        public var description: String
        /// How the comparison handoffs are grouped into classes: `tool` pairs for a handoff-class
        /// target, `assistant` pairs otherwise.
        public var controlClassing: String
        /// The comparison classes with handoffs on both sides of the date.
        public var controlClasses: Int
        public var targetBefore: InterventionSide
        public var targetAfter: InterventionSide
        public var controlBefore: InterventionSide
        public var controlAfter: InterventionSide
        /// The comparison's proportional change of waiting, after over before, minus 1.
        public var controlChange: Double?
        /// The target's mean wait per handoff after the date had it changed as the comparison did
        /// (its mean before × the comparison's after-over-before ratio), minutes.
        public var counterfactualMeanWaitMinutes: Double?
        /// The effect: the target's mean wait per handoff after the date minus the counterfactual,
        /// minutes per handoff (negative: waiting fell), with its 95% interval.
        public var effectMinutes: Estimate
        /// The effect as a share of the counterfactual (−0.4: 40% shorter waits).
        public var relativeEffect: Double?
        /// `changed` (the interval excludes 0), `no clear change`, `insufficient data`, or
        /// `before the period` (dated before the report's period: not measured here).
        public var verdict: String
        /// The figure in a sentence.
        public var summary: String
        /// What the reader must know before trusting the figure.
        public var warnings: [String]
    }
}
