using ActorBroker.Amqp.CodeGen.Spec;

namespace ActorBroker.Amqp.CodeGen.Emit;

/// <summary>Emits the <c>readonly struct</c> of one AMQP method.</summary>
internal static class MethodEmitter
{
    public static string Emit(SpecClass specClass, SpecMethod method)
    {
        var code = new CodeWriter().FileHeader();
        var typeName = Naming.TypeName(new SpecNames(specClass.Name, method.Name));
        var layout = FieldLayout.Of(method.Arguments);
        var content = method.HasContent ? "; followed by a content header and body frames" : "";

        code.Line($"/// <summary>AMQP <c>{specClass.Name}.{method.Name}</c> (class {specClass.Id}, method {method.Id}){content}.</summary>");
        code.Line("/// <remarks><see cref=\"WriteTo\"/> and <see cref=\"Read\"/> cover the arguments that follow the class and method ids.</remarks>");
        code.Open($"public readonly struct {typeName} : IAmqpMethod<{typeName}>");
        code.Line($"public const ushort ClassId = {specClass.Id};");
        code.Line($"public const ushort MethodId = {method.Id};");
        code.Line();

        EmitConstructor(code, typeName, method.Arguments);
        foreach (var field in method.Arguments)
        {
            code.Line(WireTypes.Doc(field));
            code.Line($"public {WireTypes.ClrType(field.Type)} {Naming.Member(field.Name)} {{ get; init; }}");
            code.Line();
        }

        code.Line($"public static AmqpMethodId Id => AmqpMethodId.{typeName};");
        code.Line();
        code.Line($"public static bool HasContent => {(method.HasContent ? "true" : "false")};");
        code.Line();
        code.Line($"public int GetSize() => {SizeExpression(layout)};");
        code.Line();
        EmitWriteTo(code, layout);
        code.Line();
        EmitRead(code, typeName, layout);
        code.Close();
        return code.ToString();
    }

    private static void EmitConstructor(CodeWriter code, string typeName, IReadOnlyList<SpecField> fields)
    {
        var defaults = fields
            .Select(f => (Field: f, Value: WireTypes.DefaultExpression(f)))
            .Where(d => d.Value is not null)
            .ToList();
        if (defaults.Count == 0)
        {
            return;
        }

        code.Line("/// <summary>Creates the method with the spec's default argument values.</summary>");
        code.Open($"public {typeName}()");
        foreach (var (field, value) in defaults)
        {
            code.Line($"{Naming.Member(field.Name)} = {value};");
        }

        code.Close();
        code.Line();
    }

    internal static string SizeExpression(FieldLayout layout)
    {
        var fixedSize = 0;
        var variable = new List<string>();
        foreach (var slot in layout.Slots)
        {
            if (slot.Field is null)
            {
                fixedSize += 1;
            }
            else if (WireTypes.FixedSize(slot.Field.Type) is { } size)
            {
                fixedSize += size;
            }
            else
            {
                variable.Add(WireTypes.VariableSize(slot.Field.Type, Naming.Member(slot.Field.Name)));
            }
        }

        return fixedSize == 0 && variable.Count > 0
            ? string.Join(" + ", variable)
            : string.Join(" + ", new[] { Naming.Number(fixedSize) }.Concat(variable));
    }

    private static void EmitWriteTo(CodeWriter code, FieldLayout layout)
    {
        if (layout.Slots.Count == 0)
        {
            code.Line("public int WriteTo(Span<byte> destination) => 0;");
            return;
        }

        code.Open("public int WriteTo(Span<byte> destination)");
        code.Line("var writer = new AmqpWriter(destination);");
        foreach (var slot in layout.Slots)
        {
            code.Line(slot.Field is null
                ? $"writer.WriteOctet({PackBits(slot.Bits)});"
                : WireTypes.WriteCall(slot.Field.Type, Naming.Member(slot.Field.Name)));
        }

        code.Line("return writer.Position;");
        code.Close();
    }

    private static string PackBits(IReadOnlyList<SpecField> bits) => bits.Count == 1
        ? $"(byte)({Naming.Member(bits[0].Name)} ? 1 : 0)"
        : "(byte)(" + string.Join(" | ", bits.Select((b, i) => $"({Naming.Member(b.Name)} ? {1 << i} : 0)")) + ")";

    private static void EmitRead(CodeWriter code, string typeName, FieldLayout layout)
    {
        if (layout.Slots.Count == 0)
        {
            code.Line($"public static {typeName} Read(ReadOnlySpan<byte> source) => default;");
            return;
        }

        code.Open($"public static {typeName} Read(ReadOnlySpan<byte> source)");
        code.Line("var reader = new AmqpReader(source);");
        foreach (var slot in layout.Slots)
        {
            code.Line(slot.Field is null
                ? $"var {slot.LocalName} = reader.ReadOctet();"
                : $"var {slot.LocalName} = {WireTypes.ReadCall(slot.Field.Type)};");
        }

        code.Open($"return new {typeName}");
        foreach (var slot in layout.Slots)
        {
            if (slot.Field is not null)
            {
                code.Line($"{Naming.Member(slot.Field.Name)} = {slot.LocalName},");
                continue;
            }

            for (var i = 0; i < slot.Bits.Count; i++)
            {
                code.Line($"{Naming.Member(slot.Bits[i].Name)} = ({slot.LocalName} & {1 << i}) != 0,");
            }
        }

        code.Close(";");
        code.Close();
    }
}
