import Testing

@testable import BatonHTTP

@Suite("In-flight budget")
struct InFlightBudgetTests {
    @Test("batches are admitted up to the batch bound; a refused batch holds nothing; release frees a slot")
    func batchBound() {
        var budget = InFlightBudget(maxBatches: 2, maxBytes: 100)
        #expect(budget.admit(bytes: 10) == nil)
        #expect(budget.admit(bytes: 10) == nil)
        #expect(budget.admit(bytes: 0) == .batches)
        #expect(budget.batches == 2)
        #expect(budget.bytes == 20)
        budget.release(bytes: 10)
        #expect(budget.admit(bytes: 0) == nil)
        #expect(budget.batches == 2)
        #expect(budget.bytes == 10)
    }

    @Test("bytes are bounded on admission and while a body grows; the bound itself fits")
    func byteBound() {
        var budget = InFlightBudget(maxBatches: 10, maxBytes: 100)
        #expect(budget.admit(bytes: 60) == nil)
        #expect(budget.admit(bytes: 41) == .bytes)
        #expect(budget.batches == 1)
        #expect(budget.admit(bytes: 0) == nil)
        #expect(budget.grow(by: 40) == nil)
        #expect(budget.bytes == 100)
        #expect(budget.grow(by: 1) == .bytes)
        #expect(budget.bytes == 100)
        budget.release(bytes: 40)
        budget.release(bytes: 60)
        #expect(budget.batches == 0)
        #expect(budget.bytes == 0)
        #expect(budget.admit(bytes: 100) == nil)
    }

    @Test("negative sizes are refused rather than minting room")
    func negativeSizes() {
        var budget = InFlightBudget(maxBatches: 1, maxBytes: 10)
        #expect(budget.admit(bytes: -5) == .bytes)
        #expect(budget.admit(bytes: 5) == nil)
        #expect(budget.grow(by: -5) == .bytes)
        #expect(budget.bytes == 5)
    }
}
