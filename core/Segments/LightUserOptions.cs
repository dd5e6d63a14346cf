using System.ComponentModel.DataAnnotations;

namespace Tailor.Segments;

/// <summary>The light-user rule (key <c>Tailor:Serving:LightUserThreshold</c>): a user the model knows with fewer
/// interactions than this gets the model's top items followed by their segment's popular items in the last
/// <see cref="SegmentSlots"/> places (<see cref="SegmentBlend"/>,
/// strategy <c>segment</c>); 0 (the default: on generated data every
/// number of places measured lowered light users' NDCG, see <c>tailor bench --light-users</c>) turns the blend off. Serving applies it, and the evaluation measures it per activity bucket.</summary>
public sealed record LightUserOptions
{
    public const string Section = "Tailor:Serving";

    [Range(0, 1_000)]
    public int LightUserThreshold { get; init; }

    /// <summary>How many of the list's last places the segment's popular items take (after the model's top items).</summary>
    [Range(1, 100)]
    public int SegmentSlots { get; init; } = 1;
}
