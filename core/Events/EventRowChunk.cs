using Tailor.Events.Reading;

namespace Tailor.Events;

/// <summary>A reusable buffer of parsed event rows: the accepted events and the rejected rows of one read.</summary>
internal sealed class EventRowChunk(int capacity = RowChunk<InteractionEvent>.DefaultCapacity) : RowChunk<InteractionEvent>(capacity);
