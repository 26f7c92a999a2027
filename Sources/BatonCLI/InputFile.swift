import CompressNIO
import Foundation
import NIOCore

/// A file read chunk by chunk, inflated on the fly when it starts with gzip's magic number, so
/// that an import holds one chunk of it at a time, whatever its size.
///
/// Inflating is compress-nio's zlib (linked for the HTTP bodies already). A file that stops
/// inside the compressed stream (a truncated download) is an error, not a short import; several
/// gzip members one after the other (`cat a.gz b.gz`) are read as `gzip -dc` reads them.
final class InputFile {
    let path: String
    /// The file's size on disk, for progress.
    let size: Int
    /// Whether the file is gzip-compressed.
    let isGzip: Bool
    /// Bytes read from disk so far (compressed bytes for a gzip file), for progress.
    private(set) var bytesRead = 0

    private let handle: FileHandle
    private let chunkSize: Int
    private var decompressor: ZlibDecompressor?
    /// Compressed bytes read but not inflated yet.
    private var pending = ByteBuffer()
    private var atEndOfFile = false
    private var finished = false

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(path: String, chunkSize: Int = 1 << 20) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Failure(description: "cannot read \(path)") }
        self.path = path
        self.handle = handle
        self.chunkSize = chunkSize
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        self.size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        let magic = try handle.read(upToCount: 2) ?? Data()
        self.isGzip = magic.elementsEqual([0x1F, 0x8B])
        if isGzip {
            pending.writeBytes(magic)
            bytesRead = magic.count
            decompressor = try ZlibDecompressor(algorithm: .gzip)
        } else {
            try handle.seek(toOffset: 0)
        }
    }

    deinit { try? handle.close() }

    /// The next chunk of the file's (inflated) bytes, or nil at its end.
    func next() throws -> [UInt8]? {
        guard !finished else { return nil }
        guard isGzip else {
            let data = try handle.read(upToCount: chunkSize) ?? Data()
            bytesRead += data.count
            if data.isEmpty { finished = true }
            return data.isEmpty ? nil : Array(data)
        }
        return try nextInflated()
    }

    /// Every remaining byte of the file, inflated.
    func readAll() throws -> Data {
        var data = Data()
        while let chunk = try next() { data.append(contentsOf: chunk) }
        return data
    }

    private func readCompressed() throws {
        let data = try handle.read(upToCount: chunkSize) ?? Data()
        bytesRead += data.count
        if data.isEmpty { atEndOfFile = true } else { pending.writeBytes(data) }
    }

    private func nextInflated() throws -> [UInt8]? {
        var output = ByteBufferAllocator().buffer(capacity: chunkSize)
        while true {
            if pending.readableBytes == 0, !atEndOfFile { try readCompressed() }
            if pending.readableBytes == 0, atEndOfFile {
                // All input is in: the stream must have ended, or the file was cut short.
                guard try streamEnded() else {
                    throw Failure(description: "\(path) is truncated: the gzip stream stops before its end")
                }
                finished = true
                return output.readableBytes > 0 ? Array(output.readableBytesView) : nil
            }
            do {
                try decompressor?.inflate(from: &pending, to: &output)
            } catch let error as CompressNIOError where error == .bufferOverflow {
                return Array(output.readableBytesView)  // the output chunk is full
            } catch let error as CompressNIOError where error == .inputBufferOverflow {
                continue  // every pending byte was used: read more
            } catch {
                throw Failure(description: "\(path) is not valid gzip (\(error))")
            }
            if pending.readableBytes > 0 {
                // The member ended with input left: another member follows, or the file is damaged.
                guard pending.readableBytesView.starts(with: [0x1F, 0x8B]) else {
                    throw Failure(description: "\(path) has data after the end of its gzip stream")
                }
                decompressor = try ZlibDecompressor(algorithm: .gzip)
            }
            if output.writableBytes == 0 { return Array(output.readableBytesView) }
        }
    }

    /// Whether the current gzip member is complete: inflating nothing more then reports its end
    /// rather than asking for input.
    private func streamEnded() throws -> Bool {
        var empty = ByteBufferAllocator().buffer(capacity: 16)
        var sink = ByteBufferAllocator().buffer(capacity: 16)
        do {
            try decompressor?.inflate(from: &empty, to: &sink)
            return sink.readableBytes == 0
        } catch let error as CompressNIOError where error == .inputBufferOverflow {
            return false
        } catch {
            return false
        }
    }
}
