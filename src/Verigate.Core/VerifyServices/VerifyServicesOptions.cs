namespace Verigate.Core.VerifyServices;

/// <summary>Services of the Twilio-compatible API from configuration (section <c>VerifyApi</c>, key <c>Services</c>).</summary>
public sealed class VerifyServicesOptions
{
    public const string Section = "VerifyApi";

    public Dictionary<string, VerifyServiceSettings> Services { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Validate()
    {
        foreach (var (name, s) in Services)
        {
            var where = $"VerifyApi:Services:{name}";
            if (!VerifyServiceRules.IsName(name))
            {
                yield return $"{where}: a service name is 1-{VerifyServiceRules.MaxNameLength} letters, digits, '-', '_' or '.'.";
            }

            foreach (var problem in VerifyServiceRules.Problems(where, s.Sid, s.FriendlyName ?? name, s.CodeLength, s.Locale))
            {
                yield return problem;
            }
        }

        foreach (var twice in Services.Values.GroupBy(s => s.Sid, StringComparer.OrdinalIgnoreCase).Where(g => g.Key is not null && g.Count() > 1))
        {
            yield return $"VerifyApi:Services: the Sid {twice.Key} is given to more than one service.";
        }
    }

    /// <summary>The configured services (valid once <see cref="Validate"/> passed); the friendly name defaults to the name.</summary>
    public IEnumerable<VerifyService> All() => Services.Select(p =>
        new VerifyService(VerifyServiceRules.Normalize(p.Value.Sid!), p.Key, p.Value.FriendlyName ?? p.Key,
            p.Value.CodeLength, p.Value.Locale, DateTimeOffset.UnixEpoch));
}
