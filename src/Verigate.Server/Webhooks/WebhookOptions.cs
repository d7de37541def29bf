namespace Verigate.Server.Webhooks;

/// <summary>Signed webhook delivery (configuration section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    public bool Enabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 20;
    public int Concurrency { get; set; } = 4;

    /// <summary>How long an endpoint may take to answer before the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed delivery is ours; if this instance dies, another sends it after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The first retry delay; each retry doubles it (with jitter) up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryMax { get; set; } = TimeSpan.FromHours(2);

    /// <summary>After this long since the event, a delivery that still fails is dead (visible, replayable).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>After a rotation, events are signed with both secrets for this long.</summary>
    public TimeSpan PreviousSecretValidFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Plain http:// endpoints are refused unless this is set (development and tests only, never in production).</summary>
    public bool AllowInsecureUrls { get; set; }

    /// <summary>
    /// Endpoints on loopback, private, link-local, multicast or metadata addresses are refused (at registration and at
    /// every connection, after DNS) unless this is set: for development and tests, never where integrators add URLs.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>One line per bad setting, naming it.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var (name, value) in new[]
                 {
                     (nameof(PollInterval), PollInterval), (nameof(Timeout), Timeout), (nameof(Lease), Lease), (nameof(RetryBase), RetryBase),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"Webhooks:{name} must be positive (now {value}).";
            }
        }

        if (Timeout > TimeSpan.Zero && Lease <= Timeout)
        {
            yield return $"Webhooks:Lease ({Lease}) must be longer than Webhooks:Timeout ({Timeout}): a delivery still being sent must not be claimed again.";
        }

        if (BatchSize < 1)
        {
            yield return $"Webhooks:BatchSize must be at least 1 (now {BatchSize}).";
        }

        if (Concurrency < 1)
        {
            yield return $"Webhooks:Concurrency must be at least 1 (now {Concurrency}).";
        }

        if (RetryBase > TimeSpan.Zero && RetryMax < RetryBase)
        {
            yield return $"Webhooks:RetryMax ({RetryMax}) cannot be shorter than Webhooks:RetryBase ({RetryBase}).";
        }

        if (RetryBase > TimeSpan.Zero && GiveUpAfter < RetryBase)
        {
            yield return $"Webhooks:GiveUpAfter ({GiveUpAfter}) cannot be shorter than Webhooks:RetryBase ({RetryBase}).";
        }

        if (PreviousSecretValidFor < TimeSpan.Zero)
        {
            yield return $"Webhooks:PreviousSecretValidFor cannot be negative (now {PreviousSecretValidFor}).";
        }
    }
}
