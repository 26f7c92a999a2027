import ArgumentParser
import BatonCLI
import Foundation

/// The `baton` executable: parses the command line and hands over to ``BatonCommand``.
@main
struct BatonMain {
    static func main() async {
        do {
            var command = try BatonCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // The contract's exit codes: 2 for a usage error (ArgumentParser itself uses 64), 1 for
            // a runtime failure; help and version stay 0.
            let code = BatonCommand.exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((BatonCommand.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            BatonCommand.exit(withError: error)
        }
    }
}
