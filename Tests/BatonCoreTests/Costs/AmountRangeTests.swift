import Testing

@testable import BatonCore

@Suite struct AmountRangeTests {
    @Test("the documented maximum is in, anything past it out, however it would round")
    func bounds() {
        for maximum in [AmountRange.price, AmountRange.hourlyRate, AmountRange.monthlyCost] {
            #expect(AmountRange.contains(0, maximum: maximum))
            #expect(AmountRange.contains(maximum, maximum: maximum))
            #expect(!AmountRange.contains(maximum.nextUp, maximum: maximum))
            #expect(!AmountRange.contains(maximum + 0.5, maximum: maximum))
            #expect(!AmountRange.contains(-0.01, maximum: maximum))
            #expect(!AmountRange.contains(.nan, maximum: maximum))
            #expect(!AmountRange.contains(.infinity, maximum: maximum))
        }
        #expect(AmountRange.requirement(maximum: AmountRange.price) == "a number from 0 to 999999999")
    }
}
