using Azure.Core;
using Azure.Core.Pipeline;

namespace Tailor.Tests.Serving;

/// <summary>Counts reads of <c>current.json</c> and <c>model.bin</c> and can hold artifact downloads at a
/// gate, so a test can look at the cache while a refresh is in the middle of loading.</summary>
internal sealed class GatedBlobPolicy : HttpPipelinePolicy
{
    private TaskCompletionSource _gate = Open();
    private int _pointerReads;
    private int _artifactReads;

    public int PointerReads => Volatile.Read(ref _pointerReads);

    public int ArtifactReads => Volatile.Read(ref _artifactReads);

    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public void ResetCounts()
    {
        Volatile.Write(ref _pointerReads, 0);
        Volatile.Write(ref _artifactReads, 0);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Observe(message).GetAwaiter().GetResult();
        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await Observe(message);
        await ProcessNextAsync(message, pipeline);
    }

    private Task Observe(HttpMessage message)
    {
        if (message.Request.Method != RequestMethod.Get)
        {
            return Task.CompletedTask;
        }

        var path = message.Request.Uri.Path;
        if (path.EndsWith("/current.json", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _pointerReads);
        }
        else if (path.EndsWith("/model.bin", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _artifactReads);
            return _gate.Task;
        }

        return Task.CompletedTask;
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource();
        open.SetResult();
        return open;
    }
}
