import Foundation

/// A program (or file) a test needs that Baton itself does not: LibreOffice, `python3`, the
/// shared BPI 2013 log. On a developer's machine a missing one skips its tests visibly (Swift
/// Testing prints the skip with the reason, which names the install command); under
/// `BATON_REQUIRE_EXTERNAL=1`, which `.ci/run` sets, the tests run anyway and fail on the
/// missing program, so CI never skips one.
package struct ExternalProgram: Sendable {
    /// What is missing, for the skip message ("LibreOffice (soffice)").
    package var name: String
    /// Where it was found, if it was.
    package var path: String?
    /// How to get it ("apt-get install libreoffice-calc-nogui").
    package var install: String

    package init(name: String, path: String?, install: String) {
        self.name = name
        self.path = path
        self.install = install
    }

    /// The first executable named `command` on `PATH` (or on `fallbacks`).
    package static func onPath(
        _ command: String, fallbacks: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        let candidates = path.split(separator: ":").map { "\($0)/\(command)" } + fallbacks
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether CI demands every external program (`BATON_REQUIRE_EXTERNAL=1`).
    package static func required(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        environment["BATON_REQUIRE_EXTERNAL"] == "1"
    }

    /// Whether the tests that need this program run: when it is present, or when it is required
    /// (they then fail on its absence instead of skipping).
    package func runs(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        path != nil || Self.required(environment: environment)
    }

    /// The reason printed when the tests are skipped.
    package var skipReason: String {
        "\(name) not found: \(install) (bash .ci/run installs it and sets BATON_REQUIRE_EXTERNAL=1, which never skips)"
    }

    // The programs Baton's tests use.

    /// LibreOffice, which opens the survey CSV as a spreadsheet user would.
    package static let libreOffice = ExternalProgram(
        name: "LibreOffice (soffice)",
        path: onPath("soffice", fallbacks: ["/usr/lib/libreoffice/program/soffice"]),
        install: "apt-get install libreoffice-calc-nogui")

    /// Python 3, an independent reader of the CSV and XES exports (its standard library only).
    package static let python = ExternalProgram(
        name: "python3", path: onPath("python3"), install: "apt-get install python3")

    /// A Python with the OpenTelemetry project's protobuf classes (opentelemetry-proto and
    /// protobuf, pinned in `.ci/requirements.txt`), the reference decoder of the OTLP differential
    /// test: `BATON_OTLP_PYTHON`, which `.ci/run` sets to its venv's interpreter.
    package static let otlpPython = ExternalProgram(
        name: "Python with opentelemetry-proto (BATON_OTLP_PYTHON)",
        path: ProcessInfo.processInfo.environment["BATON_OTLP_PYTHON"].flatMap {
            FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil
        },
        install: "python3 -m venv V && V/bin/pip install -r .ci/requirements.txt, then BATON_OTLP_PYTHON=V/bin/python")
}
