namespace ActorBroker.Amqp.CodeGen.Spec;

/// <summary>The AMQP wire types a method argument or content property can have, after domains are resolved.</summary>
public enum WireType
{
    Bit,
    Octet,
    Short,
    Long,
    LongLong,
    Timestamp,
    ShortStr,
    LongStr,
    Table,
}

/// <summary>One method argument or content property.</summary>
/// <param name="Name">The spec's kebab-case name, e.g. <c>routing-key</c>.</param>
/// <param name="Type">The resolved wire type.</param>
/// <param name="DefaultValue">The spec's default, when it gives one.</param>
public sealed record SpecField(string Name, WireType Type, SpecDefault? DefaultValue);

/// <summary>A default value from the spec: a boolean, a number or a string (tables default to empty).</summary>
public sealed record SpecDefault(bool? Boolean, long? Number, string? Text);

/// <summary>One AMQP method.</summary>
public sealed record SpecMethod(string Name, ushort Id, bool HasContent, bool Synchronous, IReadOnlyList<SpecField> Arguments);

/// <summary>One AMQP class with its methods and (for content classes) its properties.</summary>
public sealed record SpecClass(string Name, ushort Id, IReadOnlyList<SpecMethod> Methods, IReadOnlyList<SpecField> Properties);

/// <summary>A named constant; <see cref="ErrorClass"/> is <c>soft-error</c>, <c>hard-error</c> or null.</summary>
public sealed record SpecConstant(string Name, int Value, string? ErrorClass);

/// <summary>The whole protocol description.</summary>
public sealed record AmqpSpec(
    int MajorVersion,
    int MinorVersion,
    int Revision,
    int Port,
    IReadOnlyList<SpecConstant> Constants,
    IReadOnlyList<SpecClass> Classes);
