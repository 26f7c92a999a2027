import Crypto

/// The arm of a case in an experiment: a keyed hash of the tenant's secret, the experiment's name
/// and the workflow id, compared with the holdout share (value-model §7).
///
/// The answer depends on nothing else, so it is the same on every ask, in every replica and after
/// restarts, and nobody without the secret can predict (or steer) which cases are held out. The
/// HTTP service and the simulator's tools both ask through this type.
public struct ArmAssigner: Sendable {
    private let key: SymmetricKey

    /// - Parameter secret: the tenant's assignment secret; at least 16 bytes.
    public init(secret: [UInt8]) {
        precondition(secret.count >= 16, "an assignment secret needs at least 16 bytes")
        key = SymmetricKey(data: secret)
    }

    /// A number uniform on [0, 1) for the case: the first 53 bits of
    /// HMAC-SHA-256(secret, length of the experiment's name ‖ name ‖ workflow id) over 2⁵³. The
    /// length prefix (4 bytes, big-endian) keeps any two (experiment, workflow) pairs apart, whatever
    /// characters the names hold.
    public func draw(experiment: String, workflowID: String) -> Double {
        let name = Array(experiment.utf8)
        let length = UInt32(truncatingIfNeeded: name.count)
        var message: [UInt8] = [
            UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF),
        ]
        message += name
        message += Array(workflowID.utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
        var bits: UInt64 = 0
        for byte in mac.prefix(8) { bits = bits << 8 | UInt64(byte) }
        // 53 bits: every value is exact in a Double, so the draw is < 1.
        return Double(bits >> 11) / 9_007_199_254_740_992
    }

    /// The case's arm: holdout when its draw falls below the share.
    public func arm(experiment: String, workflowID: String, holdoutShare: Double) -> ExperimentArm {
        draw(experiment: experiment, workflowID: workflowID) < holdoutShare ? .holdout : .use
    }
}
