import Foundation
import Testing

@testable import BatonCore

@Suite struct DurationHistogramCodableTests {
    @Test func roundTripsThroughJSONAsTwoArrays() throws {
        let values = DurationSamples.realistic(10_000, medianMinutes: 8, sigma: 1.3, seed: 21)
        let h = DurationHistogram(values)
        let data = try JSONEncoder().encode(h)
        #expect(try JSONDecoder().decode(DurationHistogram.self, from: data) == h)
        // The compact form: the bins and their counts, nothing else.
        let raw = try JSONDecoder().decode([String: [Int64]].self, from: data)
        #expect(Set(raw.keys) == ["bins", "counts"])
        #expect(raw["bins"] == h.bins.map(Int64.init))
        #expect(raw["counts"] == h.counts)
        #expect(raw["bins"]?.first == Int64(Int32.min))
    }

    @Test func aRollupRoundTripsWithItsExactSum() throws {
        let values = DurationSamples.realistic(2_000, medianMinutes: 8, sigma: 1.3, seed: 22)
        let rollup = DurationRollup(values)
        #expect(rollup.sum == values.reduce(0, +))
        let decoded = try JSONDecoder().decode(DurationRollup.self, from: JSONEncoder().encode(rollup))
        #expect(decoded == rollup)
    }

    @Test func refusesAStoredFormThatIsNotCanonical() {
        for json in [
            #"{"bins":[3,1],"counts":[1,1]}"#, #"{"bins":[1,3],"counts":[1,0]}"#, #"{"bins":[1,3],"counts":[1]}"#,
        ] {
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(DurationHistogram.self, from: Data(json.utf8))
            }
        }
    }
}
