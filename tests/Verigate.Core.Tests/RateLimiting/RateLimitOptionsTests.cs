using Verigate.Core.Challenges;
using Verigate.Core.RateLimiting;

namespace Verigate.Core.Tests.RateLimiting;

public sealed class RateLimitOptionsTests
{
    [Theory]
    [InlineData(19, 0)]
    [InlineData(20, 60)]
    [InlineData(21, 120)]
    [InlineData(22, 240)]
    [InlineData(40, 3600)]
    public void Code_entry_locks_after_twenty_failures_doubling_up_to_an_hour(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new RateLimitOptions().CheckLockFor(failures));

    [Fact]
    public void The_defaults_are_valid_and_a_zero_count_is_refused_with_the_setting_named()
    {
        Assert.Empty(new RateLimitOptions().Validate());
        var bad = new RateLimitOptions { SendsPerIp = new RateLimit(0, TimeSpan.FromMinutes(1)) };
        Assert.Contains(bad.Validate(), m => m.Contains("RateLimits:SendsPerIp", StringComparison.Ordinal));
    }

    [Fact]
    public void Code_policy_defaults_are_valid_and_bad_values_are_named()
    {
        Assert.Empty(new CodePolicyOptions().Validate());
        var errors = new CodePolicyOptions { Length = 3, MaxAttempts = 0, Lifetime = TimeSpan.FromHours(2) }.Validate().ToList();
        Assert.Contains(errors, m => m.StartsWith("Codes:Length", StringComparison.Ordinal));
        Assert.Contains(errors, m => m.StartsWith("Codes:MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(errors, m => m.StartsWith("Codes:Lifetime", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 240)]
    [InlineData(5, 300)]
    public void Resend_cooldown_grows_and_is_capped(int sendsUsed, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new CodePolicyOptions().CooldownAfter(sendsUsed));
}
