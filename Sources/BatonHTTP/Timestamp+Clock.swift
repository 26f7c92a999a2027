import BatonCore
import Foundation

extension Timestamp {
    /// The current time (the system clock), to microseconds.
    static var now: Timestamp {
        Timestamp(microseconds: Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down)))
    }
}
