namespace Verigate.Core.Challenges;

/// <summary>Who a challenge belongs to: an account (by user id) or an integrator's API key (by key id).</summary>
public sealed record ChallengeSubject(SubjectKind Kind, string Id)
{
    public static ChallengeSubject ForAccount(long userId) => new(SubjectKind.Account, userId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The owner of decoy challenges: user id 0 is never assigned.</summary>
    public static readonly ChallengeSubject Nobody = new(SubjectKind.Account, "0");

    public static ChallengeSubject ForApiKey(string keyId) => new(SubjectKind.ApiKey, keyId);

    public long UserId => Kind == SubjectKind.Account
        ? long.Parse(Id, System.Globalization.CultureInfo.InvariantCulture)
        : throw new InvalidOperationException("Not an account challenge.");

    public string StorageName => StorageNameOf(Kind);

    /// <summary>How the store names a kind of subject.</summary>
    public static string StorageNameOf(SubjectKind kind) => kind == SubjectKind.Account ? "account" : "api_key";
}
