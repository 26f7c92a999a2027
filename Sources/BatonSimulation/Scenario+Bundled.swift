import Foundation

extension Scenario {
    /// The scenarios shipped with Baton, by name (each file's `name` field). Besides the default,
    /// four exist to check the value report's workflow-effect estimator against the counterfactual
    /// truth in the situations value-model §9 lists: severity-dependent paths, AI used more on
    /// low-severity cases, assistants sharing cases, and staggered rollouts under a wait trend.
    public static let bundledNames = [
        "default", "low-severity-ai", "severity-paths", "shared-cases", "staggered-rollouts",
    ]

    /// Scenarios shipped to check other figures than the workflow effect: `parallel-assistants`
    /// (value-model §8: assistants working the same step at once and dropping context between each
    /// other, with per-pair truth). Its parallel-only assistants never work a step of their own,
    /// so the effect validation over ``bundledNames`` leaves it out.
    public static let coordinationNames = ["parallel-assistants"]

    /// Scenarios shipped to check the experiment estimator (value-model §7, §9): `hidden-selection`
    /// (the AI used more on cases that are easier in a way no field records, easy cases routed to
    /// an assistant's step from its rollout on, and a randomized holdout of that assistant). The observational estimators fail there by design, so the effect
    /// validation over ``bundledNames`` leaves it out; `ExperimentValidationTests` runs it.
    public static let experimentNames = ["hidden-selection"]

    /// Scenarios shipped to check the cost figures (issue 22): `costs` (licences, one starting
    /// mid-period; token counts on AI tasks; prices changing mid-period), whose truth file gives each
    /// assistant's true cost. Its SOC is the default's over two months, so the effect validation over
    /// ``bundledNames`` adds nothing by running it.
    public static let costNames = ["costs"]

    /// Scenarios shipped to check the intervention figures (`Docs/interventions.md`):
    /// `interventions` (the default SOC with its assistants in use from the start, a wait trend,
    /// and four dated process changes with known effects, one a placebo). Its assistants do not
    /// roll out during the period, so the effect validation over ``bundledNames`` leaves it out;
    /// `InterventionValidationTests` runs it.
    public static let interventionNames = ["interventions"]

    /// Every scenario shipped with Baton, by name.
    public static var allBundledNames: [String] {
        bundledNames + coordinationNames + experimentNames + costNames + interventionNames
    }

    /// A scenario shipped with Baton (one of ``allBundledNames``), loaded and validated.
    public static func bundled(named name: String) throws -> Scenario {
        guard allBundledNames.contains(name) else {
            throw ScenarioError(
                "there is no bundled scenario '\(name)'; the bundled ones are \(allBundledNames.joined(separator: ", "))"
            )
        }
        // The default keeps the file name it has always had.
        let file = name == "default" ? "default-scenario" : name
        guard let url = Bundle.module.url(forResource: file, withExtension: "json") else {
            throw ScenarioError("the bundled \(file).json is missing")
        }
        return try load(from: url)
    }
}
