using System.Text;
using ActorBroker.Broker.Streams;

namespace ActorBroker.Broker.Tests.Streams;

public sealed class Murmur3Tests
{
    // The published MurmurHash3 x86_32 vectors (SMHasher's reference implementation).
    [Theory]
    [InlineData("", 0u, 0u)]
    [InlineData("", 1u, 0x514E28B7u)]
    [InlineData("", 0xFFFFFFFFu, 0x81F16F39u)]
    [InlineData("aaaa", 0x9747B28Cu, 0x5A97808Au)]
    [InlineData("aaa", 0x9747B28Cu, 0x283E0130u)]
    [InlineData("aa", 0x9747B28Cu, 0x5D211726u)]
    [InlineData("a", 0x9747B28Cu, 0x7FA09EA6u)]
    [InlineData("abcd", 0x9747B28Cu, 0xF0478627u)]
    [InlineData("Hello, world!", 0x9747B28Cu, 0x24884CBAu)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x9747B28Cu, 0x2FA826CDu)]
    public void Hash32_matches_the_reference_vectors(string text, uint seed, uint expected) =>
        Assert.Equal(expected, Murmur3.Hash32(Encoding.UTF8.GetBytes(text), seed));

    [Fact]
    public void Four_zero_bytes_hash_as_the_reference_says() =>
        Assert.Equal(0x2362F9DEu, Murmur3.Hash32(new byte[4], 0));

    [Fact]
    public void A_partition_is_the_unsigned_hash_with_seed_104729_modulo_the_partitions()
    {
        foreach (var key in new[] { "", "a", "order-42", "clé-ü", new string('k', 300) })
        {
            var hash = Murmur3.Hash32(Encoding.UTF8.GetBytes(key), 104729);
            Assert.Equal((int)(hash % 7u), SuperStreams.PartitionOf(key, 7));
        }
    }
}
