using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Verigate.Client.Webhooks;

namespace Verigate.Client.Tests;

public sealed class WebhookVerifierTests
{
    private const string Body = "{\"type\":\"verification.approved\",\"timestamp\":\"2026-03-01T12:00:00Z\",\"data\":{\"id\":\"VE1\"}}";
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(Key);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    // Computed independently of the verifier, as the Standard Webhooks specification defines it.
    private static string Signature(string id, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

    [Fact]
    public void A_signature_made_as_the_specification_says_is_valid_and_sign_makes_the_same()
    {
        var verifier = new WebhookVerifier(Secret, time: _time);
        Assert.Equal(WebhookCheck.Valid, verifier.Verify("msg_1", Now.ToString(), Signature("msg_1", Now, Body), Body));
        Assert.Equal(Signature("msg_1", Now, Body), verifier.Sign("msg_1", Now, Body));
    }

    [Fact]
    public void During_rotation_any_of_several_signatures_may_match()
    {
        var verifier = new WebhookVerifier(Secret, time: _time);
        var header = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + Signature("msg_1", Now, Body);
        Assert.Equal(WebhookCheck.Valid, verifier.Verify("msg_1", Now.ToString(), header, Body));
    }

    [Fact]
    public void A_changed_body_id_or_secret_is_a_bad_signature()
    {
        var verifier = new WebhookVerifier(Secret, time: _time);
        var signature = Signature("msg_1", Now, Body);
        Assert.Equal(WebhookCheck.BadSignature, verifier.Verify("msg_1", Now.ToString(), signature, Body.Replace("VE1", "VE2", StringComparison.Ordinal)));
        Assert.Equal(WebhookCheck.BadSignature, verifier.Verify("msg_2", Now.ToString(), signature, Body));
        Assert.Equal(WebhookCheck.BadSignature, new WebhookVerifier("whsec_" + Convert.ToBase64String(new byte[32]), time: _time).Verify("msg_1", Now.ToString(), signature, Body));
        Assert.Equal(WebhookCheck.BadSignature, verifier.Verify("msg_1", Now.ToString(), "v2," + signature[3..], Body));
    }

    [Fact]
    public void Timestamps_outside_the_tolerance_are_refused_either_way()
    {
        var verifier = new WebhookVerifier(Secret, TimeSpan.FromMinutes(5), _time);
        var old = Now - 301;
        var future = Now + 301;
        Assert.Equal(WebhookCheck.OutsideTolerance, verifier.Verify("msg_1", old.ToString(), Signature("msg_1", old, Body), Body));
        Assert.Equal(WebhookCheck.OutsideTolerance, verifier.Verify("msg_1", future.ToString(), Signature("msg_1", future, Body), Body));
        Assert.Equal(WebhookCheck.Valid, verifier.Verify("msg_1", (Now - 299).ToString(), Signature("msg_1", Now - 299, Body), Body));
    }

    [Theory]
    [InlineData(null, "1772366400", "v1,x")]
    [InlineData("msg_1", "soon", "v1,x")]
    [InlineData("msg_1", "-5", "v1,x")]
    [InlineData("msg_1", "1772366400", null)]
    public void Missing_or_malformed_headers_are_malformed(string? id, string? timestamp, string? signature) =>
        Assert.Equal(WebhookCheck.Malformed, new WebhookVerifier(Secret, time: _time).Verify(id, timestamp, signature, Body));

    [Fact]
    public void A_secret_that_is_not_base64_is_refused_at_once() =>
        Assert.Throws<ArgumentException>(() => new WebhookVerifier("whsec_not base64!"));
}
