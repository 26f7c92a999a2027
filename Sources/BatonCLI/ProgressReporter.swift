import Foundation

/// Loading progress: a bar redrawn in place on a terminal, plain lines every 10% otherwise.
final class ProgressReporter {
    let label: String
    private(set) var total: Int
    let isTerminal: Bool
    private var lastDecile = -1

    init(label: String, total: Int) {
        self.label = label
        self.total = max(total, 1)
        self.isTerminal = isatty(STDERR_FILENO) == 1
    }

    /// Reports progress when the total is only known along the way.
    func update(_ done: Int, of total: Int) {
        self.total = max(total, 1)
        update(done)
    }

    func update(_ done: Int) {
        let fraction = min(Double(done) / Double(total), 1)
        if isTerminal {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            write("\r\(label) [\(bar)] \(Int(fraction * 100))% \(done)/\(total)")
            if done >= total { write("\n") }
        } else {
            let decile = Int(fraction * 10)
            guard decile != lastDecile else { return }
            lastDecile = decile
            write("\(label): \(Int(fraction * 100))% (\(done)/\(total))\n")
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
