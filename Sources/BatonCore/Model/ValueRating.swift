/// The survey scale of value (value-model §5).
public enum ValueRating: String, Vocabulary {
    case excellent, good, some, none
}
