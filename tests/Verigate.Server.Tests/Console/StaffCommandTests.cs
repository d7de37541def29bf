using System.Net;
using Verigate.Core.Staff;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Console;

/// <summary>
/// <c>staff create | list | disable | renew-setup</c> as an operator runs them: the setup link is all that is printed
/// (no password chosen for anyone), it works on the server, and a disabled staff member can no longer sign in.
/// </summary>
public sealed class StaffCommandTests : IDisposable
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
    public async Task Create_prints_only_a_setup_link_that_sets_the_staff_member_up_list_shows_them_and_disable_stops_their_sign_in()
    {
        var created = await ServerProcess.RunCommandAsync(_data, "staff", "create", "--name", "Ana.Support", "--role", "admin");
        Assert.Equal(0, created.ExitCode);
        var link = new Uri(created.Output.Trim());
        Assert.StartsWith("/console/setup/vgs_", link.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("ana.support", created.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("password:", created.Output + created.Error, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(1, (await ServerProcess.RunCommandAsync(_data, "staff", "create", "--name", "ana.support", "--role", "agent")).ExitCode);
        var listed = await ServerProcess.RunCommandAsync(_data, "staff", "list");
        Assert.Contains("ana.support\tadmin\t", listed.Output, StringComparison.Ordinal);
        Assert.Contains("setup pending", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(link.AbsolutePath, listed.Output, StringComparison.Ordinal);

        await using (var server = new VerigateTestServer(VerigateTestServer.Relaxed(), dataDirectory: _data))
        {
            var steps = new ConsoleSteps(server);
            using var client = steps.NewClient();
            var page = await client.GetStringAsync(link.AbsolutePath);
            var secret = OtpNet.Base32Encoding.ToBytes(ConsoleSteps.KeyOf(page));
            Assert.Equal(HttpStatusCode.OK, (await ConsoleSteps.PostFormAsync(client, link.AbsolutePath,
                new() { ["password"] = ConsoleSteps.Password, ["code"] = steps.CodeFor(secret) }, page)).StatusCode);
            var login = new ConsoleSteps.StaffLogin("ana.support", StaffRole.Admin, ConsoleSteps.Password, secret);
            Assert.Equal(HttpStatusCode.Redirect, (await steps.SignInAsync(client, login)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/console")).StatusCode);

            Assert.Contains("active", (await ServerProcess.RunCommandAsync(_data, "staff", "list")).Output, StringComparison.Ordinal);
            Assert.Equal(0, (await ServerProcess.RunCommandAsync(_data, "staff", "disable", "--name", "ana.support")).ExitCode);
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/console")).StatusCode); // the session ended with the disable
            using var again = steps.NewClient();
            Assert.Equal(HttpStatusCode.BadRequest, (await steps.SignInAsync(again, login)).StatusCode);
        }

        Assert.Contains("disabled", (await ServerProcess.RunCommandAsync(_data, "staff", "list")).Output, StringComparison.Ordinal);
        Assert.Equal(1, (await ServerProcess.RunCommandAsync(_data, "staff", "disable", "--name", "ana.support")).ExitCode);
        Assert.Equal(1, (await ServerProcess.RunCommandAsync(_data, "staff", "renew-setup", "--name", "ana.support")).ExitCode);
    }

    [Fact]
    public async Task Renew_setup_prints_a_new_link_and_the_old_one_stops_working()
    {
        var first = new Uri((await ServerProcess.RunCommandAsync(_data, "staff", "create", "--name", "bo", "--role", "agent")).Output.Trim());
        var renewed = await ServerProcess.RunCommandAsync(_data, "staff", "renew-setup", "--name", "bo");
        Assert.Equal(0, renewed.ExitCode);
        var second = new Uri(renewed.Output.Trim());
        await using var server = new VerigateTestServer(VerigateTestServer.Relaxed(), dataDirectory: _data);
        using var client = new ConsoleSteps(server).NewClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(first.AbsolutePath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(second.AbsolutePath)).StatusCode);
    }

    [Theory]
    [InlineData("staff")]
    [InlineData("staff", "create", "--name", "cy")]
    [InlineData("staff", "create", "--name", "cy", "--role", "root")]
    [InlineData("staff", "create", "--name", "bad name!", "--role", "agent")]
    [InlineData("staff", "disable")]
    public async Task Wrong_usage_prints_how_to_use_it_and_exits_2(params string[] args)
    {
        var result = await ServerProcess.RunCommandAsync(_data, args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: staff", result.Error, StringComparison.Ordinal);
    }
}
