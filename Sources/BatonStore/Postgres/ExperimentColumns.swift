import BatonCore
import PostgresNIO

/// The columns that make an ``BatonCore/Experiment``, selected and decoded in one place for both
/// of its readers: the experiments' administration (the `experiments` table) and the report (the
/// `report_source.experiments` view, whose name column is `experiment`).
enum ExperimentColumns {
    /// The select list, for the table or view aliased `e` whose name column is `name`, in the
    /// order ``experiment(_:from:)`` reads it.
    static func select(name: String) -> String {
        """
        e.\(name), e.assistant, e.holdout_share, e.task_types, (extract(epoch FROM e.starts_at) * 1000000)::int8,
        (extract(epoch FROM e.ends_at) * 1000000)::int8, e.planned_sample, (extract(epoch FROM e.stopped_at) * 1000000)::int8
        """
    }

    /// How many columns ``select(name:)`` lists.
    static let count = 8

    /// The experiment in the ``select(name:)`` columns of `row`, the first of them at index `first`.
    static func experiment(_ row: PostgresRandomAccessRow, from first: Int) throws -> Experiment {
        func cell<T: PostgresDecodable>(_ offset: Int, _ type: T.Type = T.self) throws -> T {
            try row[first + offset].decode(T.self)
        }
        return Experiment(
            name: try cell(0), assistant: try cell(1), holdoutShare: try cell(2),
            taskTypes: try cell(3, [String]?.self),
            startsAt: Timestamp(microseconds: try cell(4)),
            endsAt: try cell(5, Int64?.self).map(Timestamp.init(microseconds:)),
            plannedSample: try cell(6, Int64?.self).map(Int.init),
            stoppedAt: try cell(7, Int64?.self).map(Timestamp.init(microseconds:)))
    }
}
