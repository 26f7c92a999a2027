public import BatonCore
// Public: ValueReport is public, so its conformance is too.
public import Hummingbird

/// `GET /v1/report` answers with the report itself, encoded as JSON.
extension ValueReport: ResponseEncodable {}
