using Verigate.Core.RateLimiting;

namespace Verigate.Core.Tests.RateLimiting;

public sealed class GcraTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly RateLimit ThreePerTenMinutes = new(3, TimeSpan.FromMinutes(10));

    [Fact]
    public void A_burst_up_to_the_count_is_allowed_and_the_next_event_waits_one_interval()
    {
        DateTimeOffset? tat = null;
        for (var i = 0; i < 3; i++)
        {
            var allowed = Gcra.Evaluate(tat, Now, ThreePerTenMinutes);
            Assert.True(allowed.Allowed);
            tat = allowed.NewTat;
        }

        var refused = Gcra.Evaluate(tat, Now, ThreePerTenMinutes);

        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(200), refused.RetryAfter);
        Assert.Equal(tat, refused.NewTat);
    }

    [Fact]
    public void A_key_whose_instant_lies_in_the_past_starts_afresh()
    {
        var decision = Gcra.Evaluate(Now - TimeSpan.FromDays(1), Now, ThreePerTenMinutes);

        Assert.True(decision.Allowed);
        Assert.Equal(Now + TimeSpan.FromSeconds(200), decision.NewTat);
    }

    [Fact]
    public void Waiting_the_retry_time_makes_the_next_event_allowed()
    {
        var tat = Now + TimeSpan.FromMinutes(10);
        var refused = Gcra.Evaluate(tat, Now, ThreePerTenMinutes);

        var later = Gcra.Evaluate(tat, Now + refused.RetryAfter, ThreePerTenMinutes);

        Assert.True(later.Allowed);
    }
}
