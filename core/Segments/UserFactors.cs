namespace Tailor.Segments;

/// <summary>Users' latent factors from a trained model, row-major (<see cref="Width"/> floats per user), with the
/// user id of each row; segmentation reads them next to the profile features.</summary>
public sealed record UserFactors(float[] Values, int Width, IReadOnlyList<string> UserIds)
{
    public int Rows => UserIds.Count;
}
