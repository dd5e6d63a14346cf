namespace Tailor.Feedback;

/// <summary>Where serving hands each served list. Must return at once: recording never adds to a request's latency.</summary>
public interface IImpressionRecorder
{
    void Record(Impression impression);
}
