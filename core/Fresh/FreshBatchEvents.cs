using Tailor.Events;

namespace Tailor.Fresh;

/// <summary>The events of one ingested batch that are recent enough to be fresh (timestamp within the TTL of
/// the ingestion time), gathered while the batch is parsed: at most <see cref="FreshOptions.MaxBatchEvents"/>,
/// so an old or bulk upload costs the store nothing beyond that.</summary>
public sealed class FreshBatchEvents(FreshOptions options, DateTimeOffset now)
{
    private readonly DateTimeOffset _cutoff = now - options.Ttl;
    private readonly List<InteractionEvent> _events = [];

    public IReadOnlyCollection<InteractionEvent> Events => _events;

    /// <summary>Recent events left out because the batch had more than the limit.</summary>
    public long Skipped { get; private set; }

    public void Offer(in InteractionEvent e)
    {
        if (!options.Enabled || e.Timestamp < _cutoff)
        {
            return;
        }

        if (_events.Count < options.MaxBatchEvents)
        {
            _events.Add(e);
        }
        else
        {
            Skipped++;
        }
    }
}
