using Tailor.Interactions;
using Tailor.Training;

namespace Tailor.Models;

/// <summary>
/// Everything a serving process needs to score: the external ids, the users' training history (to exclude
/// seen items and to feed item-history models), the popularity fallback and the trained model. Stored as
/// one versioned, checksummed binary file that loads in a single sequential read (see <c>ModelArtifact.Layout.cs</c>).
/// </summary>
public sealed partial class ModelArtifact
{
    public ModelArtifact(string[] userIds, string[] itemIds, InteractionMatrix history, float[] popularity, IRecommender model)
    {
        if (history.UserCount != userIds.Length || history.ItemCount != itemIds.Length)
        {
            throw new ArgumentException(
                $"The history is {history.UserCount} × {history.ItemCount} but there are {userIds.Length} user ids and {itemIds.Length} item ids.",
                nameof(history));
        }

        if (popularity.Length != itemIds.Length)
        {
            throw new ArgumentException($"popularity has {popularity.Length} scores for {itemIds.Length} items.", nameof(popularity));
        }

        if (model.ItemCount != itemIds.Length)
        {
            throw new ArgumentException($"The model scores {model.ItemCount} items, the artifact has {itemIds.Length}.", nameof(model));
        }

        UserIds = userIds;
        ItemIds = itemIds;
        History = history;
        Popularity = popularity;
        Model = model;
    }

    public string Algorithm => Model.Algorithm;

    /// <summary>External user ids; index = row of <see cref="History"/>.</summary>
    public string[] UserIds { get; }

    /// <summary>External item ids; index = column of <see cref="History"/> and position in every score vector.</summary>
    public string[] ItemIds { get; }

    public InteractionMatrix History { get; }

    /// <summary>Fallback score per item for users and sessions the model cannot personalise.</summary>
    public float[] Popularity { get; }

    public IRecommender Model { get; }

    /// <summary>Fallback score per item by recent popularity (the <c>trending</c> strategy), or null when the data had
    /// no timestamps reaching back past the trending window.</summary>
    public float[]? Trending
    {
        get;
        init
        {
            if (value is not null && value.Length != ItemIds.Length)
            {
                throw new ArgumentException($"trending has {value.Length} scores for {ItemIds.Length} items.", nameof(value));
            }

            field = value;
        }
    }
}
