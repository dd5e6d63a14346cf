using Tailor.Models;
using Tailor.Snapshot;
using Tailor.Training;

namespace Tailor.Pipeline;

/// <summary>
/// The serving model seen through a new snapshot's item indices, so it can be judged on the same holdout as
/// the candidate. It scores each user from the user's training history alone (as for an anonymous session),
/// so what it learned about that user's held-out interactions does not inflate its score. Items it does not
/// know are never recommended; history items it does not know are ignored.
/// </summary>
internal sealed class CurrentModelView : IRecommender
{
    private readonly ModelArtifact _artifact;
    private readonly int[] _toArtifact;   // snapshot item -> artifact item, or -1
    private readonly int[] _toSnapshot;   // artifact item -> snapshot item, or -1

    public CurrentModelView(ModelArtifact artifact, IReadOnlyList<string> snapshotItems)
    {
        _artifact = artifact;
        _toArtifact = IdMap.Between(snapshotItems, artifact.ItemIds);
        _toSnapshot = new int[artifact.ItemIds.Length];
        Array.Fill(_toSnapshot, -1);
        for (var i = 0; i < _toArtifact.Length; i++)
        {
            if (_toArtifact[i] >= 0)
            {
                _toSnapshot[_toArtifact[i]] = i;
            }
        }
    }

    public string Algorithm => _artifact.Algorithm;

    public int ItemCount => _toArtifact.Length;

    public void Score(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores)
    {
        var mappedItems = new int[items.Length];
        var mappedWeights = new float[items.Length];
        var count = 0;
        for (var k = 0; k < items.Length; k++)
        {
            var at = _toArtifact[items[k]];
            if (at >= 0)
            {
                mappedItems[count] = at;
                mappedWeights[count++] = weights[k];
            }
        }

        // The artifact's item order differs from the snapshot's; models expect a history ascending by item.
        Array.Sort(mappedItems, mappedWeights, 0, count);

        var inner = new float[_artifact.ItemIds.Length];
        _artifact.Model.Score(-1, mappedItems.AsSpan(0, count), mappedWeights.AsSpan(0, count), inner);
        scores.Fill(float.NegativeInfinity);
        for (var i = 0; i < inner.Length; i++)
        {
            var target = _toSnapshot[i];
            if (target >= 0)
            {
                scores[target] = inner[i];
            }
        }
    }

    public void Write(BinaryWriter writer) =>
        throw new NotSupportedException("A view of the serving model is only evaluated, never stored.");
}
