/// A benchmark failure with a message for the person running it (`baton bench` exits 1 with it).
package struct BenchError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
