using System.ComponentModel.DataAnnotations;

namespace Tailor.Segments;

/// <summary>The light-user rule (key <c>Tailor:Serving:LightUserThreshold</c>): a user the model knows with fewer
/// interactions than this gets the model's list blended with their segment's popular items (<see cref="SegmentBlend"/>,
/// strategy <c>segment</c>); 0 turns the blend off. Serving applies it, and the evaluation measures it per activity bucket.</summary>
public sealed record LightUserOptions
{
    public const string Section = "Tailor:Serving";

    [Range(0, 1_000)]
    public int LightUserThreshold { get; init; } = 3;
}
