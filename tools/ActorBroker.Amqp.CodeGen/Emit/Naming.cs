using System.Globalization;
using System.Text;

namespace ActorBroker.Amqp.CodeGen.Emit;

/// <summary>Turns the spec's kebab-case names into C# identifiers.</summary>
internal static class Naming
{
    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "internal", "global", "public", "private", "object", "string", "class", "default",
        "event", "params", "ref", "out", "in", "base", "this", "lock", "fixed", "checked", "type",
    };

    // Names the generated Read method already uses for its parameter and reader.
    private static readonly HashSet<string> s_generatedLocals = new(StringComparer.Ordinal) { "source", "reader" };

    // Arguments whose plain name would collide with a member every method struct has (ClassId, Read, …).
    private static readonly Dictionary<string, string> s_argumentRenames = new(StringComparer.Ordinal)
    {
        ["class-id"] = "FailingClassId",
        ["method-id"] = "FailingMethodId",
        ["read"] = "ReadAccess",
        ["write"] = "WriteAccess",
    };

    private static readonly HashSet<string> s_reservedMembers = new(StringComparer.Ordinal)
    {
        "ClassId", "MethodId", "Id", "HasContent", "Read", "WriteTo", "GetSize", "PresenceMask", "PropertyCount",
    };

    /// <summary>The property name of a method argument or content property.</summary>
    public static string Member(string kebab)
    {
        var name = s_argumentRenames.TryGetValue(kebab, out var renamed) ? renamed : Pascal(kebab);
        return s_reservedMembers.Contains(name)
            ? throw new InvalidOperationException($"argument '{kebab}' collides with the member {name}; add it to the renames")
            : name;
    }

    /// <summary><c>routing-key</c> → <c>RoutingKey</c>.</summary>
    public static string Pascal(string kebab)
    {
        var builder = new StringBuilder(kebab.Length);
        foreach (var part in kebab.Split('-', StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }

        return builder.ToString();
    }

    /// <summary><c>routing-key</c> → <c>routingKey</c>, escaped when it is a C# keyword or a name the generated code uses.</summary>
    public static string Local(string kebab)
    {
        var pascal = Member(kebab);
        var camel = char.ToLowerInvariant(pascal[0]) + pascal[1..];
        if (s_generatedLocals.Contains(camel))
        {
            return camel + "Arg";
        }

        return s_keywords.Contains(camel) ? "@" + camel : camel;
    }

    /// <summary><c>PRECONDITION-FAILED</c> → <c>PreconditionFailed</c>.</summary>
    public static string PascalFromUpper(string upperKebab) => Pascal(upperKebab.ToLowerInvariant());

    public static string TypeName(SpecNames names) => Pascal(names.ClassName) + Pascal(names.MethodName);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Literal(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}

/// <summary>A class and method name pair as the spec spells them.</summary>
internal readonly record struct SpecNames(string ClassName, string MethodName);
