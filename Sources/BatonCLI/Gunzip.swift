import Foundation

/// Decompresses a gzip file in memory with compress-nio's zlib (``InputFile``): no outside
/// program, no temporary file.
enum Gunzip {
    static func decompress(_ path: String) throws -> Data {
        do {
            let file = try InputFile(path: path)
            guard file.isGzip else { throw CLIError("\(path) is not gzip-compressed") }
            return try file.readAll()
        } catch let failure as InputFile.Failure {
            throw CLIError(failure.description)
        }
    }
}
