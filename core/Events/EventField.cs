namespace Tailor.Events;

/// <summary>The fields of an event row, whatever the file calls its columns.</summary>
internal enum EventField
{
    User = 0,
    Item = 1,
    Type = 2,
    Value = 3,
    Timestamp = 4,
    Recommendation = 5,
}
