namespace ActorBroker.Hocon.Model;

/// <summary>
/// Values written side by side on one line that include at least one substitution, so they can only be
/// joined (into a string, an array or an object) once the substitutions are resolved.
/// </summary>
internal sealed class HoconConcatenation(IReadOnlyList<HoconNode> parts, ConfigOrigin origin) : HoconNode(origin)
{
    public IReadOnlyList<HoconNode> Parts { get; } = parts;

    public override bool IsUnresolved => true;

    public override string Describe() => "a concatenation";
}
