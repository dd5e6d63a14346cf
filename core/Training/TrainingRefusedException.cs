namespace Tailor.Training;

/// <summary>A trainer declined the data (e.g. a catalog too large for a dense model). <see cref="Exception.Message"/>
/// is the human-readable reason the manifest records.</summary>
public sealed class TrainingRefusedException : Exception
{
    public TrainingRefusedException()
    {
    }

    public TrainingRefusedException(string message)
        : base(message)
    {
    }

    public TrainingRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
