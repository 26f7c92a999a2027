/// The compact form, as a database row would hold it: `{"bins": [...], "counts": [...]}`, the
/// bins ascending (the zero bin as −2³¹) and the counts positive. Anything else is refused, so a
/// decoded histogram is always canonical and compares equal to the one encoded.
extension DurationHistogram: Codable {
    private enum CodingKeys: String, CodingKey {
        case bins, counts
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let bins = try container.decode([Int32].self, forKey: .bins)
        let counts = try container.decode([Int64].self, forKey: .counts)
        guard let histogram = DurationHistogram(bins: bins, counts: counts) else {
            throw DecodingError.dataCorruptedError(
                forKey: .bins, in: container,
                debugDescription: "bins must ascend strictly, with one positive count each")
        }
        self = histogram
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(bins, forKey: .bins)
        try container.encode(counts, forKey: .counts)
    }
}
