using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Verigate.Delivery.Receipts;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Delivery;

/// <summary>The delivery-report callback: a per-message token, RFC 9457 problems for anything else.</summary>
public sealed class DeliveryReceiptsApiTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_report_with_the_right_token_is_added_to_the_timeline_with_our_words_for_the_person()
    {
        var (challengeId, outboxId) = await StartAccountChallengeAsync("dlr_ok");
        var token = _server.Services.GetRequiredService<ReceiptTokens>().For(challengeId, outboxId);
        using var anonymous = _server.Anonymous();

        var response = await anonymous.GetAsync($"/v1/delivery-receipts/kannel/{challengeId}/{outboxId}/{token}?type=16&answer=NACK%2F0x45%2FSubmit+failed&smscId=");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var timeline = await anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/challenges/{challengeId}/deliveries");
        var failed = timeline.EnumerateArray().Last();
        Assert.Equal("failed", failed.Str("status"));
        Assert.DoesNotContain("NACK", failed.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("0x45", failed.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_is_not_found_exactly_like_an_unknown_message()
    {
        var (challengeId, outboxId) = await StartAccountChallengeAsync("dlr_bad");
        using var anonymous = _server.Anonymous();

        var wrong = await anonymous.GetAsync($"/v1/delivery-receipts/kannel/{challengeId}/{outboxId}/{new string('0', 32)}?type=1");
        var unknown = await anonymous.GetAsync($"/v1/delivery-receipts/kannel/VEnope/{outboxId}/{new string('0', 32)}?type=1");
        var token = _server.Services.GetRequiredService<ReceiptTokens>().For(challengeId, outboxId + 1000);
        var otherRow = await anonymous.GetAsync($"/v1/delivery-receipts/kannel/{challengeId}/{outboxId + 1000}/{token}?type=1");

        await wrong.ProblemAsync(404, "not_found");
        await unknown.ProblemAsync(404, "not_found");
        await otherRow.ProblemAsync(404, "not_found");
    }

    [Theory]
    [InlineData("x/00000000000000000000000000000000", "type=1", "outboxId")]
    [InlineData("1/00000000000000000000000000000000", "type=3", "type")]
    [InlineData("1/00000000000000000000000000000000", "type=abc", "type")]
    [InlineData("1/00000000000000000000000000000000", "", "type")]
    [InlineData("1/00000000000000000000000000000000", "type=1&smscId=" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "smscId")]
    public async Task Bad_input_gets_an_invalid_request_problem_naming_the_field(string path, string query, string field)
    {
        using var anonymous = _server.Anonymous();

        var response = await anonymous.GetAsync($"/v1/delivery-receipts/kannel/VEany/{path}?{query}");

        var problem = await response.ProblemAsync(400, "invalid_request");
        Assert.Equal(field, problem.Str("field"));
    }

    [Fact]
    public async Task An_overlong_answer_is_refused()
    {
        using var anonymous = _server.Anonymous();

        var response = await anonymous.GetAsync($"/v1/delivery-receipts/kannel/VEany/1/{new string('0', 32)}?type=1&answer={new string('a', 1001)}");

        Assert.Equal("answer", (await response.ProblemAsync(400, "invalid_request")).Str("field"));
    }

    private async Task<(string ChallengeId, long OutboxId)> StartAccountChallengeAsync(string username)
    {
        using var anonymous = _server.Anonymous();
        var created = await anonymous.PostAsJsonAsync("/v1/accounts", new { username, password = "correct horse battery staple 9", phone = KannelComponentFreePhone() });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var challengeId = (await created.JsonAsync()).Str("challengeId");
        await using var read = await _server.Services.GetRequiredService<Verigate.Core.Storage.IStore>().OpenReadAsync(CancellationToken.None);
        var timeline = await read.Deliveries.ListAsync(challengeId, CancellationToken.None);
        return (challengeId, timeline[0].OutboxId);
    }

    private static string KannelComponentFreePhone() => "+49151" + Random.Shared.Next(10000000, 99999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
