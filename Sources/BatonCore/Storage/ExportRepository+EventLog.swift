package import Logging

extension ExportRepository {
    /// Streams a tenant's event log in `format` to `write`, `pageSize` workflows at a time, so
    /// memory stays flat whatever the number of tasks. Returns how many workflows and tasks went out.
    @discardableResult
    package func exportEventLog(
        format: EventLogFormat, tenant: String, from: Timestamp?, to: Timestamp?, pageSize: Int = 1_000,
        anonymizer: Pseudonymizer? = nil, logger: Logger, write: (String) async throws -> Void
    ) async throws -> (workflows: Int, tasks: Int) {
        let types =
            format == .ocel ? try await eventLogTaskTypes(tenant: tenant, from: from, to: to, logger: logger) : []
        var assistants = format == .ocel ? try await self.assistants(tenant: tenant, logger: logger) : []
        if let anonymizer {
            assistants = assistants.map { a in
                var copy = a
                copy.name = anonymizer.pseudonym(a.name, kind: .assistant)
                return copy
            }
        }
        func prepared(_ page: [EventLogCase]) -> [EventLogCase] {
            guard let anonymizer else { return page }
            return page.map { $0.anonymized(by: anonymizer) }
        }
        var writer = format.writer(taskTypes: types, assistants: assistants)
        var counts = (workflows: 0, tasks: 0)
        try await write(writer.header())
        try await forEachEventLogPage(tenant: tenant, from: from, to: to, pageSize: pageSize, logger: logger) { page in
            counts.workflows += page.count
            counts.tasks += page.reduce(0) { $0 + $1.tasks.count }
            try await write(writer.events(prepared(page)))
        }
        if writer.needsObjectPass {
            try await forEachEventLogPage(tenant: tenant, from: from, to: to, pageSize: pageSize, logger: logger) {
                try await write(writer.objects(prepared($0)))
            }
        }
        try await write(writer.footer())
        return counts
    }

    private func forEachEventLogPage(
        tenant: String, from: Timestamp?, to: Timestamp?, pageSize: Int, logger: Logger,
        _ body: ([EventLogCase]) async throws -> Void
    ) async throws {
        var after: String?
        while true {
            let page = try await eventLogPage(
                tenant: tenant, from: from, to: to, after: after, limit: pageSize, logger: logger)
            guard let last = page.last else { return }
            try await body(page)
            after = last.workflowID
        }
    }
}
