package import Logging

/// Recorded process changes (`Docs/interventions.md`). Every call takes the tenant explicitly;
/// implementations scope every statement to it.
package protocol InterventionRepository: Sendable {
    /// Records an intervention; `by` is the token that recorded it (`nil` from the command line).
    /// Returns it with its id and recording time.
    func addIntervention(_ input: InterventionInput, tenant: String, by: String?, logger: Logger) async throws
        -> Intervention

    /// The tenant's interventions, oldest date first (then by id).
    func interventions(tenant: String, logger: Logger) async throws -> [Intervention]
}
