namespace Tailor.Snapshot;

/// <summary>Maps the dense indices of one id table onto another's.</summary>
public static class IdMap
{
    /// <summary>For each id of <paramref name="ids"/>, its index in <paramref name="target"/>, or -1.</summary>
    public static int[] Between(IReadOnlyList<string> ids, IReadOnlyList<string> target)
    {
        var index = new Dictionary<string, int>(target.Count, StringComparer.Ordinal);
        for (var i = 0; i < target.Count; i++)
        {
            index[target[i]] = i;
        }

        var map = new int[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            map[i] = index.TryGetValue(ids[i], out var at) ? at : -1;
        }

        return map;
    }
}
