/// The shutdown grace period ran out with requests still in flight: they were cancelled, so
/// their batches were not acknowledged (the process exits with status 1).
package struct ShutdownGraceExceeded: Error, CustomStringConvertible {
    package var gracePeriod: Duration

    package var description: String {
        "the shutdown grace period (\(gracePeriod)) ran out with requests in flight; they were cancelled unacknowledged"
    }
}
