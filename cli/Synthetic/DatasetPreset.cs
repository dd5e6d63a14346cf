namespace Tailor.Cli.Synthetic;

/// <summary>
/// A named shape of data for <see cref="PresetEventGenerator"/>, calibrated to the statistics of public
/// interaction datasets: sizes, the quantiles of events per user and per item, categories per item, the rating
/// distribution, and how herd-like users are.
/// </summary>
/// <param name="Name">The name <c>tailor generate --preset</c> takes.</param>
/// <param name="Kind">Ratings or shop events.</param>
/// <param name="Users">Number of users (ids <c>u0</c>…); every one gets at least <paramref name="MinEventsPerUser"/>.</param>
/// <param name="Items">Number of items (ids <c>i0</c>…).</param>
/// <param name="Events">Exact number of events written.</param>
/// <param name="UserActivity">Quantiles of events per user (rescaled so that the total is <paramref name="Events"/>).</param>
/// <param name="ItemPopularity">Quantiles of events per item (relative: they set the popularity weights).</param>
/// <param name="MinEventsPerUser">Fewest events a user has.</param>
/// <param name="Categories">Size of the category set; items have 1–6 of them (median 2).</param>
/// <param name="RatingShares">Share of ratings 1…5 (ratings presets; normalised to sum to 1).</param>
/// <param name="TasteGroups">Number of taste groups (finer than categories; each item is in one, users like a few).</param>
/// <param name="PopularityBoost">Exponent on the popularity weights, making up for the flattening that drawing
/// without replacement and taste cause (1 = the quantiles as they are).</param>
/// <param name="Herd">Share of choices made by popularity alone, ignoring the user's taste.</param>
/// <param name="TasteFocus">Exponent on a user's category weights (higher = more focused users).</param>
/// <param name="RatingTaste">Share of ratings that follow the user's taste (the rest are drawn at random).</param>
/// <param name="Days">Length of the time window, ending at <see cref="GeneratorOptions.DefaultEnd"/>.</param>
/// <param name="Seed">Seed; the same preset and seed give byte-identical files.</param>
public sealed record DatasetPreset(
    string Name,
    PresetKind Kind,
    int Users,
    int Items,
    long Events,
    QuantileCurve UserActivity,
    QuantileCurve ItemPopularity,
    int MinEventsPerUser,
    int Categories,
    IReadOnlyList<double>? RatingShares,
    int TasteGroups,
    double PopularityBoost,
    double Herd,
    double TasteFocus,
    double RatingTaste,
    int Days = 210,
    int Seed = 42)
{
    /// <summary>Catalog items no event names (written after the others, created in the window's last week).</summary>
    public int ColdItems { get; init; } = 10;

    private static readonly double[] s_movieRatingShares = [0.06, 0.11, 0.27, 0.34, 0.21];

    /// <summary>Shaped like a 100K movie-rating dataset: 943 users × 1,682 items × 100,000 ratings.</summary>
    public static DatasetPreset Small { get; } = new(
        "small", PresetKind.Ratings, 943, 1_682, 100_000,
        QuantileCurve.FromSummary(20, 23, 65, 244, 442, 737),
        QuantileCurve.FromSummary(1, 2, 27, 169, 369, 583),
        MinEventsPerUser: 20, Categories: 19, s_movieRatingShares, TasteGroups: 20, PopularityBoost: 1.4, Herd: 0.42, TasteFocus: 2, RatingTaste: 0.6);

    /// <summary>Shaped like a 1M movie-rating dataset: 6,040 users × 3,706 items × 1,000,209 ratings.</summary>
    public static DatasetPreset Medium { get; } = new(
        "medium", PresetKind.Ratings, 6_040, 3_706, 1_000_209,
        QuantileCurve.FromSummary(20, 27, 96, 400, 906, 2_314),
        QuantileCurve.FromSummary(1, 7, 123, 729, 1_784, 3_428),
        MinEventsPerUser: 20, Categories: 19, s_movieRatingShares, TasteGroups: 20, PopularityBoost: 1.4, Herd: 0.42, TasteFocus: 2, RatingTaste: 0.6, Days: 1_000);

    /// <summary>A shop of the medium shape scaled to 140,000 users × 27,000 items × 20,000,000 mixed events.</summary>
    public static DatasetPreset Shop20M { get; } = new(
        "shop-20m", PresetKind.Shop, 140_000, 27_000, 20_000_000,
        QuantileCurve.FromSummary(20, 27, 96, 400, 906, 2_314),
        QuantileCurve.FromSummary(1, 7, 123, 729, 1_784, 3_428),
        MinEventsPerUser: 20, Categories: 24, RatingShares: null, TasteGroups: 150, PopularityBoost: 1.0, Herd: 0.42, TasteFocus: 2, RatingTaste: 0, Days: 365);

    /// <summary>Every preset, by name.</summary>
    public static IReadOnlyList<DatasetPreset> All { get; } = [Small, Medium, Shop20M];

    /// <summary>The preset called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static DatasetPreset? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Users, 1, nameof(Users));
        ArgumentOutOfRangeException.ThrowIfLessThan(Items, 1, nameof(Items));
        ArgumentOutOfRangeException.ThrowIfLessThan(Categories, 1, nameof(Categories));
        ArgumentOutOfRangeException.ThrowIfLessThan(TasteGroups, 1, nameof(TasteGroups));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(PopularityBoost, nameof(PopularityBoost));
        ArgumentOutOfRangeException.ThrowIfNegative(MinEventsPerUser, nameof(MinEventsPerUser));
        ArgumentOutOfRangeException.ThrowIfLessThan(Days, 1, nameof(Days));
        var floor = (long)Users * Math.Min(MinEventsPerUser, Kind == PresetKind.Ratings ? Items : int.MaxValue);
        if (Events < floor)
        {
            throw new ArgumentOutOfRangeException(nameof(Events), Events, $"{Users} users with at least {MinEventsPerUser} events each need at least {floor} events.");
        }

        if (Kind == PresetKind.Ratings && Events > (long)Users * Items)
        {
            throw new ArgumentOutOfRangeException(nameof(Events), Events, $"{Users} users can rate at most {(long)Users * Items} items.");
        }

        if (Kind == PresetKind.Ratings && RatingShares is not { Count: 5 })
        {
            throw new ArgumentException("A ratings preset needs five rating shares.", nameof(RatingShares));
        }

        if (Herd is < 0 or > 1 || RatingTaste is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Herd), "Herd and RatingTaste are shares between 0 and 1.");
        }
    }
}
