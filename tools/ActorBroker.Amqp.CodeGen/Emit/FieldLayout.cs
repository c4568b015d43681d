using ActorBroker.Amqp.CodeGen.Spec;

namespace ActorBroker.Amqp.CodeGen.Emit;

/// <summary>
/// A method's arguments in wire order, with consecutive bits packed into shared octets
/// (AMQP 0-9-1 §4.2.5.2: up to eight adjacent bit fields share one octet, least significant bit first).
/// </summary>
internal sealed class FieldLayout
{
    private FieldLayout(IReadOnlyList<LayoutSlot> slots) => Slots = slots;

    public IReadOnlyList<LayoutSlot> Slots { get; }

    public static FieldLayout Of(IReadOnlyList<SpecField> fields)
    {
        var slots = new List<LayoutSlot>();
        List<SpecField>? bits = null;
        var bitOctets = 0;
        foreach (var field in fields)
        {
            if (field.Type == WireType.Bit)
            {
                if (bits is null || bits.Count == 8)
                {
                    bits = [];
                    slots.Add(new LayoutSlot(null, bits, $"bits{bitOctets++}"));
                }

                bits.Add(field);
            }
            else
            {
                bits = null;
                slots.Add(new LayoutSlot(field, [], Naming.Local(field.Name)));
            }
        }

        return new FieldLayout(slots);
    }
}

/// <summary>Either one non-bit field, or a group of up to eight bits sharing one octet.</summary>
internal sealed record LayoutSlot(SpecField? Field, IReadOnlyList<SpecField> Bits, string LocalName);
