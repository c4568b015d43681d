using System.Text;

namespace ActorBroker.Actors;

/// <summary>
/// The place of an actor in its system's hierarchy, such as <c>/user/orders/queue-1</c>.
/// Two paths are equal when they name the same place; a restarted actor keeps its path.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private ActorPath(ActorPath? parent, string name)
    {
        Parent = parent;
        Name = name;
    }

    /// <summary>The root of every hierarchy, written <c>/</c>.</summary>
    public static ActorPath Root { get; } = new(null, string.Empty);

    /// <summary>The enclosing path, or null for <see cref="Root"/>.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element: the actor's name.</summary>
    public string Name { get; }

    /// <summary>Returns the path of a child named <paramref name="name"/>.</summary>
    public ActorPath Child(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"An actor path element may not contain '/': '{name}'.", nameof(name));
        }

        return new ActorPath(this, name);
    }

    public bool Equals(ActorPath? other)
    {
        var left = this;
        var right = other;
        while (left is not null && right is not null)
        {
            if (ReferenceEquals(left, right))
            {
                return true;
            }

            if (!string.Equals(left.Name, right.Name, StringComparison.Ordinal))
            {
                return false;
            }

            left = left.Parent;
            right = right.Parent;
        }

        return left is null && right is null;
    }

    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var path = this; path is not null; path = path.Parent)
        {
            hash.Add(path.Name, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public override string ToString()
    {
        if (Parent is null)
        {
            return "/";
        }

        var names = new Stack<string>();
        for (var path = this; path.Parent is not null; path = path.Parent)
        {
            names.Push(path.Name);
        }

        var text = new StringBuilder();
        foreach (var name in names)
        {
            text.Append('/').Append(name);
        }

        return text.ToString();
    }
}
