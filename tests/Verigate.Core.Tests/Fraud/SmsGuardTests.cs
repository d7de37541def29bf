using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.Fraud;
using Verigate.Core.Results;
using Verigate.Core.Tests.Support;

namespace Verigate.Core.Tests.Fraud;

/// <summary>The SMS-pumping guard on a real SQLite store with a fake clock: what it refuses, what it lets through.</summary>
public sealed class SmsGuardTests
{
    private static readonly Destination Email = new(Channel.Email, "someone@example.com");

    [Fact]
    public async Task A_country_not_on_the_allowed_list_is_refused_by_the_screen_and_by_the_send_while_email_and_allowed_countries_pass()
    {
        var options = EngineHarness.GenerousGuard();
        options.AllowedCountries = ["DE"];
        await using var h = await EngineHarness.CreateAsync(guard: options);

        var french = EngineHarness.Phone("+33612345678");
        Assert.Equal(ErrorCodes.DestinationBlocked, (await h.Guard.ScreenAsync(h.Store, french, null, CancellationToken.None))?.Code);
        var issued = await h.IssueAsync(Request(french));
        Assert.Equal(ErrorCodes.DestinationBlocked, issued.Error?.Code);

        Assert.Null(await h.Guard.ScreenAsync(h.Store, EngineHarness.Phone("+4915112345678"), null, CancellationToken.None));
        Assert.True((await h.IssueAsync(Request(EngineHarness.Phone("+4915112345678")))).IsSuccess);
        Assert.True((await h.IssueAsync(Request(Email))).IsSuccess);
    }

    [Fact]
    public async Task A_burst_of_unchecked_codes_to_one_prefix_blocks_that_prefix_only_and_the_block_grows_on_repeat()
    {
        await using var h = await EngineHarness.CreateAsync();
        var watch = new ConversionWatchOptions();

        // Pumping: many numbers of one block, nobody ever enters a code.
        Error? refused = null;
        var sent = 0;
        for (var i = 0; i < 40 && refused is null; i++)
        {
            var to = EngineHarness.Phone($"+491511234{i:D4}");
            refused = await h.Guard.ScreenAsync(h.Store, to, null, CancellationToken.None);
            if (refused is null)
            {
                Assert.True((await h.IssueAsync(Request(to))).IsSuccess);
                sent++;
            }
        }

        Assert.Equal(ErrorCodes.DestinationBlocked, refused?.Code);
        Assert.Equal(watch.MinimumSends, sent);

        var blocked = EngineHarness.Phone("+4915112349999");
        Assert.Equal(ErrorCodes.DestinationBlocked, (await h.IssueAsync(Request(blocked))).Error?.Code);
        Assert.True((await h.IssueAsync(Request(EngineHarness.Phone("+4917698765432")))).IsSuccess, "another prefix keeps working");
        Assert.True((await h.IssueAsync(Request(Email))).IsSuccess, "email keeps working");

        await using (var read = await h.Store.OpenReadAsync(CancellationToken.None))
        {
            var block = await read.Fraud.GetBlockAsync(SmsGuard.PrefixScope(blocked), CancellationToken.None);
            Assert.Equal(1, block!.Strikes);
            Assert.Equal(h.Time.GetUtcNow() + watch.BlockBase, block.BlockedUntil);
        }

        // After the block, a new burst blocks again, for twice as long.
        h.Time.Advance(watch.BlockBase);
        Assert.Null(await h.Guard.ScreenAsync(h.Store, blocked, null, CancellationToken.None));
        for (var i = 0; i < watch.MinimumSends; i++)
        {
            Assert.True((await h.IssueAsync(Request(EngineHarness.Phone($"+491511234{i:D4}")))).IsSuccess);
        }

        Assert.Equal(ErrorCodes.DestinationBlocked, (await h.Guard.ScreenAsync(h.Store, blocked, null, CancellationToken.None))?.Code);
        await using (var read = await h.Store.OpenReadAsync(CancellationToken.None))
        {
            var block = await read.Fraud.GetBlockAsync(SmsGuard.PrefixScope(blocked), CancellationToken.None);
            Assert.Equal(2, block!.Strikes);
            Assert.Equal(h.Time.GetUtcNow() + (2 * watch.BlockBase), block.BlockedUntil);
        }
    }

    [Fact]
    public async Task Codes_that_are_entered_keep_a_busy_prefix_open()
    {
        await using var h = await EngineHarness.CreateAsync();
        for (var i = 0; i < 30; i++)
        {
            var to = EngineHarness.Phone($"+491511234{i:D4}");
            Assert.Null(await h.Guard.ScreenAsync(h.Store, to, null, CancellationToken.None));
            var issued = await h.IssueAsync(Request(to));
            Assert.True((await h.CheckAsync(issued.Value, EngineHarness.CodeOf(issued.Value))).IsSuccess);
        }
    }

    [Fact]
    public async Task A_spent_daily_budget_fails_closed_for_sms_only_until_the_next_day()
    {
        var options = EngineHarness.GenerousGuard();
        options.DailySmsBudget = 3;
        await using var h = await EngineHarness.CreateAsync(guard: options);

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await h.IssueAsync(Request(EngineHarness.Phone($"+491511234560{i}")))).IsSuccess);
        }

        var refused = await h.IssueAsync(Request(EngineHarness.Phone("+4915112345699")));
        Assert.Equal(ErrorCodes.ChannelUnavailable, refused.Error?.Code);
        Assert.Equal(ErrorCodes.ChannelUnavailable, (await h.Guard.ScreenAsync(h.Store, EngineHarness.Phone("+4917612345678"), null, CancellationToken.None))?.Code);
        Assert.True((await h.IssueAsync(Request(Email))).IsSuccess);

        await using (var read = await h.Store.OpenReadAsync(CancellationToken.None))
        {
            Assert.Equal(3, (await read.Fraud.GetBudgetAsync("day:2026-11-25", CancellationToken.None)).Sends);
        }

        h.Time.Advance(TimeSpan.FromDays(1));
        Assert.True((await h.IssueAsync(Request(EngineHarness.Phone("+4915112345699")))).IsSuccess);
    }

    [Fact]
    public async Task The_estimated_cost_table_spends_a_cost_budget()
    {
        var options = EngineHarness.GenerousGuard();
        options.CostPerCountry = new() { ["GB"] = 0.5m };
        options.DefaultCost = 0.01m;
        options.DailyCostBudget = 1m;
        await using var h = await EngineHarness.CreateAsync(guard: options);

        Assert.True((await h.IssueAsync(Request(EngineHarness.Phone("+447400123451")))).IsSuccess);
        Assert.True((await h.IssueAsync(Request(EngineHarness.Phone("+447400123452")))).IsSuccess);
        Assert.Equal(ErrorCodes.ChannelUnavailable, (await h.IssueAsync(Request(EngineHarness.Phone("+4915112345678")))).Error?.Code);
    }

    [Fact]
    public async Task The_safe_list_passes_a_disallowed_country_a_spent_budget_and_a_blocked_prefix()
    {
        var options = EngineHarness.GenerousGuard();
        options.AllowedCountries = ["DE"];
        options.DailySmsBudget = 1;
        options.SafeList = ["+3361234", "+4915112345678"];
        await using var h = await EngineHarness.CreateAsync(guard: options);

        Assert.True((await h.IssueAsync(Request(EngineHarness.Phone("+4917612345678")))).IsSuccess); // spends the budget
        Assert.Equal(ErrorCodes.ChannelUnavailable, (await h.IssueAsync(Request(EngineHarness.Phone("+4917612345679")))).Error?.Code);

        var safeFrench = EngineHarness.Phone("+33612345678");
        Assert.Null(await h.Guard.ScreenAsync(h.Store, safeFrench, null, CancellationToken.None));
        Assert.True((await h.IssueAsync(Request(safeFrench))).IsSuccess);

        var vip = EngineHarness.Phone("+4915112345678");
        await using (var tx = await h.Store.BeginWriteAsync(CancellationToken.None))
        {
            await tx.Fraud.SetBlockAsync(new FraudBlock(SmsGuard.PrefixScope(vip), h.Time.GetUtcNow().AddHours(1), 1, "test", h.Time.GetUtcNow()), CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }

        Assert.True((await h.IssueAsync(Request(vip))).IsSuccess);
        Assert.Equal(ErrorCodes.DestinationBlocked, (await h.IssueAsync(Request(EngineHarness.Phone("+4915112340000")))).Error?.Code);
    }

    [Fact]
    public void Options_refuse_malformed_countries_and_safe_list_entries()
    {
        var options = new SmsGuardOptions { AllowedCountries = ["Germany"], SafeList = ["0151"] };
        Assert.Equal(2, options.Validate().Count());
        Assert.Empty(new SmsGuardOptions().Validate());
    }

    private static ChallengeRequest Request(Destination to) =>
        new(ChallengePurpose.VerifyApi, ChallengeSubject.ForApiKey("key:1"), to);
}
