using Tailor.Interactions;
using Tailor.Training;

namespace Tailor.Tests.Serving;

/// <summary>A tiny item-history model for serving tests: an item's score is the history-weighted number of
/// users who also interacted with each history item. Scores only from the items, so an anonymous session
/// scores exactly like a known user with the same history.</summary>
internal sealed class CooccurrenceRecommender : IRecommender
{
    private readonly float[] _cooccurrence;

    public CooccurrenceRecommender(InteractionMatrix train)
    {
        ItemCount = train.ItemCount;
        _cooccurrence = new float[ItemCount * ItemCount];
        for (var u = 0; u < train.UserCount; u++)
        {
            var items = train.ItemsOf(u);
            foreach (var a in items)
            {
                foreach (var b in items)
                {
                    if (a != b)
                    {
                        _cooccurrence[(a * ItemCount) + b] += 1f;
                    }
                }
            }
        }
    }

    public string Algorithm => "cooccurrence";

    public int ItemCount { get; }

    public float Cooccurrence(int a, int b) => _cooccurrence[(a * ItemCount) + b];

    public void Score(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores)
    {
        scores.Clear();
        for (var k = 0; k < items.Length; k++)
        {
            var row = _cooccurrence.AsSpan(items[k] * ItemCount, ItemCount);
            for (var j = 0; j < ItemCount; j++)
            {
                scores[j] += weights[k] * row[j];
            }
        }
    }

    public void Write(BinaryWriter writer) => throw new NotSupportedException("Serving tests keep this model in memory.");
}
