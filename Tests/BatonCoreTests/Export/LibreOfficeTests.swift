import BatonTestSupport
import Foundation
import Testing

@testable import BatonCore

/// The survey CSV opened by a spreadsheet: LibreOffice (Debian's `libreoffice-calc-nogui`, which
/// `.ci/run` installs) imports it, saves it as a spreadsheet, and writes that back as CSV; the
/// cells must be what Baton wrote: hostile names stay text, never formulas, numbers keep value.
// Skipped, with the reason and the install command, where LibreOffice is missing, unless
// BATON_REQUIRE_EXTERNAL=1 (CI), which runs it and fails on the missing program.
@Suite(
    "The survey CSV in LibreOffice",
    .enabled(
        if: ExternalProgram.libreOffice.runs() && ExternalProgram.python.runs(),
        Comment(
            rawValue: [ExternalProgram.libreOffice, .python].filter { $0.path == nil }.map(\.skipReason).joined(
                separator: "; "))), .timeLimit(.minutes(10)))
struct LibreOfficeTests {
    static let soffice: String? = ExternalProgram.libreOffice.path

    static func run(_ arguments: [String], home: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(soffice))
        process.arguments = ["--headless", "--norestore"] + arguments
        // A profile of its own, so a running LibreOffice or another test cannot interfere.
        process.environment = ["HOME": home.path, "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "soffice \(arguments.first ?? "") exited \(process.terminationStatus)")
    }

    @Test("LibreOffice reads back the same cells, hostile names as text")
    func sameCells() throws {
        _ = try #require(Self.soffice, "\(ExternalProgram.libreOffice.skipReason)")
        let text = SurveyExport(report: SurveyFixtures.report, context: SurveyFixtures.context, anonymize: false).csv()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baton-lo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("survey.csv")
        try Data(text.utf8).write(to: input)
        // Import as UTF-8 comma-separated with double quotes, no special-number detection (a
        // spreadsheet user's default would turn ISO dates into dates; the cells stay as written).
        try Self.run(
            [
                "--infilter=CSV:44,34,76,1,,1033,false,false", "--convert-to", "ods", "--outdir", directory.path,
                input.path,
            ],
            home: directory)
        let ods = directory.appendingPathComponent("survey.ods")
        #expect(FileManager.default.fileExists(atPath: ods.path))
        let out = directory.appendingPathComponent("back")
        try Self.run(
            [
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false", "--outdir",
                out.path, ods.path,
            ],
            home: directory)
        let back = try String(contentsOf: out.appendingPathComponent("survey.csv"), encoding: .utf8)
        let original = try Python.csvCells(of: text)
        let reread = try Python.csvCells(of: back)
        #expect(reread.count == original.count)
        for (row, (a, b)) in zip(original, reread).enumerated() {
            #expect(a.count == b.count, "row \(row)")
            for (column, (x, y)) in zip(a, b).enumerated() where x != y {
                // A number may come back in another spelling (3.50 → 3.5), never another value.
                if let u = Double(x), let v = Double(y), abs(u - v) <= 1e-12 * max(1, abs(u)) { continue }
                Issue.record(
                    "row \(row) column \(column): wrote \(x.debugDescription), LibreOffice read \(y.debugDescription)")
            }
        }
        // The formula-looking names are still there as text.
        #expect(back.contains("HYPERLINK"))
        #expect(reread.joined().contains { $0.hasPrefix("'=HYPERLINK") })
    }
}
