using System.Text;
using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.Tests.Framing;

public class ShortStringCacheTests
{
    [Fact]
    public void Two_names_that_share_a_cache_set_both_stay_cached()
    {
        var (first, second) = TwoNamesInOneSet();
        ShortStringCache.GetString(first);
        ShortStringCache.GetString(second);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            ShortStringCache.GetString(first);
            ShortStringCache.GetString(second);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_cached_name_decodes_to_the_same_text()
    {
        var utf8 = Encoding.UTF8.GetBytes("orders.eu-west");

        Assert.Equal("orders.eu-west", ShortStringCache.GetString(utf8));
        Assert.Same(ShortStringCache.GetString(utf8), ShortStringCache.GetString(utf8));
    }

    // The hash is seeded per process, so the colliding pair is found at run time.
    private static (byte[] First, byte[] Second) TwoNamesInOneSet()
    {
        var nameOfSet = new Dictionary<int, byte[]>();
        for (var i = 0; ; i++)
        {
            var name = Encoding.UTF8.GetBytes($"queue-{i}");
            if (nameOfSet.TryGetValue(ShortStringCache.SetOf(name), out var earlier))
            {
                return (earlier, name);
            }

            nameOfSet[ShortStringCache.SetOf(name)] = name;
        }
    }
}
