using System.Collections.Concurrent;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Tests.Support;

namespace Verigate.Core.Tests.Challenges;

public sealed class ChallengeEngineTests
{
    [Fact]
    public async Task Code_works_one_second_before_its_lifetime_ends()
    {
        await using var h = await EngineHarness.CreateAsync();
        var challenge = await h.IssueVerificationAsync();

        h.Time.Advance(h.Policy.Lifetime - TimeSpan.FromSeconds(1));
        var result = await h.CheckAsync(challenge, EngineHarness.CodeOf(challenge));

        Assert.True(result.IsSuccess);
        Assert.Equal(ChallengeStatus.Approved, result.Value.Status);
    }

    [Fact]
    public async Task Code_is_refused_as_unknown_when_its_lifetime_ends_and_the_code_is_erased()
    {
        await using var h = await EngineHarness.CreateAsync();
        var challenge = await h.IssueVerificationAsync();

        h.Time.Advance(h.Policy.Lifetime);
        var result = await h.CheckAsync(challenge, EngineHarness.CodeOf(challenge));

        Assert.Equal(ErrorCodes.VerificationNotFound, result.Error?.Code);
        var stored = await h.ReloadAsync(challenge.Id);
        Assert.Equal(ChallengeStatus.Expired, stored!.Status);
        Assert.Null(stored.ProtectedCode);
    }

    [Fact]
    public async Task A_code_is_single_use_even_under_twenty_parallel_correct_submissions()
    {
        await using var h = await EngineHarness.CreateAsync();
        var challenge = await h.IssueVerificationAsync();
        var code = EngineHarness.CodeOf(challenge);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => h.CheckAsync(challenge, code))));

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Contains(r.Error!.Code, new[] { ErrorCodes.VerificationNotFound, ErrorCodes.TooManyAttempts }));
        Assert.Equal(ErrorCodes.VerificationNotFound, (await h.CheckAsync(challenge, code)).Error?.Code);
    }

    [Fact]
    public async Task Fifty_parallel_wrong_guesses_use_exactly_the_attempt_limit()
    {
        await using var h = await EngineHarness.CreateAsync();
        var challenge = await h.IssueVerificationAsync();
        var wrong = EngineHarness.WrongCode(challenge);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => h.CheckAsync(challenge, wrong))));

        Assert.Equal(5, results.Count(r => r.Error?.Code == ErrorCodes.CodeIncorrect));
        Assert.Equal(45, results.Count(r => r.Error?.Code == ErrorCodes.TooManyAttempts));
        var stored = await h.ReloadAsync(challenge.Id);
        Assert.Equal(5, stored!.AttemptsUsed);
        Assert.Equal(ChallengeStatus.MaxAttemptsReached, stored.Status);
    }

    [Fact]
    public async Task Check_after_five_wrong_codes_is_refused_even_with_the_right_code()
    {
        await using var h = await EngineHarness.CreateAsync();
        var challenge = await h.IssueVerificationAsync();
        var remaining = new List<int?>();
        for (var i = 0; i < 5; i++)
        {
            remaining.Add((await h.CheckAsync(challenge, EngineHarness.WrongCode(challenge))).Error?.AttemptsRemaining);
        }

        var right = await h.CheckAsync(challenge, EngineHarness.CodeOf(challenge));

        Assert.Equal([4, 3, 2, 1, 0], remaining);
        Assert.Equal(ErrorCodes.TooManyAttempts, right.Error?.Code);
    }

    [Fact]
    public async Task A_code_of_another_length_counts_as_a_wrong_guess()
    {
        await using var h = await EngineHarness.CreateAsync();
        var challenge = await h.IssueVerificationAsync();

        var result = await h.CheckAsync(challenge, EngineHarness.CodeOf(challenge) + "0");

        Assert.Equal(ErrorCodes.CodeIncorrect, result.Error?.Code);
        Assert.Equal(4, result.Error?.AttemptsRemaining);
    }

    [Fact]
    public async Task A_verification_belongs_to_its_api_key_only()
    {
        await using var h = await EngineHarness.CreateAsync();
        var challenge = await h.IssueVerificationAsync("key:1");

        var result = await h.CheckAsync(challenge, EngineHarness.CodeOf(challenge), ChallengeScope.ApiKey("key:2"));

        Assert.Equal(ErrorCodes.VerificationNotFound, result.Error?.Code);
        Assert.Equal(0, (await h.ReloadAsync(challenge.Id))!.AttemptsUsed);
    }

    [Fact]
    public async Task Resend_waits_30_then_60_then_120_seconds_and_stops_after_five_sends()
    {
        await using var h = await EngineHarness.CreateAsync();
        var challenge = await h.IssueVerificationAsync();

        var tooSoon = await h.ResendAsync(challenge);
        Assert.Equal(ErrorCodes.ResendTooSoon, tooSoon.Error?.Code);
        Assert.Equal(TimeSpan.FromSeconds(30), tooSoon.Error?.RetryAfter);

        var waits = new List<TimeSpan>();
        for (var send = 2; send <= 5; send++)
        {
            var current = (await h.ReloadAsync(challenge.Id))!;
            var wait = current.NextSendAt - h.Time.GetUtcNow();
            waits.Add(wait);
            h.Time.Advance(wait);
            Assert.True((await h.ResendAsync(challenge)).IsSuccess, $"send {send}");
        }

        h.Time.Advance(TimeSpan.FromMinutes(1)); // 450 s + 60 s: still inside the 10-minute lifetime
        var sixth = await h.ResendAsync(challenge);

        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(240)], waits);
        Assert.Equal(ErrorCodes.TooManySends, sixth.Error?.Code);
    }

    [Fact]
    public async Task Resend_delivers_the_same_code_again_and_it_still_works()
    {
        await using var h = await EngineHarness.CreateAsync();
        var challenge = await h.IssueVerificationAsync();
        h.Time.Advance(TimeSpan.FromSeconds(30));

        var resent = await h.ResendAsync(challenge);
        var deliveries = await h.DeliveriesAsync(challenge.Id);

        Assert.True(resent.IsSuccess);
        Assert.Equal(2, deliveries.Count(d => d.Status == DeliveryStatus.Queued));
        Assert.Equal(challenge.ProtectedCode, (await h.ReloadAsync(challenge.Id))!.ProtectedCode);
        Assert.True((await h.CheckAsync(challenge, EngineHarness.CodeOf(challenge))).IsSuccess);
    }

    [Fact]
    public async Task The_fourth_send_to_one_destination_in_ten_minutes_is_limited_and_nothing_is_written()
    {
        var limits = EngineHarness.Generous();
        limits.SendsPerDestination = new RateLimit(3, TimeSpan.FromMinutes(10));
        await using var h = await EngineHarness.CreateAsync(limits: limits);
        for (var i = 0; i < 3; i++)
        {
            await h.IssueVerificationAsync();
        }

        var fourth = await h.IssueAsync(new ChallengeRequest(ChallengePurpose.VerifyApi, ChallengeSubject.ForApiKey("key:1"), EngineHarness.Phone()));
        await using var read = await h.Store.OpenReadAsync(CancellationToken.None);
        var pending = await read.Outbox.CountPendingAsync(CancellationToken.None);

        Assert.Equal(ErrorCodes.RateLimited, fourth.Error?.Code);
        Assert.Equal(TimeSpan.FromSeconds(200), fourth.Error?.RetryAfter); // one send every 10 min / 3
        Assert.Equal(3, pending);
    }

    [Fact]
    public async Task The_destination_limit_frees_one_send_per_emission_interval()
    {
        var limits = EngineHarness.Generous();
        limits.SendsPerDestination = new RateLimit(3, TimeSpan.FromMinutes(10));
        await using var h = await EngineHarness.CreateAsync(limits: limits);
        for (var i = 0; i < 3; i++)
        {
            await h.IssueVerificationAsync();
        }

        h.Time.Advance(TimeSpan.FromSeconds(200));
        var again = await h.IssueAsync(new ChallengeRequest(ChallengePurpose.VerifyApi, ChallengeSubject.ForApiKey("key:1"), EngineHarness.Phone()));
        var tooSoon = await h.IssueAsync(new ChallengeRequest(ChallengePurpose.VerifyApi, ChallengeSubject.ForApiKey("key:1"), EngineHarness.Phone()));

        Assert.True(again.IsSuccess);
        Assert.Equal(ErrorCodes.RateLimited, tooSoon.Error?.Code);
    }

    [Fact]
    public async Task Phone_prefix_limit_counts_numbers_that_differ_only_in_their_last_four_digits()
    {
        var limits = EngineHarness.Generous();
        limits.SendsPerPhonePrefix = new RateLimit(2, TimeSpan.FromHours(1));
        await using var h = await EngineHarness.CreateAsync(limits: limits);

        await h.IssueVerificationAsync(to: EngineHarness.Phone("+4915112340001"));
        await h.IssueVerificationAsync(to: EngineHarness.Phone("+4915112340002"));
        var third = await h.IssueAsync(new ChallengeRequest(ChallengePurpose.VerifyApi, ChallengeSubject.ForApiKey("key:1"), EngineHarness.Phone("+4915112349999")));
        var otherBlock = await h.IssueAsync(new ChallengeRequest(ChallengePurpose.VerifyApi, ChallengeSubject.ForApiKey("key:1"), EngineHarness.Phone("+4915112350001")));

        Assert.Equal(ErrorCodes.RateLimited, third.Error?.Code);
        Assert.True(otherBlock.IsSuccess);
    }

    [Fact]
    public async Task Account_flows_never_get_codes_shorter_than_six_digits_or_longer_lived_than_ten_minutes()
    {
        await using var h = await EngineHarness.CreateAsync(new CodePolicyOptions { Length = 4, Lifetime = TimeSpan.FromMinutes(30) });

        var account = await h.IssueAsync(new ChallengeRequest(ChallengePurpose.NewDeviceLogin, ChallengeSubject.ForAccount(42), EngineHarness.Phone()));
        var api = await h.IssueVerificationAsync();

        Assert.Equal(6, account.Value.CodeLength);
        Assert.Equal(6, EngineHarness.CodeOf(account.Value).Length);
        Assert.Equal(TimeSpan.FromMinutes(10), account.Value.ExpiresAt - account.Value.CreatedAt);
        Assert.Equal(4, api.CodeLength);
        Assert.Equal(TimeSpan.FromMinutes(30), api.ExpiresAt - api.CreatedAt);
    }

    [Fact]
    public async Task Canceled_and_reported_challenges_answer_like_unknown_ones()
    {
        await using var h = await EngineHarness.CreateAsync();
        var canceled = await h.IssueVerificationAsync();
        var reported = await h.IssueVerificationAsync(to: EngineHarness.Phone("+4915112345679"));
        foreach (var (challenge, status) in new[] { (canceled, ChallengeStatus.Canceled), (reported, ChallengeStatus.Reported) })
        {
            await using var tx = await h.Store.BeginWriteAsync(CancellationToken.None);
            Assert.True((await h.Engine.CancelAsync(tx, challenge.Id, ChallengeScope.Any, status, CancellationToken.None)).IsSuccess);
            await tx.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(ErrorCodes.VerificationNotFound, (await h.CheckAsync(canceled, EngineHarness.CodeOf(canceled))).Error?.Code);
        Assert.Equal(ErrorCodes.VerificationNotFound, (await h.CheckAsync(reported, EngineHarness.CodeOf(reported))).Error?.Code);
        Assert.Null((await h.ReloadAsync(canceled.Id))!.ProtectedCode);
    }

    [Fact]
    public async Task Twenty_consecutive_wrong_codes_on_one_account_lock_code_entry_with_a_growing_delay()
    {
        await using var h = await EngineHarness.CreateAsync();
        const long userId = 7;
        await using (var tx = await h.Store.BeginWriteAsync(CancellationToken.None))
        {
            await tx.Accounts.TryInsertAsync(new Verigate.Core.Accounts.Account(userId, "alice", "x", h.Time.GetUtcNow()), CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }

        var scope = ChallengeScope.Account(ChallengePurpose.NewDeviceLogin);
        Challenge? last = null;
        for (var i = 0; i < 20; i++)
        {
            if (i % 5 == 0)
            {
                h.Time.Advance(TimeSpan.FromMinutes(1));
                last = (await h.IssueAsync(new ChallengeRequest(ChallengePurpose.NewDeviceLogin, ChallengeSubject.ForAccount(userId), EngineHarness.Phone()))).Value;
            }

            Assert.Equal(ErrorCodes.CodeIncorrect, (await h.CheckAsync(last!, EngineHarness.WrongCode(last!), scope)).Error?.Code);
        }

        var fresh = (await h.IssueAsync(new ChallengeRequest(ChallengePurpose.NewDeviceLogin, ChallengeSubject.ForAccount(userId), EngineHarness.Phone()))).Value;
        var locked = await h.CheckAsync(fresh, EngineHarness.CodeOf(fresh), scope);
        Assert.Equal(ErrorCodes.RateLimited, locked.Error?.Code);
        Assert.Equal(TimeSpan.FromMinutes(1), locked.Error?.RetryAfter);

        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ErrorCodes.CodeIncorrect, (await h.CheckAsync(fresh, EngineHarness.WrongCode(fresh), scope)).Error?.Code);
        var lockedLonger = await h.CheckAsync(fresh, EngineHarness.CodeOf(fresh), scope);
        Assert.Equal(TimeSpan.FromMinutes(2), lockedLonger.Error?.RetryAfter);

        h.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.True((await h.CheckAsync(fresh, EngineHarness.CodeOf(fresh), scope)).IsSuccess);
        await using var read = await h.Store.OpenReadAsync(CancellationToken.None);
        Assert.Null(await read.FailureCounters.GetAsync(FailureScopes.SignIn(userId), CancellationToken.None));
    }

    [Fact]
    public async Task Every_issued_challenge_has_its_message_and_audit_event_written_with_it()
    {
        await using var h = await EngineHarness.CreateAsync();
        var challenge = await h.IssueVerificationAsync();

        await using var read = await h.Store.OpenReadAsync(CancellationToken.None);
        var audit = await read.Audit.ListForChallengeAsync(challenge.Id, CancellationToken.None);
        var deliveries = await read.Deliveries.ListAsync(challenge.Id, CancellationToken.None);

        Assert.Contains(audit, e => e.Type == Audit.AuditEventTypes.ChallengeIssued);
        Assert.DoesNotContain(audit, e => (e.Detail ?? string.Empty).Contains(EngineHarness.CodeOf(challenge), StringComparison.Ordinal));
        Assert.Single(deliveries, d => d.Status == DeliveryStatus.Queued);
    }

    [Fact]
    public async Task Codes_are_uniform_random_digits_with_leading_zeros_kept()
    {
        await using var h = await EngineHarness.CreateAsync();
        var firstDigits = new ConcurrentDictionary<char, int>();
        for (var i = 0; i < 400; i++)
        {
            var c = await h.IssueVerificationAsync(to: new Destination(Channel.Email, $"u{i}@example.com"));
            firstDigits.AddOrUpdate(EngineHarness.CodeOf(c)[0], 1, (_, n) => n + 1);
        }

        Assert.True(firstDigits.ContainsKey('0'));
        Assert.Equal(10, firstDigits.Count);
    }
}
