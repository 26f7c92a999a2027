extension AssignmentRequest {
    /// Validates one question of `POST /v1/assignments`: `workflow_id` and `assistant`, both
    /// identifiers. The failure message names the field.
    public static func validated(fields: [String: JSONValue], limits: RecordLimits = RecordLimits())
        -> Result<AssignmentRequest, RecordRejection>
    {
        let reader = FieldReader(fields: fields, limits: limits, now: Timestamp(microseconds: .max / 2))
        do throws(FieldError) {
            try reader.checkOtherText(except: ["workflow_id", "assistant"])
            return .success(
                AssignmentRequest(
                    workflowID: try reader.identifier("workflow_id"), assistant: try reader.identifier("assistant")))
        } catch {
            return .failure(RecordRejection(index: 0, id: reader.peekString("workflow_id"), error: error.message))
        }
    }
}
