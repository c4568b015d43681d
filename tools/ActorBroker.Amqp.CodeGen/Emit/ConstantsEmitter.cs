using ActorBroker.Amqp.CodeGen.Spec;

namespace ActorBroker.Amqp.CodeGen.Emit;

/// <summary>Emits the protocol constants, the frame types and the catalogue of reply codes.</summary>
internal static class ConstantsEmitter
{
    private const string FramePrefix = "FRAME-";
    private const string ReplyPrefix = "REPLY-";
    private static readonly HashSet<string> s_frameSizeConstants = new(StringComparer.Ordinal) { "FRAME-MIN-SIZE", "FRAME-END" };

    public static string EmitConstants(AmqpSpec spec)
    {
        var code = new CodeWriter().FileHeader();
        code.Line("/// <summary>Numbers fixed by the AMQP 0-9-1 spec (as RabbitMQ publishes it).</summary>");
        code.Open("public static class AmqpConstants");
        code.Line($"public const byte MajorVersion = {spec.MajorVersion};");
        code.Line($"public const byte MinorVersion = {spec.MinorVersion};");
        code.Line($"public const byte Revision = {spec.Revision};");
        code.Line($"public const int DefaultPort = {spec.Port};");
        foreach (var constant in spec.Constants.Where(c => s_frameSizeConstants.Contains(c.Name)))
        {
            var type = constant.Name == "FRAME-END" ? "byte" : "int";
            code.Line($"public const {type} {Naming.PascalFromUpper(constant.Name)} = {Naming.Number(constant.Value)};");
        }

        code.Close();
        code.Line();
        code.Line("/// <summary>The type octet that opens every frame.</summary>");
        code.Open("public enum FrameType : byte");
        foreach (var constant in FrameTypes(spec))
        {
            code.Line($"{Naming.PascalFromUpper(constant.Name[FramePrefix.Length..])} = {Naming.Number(constant.Value)},");
        }

        code.Close();
        return code.ToString();
    }

    public static string EmitReplyCodes(AmqpSpec spec)
    {
        var codes = spec.Constants
            .Where(c => c.ErrorClass is not null || c.Name.StartsWith(ReplyPrefix, StringComparison.Ordinal))
            .OrderBy(c => c.Value)
            .ToList();

        var code = new CodeWriter().FileHeader();
        code.Line("/// <summary>The AMQP reply codes: the project's single catalogue of protocol error codes.</summary>");
        code.Open("public enum ReplyCode : ushort");
        foreach (var constant in codes)
        {
            code.Line($"{EnumName(constant)} = {Naming.Number(constant.Value)},");
        }

        code.Close();
        code.Line();
        code.Line("/// <summary>Names and scopes of the <see cref=\"ReplyCode\"/> values.</summary>");
        code.Open("public static class ReplyCodes");
        code.Line("/// <summary>Every reply code the spec defines, in numeric order.</summary>");
        code.Line("public static IReadOnlyList<ReplyCode> All { get; } =");
        code.Line("[");
        foreach (var constant in codes)
        {
            code.Line($"    ReplyCode.{EnumName(constant)},");
        }

        code.Line("];");
        code.Line();
        code.Line("/// <summary>The spec's name in the form RabbitMQ puts at the start of a reply text, e.g. <c>NOT_FOUND</c>.</summary>");
        code.Line("public static string GetName(ReplyCode code) => code switch");
        code.Line("{");
        foreach (var constant in codes)
        {
            code.Line($"    ReplyCode.{EnumName(constant)} => {Naming.Literal(constant.Name.Replace('-', '_'))},");
        }

        code.Line("    _ => ((ushort)code).ToString(System.Globalization.CultureInfo.InvariantCulture),");
        code.Line("};");
        code.Line();
        code.Line("/// <summary>Whether the code closes a channel (soft error), the connection (hard error), or is no error.</summary>");
        code.Line("public static ReplyCodeScope GetScope(ReplyCode code) => code switch");
        code.Line("{");
        foreach (var constant in codes.Where(c => c.ErrorClass is not null))
        {
            var scope = constant.ErrorClass == "soft-error" ? "Channel" : "Connection";
            code.Line($"    ReplyCode.{EnumName(constant)} => ReplyCodeScope.{scope},");
        }

        code.Line("    _ => ReplyCodeScope.None,");
        code.Line("};");
        code.Close();
        return code.ToString();
    }

    private static IEnumerable<SpecConstant> FrameTypes(AmqpSpec spec) =>
        spec.Constants.Where(c => c.Name.StartsWith(FramePrefix, StringComparison.Ordinal) && c.ErrorClass is null && !s_frameSizeConstants.Contains(c.Name));

    private static string EnumName(SpecConstant constant) =>
        Naming.PascalFromUpper(constant.Name.StartsWith(ReplyPrefix, StringComparison.Ordinal) ? constant.Name[ReplyPrefix.Length..] : constant.Name);
}
