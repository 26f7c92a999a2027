extension PriceTable {
    /// At most this many prices in one table.
    public static let maximumPrices = 10_000

    /// Validates the body of `PUT /v1/prices`: `{"currency": "USD", "prices": [{"provider", "model",
    /// "input_per_million", "output_per_million", "effective_from"}]}`, the whole table (it replaces
    /// the stored one). The failure message names the field, with the price's index.
    public static func validated(_ fields: [String: JSONValue], limits: RecordLimits = RecordLimits()) -> Result<
        (currency: String, prices: [TokenPrice]), RecordRejection
    > {
        let reader = FieldReader(fields: fields, limits: limits, now: Timestamp(microseconds: .max / 2))
        do throws(FieldError) {
            for name in fields.keys where name != "currency" && name != "prices" {
                throw FieldError("unknown field '\(name.prefix(64))' (allowed: currency, prices)")
            }
            let currency = try reader.required("currency", reader.optionalCurrency("currency"))
            guard case .array(let items) = fields["prices"] ?? .null else {
                throw FieldError("field 'prices' must be an array of prices (it may be empty)")
            }
            guard items.count <= maximumPrices else {
                throw FieldError("field 'prices': at most \(maximumPrices) prices, got \(items.count)")
            }
            var seen = Set<String>()
            let prices = try items.enumerated().map { index, item throws(FieldError) -> TokenPrice in
                guard case .object(let object) = item else {
                    throw FieldError("field 'prices[\(index)]' must be an object")
                }
                let r = FieldReader(fields: object, limits: limits, now: reader.now)
                do throws(FieldError) {
                    let known: Set = ["provider", "model", "input_per_million", "output_per_million", "effective_from"]
                    for name in object.keys where !known.contains(name) {
                        throw FieldError("unknown field '\(name.prefix(64))'")
                    }
                    let price = TokenPrice(
                        provider: try r.identifier("provider"), model: try r.identifier("model"),
                        effectiveFrom: try r.required("effective_from", r.optionalDate("effective_from")),
                        inputPerMillion: try r.amount("input_per_million", maximum: AmountRange.price),
                        outputPerMillion: try r.amount("output_per_million", maximum: AmountRange.price),
                        currency: currency)
                    guard
                        seen.insert("\(price.provider)\u{0}\(price.model)\u{0}\(price.effectiveFrom.microseconds)")
                            .inserted
                    else {
                        throw FieldError("a second price for the same provider, model and effective_from")
                    }
                    return price
                } catch {
                    throw FieldError("prices[\(index)]: \(error.message)")
                }
            }
            return .success((currency, prices))
        } catch {
            return .failure(RecordRejection(index: 0, id: "prices", error: error.message))
        }
    }
}
