namespace Verigate.Web.Tests.Infrastructure;

/// <summary>Unique names and addresses per test, so tests sharing a server never collide.</summary>
public static class Names
{
    public const string Password = "correct horse battery staple";

    public static string Username() => "web_" + Guid.NewGuid().ToString("N")[..12];

    public static string Email() => $"p{Guid.NewGuid():N}@example.com";
}
