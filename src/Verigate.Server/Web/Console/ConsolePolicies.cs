using Microsoft.AspNetCore.Authorization;
using Verigate.Core.Staff;

namespace Verigate.Server.Web.Console;

/// <summary>
/// Who may do what in the console, checked on the server: every console page needs <see cref="Agent"/> (a folder
/// convention), admin-only pages and handlers need <see cref="Admin"/>. Both accept only the console's own scheme, so
/// a person's session never satisfies them.
/// </summary>
public static class ConsolePolicies
{
    /// <summary>An agent or an admin.</summary>
    public const string Agent = "ConsoleAgent";

    /// <summary>Admins only.</summary>
    public const string Admin = "ConsoleAdmin";

    public static AuthorizationBuilder AddConsolePolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Agent, p => p.AddAuthenticationSchemes(ConsoleSession.Scheme).RequireAuthenticatedUser()
            .RequireRole(StaffRole.Agent.ToWire(), StaffRole.Admin.ToWire()))
        .AddPolicy(Admin, p => p.AddAuthenticationSchemes(ConsoleSession.Scheme).RequireAuthenticatedUser()
            .RequireRole(StaffRole.Admin.ToWire()));
}
