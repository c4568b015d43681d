using ActorBroker.Amqp.CodeGen.Spec;

namespace ActorBroker.Amqp.CodeGen.Emit;

/// <summary>Emits the method id enum and the switch that dispatches a method payload to its struct.</summary>
internal static class MethodIndexEmitter
{
    public static string Emit(AmqpSpec spec)
    {
        var methods = spec.Classes
            .OrderBy(c => c.Id)
            .SelectMany(c => c.Methods.OrderBy(m => m.Id).Select(m => (Class: c, Method: m, Type: Naming.TypeName(new SpecNames(c.Name, m.Name)))))
            .ToList();

        var code = new CodeWriter().FileHeader();
        code.Line("/// <summary>Every AMQP method, numbered <c>(class-id &lt;&lt; 16) | method-id</c>.</summary>");
        code.Open("public enum AmqpMethodId : uint");
        foreach (var (specClass, method, type) in methods)
        {
            code.Line($"{type} = ({specClass.Id} << 16) | {method.Id},");
        }

        code.Close();
        code.Line();
        code.Open("public static partial class AmqpMethods");
        code.Line("/// <summary>The spec's dotted name, e.g. <c>basic.publish</c>; null for an unknown id.</summary>");
        code.Line("public static string? GetName(AmqpMethodId id) => id switch");
        code.Line("{");
        foreach (var (specClass, method, type) in methods)
        {
            code.Line($"    AmqpMethodId.{type} => \"{specClass.Name}.{method.Name}\",");
        }

        code.Line("    _ => null,");
        code.Line("};");
        code.Line();
        code.Line("/// <summary>Whether the method is followed by a content header and body frames.</summary>");
        code.Line("public static bool HasContent(AmqpMethodId id) =>");
        code.Line("    id is " + string.Join(" or ", methods.Where(m => m.Method.HasContent).Select(m => $"AmqpMethodId.{m.Type}")) + ";");
        code.Line();
        code.Line("/// <summary>Reads the arguments of method <paramref name=\"id\"/> and hands the typed struct to the visitor.</summary>");
        code.Line("/// <exception cref=\"AmqpProtocolException\">The id is unknown (540) or the arguments are malformed (502).</exception>");
        code.Line("public static TResult Dispatch<TVisitor, TResult>(AmqpMethodId id, ReadOnlySpan<byte> arguments, ref TVisitor visitor)");
        code.Line("    where TVisitor : IAmqpMethodVisitor<TResult>, allows ref struct => id switch");
        code.Line("{");
        foreach (var (_, _, type) in methods)
        {
            code.Line($"    AmqpMethodId.{type} => visitor.Visit({type}.Read(arguments)),");
        }

        code.Line("    _ => throw AmqpProtocolException.UnknownMethod(id),");
        code.Line("};");
        code.Close();
        return code.ToString();
    }
}
