using Microsoft.Extensions.Time.Testing;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Storage.Sqlite;

namespace Verigate.Core.Tests.Support;

/// <summary>The challenge engine on a real SQLite file in a temporary directory, with a fake clock.</summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly string _directory;

    private EngineHarness(string directory, SqliteStore store, CodePolicyOptions policy, RateLimitOptions limits)
    {
        _directory = directory;
        Store = store;
        Policy = policy;
        Limits = limits;
        Engine = new ChallengeEngine(Time, new CodeHasher(CodeHashKey.Generate()), new ClearTextVault(), new RateLimiter(Time), new SendLimits(limits), policy, limits, new AllChannels());
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    public SqliteStore Store { get; }
    public ChallengeEngine Engine { get; }
    public CodePolicyOptions Policy { get; }
    public RateLimitOptions Limits { get; }

    public static Task<EngineHarness> CreateAsync(CodePolicyOptions? policy = null, RateLimitOptions? limits = null) => CreateCoreAsync(policy ?? new(), limits ?? Generous());

    private static async Task<EngineHarness> CreateCoreAsync(CodePolicyOptions policy, RateLimitOptions limits)
    {
        var directory = Directory.CreateTempSubdirectory("verigate-core-").FullName;
        var store = await SqliteStore.OpenAsync($"Data Source={Path.Combine(directory, "test.db")}", SqliteSynchronous.Normal, new NoSignal(), CancellationToken.None);
        return new EngineHarness(directory, store, policy, limits);
    }

    /// <summary>Limits high enough that only the test's own limit matters.</summary>
    public static RateLimitOptions Generous() => new()
    {
        SendsPerDestination = new(1000, TimeSpan.FromMinutes(10)),
        SendsPerAccount = new(1000, TimeSpan.FromHours(1)),
        SendsPerIp = new(1000, TimeSpan.FromMinutes(10)),
        SendsPerApiKey = new(1000, TimeSpan.FromMinutes(1)),
        SendsPerPhonePrefix = new(1000, TimeSpan.FromHours(1)),
    };

    public static Destination Phone(string e164 = "+4915112345678") => new(Channel.Sms, e164);

    public async Task<Result<Challenge>> IssueAsync(ChallengeRequest request, SendOrigin? origin = null)
    {
        await using var tx = await Store.BeginWriteAsync(CancellationToken.None);
        var result = await Engine.IssueAsync(tx, request, origin ?? new SendOrigin(), CancellationToken.None);
        if (result.IsSuccess)
        {
            await tx.CommitAsync(CancellationToken.None);
        }

        return result;
    }

    public async Task<Challenge> IssueVerificationAsync(string keyId = "key:1", Destination? to = null, int? codeLength = null)
    {
        var issued = await IssueAsync(new ChallengeRequest(ChallengePurpose.VerifyApi, ChallengeSubject.ForApiKey(keyId), to ?? Phone(), CodeLength: codeLength));
        Assert.True(issued.IsSuccess, issued.Error?.Code);
        return issued.Value;
    }

    public async Task<Result<Challenge>> CheckAsync(Challenge challenge, string code, ChallengeScope? scope = null)
    {
        await using var tx = await Store.BeginWriteAsync(CancellationToken.None);
        var result = await Engine.CheckAsync(tx, challenge.Id, scope ?? ChallengeScope.ApiKey(challenge.Subject.Id), code, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        return result;
    }

    public async Task<Result<Challenge>> ResendAsync(Challenge challenge, Destination? to = null)
    {
        await using var tx = await Store.BeginWriteAsync(CancellationToken.None);
        var result = await Engine.ResendAsync(tx, challenge.Id, ChallengeScope.Any, to, new SendOrigin(), CancellationToken.None);
        if (result.IsSuccess)
        {
            await tx.CommitAsync(CancellationToken.None);
        }

        return result;
    }

    public async Task<Challenge?> ReloadAsync(string id)
    {
        await using var read = await Store.OpenReadAsync(CancellationToken.None);
        return await read.Challenges.GetAsync(id, CancellationToken.None);
    }

    public async Task<IReadOnlyList<DeliveryEvent>> DeliveriesAsync(string id)
    {
        await using var read = await Store.OpenReadAsync(CancellationToken.None);
        return await read.Deliveries.ListAsync(id, CancellationToken.None);
    }

    /// <summary>The code, read back the way the dispatcher does (through the vault).</summary>
    public static string CodeOf(Challenge challenge) => challenge.ProtectedCode ?? throw new InvalidOperationException("The code was erased.");

    public static string WrongCode(Challenge challenge) =>
        ((int.Parse(CodeOf(challenge), System.Globalization.CultureInfo.InvariantCulture) + 1) % (int)Math.Pow(10, challenge.CodeLength))
        .ToString($"D{challenge.CodeLength}", System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        await Task.Yield();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// The engine only needs the code back for re-delivery; encryption is the server's Data Protection vault and
    /// is tested there. Here the "protected" form is the code itself, so tests can read it.
    /// </summary>
    private sealed class ClearTextVault : ICodeVault
    {
        public string Protect(string code) => code;

        public string? Unprotect(string protectedCode) => protectedCode;
    }

    private sealed class NoSignal : IOutboxSignal
    {
        public void Notify()
        {
        }
    }
}
