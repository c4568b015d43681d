using ActorBroker.Fuzz.Targets;
using SharpFuzz;

namespace ActorBroker.Fuzz;

/// <summary>Runs one fuzz target under afl-fuzz: <c>dotnet ActorBroker.Fuzz.dll &lt;target&gt;</c> (see README.md).</summary>
internal static class Program
{
    private delegate void Target(ReadOnlySpan<byte> input);

    private static readonly Dictionary<string, Target> s_targets = new(StringComparer.Ordinal)
    {
        [AmqpInputTarget.Name] = AmqpInputTarget.Run,
        [HoconTextTarget.Name] = HoconTextTarget.Run,
    };

    private static int Main(string[] args)
    {
        if (args.Length != 1 || !s_targets.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: ActorBroker.Fuzz <{string.Join('|', s_targets.Keys)}>");
            return 2;
        }

        // Out of process: a stack overflow in the target is reported as a crash instead of killing the fuzzer's server.
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            target(copy.GetBuffer().AsSpan(0, (int)copy.Length));
        });
        return 0;
    }
}
