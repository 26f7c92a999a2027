// Public: the conformance of a public type of BatonCore is public.
public import ArgumentParser
public import BatonCore

/// `--role` of `baton token create`.
extension Role: ExpressibleByArgument {}
