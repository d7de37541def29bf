using Microsoft.Extensions.Time.Testing;
using Verigate.Core.Identifiers;

namespace Verigate.Core.Tests.Identifiers;

public sealed class SnowflakeIdGeneratorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Ids_increase_with_time_and_carry_their_issue_time()
    {
        var ids = new SnowflakeIdGenerator(_time, 3);
        var first = ids.Next();
        _time.Advance(TimeSpan.FromMilliseconds(5));
        var second = ids.Next();

        Assert.True(second > first);
        Assert.Equal(_time.GetUtcNow(), SnowflakeIdGenerator.TimestampOf(second));
        Assert.True(first > 0);
    }

    [Fact]
    public void A_hundred_thousand_ids_in_one_frozen_millisecond_are_unique_and_increasing()
    {
        var ids = new SnowflakeIdGenerator(_time, 0);
        var issued = Enumerable.Range(0, 100_000).Select(_ => ids.Next()).ToArray();

        Assert.Equal(issued.Length, issued.Distinct().Count());
        Assert.True(issued.Zip(issued.Skip(1)).All(p => p.Second > p.First));
    }

    [Fact]
    public void A_clock_that_steps_back_never_produces_an_id_twice_or_out_of_order()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var ids = new SnowflakeIdGenerator(clock, 1);
        var before = Enumerable.Range(0, 10).Select(_ => ids.Next()).ToList();
        clock.Now -= TimeSpan.FromSeconds(10); // an NTP correction

        var after = Enumerable.Range(0, 10).Select(_ => ids.Next()).ToList();

        Assert.True(after.Min() > before.Max());
    }

    /// <summary>FakeTimeProvider refuses to go backwards; real clocks sometimes do.</summary>
    private sealed class SteppingClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Different_nodes_never_collide_in_the_same_millisecond()
    {
        var a = new SnowflakeIdGenerator(_time, 1);
        var b = new SnowflakeIdGenerator(_time, 2);

        var fromA = Enumerable.Range(0, 1000).Select(_ => a.Next()).ToHashSet();

        Assert.DoesNotContain(Enumerable.Range(0, 1000).Select(_ => b.Next()), fromA.Contains);
    }

    [Fact]
    public void Ids_are_issued_in_parallel_without_duplicates()
    {
        var ids = new SnowflakeIdGenerator(TimeProvider.System, 5);
        var bag = new System.Collections.Concurrent.ConcurrentBag<long>();
        Parallel.For(0, 50_000, _ => bag.Add(ids.Next()));

        Assert.Equal(50_000, bag.Distinct().Count());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1024)]
    public void Node_ids_outside_ten_bits_are_refused(int node) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SnowflakeIdGenerator(_time, node));
}
