using System.Globalization;
using System.Security.Claims;
using Verigate.Core.Staff;

namespace Verigate.Server.Web.Console;

/// <summary>
/// The console's own authentication: a staff session in a cookie of its own, never a person's session. The claims
/// carry the staff member's id, name, role and session.
/// </summary>
public static class ConsoleSession
{
    public const string Scheme = "ConsoleSession";
    public const string CookieName = "vg_console";
    public const string SignInPath = "/console/sign-in";

    public const string StaffIdClaim = "vg_staff_id";
    public const string SessionIdClaim = "vg_staff_session";

    public static IEnumerable<Claim> ClaimsFor(ActiveStaffSession active) =>
    [
        new(StaffIdClaim, active.Staff.Id.ToString(CultureInfo.InvariantCulture)),
        new(ClaimTypes.Name, active.Staff.Name),
        new(ClaimTypes.Role, active.Staff.Role.ToWire()),
        new(SessionIdClaim, active.Session.Id),
    ];

    public static long StaffId(this ClaimsPrincipal user) => long.Parse(user.FindFirstValue(StaffIdClaim)!, CultureInfo.InvariantCulture);

    public static string StaffName(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name)!;

    /// <summary>How the audit trail names the signed-in staff member (<see cref="StaffMember.Actor"/>).</summary>
    public static string StaffActor(this ClaimsPrincipal user) => StaffMember.ActorPrefix + user.StaffName();

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(StaffRole.Admin.ToWire());
}
