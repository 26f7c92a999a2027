/// A line of `SQL/distribution.txt` that cannot be read.
package struct DistributionError: Error, CustomStringConvertible, Equatable {
    package var line: Int
    package var message: String
    package var description: String { "SQL/distribution.txt line \(line): \(message)" }

    package init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}
