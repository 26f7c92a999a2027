import ArgumentParser
import BatonBench
import Foundation

/// `baton bench`: ingest throughput against a raw COPY, report latency as the archive grows, and
/// the exports' time and memory, in one command (`Docs/performance.md`). The flags are read
/// here; the measuring is ``Benchmark``'s (BatonBench).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure ingest, report and export performance; print a table and write JSON.",
        discussion: """
            Works in a database of its own (--bench-database, created afresh on the server of DATABASE_URL or \
            of the embedded cluster, and dropped afterwards unless --keep). Parts: (a) POST /v1/events with \
            concurrent clients against a raw COPY of the same rows; (b) the value report over the latest \
            90 days, repeated, as simulated history grows to each --tasks size; (c) the survey CSV and XES \
            exports at the smallest size, as child processes, with their peak memory; (d) POST /v1/assignments at a \
            fixed rate (--assignment-rate, default 1,000/s, for --assignment-seconds), p50 and p99 latency; \
            --assignments-only runs (d) alone. Use a release build \
            (swift build -c release --product baton); the large sizes load the CPU for a long time.
            """)

    @OptionGroup var options: GlobalOptions

    @Option(
        parsing: .upToNextOption,
        help: "Archive sizes in tasks at which the report is measured (multiples of the smallest, one quarter).")
    var tasks: [Int] = [1_000_000, 10_000_000]

    @Flag(help: "Tiny sizes (2,000 and 6,000 tasks, 2,000 ingested, 3 runs): checks that everything works.")
    var quick = false

    @Option(name: .customLong("ingest-tasks"), help: "Tasks posted over HTTP and then copied.")
    var ingestTasks: Int = 200_000

    @Option(help: "Concurrent HTTP clients (and COPY connections).")
    var clients: Int = 4

    @Option(name: .customLong("batch-tasks"), help: "Task records per request (with their workflows).")
    var batchTasks: Int = 1_000

    @Option(name: .customLong("load-clients"), help: "Concurrent loaders of the report's history.")
    var loadClients: Int = 2

    @Option(help: "Measured report runs at each size (after one unmeasured run).")
    var runs: Int = 9

    @Option(help: "Seed of the simulated SOC.")
    var seed: UInt64 = 1

    @Option(help: "Write the results to this JSON file.")
    var out: String = "baton-bench.json"

    @Option(name: .customLong("bench-database"), help: "Database the benchmark creates and works in.")
    var benchDatabase: String = "baton_bench"

    @Option(name: .customLong("assignment-rate"), help: "Part (d): assignment requests per second.")
    var assignmentRate: Int = 1_000

    @Option(name: .customLong("assignment-seconds"), help: "Part (d): measured seconds (0: skip the part).")
    var assignmentSeconds: Double = 20

    @Option(name: .customLong("assignment-clients"), help: "Part (d): keep-alive connections.")
    var assignmentClients: Int = 8

    @Flag(name: .customLong("assignments-only"), help: "Run part (d) alone.")
    var assignmentsOnly = false

    @Flag(help: "Keep the benchmark's database afterwards.")
    var keep = false

    @Option(
        name: .customLong("baton-executable"),
        help: "The baton executable the exports run as (default: this one).")
    var batonExecutable: String?

    func validate() throws {
        guard benchDatabase.wholeMatch(of: /[a-z_][a-z0-9_]{0,62}/) != nil else {
            throw ValidationError("--bench-database must be a lower-case SQL name")
        }
        let sizes = quick ? [2_000, 6_000] : tasks
        guard !sizes.isEmpty, sizes.allSatisfy({ $0 >= 100 }) else { throw ValidationError("--tasks must be ≥ 100") }
        guard ingestTasks >= 100, clients >= 1, batchTasks >= 1, loadClients >= 1, runs >= 1 else {
            throw ValidationError("--ingest-tasks ≥ 100; --clients, --batch-tasks, --load-clients, --runs ≥ 1")
        }
        guard assignmentRate >= 1, assignmentClients >= 1, assignmentSeconds >= 0, assignmentSeconds <= 3_600 else {
            throw ValidationError("--assignment-rate and --assignment-clients ≥ 1; --assignment-seconds 0 to 3600")
        }
        if assignmentsOnly && assignmentSeconds == 0 {
            throw ValidationError("--assignments-only needs --assignment-seconds above 0")
        }
    }

    func run() async throws {
        let logger = try options.makeLogger()
        let sizes = (quick ? [2_000, 6_000] : tasks).sorted()
        let executable = try batonExecutable ?? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let server = try options.database(logger: logger)
        var benchmark = Benchmark(
            sizes: sizes, ingestTasks: quick ? 2_000 : ingestTasks, clients: clients, batchTasks: batchTasks,
            loadClients: loadClients, runs: quick ? 3 : runs, seed: seed, executable: executable, logger: logger)
        benchmark.assignmentRate = assignmentRate
        benchmark.assignmentSeconds = quick ? min(assignmentSeconds, 2) : assignmentSeconds
        benchmark.assignmentClients = assignmentClients
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        if assignmentsOnly {
            let result = try await benchmark.inScratchDatabase(benchDatabase, on: server, keep: keep) {
                try await benchmark.runAssignments(on: $0)
            }
            try encoder.encode(result).write(to: URL(fileURLWithPath: out))
            print(result.table)
            print("\nwritten to \(out)")
            return
        }
        let result = try await benchmark.run(inScratchDatabase: benchDatabase, on: server, keep: keep)
        try encoder.encode(result).write(to: URL(fileURLWithPath: out))
        print(result.table)
        print("\nwritten to \(out)")
    }
}
