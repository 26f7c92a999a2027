import Foundation

/// The frame shared by every chart: an inline SVG with a `<title>` and `<desc>` that screen
/// readers announce (`role="img"`), sized by its view box so it scales and prints cleanly.
enum Chart {
    static func svg(id: String, width: Double, height: Double, title: String, description: String, _ body: HTML)
        -> HTML
    {
        """
        <svg class="chart" id="\(id)" viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">
        <title id="\(id)-title">\(title)</title>
        <desc id="\(id)-desc">\(description)</desc>
        \(body)
        </svg>
        """
    }

    /// A horizontal scale mapping [low, high] onto [x0, x1].
    struct Scale {
        var low: Double
        var high: Double
        var x0: Double
        var x1: Double

        func callAsFunction(_ value: Double) -> Double {
            guard high > low else { return x0 }
            return x0 + (min(max(value, low), high) - low) / (high - low) * (x1 - x0)
        }

        /// About `count` round tick values inside the range.
        func ticks(_ count: Int = 5) -> [Double] {
            guard high > low else { return [low] }
            let raw = (high - low) / Double(max(count, 1))
            let magnitude = pow(10, (log10(raw)).rounded(.down))
            let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
            var ticks: [Double] = []
            var t = (low / step).rounded(.up) * step
            while t <= high + step * 1e-9 {
                ticks.append(abs(t) < step * 1e-9 ? 0 : t)
                t += step
            }
            return ticks
        }
    }

    /// Text truncated for a label, with the full text left to the table next to the chart.
    static func short(_ text: String, _ limit: Int = 28) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
