import BatonTestSupport
import Foundation
import Testing

@Suite("Tests that need an outside program skip without it, except under BATON_REQUIRE_EXTERNAL=1")
struct ExternalProgramTests {
    static let missing = ExternalProgram(name: "frobnicator", path: nil, install: "apt-get install frobnicator")
    static let present = ExternalProgram(name: "sh", path: "/bin/sh", install: "apt-get install dash")

    @Test("a missing program skips its tests on a developer's machine, with the reason and install command")
    func skipsWhenMissing() {
        #expect(!Self.missing.runs(environment: [:]))
        #expect(!Self.missing.runs(environment: ["BATON_REQUIRE_EXTERNAL": "0"]))
        #expect(Self.missing.skipReason.contains("frobnicator not found: apt-get install frobnicator"))
    }

    @Test("under BATON_REQUIRE_EXTERNAL=1 a missing program's tests run (and fail), never skip")
    func requiredRuns() {
        #expect(ExternalProgram.required(environment: ["BATON_REQUIRE_EXTERNAL": "1"]))
        #expect(Self.missing.runs(environment: ["BATON_REQUIRE_EXTERNAL": "1"]))
    }

    @Test("a present program runs either way")
    func presentRuns() {
        #expect(Self.present.runs(environment: [:]))
        #expect(Self.present.runs(environment: ["BATON_REQUIRE_EXTERNAL": "1"]))
    }

    @Test("programs are looked up on PATH, then the fallbacks")
    func lookup() {
        #expect(ExternalProgram.onPath("sh", environment: ["PATH": "/nonexistent:/bin"]) == "/bin/sh")
        #expect(ExternalProgram.onPath("sh", environment: ["PATH": "/nonexistent"]) == nil)
        #expect(
            ExternalProgram.onPath("sh", fallbacks: ["/bin/sh"], environment: ["PATH": "/nonexistent"]) == "/bin/sh")
    }

    @Test("CI sets BATON_REQUIRE_EXTERNAL=1 before swift test")
    func ciRequires() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let script = try String(contentsOf: root.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(script.contains("export BATON_REQUIRE_EXTERNAL=1"))
    }
}
