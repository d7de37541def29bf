using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

public sealed class ServiceCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("verigate-cli-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_created_service_prints_its_sid_is_listed_refuses_its_name_twice_and_serves_the_twilio_api()
    {
        var created = await ServerProcess.RunCommandAsync(_data, "service", "create", "--name", "shop", "--friendly-name", "Acme Shop", "--code-length", "7");
        Assert.Equal(0, created.ExitCode);
        Assert.Matches("^VA[0-9a-f]{32}$", created.Output);
        var sid = created.Output;

        Assert.Equal(1, (await ServerProcess.RunCommandAsync(_data, "service", "create", "--name", "shop")).ExitCode);
        Assert.Contains($"shop\t{sid}\tAcme Shop\t7 digits", (await ServerProcess.RunCommandAsync(_data, "service", "list")).Output, StringComparison.Ordinal);
        var key = (await ServerProcess.RunCommandAsync(_data, "apikey", "create", "--name", "twilio-app")).Output;

        using var server = await ServerProcess.StartAsync(_data);
        using var client = server.Client(key);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ACanything:" + key)));
        var response = await client.PostAsync($"/v2/Services/{sid}/Verifications",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["To"] = "+4915160000077", ["Channel"] = "sms" }));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(sid, body.GetProperty("service_sid").GetString());
        Assert.Equal("pending", body.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("service")]
    [InlineData("service", "create")]
    public async Task Wrong_usage_prints_how_to_use_it_and_exits_2(params string[] args)
    {
        var result = await ServerProcess.RunCommandAsync(_data, args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: service", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_name_or_code_length_is_refused()
    {
        Assert.Equal(1, (await ServerProcess.RunCommandAsync(_data, "service", "create", "--name", "bad name!")).ExitCode);
        Assert.Equal(1, (await ServerProcess.RunCommandAsync(_data, "service", "create", "--name", "ok", "--code-length", "12")).ExitCode);
    }
}
