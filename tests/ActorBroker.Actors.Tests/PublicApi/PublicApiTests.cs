using System.Reflection;
using System.Runtime.CompilerServices;

namespace ActorBroker.Actors.Tests.PublicApi;

/// <summary>
/// Other parts of the broker code against the kernel's public API (coord/KERNEL-API.md), so a change to it
/// must be deliberate: this test compares it with the approved listing beside this file. After an
/// intended change, copy the written <c>*.received.txt</c> over the approved file.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_kernel_public_api_matches_the_approved_listing() =>
        AssertMatchesApproved(typeof(ActorSystem).Assembly, "ActorBroker.Actors");

    [Fact]
    public void The_test_kit_public_api_matches_the_approved_listing() =>
        AssertMatchesApproved(typeof(ActorBroker.TestKit.TestProbe).Assembly, "ActorBroker.TestKit");

    private static void AssertMatchesApproved(Assembly assembly, string name, [CallerFilePath] string sourceFile = "")
    {
        var folder = Path.GetDirectoryName(sourceFile)!;
        var approvedPath = Path.Combine(folder, $"{name}.approved.txt");
        var actual = string.Join('\n', Describe(assembly)) + "\n";
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (actual != approved)
        {
            var receivedPath = Path.Combine(folder, $"{name}.received.txt");
            File.WriteAllText(receivedPath, actual);
            Assert.Fail($"The public API of {name} changed; compare {receivedPath} with {approvedPath}.");
        }
    }

    private static IEnumerable<string> Describe(Assembly assembly)
    {
        const BindingFlags declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
            | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            yield return $"{Kind(type)} {type.FullName}";
            var members = type.GetMembers(declared)
                .Where(IsVisible)
                .Where(m => !m.Name.Contains('<', StringComparison.Ordinal) && m.Name != "EqualityContract")
                .Where(m => m is not MethodInfo { IsSpecialName: true } and not FieldInfo { IsSpecialName: true })
                .Select(m => $"    {m.MemberType} {m}")
                .Order(StringComparer.Ordinal);
            foreach (var member in members)
            {
                yield return member;
            }
        }
    }

    private static string Kind(Type type) =>
        type.IsInterface ? "interface"
        : type.IsEnum ? "enum"
        : type.IsValueType ? "struct"
        : type.IsAbstract && type.IsSealed ? "static class"
        : type.IsAbstract ? "abstract class"
        : type.IsSealed ? "sealed class"
        : "class";

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(IsVisible),
        EventInfo evt => evt.AddMethod is { } add && IsVisible(add),
        Type nested => nested.IsNestedPublic || nested.IsNestedFamily,
        _ => false,
    };
}
