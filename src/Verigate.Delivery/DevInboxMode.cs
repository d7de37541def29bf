namespace Verigate.Delivery;

/// <summary>When the development inbox stands in for channels without a gateway (<c>Delivery:DevInbox</c>).</summary>
public enum DevInboxMode
{
    /// <summary>Only while no channel has a gateway: the out-of-the-box development setup.</summary>
    Auto,

    /// <summary>For every enabled channel without a gateway, even beside real ones (a staging server).</summary>
    On,

    /// <summary>Never: a channel without a gateway is unavailable.</summary>
    Off,
}
