using Azure;

namespace Tailor.Models;

/// <summary>The content of <c>current.json</c>: which version serves, since when and why.</summary>
public sealed record CurrentModel(string Version, DateTimeOffset PromotedUtc, string Reason);

/// <summary><c>current.json</c> as read, with the ETag a conditional swap must present.</summary>
public sealed record PointerState(CurrentModel Current, ETag ETag);

public enum PointerSwapStatus
{
    Swapped,

    /// <summary>Someone else changed (or created) the pointer since the expected ETag was read.</summary>
    Conflict,
}

/// <summary>Outcome of <see cref="ModelPointer.TrySwapAsync"/>; <see cref="ETag"/> is the new one when swapped.</summary>
public readonly record struct PointerSwapResult(PointerSwapStatus Status, ETag? ETag)
{
    public bool Swapped => Status == PointerSwapStatus.Swapped;
}
