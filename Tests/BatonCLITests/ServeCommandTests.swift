import ArgumentParser
import Testing

@testable import BatonCLI

@Suite("baton serve options")
struct ServeCommandTests {
    @Test("a service interval: 0 turns it off, seconds up to the bound, beyond or below is refused naming the option")
    func intervals() throws {
        #expect(try ServeCommand.interval(0, option: "--x", atMost: 60) == nil)
        #expect(try ServeCommand.interval(2.5, option: "--x", atMost: 60) == .milliseconds(2500))
        #expect(try ServeCommand.interval(60, option: "--x", atMost: 60) == .seconds(60))
        for bad in [-1.0, 60.5] {
            #expect {
                try ServeCommand.interval(bad, option: "--maintenance-interval", atMost: 60)
            } throws: { error in
                "\(error)".contains("--maintenance-interval must be 0 (off) or at most 60 seconds")
            }
        }
    }
}
