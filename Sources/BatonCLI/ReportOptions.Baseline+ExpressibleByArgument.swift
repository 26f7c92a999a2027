// Public: the conformance of a public type of BatonCore is public.
public import ArgumentParser
public import BatonCore

/// `--baseline` of `baton report`, with the first version's names as aliases.
extension ReportOptions.Baseline: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) + ["concurrent", "prepost"] }
}
