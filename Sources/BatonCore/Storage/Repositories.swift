/// Every repository the HTTP service needs, as protocols: what `buildRouter` takes, so each
/// controller receives only the concerns it uses and any implementation can stand behind them.
package struct Repositories: Sendable {
    package var tokens: any TokenRepository
    package var tenants: any TenantRepository
    package var ingest: any IngestRepository
    package var reports: any ReportSourceRepository
    package var handoffs: any HandoffRepository
    package var exports: any ExportRepository
    package var maintenance: any MaintenanceRepository
    package var experiments: any ExperimentRepository
    package var interventions: any InterventionRepository
    package var costs: any CostRepository

    package init(
        tokens: any TokenRepository, tenants: any TenantRepository, ingest: any IngestRepository,
        reports: any ReportSourceRepository, handoffs: any HandoffRepository, exports: any ExportRepository,
        maintenance: any MaintenanceRepository, experiments: any ExperimentRepository,
        interventions: any InterventionRepository, costs: any CostRepository
    ) {
        self.tokens = tokens
        self.tenants = tenants
        self.ingest = ingest
        self.reports = reports
        self.handoffs = handoffs
        self.exports = exports
        self.maintenance = maintenance
        self.experiments = experiments
        self.interventions = interventions
        self.costs = costs
    }
}
