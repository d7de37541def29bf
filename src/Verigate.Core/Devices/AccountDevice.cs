namespace Verigate.Core.Devices;

/// <summary>A device as its owner sees it in the list: remembered until when (null: it asks for the second step), and whether it is the caller's.</summary>
public sealed record AccountDevice(Device Device, DateTimeOffset? RememberedUntil, bool Current);
