import BatonCore
import Testing

@testable import BatonHTTP

@Suite struct BatchFormatTests {
    @Test func missingHeaderIsJSON() {
        #expect(BatchFormat(contentType: nil) == .json)
    }

    @Test(arguments: [
        "application/json", "application/json; charset=utf-8", "Application/JSON", "application/json;charset=UTF-8",
        "  application/json  ; charset=utf-8", "text/json",
    ])
    func jsonContentTypes(contentType: String) {
        #expect(BatchFormat(contentType: contentType) == .json)
    }

    @Test(arguments: [
        "application/x-ndjson", "application/x-ndjson; charset=utf-8", "APPLICATION/X-NDJSON", "application/ndjson",
        "application/jsonl", "application/x-jsonlines",
    ])
    func ndjsonContentTypes(contentType: String) {
        #expect(BatchFormat(contentType: contentType) == .ndjson)
    }

    @Test(arguments: [
        "text/plain", "text/plain; charset=utf-8", "application/xml", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/jsonx", "application/json-seq", "application/x-protobuf",
    ])
    func unsupportedContentTypes(contentType: String) {
        #expect(BatchFormat(contentType: contentType) == nil)
    }
}
