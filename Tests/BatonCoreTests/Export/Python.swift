import BatonTestSupport
import Foundation

/// Runs a Python 3 snippet, as an independent reader of what Baton writes (Python's `csv` and
/// `xml` modules are the references here, not Baton's own parsers).
enum Python {
    /// The interpreter, if this machine has one.
    static let executable: String? = ExternalProgram.python.path

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `script` with `arguments` and returns its standard output.
    static func run(_ script: String, arguments: [String]) throws -> Data {
        guard let executable else { throw Failed(description: "python3 not found") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-c", script] + arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("baton-py-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        // Output to a file, not a pipe: a pipe's reader would need a run loop or a thread.
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(description: "python3 exited with \(process.terminationStatus)")
        }
        return try Data(contentsOf: output)
    }

    /// The cells of a CSV file as Python's `csv` module reads them.
    static func csvCells(of text: String) throws -> [[String]] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("baton-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let data = try run(
            """
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8') as f:
                print(json.dumps(list(csv.reader(f, strict=True))))
            """, arguments: [file.path])
        return try JSONDecoder().decode([[String]].self, from: data)
    }
}
