import BatonCore
import Foundation
import NIOCore
import PostgresNIO

/// One column of a batch as a single array parameter in PostgreSQL's binary format, NULL
/// elements included; statements turn several into rows with `unnest(a, b, …)`.
///
/// Ingest used to send a batch as one JSON text for `jsonb_to_recordset`: Baton spent a fifth of
/// its CPU encoding JSON and PostgreSQL parsed it again. PostgresNIO's own array binds cannot
/// carry NULL elements, which most columns have, hence this type.
struct ArrayBind: PostgresThrowingDynamicTypeEncodable {
    let psqlType: PostgresDataType
    var psqlFormat: PostgresFormat { .binary }
    private let elementType: PostgresDataType
    private var count: Int32 = 0
    private var hasNull = false
    private var elements = ByteBuffer()

    private init(array: PostgresDataType, element: PostgresDataType) {
        psqlType = array
        elementType = element
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) throws {
        // Header: dimensions (0 for an empty array), NULL flag, element type; then per dimension
        // its length and lower bound; then each element as a length (-1 for NULL) and its bytes.
        byteBuffer.writeInteger(Int32(count == 0 ? 0 : 1))
        byteBuffer.writeInteger(Int32(hasNull ? 1 : 0))
        byteBuffer.writeInteger(elementType.rawValue)
        if count > 0 {
            byteBuffer.writeInteger(count)
            byteBuffer.writeInteger(Int32(1))
        }
        byteBuffer.writeImmutableBuffer(elements)
    }

    private mutating func appendNull() {
        count += 1
        hasNull = true
        elements.writeInteger(Int32(-1))
    }

    private mutating func append(length: Int32, _ write: (inout ByteBuffer) -> Void) {
        count += 1
        elements.writeInteger(length)
        write(&elements)
    }

    static func text(_ values: some Sequence<String?>) -> ArrayBind {
        var bind = ArrayBind(array: .textArray, element: .text)
        for value in values {
            guard let value else {
                bind.appendNull()
                continue
            }
            bind.append(length: Int32(value.utf8.count)) { $0.writeString(value) }
        }
        return bind
    }

    /// PostgreSQL counts timestamps in microseconds from 2000-01-01 UTC.
    private static let postgresEpochMicroseconds: Int64 = 946_684_800_000_000

    static func timestamptz(_ values: some Sequence<Timestamp?>) -> ArrayBind {
        var bind = ArrayBind(array: .timestamptzArray, element: .timestamptz)
        for value in values {
            guard let value else {
                bind.appendNull()
                continue
            }
            bind.append(length: 8) { $0.writeInteger(value.microseconds - postgresEpochMicroseconds) }
        }
        return bind
    }

    static func int8(_ values: some Sequence<Int64?>) -> ArrayBind {
        var bind = ArrayBind(array: .int8Array, element: .int8)
        for value in values {
            guard let value else {
                bind.appendNull()
                continue
            }
            bind.append(length: 8) { $0.writeInteger(value) }
        }
        return bind
    }

    static func int4(_ values: some Sequence<Int>) -> ArrayBind {
        var bind = ArrayBind(array: .int4Array, element: .int4)
        for value in values { bind.append(length: 4) { $0.writeInteger(Int32(value)) } }
        return bind
    }

    static func bool(_ values: some Sequence<Bool>) -> ArrayBind {
        var bind = ArrayBind(array: .boolArray, element: .bool)
        for value in values { bind.append(length: 1) { $0.writeInteger(UInt8(value ? 1 : 0)) } }
        return bind
    }

    /// `jsonb` elements: a version byte (1) and the JSON text.
    static func jsonb(_ values: some Sequence<JSONValue?>) throws -> ArrayBind {
        var bind = ArrayBind(array: .jsonbArray, element: .jsonb)
        let encoder = Foundation.JSONEncoder()
        for value in values {
            guard let value else {
                bind.appendNull()
                continue
            }
            let json = try encoder.encode(value)
            bind.append(length: Int32(json.count + 1)) {
                $0.writeInteger(UInt8(1))
                $0.writeBytes(json)
            }
        }
        return bind
    }
}
