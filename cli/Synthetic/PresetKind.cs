namespace Tailor.Cli.Synthetic;

/// <summary>What a <see cref="DatasetPreset"/> writes.</summary>
public enum PresetKind
{
    /// <summary>One <c>rating</c> event (value 1–5) per user and item, like a movie-rating dataset.</summary>
    Ratings,

    /// <summary>Mixed shop events (view, click, add_to_cart, purchase) in funnels; items repeat per user.</summary>
    Shop,
}
