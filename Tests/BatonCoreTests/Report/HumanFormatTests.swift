import BatonCore
import Testing

@Suite struct HumanFormatTests {
    @Test("durations read as people say them")
    func durations() {
        #expect(HumanFormat.duration(seconds: 45) == "45 s")
        #expect(HumanFormat.duration(seconds: 12 * 60 + 20) == "12 min")
        #expect(HumanFormat.duration(seconds: 2 * 3_600 + 5 * 60) == "2 h 05 min")
        #expect(HumanFormat.duration(seconds: 3 * 86_400 + 4 * 3_600) == "3 d 4 h")
        #expect(HumanFormat.duration(seconds: -90 * 60) == "−1 h 30 min")
        #expect(HumanFormat.duration(microseconds: 5_400_000_000) == "1 h 30 min")
        #expect(HumanFormat.hours(0.5) == "30 min")
        #expect(HumanFormat.duration(seconds: .nan) == "–")
    }

    @Test("factors, percentages and signed hours")
    func numbers() {
        #expect(HumanFormat.factor(3.14) == "3.1×")
        #expect(HumanFormat.percent(0.04) == "4%")
        #expect(HumanFormat.percent(0.004) == "0.4%")
        #expect(HumanFormat.percent(-0.25) == "−25%")
        #expect(HumanFormat.percent(-0.004) == "−0.4%")
        // A bound rounds up, never down: 0.249% is within 0.25%, not within 0.2%.
        #expect(HumanFormat.percentBound(0.00249) == "0.25%")
        #expect(HumanFormat.percentBound(0.005) == "0.50%")
        #expect(HumanFormat.percentBound(0.0050001) == "0.51%")
        #expect(HumanFormat.signedPercent(0.004) == "+0.4%")
        #expect(HumanFormat.signedPercent(-0.25) == "−25%")
        #expect(HumanFormat.signedDuration(hours: -1.25) == "−1 h 15 min")
        #expect(HumanFormat.slowerOrFaster(hours: 0.5) == "30 min slower")
        #expect(HumanFormat.estimate(.ok(3, (2.5, 3.5)), HumanFormat.factor) == "3.0× (2.5× to 3.5×)")
        #expect(HumanFormat.estimate(.insufficient("x"), HumanFormat.factor) == "insufficient data")
        #expect(HumanFormat.signedHours(0.6) == "+0.6 h")
        #expect(HumanFormat.signedHours(-1.25) == "−1.2 h" || HumanFormat.signedHours(-1.25) == "−1.3 h")
    }
}
