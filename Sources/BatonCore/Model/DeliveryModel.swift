/// How a SOC is delivered: a tenant setting the maturity survey asks about.
public enum DeliveryModel: String, Vocabulary {
    case inHouse = "in-house"
    case hybrid
    case mssp
}
