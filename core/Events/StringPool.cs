namespace Tailor.Events;

/// <summary>Returns one shared string per distinct id, so a file with repeated ids allocates each id once.
/// Stops remembering new ids beyond <see cref="MaxEntries"/> (memory bound); later ids are still returned.</summary>
internal sealed class StringPool
{
    public const int MaxEntries = 4_000_000;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var existing))
        {
            return existing;
        }

        var created = new string(value);
        if (_strings.Count < MaxEntries)
        {
            _strings.Add(created);
        }

        return created;
    }
}
