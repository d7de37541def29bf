using Verigate.Core.Challenges;

namespace Verigate.Core.Tests.Challenges;

public sealed class ChallengeIdsTests
{
    private static readonly DateTimeOffset Moment = new(2026, 11, 28, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Verification_ids_keep_the_hosted_services_shape()
    {
        Assert.Matches("^VE[0-9a-f]{32}$", ChallengeIds.NewFor(ChallengePurpose.VerifyApi, Moment));
        Assert.True(ChallengeIds.LooksValid(ChallengeIds.NewVerificationId(Moment)));
    }

    [Fact]
    public void Verification_ids_sort_by_creation_time()
    {
        var earlier = ChallengeIds.NewVerificationId(Moment);
        var later = ChallengeIds.NewVerificationId(Moment.AddMilliseconds(1));

        Assert.True(string.CompareOrdinal(earlier, later) < 0, $"{earlier} should sort before {later}");
        Assert.StartsWith("VE" + Moment.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture), earlier);
    }

    [Fact]
    public void Verification_ids_of_one_moment_differ_in_80_random_bits()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => ChallengeIds.NewVerificationId(Moment)).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        // The random part is the last 20 hex digits; the first 14 characters are "VE" and the time.
        Assert.Single(ids.Select(id => id[..14]).Distinct(StringComparer.Ordinal));
        Assert.All(ids, id => Assert.Equal(20, id[14..].Length));
    }

    [Fact]
    public void Account_challenge_ids_stay_fully_random()
    {
        var first = ChallengeIds.NewFor(ChallengePurpose.NewDeviceLogin, Moment);
        var second = ChallengeIds.NewFor(ChallengePurpose.NewDeviceLogin, Moment);

        Assert.StartsWith("ch_", first);
        Assert.Equal(25, first.Length); // "ch_" and 16 random bytes in base64url
        Assert.NotEqual(first[..10], second[..10]);
    }
}
