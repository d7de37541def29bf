namespace Verigate.Core.Staff;

/// <summary>What a staff member may do in the console: an agent answers calls; an admin also manages keys and staff.</summary>
public enum StaffRole
{
    Agent,
    Admin,
}

/// <summary>The roles as stored and typed on the command line (<c>agent</c>, <c>admin</c>).</summary>
public static class StaffRoles
{
    public static string ToWire(this StaffRole role) => role == StaffRole.Admin ? "admin" : "agent";

    public static StaffRole? Parse(string? value) => value switch
    {
        "agent" => StaffRole.Agent,
        "admin" => StaffRole.Admin,
        _ => null,
    };
}
