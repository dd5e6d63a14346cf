namespace Tailor.Cli.Synthetic;

/// <summary>What <see cref="SyntheticEventGenerator"/> produces.</summary>
/// <param name="Users">Number of users (ids <c>u0</c>…).</param>
/// <param name="Items">Number of items (ids <c>i0</c>…).</param>
/// <param name="Events">Exact number of events written.</param>
/// <param name="Seed">Seed; the same options give byte-identical files.</param>
/// <param name="Clusters">Latent taste clusters (K); each item belongs to one, each user prefers a few.</param>
/// <param name="Days">Length of the time window the events fall in, ending at <see cref="End"/>.</param>
/// <param name="PopularityExponent">Zipf exponent of item popularity (1 ≈ classic long tail).</param>
/// <param name="ActivityShape">Pareto shape of user activity (smaller = heavier tail).</param>
/// <param name="Noise">Share of sessions that ignore the user's taste (browse the global catalogue).</param>
/// <param name="End">End of the time window; fixed by default so that output is deterministic.</param>
/// <param name="ColdItems">Extra catalog items (ids after the last item) that no event names, created in the window's last days.</param>
public sealed record GeneratorOptions(
    int Users,
    int Items,
    long Events,
    int Seed = 42,
    int Clusters = 8,
    int Days = 90,
    double PopularityExponent = 1.0,
    double ActivityShape = 1.3,
    double Noise = 0.1,
    DateTimeOffset? End = null,
    int ColdItems = 0)
{
    /// <summary>The default end of the window: 2025-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultEnd = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset WindowEnd => End ?? DefaultEnd;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Users, 1, nameof(Users));
        ArgumentOutOfRangeException.ThrowIfLessThan(Items, 1, nameof(Items));
        ArgumentOutOfRangeException.ThrowIfNegative(Events, nameof(Events));
        ArgumentOutOfRangeException.ThrowIfLessThan(Clusters, 1, nameof(Clusters));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Clusters, Items, nameof(Clusters));
        ArgumentOutOfRangeException.ThrowIfLessThan(Days, 1, nameof(Days));
        ArgumentOutOfRangeException.ThrowIfNegative(ColdItems, nameof(ColdItems));
        ArgumentOutOfRangeException.ThrowIfNegative(PopularityExponent, nameof(PopularityExponent));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ActivityShape, nameof(ActivityShape));
        if (Noise is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Noise), Noise, "Noise must be between 0 and 1.");
        }
    }
}
