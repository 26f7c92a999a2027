/// An API token's role (contract: Authentication).
public enum Role: String, Vocabulary {
    /// Sends records (`POST /v1/events`, `POST /v1/traces`).
    case ingest
    /// Reads, and tags handoffs and records perceived value.
    case analyst
    /// Reads.
    case viewer
    /// Everything, including assistant metadata.
    case admin

    /// Whether a token with this role may act with `required` rights. `admin` may do everything;
    /// an `analyst` may do what a `viewer` may.
    public func grants(_ required: Role) -> Bool {
        switch (self, required) {
        case (.admin, _): return true
        case (.analyst, .viewer): return true
        default: return self == required
        }
    }
}
