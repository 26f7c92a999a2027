// Public: the conformance of a public type of BatonCore is public.
public import ArgumentParser
public import BatonCore

/// `--format` of `baton export events`.
extension EventLogFormat: ExpressibleByArgument {}
