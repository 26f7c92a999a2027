package import PostgresNIO

extension PostgresRowSequence {
    /// Reads and discards the rows, so the statement has completed when this returns.
    package func drain() async throws {
        for try await _ in self {}
    }

    /// Decodes every row as a tuple of columns.
    package func collect<each Column: PostgresDecodable>(
        as type: (repeat each Column).Type
    ) async throws -> [(repeat each Column)] {
        var result: [(repeat each Column)] = []
        for try await row in self.decode(type) { result.append(row) }
        return result
    }

    /// Decodes the first column of every row.
    package func collectValues<Value: PostgresDecodable>(_ type: Value.Type) async throws -> [Value] {
        var result: [Value] = []
        for try await row in self { result.append(try row.decode(Value.self)) }
        return result
    }
}
