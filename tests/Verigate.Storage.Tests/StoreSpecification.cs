using System.Collections.Concurrent;
using Verigate.Core.AccountRecovery;
using Verigate.Core.Accounts;
using Verigate.Core.ActionLinks;
using Verigate.Core.ApiKeys;
using Verigate.Core.Attempts;
using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Contacts;
using Verigate.Core.Delivery;
using Verigate.Core.Destinations;
using Verigate.Core.Devices;
using Verigate.Core.Fraud;
using Verigate.Core.Outbox;
using Verigate.Core.Passkeys;
using Verigate.Core.RateLimiting;
using Verigate.Core.Sessions;
using Verigate.Core.Storage;
using Verigate.Core.VerifyServices;
using Verigate.Core.Webhooks;

namespace Verigate.Storage.Tests;

/// <summary>
/// What every store backend must do, run once per backend (one subclass each). Concurrency cases use one
/// write session per task, as the service does, so they test the database's guarantees, not the test's.
/// </summary>
public abstract partial class StoreSpecification : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    protected static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected CountingOutboxSignal Signal { get; } = new();

    protected IStore Store { get; private set; } = null!;

    protected abstract Task<IStore> CreateStoreAsync();

    protected abstract Task DisposeStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public Task DisposeAsync() => DisposeStoreAsync();

    private async Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work)
    {
        await using var tx = await Store.BeginWriteAsync(None);
        var result = await work(tx);
        await tx.CommitAsync(None);
        return result;
    }

    private Task WriteAsync(Func<IStoreSession, Task> work) => WriteAsync(async tx =>
    {
        await work(tx);
        return true;
    });

    private async Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work)
    {
        await using var read = await Store.OpenReadAsync(None);
        return await work(read);
    }

    // An attempt checked against a failure counter nobody has counted (the usual case).
    private static async Task<int?> UseAttemptAsync(IStoreSession tx, string id, DateTimeOffset at) =>
        (await tx.Challenges.TryUseAttemptAsync(id, "fc:untouched", at, None))?.AttemptsUsed;

    private static Challenge NewChallenge(string id, int maxAttempts = 5, DateTimeOffset? expiresAt = null) => new()
    {
        Id = id,
        Purpose = ChallengePurpose.VerifyApi,
        Label = null,
        Subject = ChallengeSubject.ForApiKey("key-1"),
        Destination = new Destination(Channel.Sms, "+4915112345678"),
        CodeLength = 6,
        CodeHash = [1, 2, 3, 4],
        ProtectedCode = "sealed",
        Status = ChallengeStatus.Pending,
        CreatedAt = Now,
        ExpiresAt = expiresAt ?? Now.AddMinutes(10),
        MaxAttempts = maxAttempts,
        MaxSends = 5,
        NextSendAt = Now.AddSeconds(30),
        ClientIp = null,
    };

    private static OutboxMessage NewMessage(string? challengeId = null, DateTimeOffset? at = null) =>
        new(0, OutboxKind.Code, challengeId, new Destination(Channel.Email, "ann@example.com"), "code", "en", at ?? Now);

    // ---- accounts and contacts ----

    [Fact]
    public async Task An_account_round_trips_and_usernames_are_unique_case_insensitively()
    {
        var account = new Account(1001, "Ann.Lee", "hash", Now, "de");
        Assert.True(await WriteAsync(tx => tx.Accounts.TryInsertAsync(account, None)));
        Assert.False(await WriteAsync(tx => tx.Accounts.TryInsertAsync(account with { UserId = 1002, Username = "ann.LEE" }, None)));

        Assert.Equal(account, await ReadAsync(r => r.Accounts.GetAsync(1001, None)));
        Assert.Equal(1001, (await ReadAsync(r => r.Accounts.FindByUsernameAsync("ANN.lee", None)))!.UserId);
        Assert.Null(await ReadAsync(r => r.Accounts.GetAsync(1002, None)));

        await WriteAsync(tx => tx.Accounts.UpdatePasswordAsync(1001, "hash2", None));
        Assert.Equal("hash2", (await ReadAsync(r => r.Accounts.GetAsync(1001, None)))!.PasswordHash);
    }

    [Fact]
    public async Task A_rename_frees_the_old_name_and_refuses_a_name_another_account_has()
    {
        await WriteAsync(tx => tx.Accounts.TryInsertAsync(new Account(21, "carol", "h", Now), None));
        await WriteAsync(tx => tx.Accounts.TryInsertAsync(new Account(22, "dave", "h", Now), None));

        Assert.False(await WriteAsync(tx => tx.Accounts.TryRenameAsync(22, "CAROL", None)));
        Assert.True(await WriteAsync(tx => tx.Accounts.TryRenameAsync(21, "Caroline", None)));
        Assert.True(await WriteAsync(tx => tx.Accounts.TryRenameAsync(22, "carol", None)));

        Assert.Equal(21, (await ReadAsync(r => r.Accounts.FindByUsernameAsync("caroline", None)))!.UserId);
        Assert.Equal(("carol", 22L), await ReadAsync(async r => ((await r.Accounts.FindByUsernameAsync("Carol", None))!.Username, (await r.Accounts.FindByUsernameAsync("Carol", None))!.UserId)));
        Assert.Null(await ReadAsync(r => r.Accounts.FindByUsernameAsync("dave", None)));
    }

    [Fact]
    public async Task Code_entry_failures_count_lock_and_clear_per_key()
    {
        Assert.Equal(1, await WriteAsync(tx => tx.FailureCounters.AddAsync("account:7", None)));
        Assert.Equal(2, await WriteAsync(tx => tx.FailureCounters.AddAsync("account:7", None)));
        Assert.Equal(1, await WriteAsync(tx => tx.FailureCounters.AddAsync("reset:email:bob@example.com", None)));
        await WriteAsync(tx => tx.FailureCounters.LockAsync("account:7", Now.AddMinutes(15), None));
        await WriteAsync(tx => tx.FailureCounters.LockAsync("reset:email:bob@example.com", DateTimeOffset.MaxValue, None));
        Assert.Equal(new FailureCount(2, Now.AddMinutes(15)), await ReadAsync(r => r.FailureCounters.GetAsync("account:7", None)));
        Assert.Equal(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds(),
            (await ReadAsync(r => r.FailureCounters.GetAsync("reset:email:bob@example.com", None)))!.LockedUntil!.Value.ToUnixTimeMilliseconds());

        await WriteAsync(tx => tx.FailureCounters.ClearAsync(["account:7"], None));
        Assert.Null(await ReadAsync(r => r.FailureCounters.GetAsync("account:7", None)));
        Assert.NotNull(await ReadAsync(r => r.FailureCounters.GetAsync("reset:email:bob@example.com", None)));
    }

    [Fact]
    public async Task A_contact_is_found_only_once_verified_and_only_one_account_can_verify_it()
    {
        var phone = new Destination(Channel.Sms, "+4915100000001");
        await WriteAsync(async tx =>
        {
            await tx.Accounts.TryInsertAsync(new Account(1, "one", "h", Now), None);
            await tx.Accounts.TryInsertAsync(new Account(2, "two", "h", Now), None);
            await tx.Accounts.InsertContactAsync(new Contact(11, 1, phone, false, Now), None);
            await tx.Accounts.InsertContactAsync(new Contact(21, 2, phone, false, Now), None);
            await tx.Accounts.InsertContactAsync(new Contact(22, 2, new Destination(Channel.Email, "two@example.com"), true, Now), None);
        });

        Assert.Null(await ReadAsync(r => r.Accounts.FindByVerifiedContactAsync(phone, None)));
        Assert.True(await WriteAsync(tx => tx.Accounts.TryMarkContactVerifiedAsync(1, phone, Now, None)));
        Assert.False(await WriteAsync(tx => tx.Accounts.TryMarkContactVerifiedAsync(2, phone, Now, None)));
        Assert.Equal(1, (await ReadAsync(r => r.Accounts.FindByVerifiedContactAsync(phone, None)))!.UserId);

        var contacts = await ReadAsync(r => r.Accounts.ContactsOfAsync(2, None));
        Assert.Equal([21L, 22L], contacts.Select(c => c.ContactId));
        Assert.Equal([false, true], contacts.Select(c => c.Verified));
    }

    [Fact]
    public async Task Parallel_verifications_of_one_contact_by_different_accounts_let_exactly_one_win_and_keep_the_session_usable()
    {
        var phone = new Destination(Channel.Sms, "+4915100000002");
        await WriteAsync(async tx =>
        {
            for (var user = 1; user <= 8; user++)
            {
                await tx.Accounts.TryInsertAsync(new Account(user, "user" + user, "h", Now), None);
                await tx.Accounts.InsertContactAsync(new Contact(100 + user, user, phone, false, Now), None);
            }
        });

        var wins = await Task.WhenAll(Enumerable.Range(1, 8).Select(user => Task.Run(() => WriteAsync(async tx =>
        {
            var won = await tx.Accounts.TryMarkContactVerifiedAsync(user, phone, Now, None);

            // The session must still work after a lost race (PostgreSQL would otherwise abort the transaction).
            await tx.Audit.AppendAsync(new AuditEvent(Now, "contact_verify_attempt", user), None);
            return won;
        }))));

        Assert.Single(wins, w => w);
        for (var user = 1; user <= 8; user++)
        {
            Assert.Single(await ReadAsync(r => r.Audit.ListForUserAsync(user, 10, None)));
        }
    }

    // ---- devices and sessions ----

    [Fact]
    public async Task Devices_are_found_by_token_while_trusted_and_forget_their_tokens_on_revocation()
    {
        await WriteAsync(async tx =>
        {
            await tx.Devices.InsertAsync(new Device(31, 3, "Phone", [9, 9], true, Now, Now), None);
            await tx.Devices.InsertAsync(new Device(32, 3, "Laptop", null, false, Now, Now), None);
        });

        Assert.Equal(31, (await ReadAsync(r => r.Devices.FindTrustedByTokenHashAsync([9, 9], None)))!.DeviceId);
        await WriteAsync(tx => tx.Devices.TouchAsync(31, Now.AddHours(1), None));
        var listed = await ReadAsync(r => r.Devices.ListAsync(3, None));
        Assert.Equal([31L, 32L], listed.Select(d => d.DeviceId));
        Assert.Equal(Now.AddHours(1), listed[0].LastSeenAt);

        await WriteAsync(tx => tx.Devices.RevokeTrustAsync(3, None));
        Assert.Null(await ReadAsync(r => r.Devices.FindTrustedByTokenHashAsync([9, 9], None)));
        Assert.All(await ReadAsync(r => r.Devices.ListAsync(3, None)), d => Assert.Equal((false, (byte[]?)null), (d.Trusted, d.TokenHash)));
    }

    [Fact]
    public async Task Sessions_round_trip_and_are_revoked_together()
    {
        var session = new UserSession("s1", [1, 2, 3], 5, 51, Now, Now.AddDays(30));
        await WriteAsync(async tx =>
        {
            await tx.Sessions.InsertAsync(session, None);
            await tx.Sessions.InsertAsync(session with { SessionId = "s2", TokenHash = [4] }, None);
        });
        var found = await ReadAsync(r => r.Sessions.FindByTokenHashAsync([1, 2, 3], None));
        Assert.Equal((session.SessionId, session.UserId, session.DeviceId, session.ExpiresAt), (found!.SessionId, found.UserId, found.DeviceId, found.ExpiresAt));

        await WriteAsync(tx => tx.Sessions.RevokeAllAsync(5, Now.AddHours(1), None));
        Assert.Equal(Now.AddHours(1), (await ReadAsync(r => r.Sessions.FindByTokenHashAsync([4], None)))!.RevokedAt);
    }

    // ---- challenges ----

    [Fact]
    public async Task A_challenge_round_trips_every_field()
    {
        var challenge = NewChallenge("ch-roundtrip") with { Label = "Acme", DeviceName = "Firefox", ClientIp = "203.0.113.9", Locale = "de", ServiceSid = "VA" + new string('a', 32), ReuseKey = "reuse-roundtrip" };
        await WriteAsync(tx => tx.Challenges.InsertAsync(challenge, None));
        var stored = await ReadAsync(r => r.Challenges.GetAsync("ch-roundtrip", None));
        Assert.Equal(challenge with { CodeHash = stored!.CodeHash }, stored);
        Assert.Equal(challenge.CodeHash, stored.CodeHash);
        Assert.Null(await ReadAsync(r => r.Challenges.GetAsync("missing", None)));
    }

    [Fact]
    public async Task Several_challenges_are_read_at_once_and_unknown_ids_are_left_out()
    {
        await WriteAsync(async tx =>
        {
            await tx.Challenges.InsertAsync(NewChallenge("ch-many-1"), None);
            await tx.Challenges.InsertAsync(NewChallenge("ch-many-2") with { Label = "second" }, None);
        });

        var found = await ReadAsync(r => r.Challenges.GetManyAsync(["ch-many-2", "missing", "ch-many-1"], None));
        Assert.Equal(["ch-many-1", "ch-many-2"], found.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.Equal((await ReadAsync(r => r.Challenges.GetAsync("ch-many-2", None)))! with { CodeHash = [] }, found.Single(c => c.Id == "ch-many-2") with { CodeHash = [] });
        Assert.Empty(await ReadAsync(r => r.Challenges.GetManyAsync(["missing"], None)));
        Assert.Empty(await ReadAsync(r => r.Challenges.GetManyAsync([], None)));
    }

    [Fact]
    public async Task The_open_verification_of_a_service_is_found_by_destination_newest_first_and_only_before_expiry()
    {
        const string service = "VA0123456789abcdef0123456789abcdef";
        var to = new Destination(Channel.Sms, "+4915112345678");
        await WriteAsync(async tx =>
        {
            await tx.Challenges.InsertAsync(NewChallenge("VEold") with { ServiceSid = service }, None);
            await tx.Challenges.InsertAsync(NewChallenge("VEnew") with { ServiceSid = service, CreatedAt = Now.AddSeconds(1) }, None);
            await tx.Challenges.InsertAsync(NewChallenge("VEother") with { ServiceSid = "VA" + new string('f', 32), CreatedAt = Now.AddSeconds(2) }, None);
            await tx.Challenges.InsertAsync(NewChallenge("VEkey2") with { ServiceSid = service, Subject = ChallengeSubject.ForApiKey("key-2"), CreatedAt = Now.AddSeconds(3) }, None);
        });

        var subject = ChallengeSubject.ForApiKey("key-1");
        Assert.Equal("VEnew", (await ReadAsync(r => r.Challenges.FindLatestAsync(subject, service, to, Now, false, None)))?.Id);
        Assert.Null(await ReadAsync(r => r.Challenges.FindLatestAsync(subject, service, new Destination(Channel.Sms, "+4915199999999"), Now, false, None)));
        Assert.Null(await ReadAsync(r => r.Challenges.FindLatestAsync(subject, service, to, Now.AddMinutes(10), false, None)));

        Assert.True(await WriteAsync(tx => tx.Challenges.TryEndAsync("VEnew", ChallengeStatus.MaxAttemptsReached, Now, None)));
        Assert.Equal("VEold", (await ReadAsync(r => r.Challenges.FindLatestAsync(subject, service, to, Now, false, None)))?.Id);
        Assert.Equal("VEnew", (await ReadAsync(r => r.Challenges.FindLatestAsync(subject, service, to, Now, true, None)))?.Id);
    }

    [Fact]
    public async Task The_reusable_challenge_is_the_newest_pending_one_of_its_key_with_attempts_left_before_expiry()
    {
        await WriteAsync(async tx =>
        {
            await tx.Challenges.InsertAsync(NewChallenge("ch-reuse-old") with { ReuseKey = "k1" }, None);
            await tx.Challenges.InsertAsync(NewChallenge("ch-reuse-new") with { ReuseKey = "k1", CreatedAt = Now.AddSeconds(1) }, None);
            await tx.Challenges.InsertAsync(NewChallenge("ch-reuse-other") with { ReuseKey = "k2", CreatedAt = Now.AddSeconds(2) }, None);
            await tx.Challenges.InsertAsync(NewChallenge("ch-reuse-none") with { CreatedAt = Now.AddSeconds(3) }, None);
            await tx.Challenges.InsertAsync(NewChallenge("ch-reuse-spent", maxAttempts: 1) with { ReuseKey = "k3" }, None);
        });

        Assert.Equal("ch-reuse-new", (await ReadAsync(r => r.Challenges.FindReusableAsync("k1", Now, None)))?.Id);
        Assert.Equal("ch-reuse-other", (await ReadAsync(r => r.Challenges.FindReusableAsync("k2", Now, None)))?.Id);
        Assert.Null(await ReadAsync(r => r.Challenges.FindReusableAsync("k1", Now.AddMinutes(10), None)));
        Assert.Null(await ReadAsync(r => r.Challenges.FindReusableAsync("missing", Now, None)));

        // Out of attempts: never reused (asking again must not look like fresh attempts, nor keep answering "too many").
        Assert.Equal("ch-reuse-spent", (await ReadAsync(r => r.Challenges.FindReusableAsync("k3", Now, None)))?.Id);
        Assert.NotNull(await WriteAsync(tx => UseAttemptAsync(tx, "ch-reuse-spent", Now)));
        Assert.Null(await ReadAsync(r => r.Challenges.FindReusableAsync("k3", Now, None)));

        Assert.True(await WriteAsync(tx => tx.Challenges.TryEndAsync("ch-reuse-new", ChallengeStatus.Approved, Now, None)));
        Assert.Equal("ch-reuse-old", (await ReadAsync(r => r.Challenges.FindReusableAsync("k1", Now, None)))?.Id);
    }

    [Fact]
    public async Task Attempts_are_one_keys_verifications_filtered_by_time_channel_country_and_prefix_and_summarized()
    {
        Challenge Seed(int i, string key, Channel channel, string to, ChallengeStatus status) => NewChallenge($"VE{i:D4}") with
        {
            Subject = ChallengeSubject.ForApiKey(key), Destination = new Destination(channel, to), Status = status, CreatedAt = Now.AddMinutes(i),
        };

        await WriteAsync(async tx =>
        {
            await tx.Challenges.InsertAsync(Seed(1, "key-1", Channel.Sms, "+4915112340001", ChallengeStatus.Approved), None);
            await tx.Challenges.InsertAsync(Seed(2, "key-1", Channel.Sms, "+4915112340002", ChallengeStatus.Pending), None);
            await tx.Challenges.InsertAsync(Seed(3, "key-1", Channel.Sms, "+4917612340003", ChallengeStatus.Approved), None);
            await tx.Challenges.InsertAsync(Seed(4, "key-1", Channel.Sms, "+33612345678", ChallengeStatus.Expired), None);
            await tx.Challenges.InsertAsync(Seed(5, "key-1", Channel.Email, "ann@example.com", ChallengeStatus.Approved), None);
            await tx.Challenges.InsertAsync(Seed(6, "key-2", Channel.Sms, "+4915112340006", ChallengeStatus.Approved), None);
            await tx.Challenges.InsertAsync(NewChallenge("ch_account") with { Purpose = ChallengePurpose.NewDeviceLogin, Subject = ChallengeSubject.ForAccount(7), CreatedAt = Now.AddMinutes(7) }, None);
        });

        AttemptFilter Filter(Channel? channel = null, string? country = null, string? prefix = null, int fromMinute = 0, int toMinute = 60) =>
            new("key-1", Now.AddMinutes(fromMinute), Now.AddMinutes(toMinute), channel, country, prefix);

        Assert.Equal(new AttemptSummary(5, 3), await ReadAsync(r => r.Attempts.SummarizeAsync(Filter(), None)));
        Assert.Equal(new AttemptSummary(4, 2), await ReadAsync(r => r.Attempts.SummarizeAsync(Filter(Channel.Sms), None)));
        Assert.Equal(new AttemptSummary(3, 2), await ReadAsync(r => r.Attempts.SummarizeAsync(Filter(country: "DE"), None)));
        Assert.Equal(new AttemptSummary(1, 0), await ReadAsync(r => r.Attempts.SummarizeAsync(Filter(country: "FR"), None)));
        Assert.Equal(new AttemptSummary(2, 1), await ReadAsync(r => r.Attempts.SummarizeAsync(Filter(prefix: "+49151"), None)));
        Assert.Equal(new AttemptSummary(2, 1), await ReadAsync(r => r.Attempts.SummarizeAsync(Filter(fromMinute: 2, toMinute: 4), None)));
        Assert.Equal(new AttemptSummary(0, 0), await ReadAsync(r => r.Attempts.SummarizeAsync(Filter(fromMinute: 30), None)));

        var all = await ReadAsync(r => r.Attempts.ListAsync(Filter(), null, 10, None));
        Assert.Equal(["VE0005", "VE0004", "VE0003", "VE0002", "VE0001"], all.Select(a => a.VerificationId));
        Assert.Equal("DE", all[^1].Country);
        Assert.Null(all[0].Country);
        Assert.True(all[^1].Converted);

        var next = await ReadAsync(r => r.Attempts.ListAsync(Filter(), (all[1].CreatedAt, all[1].VerificationId), 2, None));
        Assert.Equal(["VE0003", "VE0002"], next.Select(a => a.VerificationId));
    }

    [Fact]
    public async Task Verify_services_have_unique_names_and_are_found_by_sid()
    {
        var service = new VerifyService("VA" + new string('1', 32), "shop", "Acme Shop", 6, "de", Now);
        Assert.True(await WriteAsync(tx => tx.VerifyServices.TryInsertAsync(service, None)));
        Assert.False(await WriteAsync(tx => tx.VerifyServices.TryInsertAsync(service with { Sid = "VA" + new string('2', 32) }, None)));
        Assert.Equal(service, await ReadAsync(r => r.VerifyServices.FindAsync(service.Sid, None)));
        Assert.Null(await ReadAsync(r => r.VerifyServices.FindAsync("VA" + new string('2', 32), None)));
        Assert.Equal([service], await ReadAsync(r => r.VerifyServices.ListAsync(None)));
    }

    [Fact]
    public async Task Attempts_are_used_up_to_the_limit_and_not_after_expiry_or_end()
    {
        await WriteAsync(async tx =>
        {
            await tx.Challenges.InsertAsync(NewChallenge("ch-a", maxAttempts: 2), None);
            await tx.Challenges.InsertAsync(NewChallenge("ch-b"), None);
        });
        Assert.Equal(1, await WriteAsync(tx => UseAttemptAsync(tx, "ch-a", Now)));
        Assert.Equal(2, await WriteAsync(tx => UseAttemptAsync(tx, "ch-a", Now)));
        Assert.Null(await WriteAsync(tx => UseAttemptAsync(tx, "ch-a", Now)));
        Assert.Null(await WriteAsync(tx => UseAttemptAsync(tx, "ch-b", Now.AddMinutes(10))));

        Assert.True(await WriteAsync(tx => tx.Challenges.TryEndAsync("ch-b", ChallengeStatus.Approved, Now, None)));
        Assert.False(await WriteAsync(tx => tx.Challenges.TryEndAsync("ch-b", ChallengeStatus.Canceled, Now, None)));
        Assert.Null(await WriteAsync(tx => UseAttemptAsync(tx, "ch-b", Now)));
        var ended = await ReadAsync(r => r.Challenges.GetAsync("ch-b", None));
        Assert.Equal((ChallengeStatus.Approved, (string?)null), (ended!.Status, ended.ProtectedCode));
    }

    [Fact]
    public async Task An_attempt_used_first_admits_exactly_what_the_scope_admits()
    {
        Challenge[] challenges =
        [
            NewChallenge("ch-scope-key1", maxAttempts: 100),
            NewChallenge("ch-scope-key2", maxAttempts: 100) with { Subject = ChallengeSubject.ForApiKey("key-2") },
            NewChallenge("ch-scope-signin", maxAttempts: 100) with { Purpose = ChallengePurpose.NewDeviceLogin, Subject = ChallengeSubject.ForAccount(42) },
            NewChallenge("ch-scope-reset", maxAttempts: 100) with { Purpose = ChallengePurpose.PasswordReset, Subject = ChallengeSubject.ForAccount(42) },
            NewChallenge("ch-scope-other", maxAttempts: 100) with { Purpose = ChallengePurpose.NewDeviceLogin, Subject = ChallengeSubject.ForAccount(43) },
        ];
        ChallengeScope[] scopes =
        [
            ChallengeScope.ApiKey("key-1"), ChallengeScope.ApiKey("key-2"), ChallengeScope.Account(ChallengePurpose.NewDeviceLogin),
            ChallengeScope.Account(ChallengePurpose.PasswordReset, ChallengePurpose.NewDeviceLogin), ChallengeScope.Any,
            new(SubjectKind.Account, "42", [ChallengePurpose.NewDeviceLogin]), new(null, "42", null), new(SubjectKind.ApiKey, null, []),
        ];
        foreach (var challenge in challenges)
        {
            await WriteAsync(tx => tx.Challenges.InsertAsync(challenge, None));
        }

        var used = 0;
        foreach (var scope in scopes)
        {
            foreach (var challenge in challenges)
            {
                var attempted = await WriteAsync(tx => tx.Challenges.TryUseAttemptFirstAsync(challenge.Id, scope, Now, None));
                Assert.True(scope.Admits(challenge) == attempted is not null, $"{scope} and {challenge.Id}: the store and ChallengeScope.Admits disagree");
                if (attempted is { } found)
                {
                    used++;
                    Assert.Equal((challenge.Id, challenge.Subject, challenge.Purpose, challenge.Destination, challenge.ExpiresAt, found.Used.AttemptsUsed),
                        (found.Challenge.Id, found.Challenge.Subject, found.Challenge.Purpose, found.Challenge.Destination, found.Challenge.ExpiresAt, found.Challenge.AttemptsUsed));
                    Assert.False(found.Used.FailuresCounted);
                }
            }
        }

        var stored = await ReadAsync(r => r.Challenges.GetManyAsync([.. challenges.Select(c => c.Id)], None));
        Assert.Equal(used, stored.Sum(c => c.AttemptsUsed));
    }

    [Fact]
    public async Task An_attempt_used_first_is_refused_as_the_read_first_one_is_and_never_without_a_failure_key()
    {
        var challenge = NewChallenge("ch-first", maxAttempts: 2);
        var key = FailureScopes.For(challenge);
        var scope = ChallengeScope.ApiKey("key-1");
        await WriteAsync(tx => tx.Challenges.InsertAsync(challenge, None));
        await WriteAsync(tx => tx.FailureCounters.AddAsync(key, None));

        // Counted, not locked: used, and the answer says there is something to clear.
        Assert.Equal(new UsedAttempt(1, true), (await WriteAsync(tx => tx.Challenges.TryUseAttemptFirstAsync("ch-first", scope, Now, None)))?.Used);

        // Locked, expired, unknown: nothing is used.
        await WriteAsync(tx => tx.FailureCounters.LockAsync(key, Now.AddMinutes(1), None));
        Assert.Null(await WriteAsync(tx => tx.Challenges.TryUseAttemptFirstAsync("ch-first", scope, Now, None)));
        Assert.Null(await WriteAsync(tx => tx.Challenges.TryUseAttemptFirstAsync("ch-first", scope, challenge.ExpiresAt, None)));
        Assert.Null(await WriteAsync(tx => tx.Challenges.TryUseAttemptFirstAsync("ch-unknown", scope, Now, None)));
        Assert.Equal(1, (await ReadAsync(r => r.Challenges.GetAsync("ch-first", None)))!.AttemptsUsed);

        // The last attempt, then none.
        Assert.Equal(2, (await WriteAsync(tx => tx.Challenges.TryUseAttemptFirstAsync("ch-first", scope, Now.AddMinutes(2), None)))?.Used.AttemptsUsed);
        Assert.Null(await WriteAsync(tx => tx.Challenges.TryUseAttemptFirstAsync("ch-first", scope, Now.AddMinutes(2), None)));

        // Ended: nothing is used.
        await WriteAsync(tx => tx.Challenges.InsertAsync(NewChallenge("ch-first-ended"), None));
        Assert.True(await WriteAsync(tx => tx.Challenges.TryEndAsync("ch-first-ended", ChallengeStatus.Canceled, Now, None)));
        Assert.Null(await WriteAsync(tx => tx.Challenges.TryUseAttemptFirstAsync("ch-first-ended", scope, Now, None)));

        // A challenge stored before its failure key was: no lock could be checked, so it is left to the read-first path.
        await WriteAsync(tx => tx.Challenges.InsertAsync(NewChallenge("ch-first-legacy"), None));
        await WriteAsync(tx => ((Verigate.Storage.Sql.SqlSession)tx).Command("UPDATE challenges SET failure_key = NULL WHERE id = 'ch-first-legacy'").ExecuteNonQueryAsync());
        Assert.Null(await WriteAsync(tx => tx.Challenges.TryUseAttemptFirstAsync("ch-first-legacy", scope, Now, None)));
        Assert.Equal(new UsedAttempt(1, false), await WriteAsync(tx => tx.Challenges.TryUseAttemptAsync("ch-first-legacy", "fc:untouched", Now, None)));
    }

    [Fact]
    public async Task An_attempt_is_not_used_while_code_entry_is_locked_and_says_whether_failures_were_counted()
    {
        await WriteAsync(tx => tx.Challenges.InsertAsync(NewChallenge("ch-locked"), None));
        await WriteAsync(tx => tx.FailureCounters.AddAsync("fc:locked", None));

        // Counted but not locked: the attempt is used, and the answer says there is something to clear.
        Assert.Equal(new UsedAttempt(1, true), await WriteAsync(tx => tx.Challenges.TryUseAttemptAsync("ch-locked", "fc:locked", Now, None)));
        Assert.Equal(new UsedAttempt(2, false), await WriteAsync(tx => tx.Challenges.TryUseAttemptAsync("ch-locked", "fc:other", Now, None)));

        // Locked: no attempt is used, until the lock has passed.
        await WriteAsync(tx => tx.FailureCounters.LockAsync("fc:locked", Now.AddMinutes(1), None));
        Assert.Null(await WriteAsync(tx => tx.Challenges.TryUseAttemptAsync("ch-locked", "fc:locked", Now, None)));
        Assert.Equal(2, (await ReadAsync(r => r.Challenges.GetAsync("ch-locked", None)))!.AttemptsUsed);
        Assert.Equal(new UsedAttempt(3, true), await WriteAsync(tx => tx.Challenges.TryUseAttemptAsync("ch-locked", "fc:locked", Now.AddMinutes(1).AddMilliseconds(1), None)));

        // Locked until cleared: never.
        await WriteAsync(tx => tx.FailureCounters.LockAsync("fc:locked", DateTimeOffset.MaxValue, None));
        Assert.Null(await WriteAsync(tx => tx.Challenges.TryUseAttemptAsync("ch-locked", "fc:locked", Now.AddMinutes(5), None)));
    }

    [Fact]
    public async Task Fifty_parallel_attempts_on_a_limit_of_five_use_exactly_five()
    {
        await WriteAsync(tx => tx.Challenges.InsertAsync(NewChallenge("ch-race", maxAttempts: 5), None));
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() =>
            WriteAsync(tx => UseAttemptAsync(tx, "ch-race", Now)))));

        Assert.Equal([1, 2, 3, 4, 5], results.Where(r => r is not null).Select(r => r!.Value).Order());
        Assert.Equal(5, (await ReadAsync(r => r.Challenges.GetAsync("ch-race", None)))!.AttemptsUsed);
    }

    [Fact]
    public async Task Twenty_parallel_ends_of_one_challenge_let_exactly_one_through()
    {
        await WriteAsync(tx => tx.Challenges.InsertAsync(NewChallenge("ch-end"), None));
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            WriteAsync(tx => tx.Challenges.TryEndAsync("ch-end", i % 2 == 0 ? ChallengeStatus.Approved : ChallengeStatus.Canceled, Now, None)))));
        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task A_send_is_recorded_only_if_nobody_recorded_one_since_it_was_read()
    {
        await WriteAsync(tx => tx.Challenges.InsertAsync(NewChallenge("ch-send"), None));
        Assert.True(await WriteAsync(tx => tx.Challenges.TryRecordSendAsync("ch-send", 0, Now.AddMinutes(1), None)));
        Assert.False(await WriteAsync(tx => tx.Challenges.TryRecordSendAsync("ch-send", 0, Now.AddMinutes(2), None)));
        var stored = await ReadAsync(r => r.Challenges.GetAsync("ch-send", None));
        Assert.Equal((1, Now.AddMinutes(1)), (stored!.SendsUsed, stored.NextSendAt));

        var parallel = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            WriteAsync(tx => tx.Challenges.TryRecordSendAsync("ch-send", 1, Now.AddMinutes(3), None)))));
        Assert.Single(parallel, r => r);
    }

    // ---- outbox and deliveries ----

    [Fact]
    public async Task The_outbox_leases_due_messages_and_completes_retries_and_releases_them()
    {
        var before = Signal.Count;
        var first = await WriteAsync(tx => tx.Outbox.EnqueueAsync(NewMessage("ch-1"), None));
        var second = await WriteAsync(tx => tx.Outbox.EnqueueAsync(NewMessage("ch-2", Now.AddMinutes(5)), None));
        Assert.Equal(before + 2, Signal.Count);
        Assert.Equal(2, await ReadAsync(r => r.Outbox.CountPendingAsync(None)));

        var claimed = await WriteAsync(tx => tx.Outbox.ClaimAsync("owner-a", Now, Now.AddSeconds(30), 10, None));
        var message = Assert.Single(claimed);
        Assert.Equal((first, "ch-1", 1, Channel.Email, "ann@example.com"), (message.Id, message.ChallengeId, message.Attempts, message.Destination.Channel, message.Destination.Value));
        Assert.Empty(await WriteAsync(tx => tx.Outbox.ClaimAsync("owner-b", Now.AddSeconds(1), Now.AddSeconds(30), 10, None)));

        // An expired lease (its dispatcher died) makes the message due again, for anyone.
        var reclaimed = Assert.Single(await WriteAsync(tx => tx.Outbox.ClaimAsync("owner-b", Now.AddSeconds(31), Now.AddSeconds(60), 10, None)));
        Assert.Equal((first, 2), (reclaimed.Id, reclaimed.Attempts));

        // Only the current owner can finish it.
        await WriteAsync(tx => tx.Outbox.CompleteAsync(first, "owner-a", OutboxState.Sent, null, Now, None));
        Assert.Equal(2, await ReadAsync(r => r.Outbox.CountPendingAsync(None)));
        await WriteAsync(tx => tx.Outbox.ScheduleRetryAsync(first, "owner-b", Now.AddMinutes(1), "busy", None));
        Assert.Empty(await WriteAsync(tx => tx.Outbox.ClaimAsync("owner-c", Now.AddSeconds(59), Now.AddSeconds(90), 10, None)));

        var later = await WriteAsync(tx => tx.Outbox.ClaimAsync("owner-c", Now.AddMinutes(5), Now.AddMinutes(6), 10, None));
        Assert.Equal([first, second], later.Select(m => m.Id).Order());
        await WriteAsync(tx => tx.Outbox.ReleaseAsync("owner-c", None));
        Assert.Equal(2, (await WriteAsync(tx => tx.Outbox.ClaimAsync("owner-d", Now.AddMinutes(5), Now.AddMinutes(6), 10, None))).Count);
        await WriteAsync(tx => tx.Outbox.CompleteAsync(first, "owner-d", OutboxState.Sent, null, Now, None));
        await WriteAsync(tx => tx.Outbox.CompleteAsync(second, "owner-d", OutboxState.Dropped, "ended", Now, None));
        Assert.Equal(0, await ReadAsync(r => r.Outbox.CountPendingAsync(None)));
    }

    [Fact]
    public async Task Concurrent_claims_by_different_owners_get_disjoint_messages()
    {
        await WriteAsync(async tx =>
        {
            for (var i = 0; i < 60; i++)
            {
                await tx.Outbox.EnqueueAsync(NewMessage("ch-" + i), None);
            }
        });

        var claimed = new ConcurrentBag<long>();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(owner => Task.Run(async () =>
        {
            while (true)
            {
                var batch = await WriteAsync(tx => tx.Outbox.ClaimAsync("owner-" + owner, Now, Now.AddMinutes(1), 4, None));
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var m in batch)
                {
                    claimed.Add(m.Id);
                }
            }
        })));

        Assert.Equal(60, claimed.Count);
        Assert.Equal(60, claimed.Distinct().Count());
    }

    [Fact]
    public async Task Deliveries_are_listed_per_challenge_in_order()
    {
        var to = new Destination(Channel.Sms, "+4915112345678");
        await WriteAsync(async tx =>
        {
            await tx.Deliveries.AppendAsync(new DeliveryEvent("ch-d", 1, to, DeliveryStatus.Queued, Now), None);
            await tx.Deliveries.AppendAsync(new DeliveryEvent("ch-other", 2, to, DeliveryStatus.Sent, Now), None);
            await tx.Deliveries.AppendAsync(new DeliveryEvent("ch-d", 1, to, DeliveryStatus.Delivered, Now.AddSeconds(3), "ok"), None);
        });
        var listed = await ReadAsync(r => r.Deliveries.ListAsync("ch-d", None));
        Assert.Equal([DeliveryStatus.Queued, DeliveryStatus.Delivered], listed.Select(d => d.Status));
        Assert.Equal(new DeliveryEvent("ch-d", 1, to, DeliveryStatus.Delivered, Now.AddSeconds(3), "ok"), listed[1]);
    }

    // ---- rate limits ----

    [Fact]
    public async Task Rate_limit_state_round_trips_for_several_keys_at_once()
    {
        Assert.Empty(await WriteAsync(tx => tx.RateLimits.GetForUpdateAsync(["a", "k"], None)));
        await WriteAsync(tx => tx.RateLimits.SetAsync([new("k", Now)], None));
        await WriteAsync(tx => tx.RateLimits.SetAsync([new("a", Now.AddSeconds(1)), new("k", Now.AddSeconds(5))], None));
        var stored = await WriteAsync(tx => tx.RateLimits.GetForUpdateAsync(["a", "b", "k"], None));
        Assert.Equal(2, stored.Count);
        Assert.Equal(Now.AddSeconds(1), stored["a"]);
        Assert.Equal(Now.AddSeconds(5), stored["k"]);
    }

    [Fact]
    public async Task Concurrent_charges_of_a_new_key_allow_exactly_the_limit()
    {
        var limiter = new RateLimiter(new FixedTime(Now));
        var limit = new RateLimit(10, TimeSpan.FromHours(1));
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await using var tx = await Store.BeginWriteAsync(None);
            var error = await limiter.TryChargeAsync(tx, [new RateLimitCharge("send:dest:x", limit), new RateLimitCharge("send:ip:" + (i % 3), new RateLimit(1000, TimeSpan.FromHours(1)))], None);
            if (error is null)
            {
                await tx.CommitAsync(None);
            }

            return error is null;
        })));

        Assert.Equal(10, outcomes.Count(allowed => allowed));
    }

    [Fact]
    public async Task Concurrent_charges_in_counters_sessions_allow_exactly_the_limit_and_keep_the_owners_writes()
    {
        var limiter = new RateLimiter(new FixedTime(Now));
        var limit = new RateLimit(10, TimeSpan.FromHours(1));
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            // As a send does: the owner writes its rows first, then charges the shared counters, then commits.
            await using var tx = await Store.BeginWriteAsync(None);
            await tx.Audit.AppendAsync(new AuditEvent(Now, "counted", null, "ch-counters-" + i), None);
            await using var counters = await tx.BeginCountersAsync(None);
            var error = await limiter.TryChargeAsync(counters, [new RateLimitCharge("send:key:hot", limit), new RateLimitCharge("send:dest:" + i, limit)], None);
            if (error is not null)
            {
                return false;
            }

            await counters.CommitAsync(None);
            await tx.CommitAsync(None);
            return true;
        })));

        Assert.Equal(10, outcomes.Count(allowed => allowed));
        var audited = 0;
        for (var i = 0; i < 40; i++)
        {
            audited += (await ReadAsync(r => r.Audit.ListForChallengeAsync("ch-counters-" + i, None))).Count;
        }

        Assert.Equal(10, audited);
        // Ten charges of one hour's ten: the stored instant is an hour ahead of now.
        Assert.Equal(Now.AddHours(1), (await WriteAsync(tx => tx.RateLimits.GetForUpdateAsync(["send:key:hot"], None)))["send:key:hot"]);
    }

    /// <summary>Whether this backend charges a send's counters in one statement (<see cref="IRateLimitStore.TryChargeAtOnceAsync"/>).</summary>
    protected virtual bool ChargesAtOnce => false;

    protected async Task<CounterChargeOutcome?> ChargeAtOnceAsync(CounterCharge charge)
    {
        await using var tx = await Store.BeginWriteAsync(None);
        await using var counters = await tx.BeginCountersAsync(None);
        var outcome = await counters.RateLimits.TryChargeAtOnceAsync(charge, None);
        await counters.CommitAsync(None);
        await tx.CommitAsync(None);
        return outcome;
    }

    [Fact]
    public async Task A_charge_at_once_decides_exactly_as_Gcra_Evaluate_on_the_same_inputs()
    {
        // Limits whose emission interval is not a whole number of milliseconds (or even of ticks), stored instants
        // absent, past, inside the burst and beyond it, and a now with sub-millisecond ticks.
        var now = Now.AddTicks(12_345);
        RateLimit[] limits = [new(10, TimeSpan.FromHours(1)), new(7, TimeSpan.FromHours(1)), new(3, TimeSpan.FromSeconds(1)), new(1, TimeSpan.FromMinutes(1)), new(600, TimeSpan.FromMinutes(1))];
        DateTimeOffset?[] stored = [null, Now.AddDays(-1), Now.AddMilliseconds(1), Now.AddMinutes(59), Now.AddHours(2), now.AddSeconds(1)];
        var n = 0;
        foreach (var limit in limits)
        {
            foreach (var tat in stored)
            {
                var key = $"gcra:{n++}";
                if (tat is { } t)
                {
                    await WriteAsync(tx => tx.RateLimits.SetAsync([new(key, t)], None));
                }

                // What the store keeps is whole milliseconds: Gcra sees the instant as read back.
                var readBack = (await WriteAsync(tx => tx.RateLimits.GetForUpdateAsync([key], None))).TryGetValue(key, out var r) ? r : (DateTimeOffset?)null;
                var expected = Gcra.Evaluate(readBack, now, limit);
                var outcome = await ChargeAtOnceAsync(new CounterCharge([new RateLimitCharge(key, limit)], now, null, [], 0m));
                if (!ChargesAtOnce)
                {
                    Assert.Null(outcome);
                    return;
                }

                Assert.False(outcome!.Blocked);
                Assert.Equal(expected, Assert.Single(outcome.Decisions));
                var after = (await WriteAsync(tx => tx.RateLimits.GetForUpdateAsync([key], None))).TryGetValue(key, out var a) ? a : (DateTimeOffset?)null;
                Assert.Equal(expected.Allowed ? DateTimeOffset.FromUnixTimeMilliseconds(expected.NewTat.ToUnixTimeMilliseconds()) : readBack, after);
            }
        }
    }

    [Fact]
    public async Task A_charge_at_once_writes_nothing_unless_every_counter_allows_and_the_prefix_is_not_blocked()
    {
        var once = new RateLimit(1, TimeSpan.FromHours(1));
        var roomy = new RateLimit(100, TimeSpan.FromHours(1));
        await WriteAsync(tx => tx.Fraud.SetBlockAsync(new FraudBlock("prefix:+4915177", Now.AddMinutes(5), 1, "burst", Now), None));
        RateLimitCharge[] charges = [new("atonce:a", roomy), new("atonce:b", once)];
        var first = await ChargeAtOnceAsync(new CounterCharge(charges, Now, "prefix:+4915188", ["day:atonce", "month:atonce"], 0.5m));
        if (!ChargesAtOnce)
        {
            Assert.Null(first);
            return;
        }

        Assert.True(first!.Charged);
        // The second: "b" refuses, so "a" and the budgets stay as the first left them.
        var second = await ChargeAtOnceAsync(new CounterCharge(charges, Now, "prefix:+4915188", ["day:atonce", "month:atonce"], 0.5m));
        Assert.False(second!.Charged);
        Assert.Equal([true, false], second.Decisions.Select(d => d.Allowed));
        Assert.Equal(TimeSpan.FromHours(1), second.Decisions[1].RetryAfter);
        // A blocked prefix refuses whatever the counters say.
        var blocked = await ChargeAtOnceAsync(new CounterCharge([new("atonce:c", roomy)], Now, "prefix:+4915177", ["day:atonce"], 0.5m));
        Assert.True(blocked!.Blocked);
        Assert.False(blocked.Charged);

        var stored = await WriteAsync(tx => tx.RateLimits.GetForUpdateAsync(["atonce:a", "atonce:b", "atonce:c"], None));
        Assert.Equal(Now + roomy.EmissionInterval, stored["atonce:a"]);
        Assert.Equal(Now.AddHours(1), stored["atonce:b"]);
        Assert.False(stored.ContainsKey("atonce:c"));
        Assert.Equal(new BudgetUsage("day:atonce", 1, 0.5m), await ReadAsync(r => r.Fraud.GetBudgetAsync("day:atonce", None)));
        Assert.Equal(new BudgetUsage("month:atonce", 1, 0.5m), await ReadAsync(r => r.Fraud.GetBudgetAsync("month:atonce", None)));
    }

    [Fact]
    public async Task Concurrent_charges_at_once_allow_exactly_the_limit()
    {
        var limit = new RateLimit(10, TimeSpan.FromHours(1));
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            ChargeAtOnceAsync(new CounterCharge([new("atonce:dest:" + i, limit), new("atonce:hot", limit)], Now, null, ["day:atonce-race"], 1m)))));
        if (!ChargesAtOnce)
        {
            Assert.All(outcomes, Assert.Null);
            return;
        }

        Assert.Equal(10, outcomes.Count(o => o!.Charged));
        Assert.Equal(Now.AddHours(1), (await WriteAsync(tx => tx.RateLimits.GetForUpdateAsync(["atonce:hot"], None)))["atonce:hot"]);
        Assert.Equal(10, (await ReadAsync(r => r.Fraud.GetBudgetAsync("day:atonce-race", None))).Sends);
    }

    [Fact]
    public async Task Budgets_of_several_periods_are_added_at_once_and_come_back_in_the_order_asked()
    {
        await WriteAsync(tx => tx.Fraud.AddToBudgetAsync("month:2026-04", 0.5m, None));
        var totals = await WriteAsync(tx => tx.Fraud.AddToBudgetsAsync(["day:2026-04-02", "month:2026-04"], 0.25m, None));
        Assert.Equal([new BudgetUsage("day:2026-04-02", 1, 0.25m), new BudgetUsage("month:2026-04", 2, 0.75m)], totals);
        totals = await WriteAsync(tx => tx.Fraud.AddToBudgetsAsync(["month:2026-04", "day:2026-04-02"], 0.25m, None));
        Assert.Equal([new BudgetUsage("month:2026-04", 3, 1m), new BudgetUsage("day:2026-04-02", 2, 0.5m)], totals);
    }

    // ---- audit, dev inbox, API keys, idempotency, settings ----

    [Fact]
    public async Task Audit_events_are_listed_per_user_newest_first_and_per_challenge_oldest_first()
    {
        await WriteAsync(async tx =>
        {
            await tx.Audit.AppendAsync(new AuditEvent(Now, "a", 9, "ch-x", "user", "198.51.100.1", "d"), None);
            await tx.Audit.AppendAsync(new AuditEvent(Now.AddSeconds(1), "b", 9), None);
            await tx.Audit.AppendAsync(new AuditEvent(Now.AddSeconds(2), "c", null, "ch-x"), None);
        });
        Assert.Equal(["b", "a"], (await ReadAsync(r => r.Audit.ListForUserAsync(9, 10, None))).Select(e => e.Type));
        Assert.Equal(["b"], (await ReadAsync(r => r.Audit.ListForUserAsync(9, 1, None))).Select(e => e.Type));
        var forChallenge = await ReadAsync(r => r.Audit.ListForChallengeAsync("ch-x", None));
        Assert.Equal(new AuditEvent(Now, "a", 9, "ch-x", "user", "198.51.100.1", "d"), forChallenge[0]);
        Assert.Equal(["a", "c"], forChallenge.Select(e => e.Type));
    }

    [Fact]
    public async Task The_dev_inbox_keeps_one_message_per_outbox_row_newest_first()
    {
        await WriteAsync(async tx =>
        {
            await tx.DevInbox.DeliverAsync(new DevMessage(0, 1, "sms", "+491", null, "first", Now), None);
            await tx.DevInbox.DeliverAsync(new DevMessage(0, 1, "sms", "+491", null, "first again", Now), None);
            await tx.DevInbox.DeliverAsync(new DevMessage(0, 2, "email", "a@example.com", "Subject", "second", Now.AddSeconds(1)), None);
            await tx.DevInbox.DeliverAsync(new DevMessage(0, 3, "sms", "+491", null, "third", Now.AddSeconds(2)), None);
        });
        Assert.Equal(["third", "first"], (await ReadAsync(r => r.DevInbox.ListAsync("+491", 10, None))).Select(m => m.Body));
        var all = await ReadAsync(r => r.DevInbox.ListAsync(null, 2, None));
        Assert.Equal(["third", "second"], all.Select(m => m.Body));
        Assert.Equal(("Subject", 2L, Now.AddSeconds(1)), (all[1].Subject, all[1].OutboxId, all[1].CreatedAt));

        // Two dispatchers delivering the same row at once still leave one message.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            WriteAsync(tx => tx.DevInbox.DeliverAsync(new DevMessage(0, 4, "sms", "+492", null, "raced", Now), None)))));
        Assert.Single(await ReadAsync(r => r.DevInbox.ListAsync("+492", 10, None)));
    }

    [Fact]
    public async Task Api_keys_have_unique_names_and_stop_working_when_revoked()
    {
        var key = new ApiKey("id-1", "ci", [7, 7, 7], Now);
        Assert.True(await WriteAsync(tx => tx.ApiKeys.TryInsertAsync(key, None)));
        Assert.False(await WriteAsync(tx => tx.ApiKeys.TryInsertAsync(key with { Id = "id-2", KeyHash = [8] }, None)));
        Assert.Equal("id-1", (await ReadAsync(r => r.ApiKeys.FindActiveByHashAsync([7, 7, 7], None)))!.Id);
        Assert.True(await WriteAsync(tx => tx.ApiKeys.RevokeAsync("ci", Now.AddDays(1), None)));
        Assert.False(await WriteAsync(tx => tx.ApiKeys.RevokeAsync("ci", Now.AddDays(1), None)));
        Assert.Null(await ReadAsync(r => r.ApiKeys.FindActiveByHashAsync([7, 7, 7], None)));
        Assert.Equal(Now.AddDays(1), Assert.Single(await ReadAsync(r => r.ApiKeys.ListAsync(None))).RevokedAt);
    }

    [Fact]
    public async Task Idempotency_keys_are_claimed_once_completed_replayed_and_abandoned_only_while_running()
    {
        Assert.Null(await WriteAsync(tx => tx.Idempotency.TryBeginAsync("key-1", "abc", [1], Now, None)));
        var running = await WriteAsync(tx => tx.Idempotency.TryBeginAsync("key-1", "abc", [2], Now, None));
        Assert.Equal([1], running!.RequestHash);
        Assert.Null(running.StatusCode);
        Assert.Null(await WriteAsync(tx => tx.Idempotency.TryBeginAsync("key-2", "abc", [1], Now, None)));

        await WriteAsync(tx => tx.Idempotency.AbandonAsync("key-1", "abc", None));
        Assert.Null(await WriteAsync(tx => tx.Idempotency.TryBeginAsync("key-1", "abc", [3], Now, None)));
        await WriteAsync(tx => tx.Idempotency.CompleteAsync("key-1", "abc", 201, "application/json", [42], None));
        await WriteAsync(tx => tx.Idempotency.AbandonAsync("key-1", "abc", None));
        var done = await WriteAsync(tx => tx.Idempotency.TryBeginAsync("key-1", "abc", [3], Now, None));
        Assert.Equal((201, "application/json"), (done!.StatusCode, done.ContentType));
        Assert.Equal([42], done.Body!);

        var parallel = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            WriteAsync(tx => tx.Idempotency.TryBeginAsync("key-3", "race", [5], Now, None)))));
        Assert.Single(parallel, r => r is null);
    }

    [Fact]
    public async Task Settings_keep_the_first_value_even_when_added_concurrently()
    {
        Assert.Null(await ReadAsync(r => r.Settings.GetAsync("fingerprint", None)));
        var values = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            WriteAsync(tx => tx.Settings.GetOrAddAsync("fingerprint", "value-" + i, None)))));
        Assert.Single(values.Distinct());
        Assert.Equal(values[0], await ReadAsync(r => r.Settings.GetAsync("fingerprint", None)));
        Assert.Equal(values[0], await WriteAsync(tx => tx.Settings.GetOrAddAsync("fingerprint", "later", None)));
    }

    // ---- maintenance ----

    [Fact]
    public async Task Maintenance_expires_and_deletes_in_bounded_batches_and_keeps_what_is_still_needed()
    {
        var retention = TimeSpan.FromDays(7);
        await WriteAsync(async tx =>
        {
            for (var i = 0; i < 5; i++)
            {
                await tx.Challenges.InsertAsync(NewChallenge("old-" + i, expiresAt: Now.AddMinutes(-1)), None);
            }

            await tx.Challenges.InsertAsync(NewChallenge("live"), None);
            await tx.Deliveries.AppendAsync(new DeliveryEvent("old-0", 1, new Destination(Channel.Sms, "+491"), DeliveryStatus.Sent, Now), None);
            await tx.RateLimits.SetAsync([new("fresh", Now.AddMinutes(1)), new("stale", Now.AddMinutes(-1))], None);
            await tx.Idempotency.TryBeginAsync("s", "old", [1], Now.AddHours(-25), None);
            await tx.Idempotency.TryBeginAsync("s", "new", [1], Now, None);
            await tx.DevInbox.DeliverAsync(new DevMessage(0, 1, "sms", "+491", null, "old", Now - retention - TimeSpan.FromHours(1)), None);
            await tx.DevInbox.DeliverAsync(new DevMessage(0, 2, "sms", "+491", null, "new", Now), None);
            await tx.Contacts.InsertChangeAsync(NewChange("held", 701, 7_001, Now.AddDays(3)), None);
            await tx.SupportPins.ReplaceAsync(NewPin(702, 1, Now.AddMinutes(-11)), None);
            await tx.SupportPins.ReplaceAsync(NewPin(703, 1, Now.AddMinutes(-1)), None);
        });

        // A batch of 2 touches at most 2 rows per statement; each expired challenge is returned by exactly one batch.
        var first = await WriteAsync(tx => tx.Challenges.ExpireDueAsync(Now, 2, None));
        Assert.Equal(2, first.Count);
        Assert.All(first, c => Assert.Equal((ChallengeStatus.Expired, (string?)null), (c.Status, c.ProtectedCode)));
        var expired = 0;
        foreach (var id in Enumerable.Range(0, 5).Select(i => "old-" + i))
        {
            expired += (await ReadAsync(r => r.Challenges.GetAsync(id, None)))!.Status == ChallengeStatus.Expired ? 1 : 0;
        }

        Assert.Equal(2, expired);
        var all = first.Select(c => c.Id).ToList();
        while (await WriteAsync(tx => tx.Challenges.ExpireDueAsync(Now, 2, None)) is { Count: > 0 } batch)
        {
            all.AddRange(batch.Select(c => c.Id));
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => "old-" + i).Order(), all.Order());
        Assert.False(await WriteAsync(tx => tx.Challenges.TryEndAsync("old-1", ChallengeStatus.Expired, Now, None)));
        Assert.InRange(await WriteAsync(tx => tx.Maintenance.RunBatchAsync(Now, retention, 2, None)), 1, 2 * 11);
        while (await WriteAsync(tx => tx.Maintenance.RunBatchAsync(Now, retention, 2, None)) > 0)
        {
        }

        var ended = await ReadAsync(r => r.Challenges.GetAsync("old-0", None));
        Assert.Equal((ChallengeStatus.Expired, (string?)null), (ended!.Status, ended.ProtectedCode));
        Assert.Equal(ChallengeStatus.Pending, (await ReadAsync(r => r.Challenges.GetAsync("live", None)))!.Status);
        Assert.Equal(["fresh"], (await WriteAsync(tx => tx.RateLimits.GetForUpdateAsync(["fresh", "stale"], None))).Keys);
        Assert.NotNull(await WriteAsync(tx => tx.Idempotency.TryBeginAsync("s", "new", [1], Now, None)));
        Assert.Null(await WriteAsync(tx => tx.Idempotency.TryBeginAsync("s", "old", [1], Now, None)));
        Assert.Equal(["new"], (await ReadAsync(r => r.DevInbox.ListAsync("+491", 10, None))).Select(m => m.Body));
        Assert.NotNull(await ReadAsync(r => r.Contacts.GetChangeAsync("held", None)));
        Assert.Null(await ReadAsync(r => r.SupportPins.GetAsync(702, None)));
        Assert.NotNull(await ReadAsync(r => r.SupportPins.GetAsync(703, None)));

        // Past the retention period, ended challenges and their timelines go too.
        var later = Now + retention + TimeSpan.FromHours(1);
        while (await WriteAsync(tx => tx.Maintenance.RunBatchAsync(later, retention, 2, None)) > 0)
        {
        }

        Assert.Null(await ReadAsync(r => r.Challenges.GetAsync("old-0", None)));
        Assert.Empty(await ReadAsync(r => r.Deliveries.ListAsync("old-0", None)));
        Assert.NotNull(await ReadAsync(r => r.Contacts.GetChangeAsync("held", None)));

        // A contact change is forgotten (with the replaced address it keeps) once its hold and the retention are over.
        var afterHold = Now.AddDays(3) + retention + TimeSpan.FromHours(1);
        while (await WriteAsync(tx => tx.Maintenance.RunBatchAsync(afterHold, retention, 2, None)) > 0)
        {
        }

        Assert.Null(await ReadAsync(r => r.Contacts.GetChangeAsync("held", None)));
    }

    // ---- account recovery ----

    [Fact]
    public async Task Account_recoveries_allow_one_pending_per_account_and_end_once()
    {
        AccountRecoveryRequest Request(string id, long user) =>
            new(id, user, AccountRecoveryRequest.Pending, Now, Now.AddHours(72), null, "203.0.113.9");

        Assert.True(await WriteAsync(tx => tx.AccountRecoveries.TryInsertAsync(Request("rec_1", 42), None)));
        Assert.False(await WriteAsync(tx => tx.AccountRecoveries.TryInsertAsync(Request("rec_2", 42), None)));
        Assert.True(await WriteAsync(tx => tx.AccountRecoveries.TryInsertAsync(Request("rec_3", 43), None)));
        var found = await ReadAsync(r => r.AccountRecoveries.FindPendingAsync(42, None));
        Assert.Equal(Request("rec_1", 42), found);

        var ends = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            WriteAsync(tx => tx.AccountRecoveries.TryEndAsync("rec_1", AccountRecoveryRequest.Canceled, Now.AddHours(1), None))));
        Assert.Single(ends, won => won);
        Assert.Null(await ReadAsync(r => r.AccountRecoveries.FindPendingAsync(42, None)));
        var ended = await ReadAsync(r => r.AccountRecoveries.GetAsync("rec_1", None));
        Assert.Equal((AccountRecoveryRequest.Canceled, (DateTimeOffset?)Now.AddHours(1)), (ended!.Status, ended.EndedAt));

        // Once the first ended, the account may ask again.
        Assert.True(await WriteAsync(tx => tx.AccountRecoveries.TryInsertAsync(Request("rec_4", 42), None)));
        Assert.Null(await ReadAsync(r => r.AccountRecoveries.GetAsync("rec_unknown", None)));
    }

    // ---- second factors ----

    [Fact]
    public async Task A_session_records_re_authentication_and_reads_it_back()
    {
        var session = new UserSession("s9", [9, 9], 5, 51, Now, Now.AddDays(30));
        await WriteAsync(tx => tx.Sessions.InsertAsync(session, None));
        Assert.Equal(Now, (await ReadAsync(r => r.Sessions.FindByTokenHashAsync([9, 9], None)))!.LastAuthenticatedAt);

        Assert.True(await WriteAsync(tx => tx.Sessions.MarkAuthenticatedAsync("s9", Now.AddHours(2), None)));
        Assert.Equal(Now.AddHours(2), (await ReadAsync(r => r.Sessions.FindByTokenHashAsync([9, 9], None)))!.LastAuthenticatedAt);

        await WriteAsync(tx => tx.Sessions.RevokeAllAsync(5, Now.AddHours(3), None));
        Assert.False(await WriteAsync(tx => tx.Sessions.MarkAuthenticatedAsync("s9", Now.AddHours(4), None)));
        Assert.False(await WriteAsync(tx => tx.Sessions.MarkAuthenticatedAsync("unknown", Now, None)));
    }

    [Fact]
    public async Task An_authenticator_key_is_pending_until_a_step_is_used_and_then_cannot_be_replaced()
    {
        Assert.True(await WriteAsync(tx => tx.AuthenticatorKeys.TrySetPendingAsync(7, "cipher-1", Now, None)));
        Assert.True(await WriteAsync(tx => tx.AuthenticatorKeys.TrySetPendingAsync(7, "cipher-2", Now.AddMinutes(1), None)));
        var pending = await ReadAsync(r => r.AuthenticatorKeys.GetAsync(7, None));
        Assert.Equal(("cipher-2", (DateTimeOffset?)null, (long?)null, false), (pending!.ProtectedSecret, pending.ConfirmedAt, pending.LastUsedStep, pending.IsActive));

        Assert.True(await WriteAsync(tx => tx.AuthenticatorKeys.TryUseStepAsync(7, 1000, Now.AddMinutes(2), None)));
        var active = await ReadAsync(r => r.AuthenticatorKeys.GetAsync(7, None));
        Assert.Equal((Now.AddMinutes(2), 1000L, true), (active!.ConfirmedAt!.Value, active.LastUsedStep!.Value, active.IsActive));

        Assert.False(await WriteAsync(tx => tx.AuthenticatorKeys.TrySetPendingAsync(7, "cipher-3", Now.AddMinutes(3), None)));
        Assert.Equal("cipher-2", (await ReadAsync(r => r.AuthenticatorKeys.GetAsync(7, None)))!.ProtectedSecret);

        Assert.True(await WriteAsync(tx => tx.AuthenticatorKeys.DeleteAsync(7, None)));
        Assert.Null(await ReadAsync(r => r.AuthenticatorKeys.GetAsync(7, None)));
        Assert.False(await WriteAsync(tx => tx.AuthenticatorKeys.DeleteAsync(7, None)));
    }

    [Fact]
    public async Task A_totp_step_is_used_once_and_never_an_older_one_after_it()
    {
        await WriteAsync(tx => tx.AuthenticatorKeys.TrySetPendingAsync(8, "cipher", Now, None));
        Assert.True(await WriteAsync(tx => tx.AuthenticatorKeys.TryUseStepAsync(8, 500, Now, None)));
        Assert.False(await WriteAsync(tx => tx.AuthenticatorKeys.TryUseStepAsync(8, 500, Now, None)));
        Assert.False(await WriteAsync(tx => tx.AuthenticatorKeys.TryUseStepAsync(8, 499, Now, None)));
        Assert.True(await WriteAsync(tx => tx.AuthenticatorKeys.TryUseStepAsync(8, 501, Now, None)));
        Assert.False(await WriteAsync(tx => tx.AuthenticatorKeys.TryUseStepAsync(9, 501, Now, None))); // no key, no success
    }

    [Fact]
    public async Task Parallel_uses_of_one_totp_step_give_exactly_one_success()
    {
        await WriteAsync(tx => tx.AuthenticatorKeys.TrySetPendingAsync(10, "cipher", Now, None));
        await WriteAsync(tx => tx.AuthenticatorKeys.TryUseStepAsync(10, 700, Now, None));
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            WriteAsync(tx => tx.AuthenticatorKeys.TryUseStepAsync(10, 701, Now, None)))));
        Assert.Single(results, r => r);
        Assert.Equal(701, (await ReadAsync(r => r.AuthenticatorKeys.GetAsync(10, None)))!.LastUsedStep);
    }

    [Fact]
    public async Task Fallback_deadlines_are_kept_once_per_message_and_removed_by_exactly_one_caller()
    {
        await WriteAsync(tx => tx.FallbackDeadlines.AddAsync(new FallbackDeadline(31, "ch_late", Now.AddMinutes(3)), None));
        await WriteAsync(tx => tx.FallbackDeadlines.AddAsync(new FallbackDeadline(30, "ch_soon", Now.AddMinutes(2)), None));
        await WriteAsync(tx => tx.FallbackDeadlines.AddAsync(new FallbackDeadline(30, "ch_soon", Now.AddMinutes(9)), None)); // a repeated report keeps the first
        var pending = await ReadAsync(r => r.FallbackDeadlines.ListAsync(None));
        Assert.Equal([new FallbackDeadline(30, "ch_soon", Now.AddMinutes(2)), new FallbackDeadline(31, "ch_late", Now.AddMinutes(3))], pending);

        var removals = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => WriteAsync(tx => tx.FallbackDeadlines.TryRemoveAsync(30, None)))));
        Assert.Single(removals, r => r);
        Assert.Equal([31L], (await ReadAsync(r => r.FallbackDeadlines.ListAsync(None))).Select(d => d.OutboxId));
    }

    [Fact]
    public async Task Recovery_codes_are_used_once_counted_and_replaced_as_a_set()
    {
        byte[][] first = [[1, 1], [1, 2], [1, 3]];
        await WriteAsync(tx => tx.RecoveryCodes.ReplaceAsync(11, first, Now, None));
        await WriteAsync(tx => tx.RecoveryCodes.ReplaceAsync(12, [[1, 1]], Now, None)); // same hash, other account
        Assert.Equal(3, await ReadAsync(r => r.RecoveryCodes.CountRemainingAsync(11, None)));

        Assert.True(await WriteAsync(tx => tx.RecoveryCodes.TryUseAsync(11, [1, 2], Now, None)));
        Assert.False(await WriteAsync(tx => tx.RecoveryCodes.TryUseAsync(11, [1, 2], Now, None)));
        Assert.False(await WriteAsync(tx => tx.RecoveryCodes.TryUseAsync(11, [9, 9], Now, None)));
        Assert.Equal(2, await ReadAsync(r => r.RecoveryCodes.CountRemainingAsync(11, None)));
        Assert.Equal(1, await ReadAsync(r => r.RecoveryCodes.CountRemainingAsync(12, None)));

        await WriteAsync(tx => tx.RecoveryCodes.ReplaceAsync(11, [[2, 1], [2, 2]], Now.AddDays(1), None));
        Assert.False(await WriteAsync(tx => tx.RecoveryCodes.TryUseAsync(11, [1, 1], Now, None))); // the old set is dead
        Assert.Equal(2, await ReadAsync(r => r.RecoveryCodes.CountRemainingAsync(11, None)));

        await WriteAsync(tx => tx.RecoveryCodes.DeleteAllAsync(11, None));
        Assert.Equal(0, await ReadAsync(r => r.RecoveryCodes.CountRemainingAsync(11, None)));
        Assert.Equal(1, await ReadAsync(r => r.RecoveryCodes.CountRemainingAsync(12, None)));
    }

    [Fact]
    public async Task Twenty_parallel_uses_of_one_recovery_code_give_exactly_one_success()
    {
        await WriteAsync(tx => tx.RecoveryCodes.ReplaceAsync(13, [[3, 1], [3, 2]], Now, None));
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            WriteAsync(tx => tx.RecoveryCodes.TryUseAsync(13, [3, 1], Now, None)))));
        Assert.Single(results, r => r);
        Assert.Equal(1, await ReadAsync(r => r.RecoveryCodes.CountRemainingAsync(13, None)));
    }

    // ---- Passkeys ----

    private static Passkey NewPasskey(long userId, byte id, long count = 0) =>
        new([id, 7, 7], userId, [0xA5, id], count, BackupEligible: true, BackedUp: false, Guid.Parse("01020304-0506-0708-090a-0b0c0d0e0f10"), "Laptop", Now);

    [Fact]
    public async Task Passkeys_are_kept_per_account_with_unique_credential_ids()
    {
        Assert.True(await WriteAsync(tx => tx.Passkeys.TryAddAsync(NewPasskey(21, 1), None)));
        Assert.True(await WriteAsync(tx => tx.Passkeys.TryAddAsync(NewPasskey(21, 2) with { Name = "Phone" }, None)));
        Assert.False(await WriteAsync(tx => tx.Passkeys.TryAddAsync(NewPasskey(22, 1), None))); // another account cannot take it

        var found = await ReadAsync(r => r.Passkeys.FindAsync([1, 7, 7], None));
        Assert.NotNull(found);
        Assert.Equal(21, found.UserId);
        Assert.Equal(new byte[] { 0xA5, 1 }, found.PublicKey);
        Assert.True(found.BackupEligible);
        Assert.Equal(Guid.Parse("01020304-0506-0708-090a-0b0c0d0e0f10"), found.AaGuid);
        Assert.Equal(Now, found.CreatedAt);
        Assert.Null(found.LastUsedAt);
        Assert.Equal(["Laptop", "Phone"], (await ReadAsync(r => r.Passkeys.ListAsync(21, None))).Select(p => p.Name));
        Assert.Equal(2, await ReadAsync(r => r.Passkeys.CountAsync(21, None)));
        Assert.Equal(0, await ReadAsync(r => r.Passkeys.CountAsync(22, None)));

        Assert.False(await WriteAsync(tx => tx.Passkeys.RenameAsync(22, [2, 7, 7], "Stolen", None))); // not theirs
        Assert.True(await WriteAsync(tx => tx.Passkeys.RenameAsync(21, [2, 7, 7], "Work phone", None)));
        Assert.False(await WriteAsync(tx => tx.Passkeys.DeleteAsync(22, [1, 7, 7], None)));
        Assert.True(await WriteAsync(tx => tx.Passkeys.DeleteAsync(21, [1, 7, 7], None)));
        Assert.Equal(["Work phone"], (await ReadAsync(r => r.Passkeys.ListAsync(21, None))).Select(p => p.Name));
    }

    [Fact]
    public async Task A_passkey_use_needs_a_growing_counter_and_keeps_the_backup_flag()
    {
        await WriteAsync(tx => tx.Passkeys.TryAddAsync(NewPasskey(23, 3, count: 5), None));

        Assert.True(await WriteAsync(tx => tx.Passkeys.TryRecordUseAsync([3, 7, 7], 6, backedUp: true, Now.AddMinutes(1), None)));
        Assert.False(await WriteAsync(tx => tx.Passkeys.TryRecordUseAsync([3, 7, 7], 6, backedUp: true, Now.AddMinutes(2), None))); // replayed
        Assert.False(await WriteAsync(tx => tx.Passkeys.TryRecordUseAsync([3, 7, 7], 4, backedUp: true, Now.AddMinutes(2), None))); // a clone

        var used = await ReadAsync(r => r.Passkeys.FindAsync([3, 7, 7], None));
        Assert.Equal(6, used!.SignCount);
        Assert.True(used.BackedUp);
        Assert.Equal(Now.AddMinutes(1), used.LastUsedAt);

        // Authenticators that keep no counter report 0 every time.
        await WriteAsync(tx => tx.Passkeys.TryAddAsync(NewPasskey(23, 4, count: 0), None));
        Assert.True(await WriteAsync(tx => tx.Passkeys.TryRecordUseAsync([4, 7, 7], 0, backedUp: false, Now, None)));
        Assert.True(await WriteAsync(tx => tx.Passkeys.TryRecordUseAsync([4, 7, 7], 0, backedUp: false, Now, None)));
    }

    [Fact]
    public async Task Twenty_parallel_uses_with_one_counter_value_give_exactly_one_success()
    {
        await WriteAsync(tx => tx.Passkeys.TryAddAsync(NewPasskey(24, 5, count: 10), None));
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            WriteAsync(tx => tx.Passkeys.TryRecordUseAsync([5, 7, 7], 11, backedUp: false, Now, None)))));
        Assert.Single(results, r => r);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    // ---- SMS guard ----

    [Fact]
    public async Task Fraud_blocks_budgets_and_prefix_statistics_are_kept_in_the_store()
    {
        await WriteAsync(tx => tx.Fraud.SetBlockAsync(new FraudBlock("prefix:+491511234", Now.AddMinutes(15), 1, "burst", Now), None));
        await WriteAsync(tx => tx.Fraud.SetBlockAsync(new FraudBlock("prefix:+491511234", Now.AddMinutes(30), 2, "again", Now), None));
        var block = await ReadAsync(read => read.Fraud.GetBlockAsync("prefix:+491511234", None));
        Assert.Equal(new FraudBlock("prefix:+491511234", Now.AddMinutes(30), 2, "again", Now), block);
        Assert.Single(await ReadAsync(read => read.Fraud.ListBlocksAsync(Now, None)));
        Assert.Empty(await ReadAsync(read => read.Fraud.ListBlocksAsync(Now.AddHours(1), None)));

        Assert.Equal(new BudgetUsage("day:2026-03-01", 1, 0.075m), await WriteAsync(tx => tx.Fraud.AddToBudgetAsync("day:2026-03-01", 0.075m, None)));
        Assert.Equal(new BudgetUsage("day:2026-03-01", 2, 0.125m), await WriteAsync(tx => tx.Fraud.AddToBudgetAsync("day:2026-03-01", 0.05m, None)));
        Assert.Equal(2, (await ReadAsync(read => read.Fraud.GetBudgetAsync("day:2026-03-01", None))).Sends);
        Assert.Equal(0, (await ReadAsync(read => read.Fraud.GetBudgetAsync("day:2026-03-02", None))).Sends);

        await WriteAsync(async tx =>
        {
            await tx.Challenges.InsertAsync(NewChallenge("p1") with { Destination = new Destination(Channel.Sms, "+4915112341111") }, None);
            await tx.Challenges.InsertAsync(NewChallenge("p2") with { Destination = new Destination(Channel.Sms, "+4915112342222") }, None);
            await tx.Challenges.InsertAsync(NewChallenge("p3") with { Destination = new Destination(Channel.Sms, "+4915199993333") }, None);
            await tx.Challenges.InsertAsync(NewChallenge("p4") with { Destination = new Destination(Channel.Sms, "+4915112344444"), CreatedAt = Now.AddHours(-2) }, None);
            await tx.Challenges.InsertAsync(NewChallenge("p5") with { Destination = new Destination(Channel.Sms, "+4915112345555"), Subject = ChallengeSubject.Nobody }, None);
            await tx.Challenges.TryEndAsync("p1", ChallengeStatus.Approved, Now, None);
        });
        Assert.Equal(new PrefixStats(2, 1), await ReadAsync(read => read.Fraud.PrefixStatsAsync("+491511234", Now.AddHours(-1), Now.AddMilliseconds(1), None)));
        Assert.Equal(new PrefixStats(1, 0), await ReadAsync(read => read.Fraud.PrefixStatsAsync("+491511234", Now.AddHours(-3), Now.AddHours(-1), None)));
    }

    // ---- webhooks ----

    private static WebhookEndpoint NewEndpoint(string id, string? owner, params string[] types) =>
        new(id, owner, "https://example.com/" + id, "protected-" + id, null, null, types, Now);

    private static WebhookEvent NewEvent(string id, string type, string subject, string? owner) =>
        new(id, type, subject, owner, $"{{\"type\":\"{type}\"}}", Now);

    [Fact]
    public async Task Webhook_events_fan_out_by_owner_and_type_and_are_claimed_in_order_per_subject()
    {
        await WriteAsync(async tx =>
        {
            await tx.Webhooks.AddEndpointAsync(NewEndpoint("ep-a", "key-a"), None);
            await tx.Webhooks.AddEndpointAsync(NewEndpoint("ep-b", "key-b"), None);
            await tx.Webhooks.AddEndpointAsync(NewEndpoint("ep-op", null, "fraud.prefix_blocked", "verification.approved"), None);
            await tx.Webhooks.PublishAsync(NewEvent("msg_1", "verification.pending", "ch-1", "key-a"), None);
            await tx.Webhooks.PublishAsync(NewEvent("msg_2", "verification.approved", "ch-1", "key-a"), None);
            await tx.Webhooks.PublishAsync(NewEvent("msg_3", "fraud.prefix_blocked", "prefix:+49151", null), None);
        });

        Assert.Equal(["key-a"], (await ReadAsync(read => read.Webhooks.ListEndpointsAsync("key-a", None))).Select(e => e.OwnerKey));
        Assert.Equal(3, (await ReadAsync(read => read.Webhooks.ListEndpointsAsync(null, None))).Count);
        Assert.Equal(["fraud.prefix_blocked", "verification.approved"], (await ReadAsync(read => read.Webhooks.GetEndpointAsync("ep-op", None)))!.EventTypes);

        // ep-a: msg_1, msg_2 (same subject: only msg_1 is due), msg_3; ep-b: msg_3; ep-op: msg_2, msg_3.
        var first = await WriteAsync(tx => tx.Webhooks.ClaimAsync("one", Now, Now.AddMinutes(1), 10, None));
        Assert.Equal(["ep-a/msg_1", "ep-a/msg_3", "ep-b/msg_3", "ep-op/msg_2", "ep-op/msg_3"],
            first.Select(c => $"{c.Endpoint.Id}/{c.Event.Id}").Order(StringComparer.Ordinal));
        Assert.All(first, c => Assert.Equal(1, c.Delivery.Attempts));
        Assert.Empty(await WriteAsync(tx => tx.Webhooks.ClaimAsync("two", Now, Now.AddMinutes(1), 10, None)));

        var msg1 = first.Single(c => c.Event.Id == "msg_1").Delivery.Id;
        await WriteAsync(tx => tx.Webhooks.ScheduleRetryAsync(msg1, "one", Now.AddSeconds(5), "503", None));
        Assert.Empty(await WriteAsync(tx => tx.Webhooks.ClaimAsync("two", Now.AddSeconds(1), Now.AddMinutes(1), 10, None)));
        var retried = await WriteAsync(tx => tx.Webhooks.ClaimAsync("two", Now.AddSeconds(5), Now.AddMinutes(1), 10, None));
        Assert.Equal(2, Assert.Single(retried).Delivery.Attempts);

        await WriteAsync(tx => tx.Webhooks.MarkDeadAsync(msg1, "two", Now.AddSeconds(6), "gave up", None));
        var next = await WriteAsync(tx => tx.Webhooks.ClaimAsync("two", Now.AddSeconds(6), Now.AddMinutes(1), 10, None));
        Assert.Equal("msg_2", Assert.Single(next).Event.Id);
        await WriteAsync(tx => tx.Webhooks.MarkDeliveredAsync(next[0].Delivery.Id, "two", Now.AddSeconds(7), None));

        var dead = Assert.Single(await ReadAsync(read => read.Webhooks.ListDeliveriesAsync("ep-a", "dead", 10, None)));
        Assert.Equal("gave up", dead.LastError);
        Assert.Equal(1, await WriteAsync(tx => tx.Webhooks.ReplayAsync("ep-a", null, Now.AddSeconds(8), None)));
        Assert.Equal(0, await WriteAsync(tx => tx.Webhooks.ReplayAsync("ep-a", null, Now.AddSeconds(8), None)));
        var replayed = Assert.Single(await WriteAsync(tx => tx.Webhooks.ClaimAsync("three", Now.AddSeconds(8), Now.AddMinutes(1), 10, None)));
        Assert.Equal(("msg_1", 1), (replayed.Event.Id, replayed.Delivery.Attempts));

        await WriteAsync(tx => tx.Webhooks.ReleaseAsync("one", None));
        Assert.Equal(4, (await WriteAsync(tx => tx.Webhooks.ClaimAsync("four", Now.AddSeconds(9), Now.AddMinutes(1), 10, None))).Count);
    }

    [Fact]
    public async Task A_webhook_event_no_endpoint_wants_is_not_stored()
    {
        async Task<long> StoredEventsAsync() => await ReadAsync(async read =>
            (long)(await ((Verigate.Storage.Sql.SqlSession)read).Command("SELECT count(*) FROM webhook_events").ExecuteScalarAsync(None))!);

        // No endpoint at all (an install without webhooks): nothing is written.
        await WriteAsync(tx => tx.Webhooks.PublishAsync(NewEvent("msg_none", "verification.pending", "ch-n", "key-a"), None));
        Assert.Equal(0, await StoredEventsAsync());

        // Endpoints that do not want it: another API key's, and one for other types.
        await WriteAsync(async tx =>
        {
            await tx.Webhooks.AddEndpointAsync(NewEndpoint("ep-other-key", "key-b"), None);
            await tx.Webhooks.AddEndpointAsync(NewEndpoint("ep-fraud", null, "fraud.prefix_blocked"), None);
            await tx.Webhooks.PublishAsync(NewEvent("msg_unwanted", "verification.pending", "ch-n", "key-a"), None);
        });
        Assert.Equal(0, await StoredEventsAsync());
        Assert.Empty(await WriteAsync(tx => tx.Webhooks.ClaimAsync("one", Now, Now.AddMinutes(1), 10, None)));

        // One that does: stored, with its delivery.
        await WriteAsync(tx => tx.Webhooks.PublishAsync(NewEvent("msg_wanted", "verification.pending", "ch-n", "key-b"), None));
        Assert.Equal(1, await StoredEventsAsync());
        Assert.Equal("ep-other-key/msg_wanted", Assert.Single(await WriteAsync(tx => tx.Webhooks.ClaimAsync("one", Now, Now.AddMinutes(1), 10, None))) is var c
            ? $"{c.Endpoint.Id}/{c.Event.Id}" : null);
    }

    [Fact]
    public async Task Webhook_secrets_rotate_and_removing_an_endpoint_drops_its_deliveries()
    {
        await WriteAsync(async tx =>
        {
            await tx.Webhooks.AddEndpointAsync(NewEndpoint("ep-r", "key-a"), None);
            await tx.Webhooks.PublishAsync(NewEvent("msg_r", "verification.pending", "ch-r", "key-a"), None);
        });

        Assert.True(await WriteAsync(tx => tx.Webhooks.RotateSecretAsync("ep-r", "protected-new", Now.AddDays(1), None)));
        var rotated = await ReadAsync(read => read.Webhooks.GetEndpointAsync("ep-r", None));
        Assert.Equal(("protected-new", "protected-ep-r", Now.AddDays(1)), (rotated!.ProtectedSecret, rotated.PreviousProtectedSecret, rotated.PreviousUntil));
        Assert.False(await WriteAsync(tx => tx.Webhooks.RotateSecretAsync("nope", "x", Now, None)));

        Assert.True(await WriteAsync(tx => tx.Webhooks.RemoveEndpointAsync("ep-r", None)));
        Assert.Null(await ReadAsync(read => read.Webhooks.GetEndpointAsync("ep-r", None)));
        Assert.Empty(await ReadAsync(read => read.Webhooks.ListDeliveriesAsync("ep-r", null, 10, None)));
        Assert.False(await WriteAsync(tx => tx.Webhooks.RemoveEndpointAsync("ep-r", None)));
    }

    // ---- single-use notice links ----

    private static ActionLink NewLink(string id, long userId = 5, string kind = "undo_contact_change", DateTimeOffset? expiresAt = null) =>
        new(id, userId, kind, "{\"contactId\":\"7\"}", [.. System.Text.Encoding.UTF8.GetBytes(id)], "sealed-" + id, Now, expiresAt ?? Now.AddDays(7));

    [Fact]
    public async Task An_action_link_round_trips_and_is_found_by_its_token_hash()
    {
        var link = NewLink("al_1");
        await WriteAsync(tx => tx.ActionLinks.InsertAsync(link, None));

        var found = await ReadAsync(r => r.ActionLinks.FindByTokenHashAsync(link.TokenHash, None));
        Assert.NotNull(found);
        Assert.Equal((link.Id, link.UserId, link.Kind, link.Payload, link.SealedToken, link.CreatedAt, link.ExpiresAt, (DateTimeOffset?)null),
            (found.Id, found.UserId, found.Kind, found.Payload, found.SealedToken, found.CreatedAt, found.ExpiresAt, found.UsedAt));
        Assert.Equal(link.TokenHash, found.TokenHash);
        Assert.Equal("al_1", (await ReadAsync(r => r.ActionLinks.GetAsync("al_1", None)))!.Id);
        Assert.Null(await ReadAsync(r => r.ActionLinks.FindByTokenHashAsync([1, 2, 3], None)));
    }

    [Fact]
    public async Task Parallel_redemptions_of_one_action_link_let_exactly_one_win_and_erase_the_sealed_token()
    {
        await WriteAsync(tx => tx.ActionLinks.InsertAsync(NewLink("al_race"), None));

        var wins = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            WriteAsync(tx => tx.ActionLinks.TryRedeemAsync("al_race", Now.AddMinutes(1), None)))));

        Assert.Single(wins, w => w);
        var used = await ReadAsync(r => r.ActionLinks.GetAsync("al_race", None));
        Assert.Equal(Now.AddMinutes(1), used!.UsedAt);
        Assert.Null(used.SealedToken);
        Assert.False(used.IsOpenAt(Now.AddMinutes(2)));
    }

    [Fact]
    public async Task An_expired_action_link_cannot_be_redeemed_and_ending_a_kind_leaves_other_kinds_open()
    {
        await WriteAsync(async tx =>
        {
            await tx.ActionLinks.InsertAsync(NewLink("al_old", userId: 505, expiresAt: Now.AddMinutes(5)), None);
            await tx.ActionLinks.InsertAsync(NewLink("al_undo", userId: 505), None);
            await tx.ActionLinks.InsertAsync(NewLink("al_secure", userId: 505, kind: "secure_account"), None);
            await tx.ActionLinks.InsertAsync(NewLink("al_other_user", userId: 506), None);
        });

        Assert.False(await WriteAsync(tx => tx.ActionLinks.TryRedeemAsync("al_old", Now.AddMinutes(5), None)));
        Assert.Equal(1, await WriteAsync(tx => tx.ActionLinks.EndOpenAsync(505, "undo_contact_change", Now.AddMinutes(10), None)));

        Assert.False(await WriteAsync(tx => tx.ActionLinks.TryRedeemAsync("al_undo", Now.AddMinutes(11), None)));
        Assert.True(await WriteAsync(tx => tx.ActionLinks.TryRedeemAsync("al_secure", Now.AddMinutes(11), None)));
        Assert.True(await WriteAsync(tx => tx.ActionLinks.TryRedeemAsync("al_other_user", Now.AddMinutes(11), None)));
    }

    [Fact]
    public async Task A_notice_keeps_its_action_link_id_through_the_outbox()
    {
        await WriteAsync(tx => tx.Outbox.EnqueueAsync(NewMessage() with { Kind = OutboxKind.Notice, LinkId = "al_notice" }, None));
        await WriteAsync(tx => tx.Outbox.EnqueueAsync(NewMessage(at: Now.AddSeconds(1)) with { Kind = OutboxKind.Notice }, None));

        var claimed = await WriteAsync(tx => tx.Outbox.ClaimAsync("me", Now.AddMinutes(1), Now.AddMinutes(2), 10, None));
        Assert.Equal(["al_notice", null], claimed.OrderBy(m => m.Id).Select(m => m.LinkId)); // a claim promises which rows, not their order
    }

    [Fact]
    public async Task Maintenance_erases_the_sealed_token_of_expired_action_links_and_deletes_them_after_the_retention()
    {
        await WriteAsync(tx => tx.ActionLinks.InsertAsync(NewLink("al_expiring", expiresAt: Now.AddMinutes(5)), None));

        await WriteAsync(tx => tx.Maintenance.RunBatchAsync(Now.AddMinutes(6), TimeSpan.FromDays(1), 100, None));
        var expired = await ReadAsync(r => r.ActionLinks.GetAsync("al_expiring", None));
        Assert.Null(expired!.SealedToken);

        await WriteAsync(tx => tx.Maintenance.RunBatchAsync(Now.AddDays(2), TimeSpan.FromDays(1), 100, None));
        Assert.Null(await ReadAsync(r => r.ActionLinks.GetAsync("al_expiring", None)));
    }
}
