using ActorBroker.Amqp.CodeGen.Spec;

namespace ActorBroker.Amqp.CodeGen.Emit;

/// <summary>
/// Emits the content-header properties of a class (basic): one nullable property per spec property,
/// present on the wire exactly when its flag bit is set.
/// </summary>
internal static class PropertiesEmitter
{
    public static string Emit(SpecClass specClass)
    {
        if (specClass.Properties.Any(p => p.Type == WireType.Bit))
        {
            throw new NotSupportedException($"class {specClass.Name} has a bit property; no AMQP 0-9-1 class does");
        }

        var typeName = Naming.Pascal(specClass.Name) + "Properties";
        var properties = specClass.Properties;
        var code = new CodeWriter().FileHeader();
        code.Line($"/// <summary>The content-header properties of class <c>{specClass.Name}</c>; a null property is absent on the wire.</summary>");
        code.Open($"public sealed partial class {typeName}");
        code.Line($"public const ushort ClassId = {specClass.Id};");
        code.Line($"public const int PropertyCount = {properties.Count};");
        code.Line();
        foreach (var property in properties)
        {
            code.Line(WireTypes.Doc(property));
            code.Line($"public {NullableType(property.Type)} {Naming.Member(property.Name)} {{ get; init; }}");
            code.Line();
        }

        code.Line("/// <summary>The bit mask of present properties: bit <c>i</c> is the spec's property <c>i</c>.</summary>");
        code.Open("public ulong PresenceMask");
        code.Open("get");
        code.Line("var mask = 0UL;");
        for (var i = 0; i < properties.Count; i++)
        {
            code.Line($"if ({Naming.Member(properties[i].Name)} is not null) mask |= 1UL << {i};");
        }

        code.Line("return mask;");
        code.Close();
        code.Close();
        code.Line();

        code.Open("public int GetSize()");
        code.Line("var size = AmqpWriter.SizeOfPropertyFlags(PresenceMask);");
        foreach (var property in properties)
        {
            var name = Naming.Member(property.Name);
            var size = WireTypes.FixedSize(property.Type) is { } n ? Naming.Number(n) : WireTypes.VariableSize(property.Type, name);
            code.Line($"if ({name} is not null) size += {size};");
        }

        code.Line("return size;");
        code.Close();
        code.Line();

        code.Open("public int WriteTo(Span<byte> destination)");
        code.Line("var writer = new AmqpWriter(destination);");
        code.Line("writer.WritePropertyFlags(PresenceMask);");
        foreach (var property in properties)
        {
            var name = Naming.Member(property.Name);
            var value = property.Type is WireType.ShortStr or WireType.Table ? name : name + ".Value";
            code.Open($"if ({name} is not null)");
            code.Line(WireTypes.WriteCall(property.Type, value));
            code.Close();
        }

        code.Line("return writer.Position;");
        code.Close();
        code.Line();

        code.Line("/// <summary>Reads the property flags and the present properties.</summary>");
        code.Line("/// <exception cref=\"AmqpProtocolException\">Malformed input or a flag for a property the class does not define (502).</exception>");
        code.Open($"public static {typeName} Read(ReadOnlySpan<byte> source)");
        code.Line("var reader = new AmqpReader(source);");
        code.Line("var mask = reader.ReadPropertyFlags(PropertyCount);");
        code.Open($"return new {typeName}");
        for (var i = 0; i < properties.Count; i++)
        {
            // A present table property stays present when empty: presence is what the flag bit says.
            var read = properties[i].Type == WireType.Table ? "(reader.ReadTable() ?? new FieldTable())" : WireTypes.ReadCall(properties[i].Type);
            code.Line($"{Naming.Member(properties[i].Name)} = (mask & (1UL << {i})) != 0 ? {read} : null,");
        }

        code.Close(";");
        code.Close();
        code.Close();
        return code.ToString();
    }

    private static string NullableType(WireType type)
    {
        var clr = WireTypes.ClrType(type);
        return clr.EndsWith('?') ? clr : clr + "?";
    }
}
