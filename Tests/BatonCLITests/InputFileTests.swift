import CompressNIO
import Foundation
import NIOCore
import Testing

@testable import BatonCLI

@Suite("InputFile: chunked reading, gzip inflated with compress-nio")
struct InputFileTests {
    /// Text long enough to span many chunks, and not so repetitive that it compresses to nothing.
    static let text: [UInt8] = {
        var bytes: [UInt8] = []
        var state: UInt64 = 42
        for line in 0..<4_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes += Array("\(line),\(state),case-\(state % 997)\n".utf8)
        }
        return bytes
    }()

    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        var input = ByteBuffer(bytes: bytes)
        let compressed = try input.compress(with: .gzip())
        return Array(compressed.readableBytesView)
    }

    static func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baton-input-\(UUID().uuidString)")
            .path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func read(_ path: String, chunkSize: Int) throws -> (bytes: [UInt8], chunks: Int, file: InputFile) {
        let file = try InputFile(path: path, chunkSize: chunkSize)
        var bytes: [UInt8] = []
        var chunks = 0
        while let chunk = try file.next() {
            #expect(chunk.count <= chunkSize * 2)
            bytes += chunk
            chunks += 1
        }
        return (bytes, chunks, file)
    }

    @Test("a plain file comes back as it is, chunk by chunk")
    func plain() throws {
        let path = try Self.file(Self.text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (bytes, chunks, file) = try Self.read(path, chunkSize: 4_096)
        #expect(!file.isGzip)
        #expect(bytes == Self.text)
        #expect(chunks == (Self.text.count + 4_095) / 4_096)
        #expect(file.bytesRead == Self.text.count)
    }

    @Test("a gzip file is inflated in chunks smaller than the whole")
    func gzip() throws {
        let compressed = try Self.gzip(Self.text)
        let path = try Self.file(compressed)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (bytes, chunks, file) = try Self.read(path, chunkSize: 1_024)
        #expect(file.isGzip)
        #expect(bytes == Self.text)
        #expect(chunks > 10)
        #expect(file.bytesRead == compressed.count)
        #expect(try Gunzip.decompress(path) == Data(Self.text))
    }

    @Test("two gzip members one after the other read as gzip -dc reads them")
    func members() throws {
        let half = Self.text.count / 2
        let path = try Self.file(
            try Self.gzip(Array(Self.text[..<half])) + Self.gzip(Array(Self.text[half...])))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try Self.read(path, chunkSize: 777).bytes == Self.text)
    }

    @Test("a truncated gzip file is an error, not a short read")
    func truncated() throws {
        let compressed = try Self.gzip(Self.text)
        let path = try Self.file(Array(compressed.dropLast(40)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: InputFile.Failure.self) { try Self.read(path, chunkSize: 1_024) }
        #expect(throws: CLIError.self) { try Gunzip.decompress(path) }
    }

    @Test("bytes after the gzip stream that start no member are an error")
    func trailingGarbage() throws {
        let path = try Self.file(try Self.gzip(Self.text) + Array("garbage".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: InputFile.Failure.self) { try Self.read(path, chunkSize: 1_024) }
        #expect(error?.description.contains("after the end of its gzip stream") == true)
    }

    @Test("corrupt gzip data is an error naming the file")
    func corrupt() throws {
        var compressed = try Self.gzip(Self.text)
        for index in 20..<60 { compressed[index] ^= 0x5A }
        let path = try Self.file(compressed)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: InputFile.Failure.self) { try Self.read(path, chunkSize: 1_024) }
        #expect(error?.description.contains(path) == true)
    }
}
