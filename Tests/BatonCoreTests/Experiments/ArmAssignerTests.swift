import BatonCore
import Foundation
import Testing

/// The keyed hash behind every arm (value-model §7): deterministic, at the share, and unrelated
/// to anything about the workflow ids.
@Suite("ArmAssigner: deterministic, at the share, independent of the ids")
struct ArmAssignerTests {
    static let secret = Array("a tenant's 32-byte test secret!!".utf8)
    static func ids(_ n: Int) -> [String] { (1...n).map { String(format: "case-%06d", $0) } }

    @Test("the same secret gives the same arm; another secret, or another experiment, other arms")
    func deterministic() {
        let a = ArmAssigner(secret: Self.secret)
        let again = ArmAssigner(secret: Self.secret)
        let other = ArmAssigner(secret: Array("another tenant's secret, 32 byte".utf8))
        let ids = Self.ids(1_000)
        let arms = ids.map { a.arm(experiment: "e1", workflowID: $0, holdoutShare: 0.2) }
        #expect(arms == ids.map { again.arm(experiment: "e1", workflowID: $0, holdoutShare: 0.2) })
        // Another tenant's arms are not computable from these: they agree only as chance does.
        let otherArms = ids.map { other.arm(experiment: "e1", workflowID: $0, holdoutShare: 0.2) }
        let agreement = Double(zip(arms, otherArms).filter { $0 == $1 }.count) / Double(ids.count)
        #expect(abs(agreement - (0.8 * 0.8 + 0.2 * 0.2)) < 0.05)
        let otherExperiment = ids.map { a.arm(experiment: "e2", workflowID: $0, holdoutShare: 0.2) }
        #expect(otherExperiment != arms)
        // The length prefix keeps ("ab", "c") and ("a", "bc") apart.
        #expect(a.draw(experiment: "ab", workflowID: "c") != a.draw(experiment: "a", workflowID: "bc"))
    }

    @Test("over 100,000 ids each arm's share is within 1 percentage point of the share", arguments: [0.05, 0.2, 0.5])
    func shares(holdout: Double) {
        let assigner = ArmAssigner(secret: Self.secret)
        let ids = Self.ids(100_000)
        let held = ids.filter { assigner.arm(experiment: "share", workflowID: $0, holdoutShare: holdout) == .holdout }
        let observed = Double(held.count) / Double(ids.count)
        #expect(abs(observed - holdout) < 0.01, "holdout share \(observed) for \(holdout)")
        #expect(abs((1 - observed) - (1 - holdout)) < 0.01)
    }

    @Test("draws do not follow the ids' order: rank correlation of index and draw within 4/sqrt(n)")
    func noOrderCorrelation() {
        let assigner = ArmAssigner(secret: Self.secret)
        let ids = Self.ids(100_000)
        let draws = ids.map { assigner.draw(experiment: "order", workflowID: $0) }
        let n = Double(draws.count)
        let meanIndex = (n - 1) / 2
        let meanDraw = draws.reduce(0, +) / n
        var (sxy, sxx, syy) = (0.0, 0.0, 0.0)
        for (i, d) in draws.enumerated() {
            let (x, y) = (Double(i) - meanIndex, d - meanDraw)
            sxy += x * y
            sxx += x * x
            syy += y * y
        }
        let r = sxy / (sxx * syy).squareRoot()
        #expect(abs(r) < 4 / n.squareRoot(), "correlation \(r)")
        // Neighbouring ids are independent too: lag-1 correlation of the draws.
        var lag = 0.0
        for i in 1..<draws.count { lag += (draws[i] - meanDraw) * (draws[i - 1] - meanDraw) }
        let r1 = lag / syy
        #expect(abs(r1) < 4 / n.squareRoot(), "lag-1 correlation \(r1)")
    }

    @Test("the holdout share is the same for every leading prefix of the ids, within sampling error")
    func noPrefixEffect() {
        let assigner = ArmAssigner(secret: Self.secret)
        let share = 0.2
        // Ten prefixes as SOC tools make them, 10,000 ids each.
        let prefixes = ["INC-", "case-", "SIR", "alert:", "2026-03-", "a", "b", "ticket#", "事件-", "x"]
        for prefix in prefixes {
            let n = 10_000
            let held = (0..<n).filter {
                assigner.arm(experiment: "prefix", workflowID: "\(prefix)\($0)", holdoutShare: share) == .holdout
            }.count
            let observed = Double(held) / Double(n)
            // Four standard errors of a binomial share.
            let bound = 4 * (share * (1 - share) / Double(n)).squareRoot()
            #expect(abs(observed - share) < bound, "prefix \(prefix): \(observed)")
        }
        // And by the ids' own leading digits: case-00…, case-01…, … (10,000 each of 100,000).
        let ids = (0..<100_000).map { String(format: "case-%06d", $0) }
        var buckets: [Substring: (held: Int, n: Int)] = [:]
        for id in ids {
            let key = id.prefix(7)
            let isHeld = assigner.arm(experiment: "prefix", workflowID: id, holdoutShare: share) == .holdout
            buckets[key, default: (0, 0)].held += isHeld ? 1 : 0
            buckets[key, default: (0, 0)].n += 1
        }
        #expect(buckets.count == 10)
        for (key, bucket) in buckets {
            let observed = Double(bucket.held) / Double(bucket.n)
            let bound = 4 * (share * (1 - share) / Double(bucket.n)).squareRoot()
            #expect(abs(observed - share) < bound, "bucket \(key): \(observed)")
        }
    }
}
