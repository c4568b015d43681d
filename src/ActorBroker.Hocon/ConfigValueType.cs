namespace ActorBroker.Hocon;

/// <summary>The JSON type of a resolved config value.</summary>
public enum ConfigValueType
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}
