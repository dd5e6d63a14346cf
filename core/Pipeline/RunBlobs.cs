namespace Tailor.Pipeline;

/// <summary>Blob names of one training run's files in the snapshots container.</summary>
public static class RunBlobs
{
    public static string Snapshot(string runId) => $"runs/{runId}/snapshot.bin";

    public static string Candidate(string runId) => $"runs/{runId}/candidate.bin";

    public static string Final(string runId) => $"runs/{runId}/final.bin";

    public static string Trials(string runId) => $"runs/{runId}/trials.json";

    public static string Evaluation(string runId) => $"runs/{runId}/evaluation.json";

    public static string Decision(string runId) => $"runs/{runId}/decision.json";

    /// <summary>A stage's completion record (see <see cref="StageRecords"/>), written after its outputs.</summary>
    public static string StageRecord(string runId, string stage) => $"runs/{runId}/stages/{stage}.json";
}
