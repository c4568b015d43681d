using System.Globalization;

namespace ActorBroker.Cli.Perf;

/// <summary>
/// CPU time (user + system) of processes on this machine, read from Linux's <c>/proc/&lt;pid&gt;/stat</c>: of a
/// process alone, or of a process with its children, as PostgreSQL's server does its work in one backend process per
/// connection under the postmaster.
/// </summary>
internal static class ProcessCpu
{
    // USER_HZ: the unit of /proc's times, fixed at 100 by the kernel's ABI on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>Whether <paramref name="pid"/> names a live process this user can read.</summary>
    public static bool Exists(int pid) => TryRead(pid, out _);

    /// <summary>The CPU time of every process of <paramref name="pids"/> (with its children when <paramref name="withChildren"/>).</summary>
    public static TimeSpan Total(IReadOnlyList<int> pids, bool withChildren)
    {
        var ticks = 0L;
        var counted = new HashSet<int>();
        foreach (var pid in pids)
        {
            if (counted.Add(pid) && TryRead(pid, out var stat))
                ticks += stat.Ticks;
        }
        if (withChildren && pids.Count > 0)
        {
            foreach (var child in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(child), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    && TryRead(pid, out var stat) && pids.Contains(stat.Parent) && counted.Add(pid))
                    ticks += stat.Ticks;
            }
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static bool TryRead(int pid, out Stat stat)
    {
        stat = default;
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false; // gone, or never was
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        // The command name (field 2) is in parentheses and may hold spaces; the fields after its last ')' start with
        // field 3 (state): ppid is field 4, utime and stime fields 14 and 15.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        stat = new Stat(
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        return true;
    }

    private readonly record struct Stat(int Parent, long Ticks);
}
