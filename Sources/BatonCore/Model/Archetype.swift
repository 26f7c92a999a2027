/// How a SOC adopts an assistant: takes it as is, shapes it, or builds it (value-model §1).
public enum Archetype: String, Vocabulary {
    case taker, shaper, builder
}
