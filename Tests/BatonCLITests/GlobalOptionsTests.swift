import ArgumentParser
import BatonStore
import Testing

@testable import BatonCLI

@Suite("Options every database command shares")
struct GlobalOptionsTests {
    @Test("the read replica's URL is parsed; a bad one is refused naming the option, without its password")
    func readDatabaseURL() throws {
        let options = try GlobalOptions.parse([])
        let endpoint = try #require(try options.readDatabase(url: "postgres://reader:s3cret-pw@replica:5433/baton"))
        #expect(endpoint.host == "replica")
        #expect(endpoint.port == 5433)
        #expect(endpoint.username == "reader")
        #expect("\(endpoint)" == "postgres://reader@replica:5433/baton")

        #expect {
            try options.readDatabase(url: "mysql://reader:s3cret-pw@replica/baton")
        } throws: { error in
            "\(error)".contains("--read-database-url") && !"\(error)".contains("s3cret-pw")
        }
    }
}
