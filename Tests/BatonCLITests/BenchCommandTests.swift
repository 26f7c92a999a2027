import ArgumentParser
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import BatonCLI

@Suite("baton bench", .timeLimit(.minutes(10)))
struct BenchCommandTests {
    @Test("--quick runs every part on its own database, writes JSON with positive figures, and drops the database")
    func quick() async throws {
        let server = try await TestDatabase.shared.serverEndpoint()
        let tests = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let baton = URL(fileURLWithPath: tests).deletingLastPathComponent().appendingPathComponent("baton").path
        try #require(FileManager.default.isExecutableFile(atPath: baton), "build the baton product first")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("baton-bench-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let database = "baton_bench_test_\(getpid())"

        let command = try BatonCommand.parseAsRoot([
            "bench", "--quick", "--database-url", server.url, "--bench-database", database, "--out", out,
            "--baton-executable", baton, "--log-level", "error",
        ])
        let bench = try #require(command as? BenchCommand)
        try await bench.run()

        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        let ingest = try #require(json["ingest"] as? [String: Any])
        let tasks = try #require(ingest["tasks"] as? Int)
        #expect((1_500...2_500).contains(tasks))
        let http = try #require(ingest["http_records_per_second"] as? Double)
        let copy = try #require(ingest["copy_records_per_second"] as? Double)
        let ratio = try #require(ingest["ratio"] as? Double)
        #expect(http > 0 && copy > 0)
        #expect(abs(ratio - http / copy) < 1e-9)

        let report = try #require(json["report"] as? [String: Any])
        let sizes = try #require(report["sizes"] as? [[String: Any]])
        #expect(sizes.count == 2)
        let history = sizes.compactMap { $0["tasks"] as? Int }
        #expect(history.count == 2 && history[0] > 1_500 && history[1] > 2 * history[0])
        for size in sizes {
            let p50 = try #require(size["p50_milliseconds"] as? Double)
            let p95 = try #require(size["p95_milliseconds"] as? Double)
            #expect(p50 > 0 && p95 >= p50)
            #expect((size["tasks_in_period"] as? Int ?? 0) > 0)
            #expect(size["runs"] as? Int == 3)
            // The first web overview of new periods, followed to the full page.
            let overview = try #require(size["overview"] as? [String: Any])
            #expect(overview["periods"] as? Int == 4)
            let first = try #require(overview["first_p50_milliseconds"] as? Double)
            let full = try #require(overview["full_p50_seconds"] as? Double)
            #expect(first > 0 && full * 1_000 >= first)
            #expect((overview["first_max_milliseconds"] as? Double ?? 0) >= first)
            #expect((0...4).contains(overview["previews"] as? Int ?? -1))
        }
        #expect((report["ratio_p50"] as? Double ?? 0) > 0)

        let export = try #require(json["export"] as? [String: Any])
        #expect(export["tasks"] as? Int == history[0])
        for name in ["survey_csv", "xes"] {
            let run = try #require(export[name] as? [String: Any], "\(name) missing")
            #expect((run["seconds"] as? Double ?? 0) > 0, "\(name)")
            #expect((run["peak_resident_megabytes"] as? Double ?? 0) > 1, "\(name)")
            #expect((run["bytes"] as? Int ?? 0) > 0, "\(name)")
        }

        // Part (d): two measured seconds of assignments at 1,000 per second, near the share.
        let assignments = try #require(json["assignments"] as? [String: Any])
        #expect(assignments["requests"] as? Int == 2_000)
        #expect(assignments["first_asks"] as? Int == 1_500)
        let p50 = try #require(assignments["p50_milliseconds"] as? Double)
        let p99 = try #require(assignments["p99_milliseconds"] as? Double)
        #expect(p50 > 0 && p99 >= p50)
        #expect(abs((assignments["observed_holdout_share"] as? Double ?? 0) - 0.2) < 0.1)

        // The benchmark's database is gone afterwards.
        let left = try await TestDatabase.withClient(server) { client in
            var names: [String] = []
            for try await name in try await client.query(
                "SELECT datname::text FROM pg_database WHERE datname = \(database)", logger: TestDatabase.logger
            ).decode(String.self) {
                names.append(name)
            }
            return names
        }
        #expect(left.isEmpty)
    }
}
