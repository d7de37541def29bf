namespace Verigate.Core.DeliveryHealth;

/// <summary>The periods delivery health is read over, each ending now.</summary>
public enum HealthWindow
{
    Hour,
    Day,
    Week,
}

/// <summary>How long each <see cref="HealthWindow"/> is, and its name in URLs.</summary>
public static class HealthWindows
{
    public static readonly IReadOnlyList<HealthWindow> All = [HealthWindow.Hour, HealthWindow.Day, HealthWindow.Week];

    public static TimeSpan Length(this HealthWindow window) => window switch
    {
        HealthWindow.Hour => TimeSpan.FromHours(1),
        HealthWindow.Day => TimeSpan.FromDays(1),
        _ => TimeSpan.FromDays(7),
    };

    public static string ToWire(this HealthWindow window) => window switch
    {
        HealthWindow.Hour => "hour",
        HealthWindow.Day => "day",
        _ => "week",
    };

    /// <summary>A window named in a URL; the day when the name is missing or unknown.</summary>
    public static HealthWindow Parse(string? value) => value switch
    {
        "hour" => HealthWindow.Hour,
        "week" => HealthWindow.Week,
        _ => HealthWindow.Day,
    };
}
