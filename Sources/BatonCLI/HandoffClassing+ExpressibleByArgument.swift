// Public: the conformance of a public type of BatonCore is public.
public import ArgumentParser
public import BatonCore

/// `--class-by` of `baton report` and `baton handoffs`.
extension HandoffClassing: ExpressibleByArgument {}
