namespace ActorBroker.Hocon.Model;

/// <summary>
/// A value set over an earlier value of the same field when the result depends on resolution:
/// the newer value contains substitutions (it may refer to the field itself and then sees
/// <see cref="Below"/>), or it is an object that merges with an earlier value still unresolved.
/// </summary>
internal sealed class HoconLayer(HoconNode top, HoconNode? below) : HoconNode(top.Origin)
{
    public HoconNode Top { get; } = top;

    /// <summary>The earlier value of the field, or null when the field had none.</summary>
    public HoconNode? Below { get; } = below;

    /// <summary>
    /// A field whose value is a substitution or a concatenation: a reference to itself during its
    /// own resolution looks back to <see cref="Below"/> instead of being a cycle.
    /// </summary>
    public bool IsSelfReferential => Top is not HoconObject;

    public override bool IsUnresolved => true;

    public override string Describe() => Top.Describe();
}
