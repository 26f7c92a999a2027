extension ValueReportBuilder {
    /// An assistant's cost figures (``CostEstimator``), when the tenant recorded anything about costs.
    func cost(
        _ plan: AssistantPlan, _ input: ReportInput, effortSaved: ValueReport.Estimate,
        effect: WorkflowEffectEstimator.Result
    ) -> AssistantCost? {
        guard CostEstimator.applies(input) else { return nil }
        let touched = (plan.touched + plan.openTouched).reduce(0) { $1 ? $0 + 1 : $0 }
        return CostEstimator(options: options).assistantCost(
            plan.name, input, touchedCases: touched, effortSaved: effortSaved, realizedSaving: effect.realizedSaving,
            treatedCases: effect.effect.treatedWorkflows)
    }

    /// The estate's cost figures, from the portfolio ("any AI") row's savings.
    func portfolioCost(_ portfolio: ValueReport.AssistantValue?, _ input: ReportInput) -> PortfolioCost? {
        guard CostEstimator.applies(input) else { return nil }
        let touched = (input.workflowColumns.aiTouched + input.openWorkflowColumns.aiTouched)
            .reduce(0) { $1 ? $0 + 1 : $0 }
        return CostEstimator(options: options).portfolioCost(portfolio, input, touchedCases: touched)
    }
}
