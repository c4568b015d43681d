namespace ActorBroker.Hocon.Model;

/// <summary>
/// A node of a parsed document. After resolution only <see cref="HoconObject"/>, <see cref="HoconArray"/>
/// and <see cref="HoconScalar"/> remain; <see cref="HoconSubstitution"/>, <see cref="HoconConcatenation"/>
/// and <see cref="HoconLayer"/> exist only between parsing and resolution.
/// </summary>
internal abstract class HoconNode(ConfigOrigin origin)
{
    public ConfigOrigin Origin { get; } = origin;

    /// <summary>True for nodes whose value is known only after substitutions are resolved.</summary>
    public virtual bool IsUnresolved => false;

    /// <summary>A short description for error messages, such as <c>an object</c> or <c>string "abc"</c>.</summary>
    public abstract string Describe();
}
