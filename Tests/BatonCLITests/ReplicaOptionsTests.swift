import ArgumentParser
import BatonStore
import Testing

@testable import BatonCLI

@Suite("The read replica's options")
struct ReplicaOptionsTests {
    @Test("the read replica's URL is parsed; a bad one is refused naming the option, without its password")
    func readDatabaseURL() throws {
        let options = try ReplicaOptions.parse([
            "--read-database-url", "postgres://reader:s3cret-pw@replica:5433/baton",
        ])
        let endpoint = try #require(try options.endpoint(environment: [:]))
        #expect(endpoint.host == "replica")
        #expect(endpoint.port == 5433)
        #expect(endpoint.username == "reader")
        #expect("\(endpoint)" == "postgres://reader@replica:5433/baton")

        #expect(try ReplicaOptions.parse([]).endpoint(environment: [:]) == nil)
        let fromEnvironment = try ReplicaOptions.parse([]).endpoint(environment: [
            "BATON_READ_DATABASE_URL": "postgres://reader:pw@standby/baton"
        ])
        #expect(fromEnvironment?.host == "standby")
        let bad = try ReplicaOptions.parse(["--read-database-url", "mysql://reader:s3cret-pw@replica/baton"])
        #expect {
            try bad.endpoint(environment: [:])
        } throws: { error in
            "\(error)".contains("--read-database-url") && !"\(error)".contains("s3cret-pw")
        }
    }

    @Test("--max-replica-lag: seconds from 0 to a day, 30 by default")
    func maxLag() throws {
        #expect(try ReplicaOptions.parse([]).maxLag() == .seconds(30))
        #expect(try ReplicaOptions.parse(["--max-replica-lag", "2.5"]).maxLag() == .milliseconds(2500))
        #expect(throws: (any Error).self) { try ReplicaOptions.parse(["--max-replica-lag", "-1"]).maxLag() }
    }
}
