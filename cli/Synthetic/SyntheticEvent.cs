namespace Tailor.Cli.Synthetic;

/// <summary>One generated event, by user and item index (ids are <c>u{User}</c> and <c>i{Item}</c>).</summary>
public readonly record struct SyntheticEvent(int User, int Item, string EventType, double? Value, long UnixSeconds);
