using System.Globalization;
using Tailor.Events.Reading;

namespace Tailor.Events;

/// <summary>
/// Validates one row's fields and turns them into an <see cref="InteractionEvent"/>: ids by <see cref="EntityId"/>
/// (after trimming spaces), a known event type, a finite value, a timestamp (ISO 8601 or Unix seconds or
/// milliseconds) not before 1970 and not beyond now plus the allowed skew, and an optional recommendation id by
/// <see cref="EntityId"/> (empty means none). Every reason names the field and
/// the column it came from. Ids are pooled and event types cached, so a valid row allocates nothing new
/// when its ids were seen before.
/// </summary>
internal sealed class EventRowValidator : IRowValidator<InteractionEvent>
{
    private readonly Dictionary<string, EventTypeRule> _types;
    private readonly Dictionary<string, EventTypeRule>.AlternateLookup<ReadOnlySpan<char>> _typeLookup;
    private readonly EventTypeRule _defaultType;
    private readonly EventTypeRule _ratingType;
    private readonly string _knownTypes;
    private readonly DateTimeOffset _latest;
    private readonly DateTimeOffset _missingTimestamp;
    private readonly StringPool _ids = new();
    private readonly UserIdPseudonymizer _users;
    private readonly Dictionary<string, string>? _pseudonyms;

    /// <summary>A validator whose accepted user ids are mapped by <paramref name="users"/> (default: kept as given).</summary>
    public EventRowValidator(EventOptions options, DateTimeOffset now, UserIdPseudonymizer? users = null)
    {
        _users = users ?? UserIdPseudonymizer.Off;
        _pseudonyms = _users.IsOn ? new Dictionary<string, string>(StringComparer.Ordinal) : null;
        _types = new Dictionary<string, EventTypeRule>(StringComparer.OrdinalIgnoreCase);
        foreach (var (type, weight) in options.Weights)
        {
            var name = type.Trim().ToLowerInvariant();
            _types[name] = new EventTypeRule(name, weight, string.Equals(name, options.RatingEventType, StringComparison.OrdinalIgnoreCase));
        }

        _typeLookup = _types.GetAlternateLookup<ReadOnlySpan<char>>();
        _defaultType = Rule(options.DefaultEventType, nameof(options.DefaultEventType));
        _ratingType = Rule(options.RatingEventType, nameof(options.RatingEventType));
        _knownTypes = string.Join(", ", _types.Keys.Order(StringComparer.Ordinal));
        _latest = now + options.MaxFutureSkew;
        _missingTimestamp = now;
    }

    public ColumnSet Columns => EventColumns.Set;

    /// <summary>Validates the cells a reader found, by <see cref="EventField"/>.</summary>
    public bool TryValidate(IRowCells cells, out InteractionEvent value, out string? reason)
    {
        var row = new RawEventRow
        {
            User = cells.Text((int)EventField.User),
            Item = cells.Text((int)EventField.Item),
            Type = cells.Text((int)EventField.Type),
            Value = cells.Text((int)EventField.Value),
            Timestamp = cells.Text((int)EventField.Timestamp),
            UserSource = cells.Source((int)EventField.User),
            ItemSource = cells.Source((int)EventField.Item),
            TypeSource = cells.Source((int)EventField.Type),
            ValueSource = cells.Source((int)EventField.Value),
            TimestampSource = cells.Source((int)EventField.Timestamp),
            Recommendation = cells.Text((int)EventField.Recommendation),
            RecommendationSource = cells.Source((int)EventField.Recommendation),
        };
        return TryValidate(row, out value, out reason);
    }

    /// <summary>Validates <paramref name="row"/>; on failure <paramref name="reason"/> says why.</summary>
    public bool TryValidate(scoped in RawEventRow row, out InteractionEvent evt, out string? reason)
    {
        evt = default;
        if (!TryId(row.User, EventField.User, row.UserSource, out var user, out reason)
            || !TryId(row.Item, EventField.Item, row.ItemSource, out var item, out reason)
            || !TryType(row, out var rule, out reason)
            || !TryValue(row, out var value, out reason)
            || !TryWeight(row, rule, value, out var weight, out reason)
            || !TryTimestamp(row, out var timestamp, out reason)
            || !TryRecommendation(row, out var recommendation, out reason))
        {
            return false;
        }

        evt = new InteractionEvent(Pseudonym(user), item, rule.Name, value, weight, timestamp, recommendation);
        return true;
    }

    private bool TryId(ReadOnlySpan<char> text, EventField field, string? source, out string id, out string? reason)
    {
        id = "";
        text = text.Trim(' ');
        if (source is null)
        {
            reason = $"{EventColumns.Name(field)} is missing";
            return false;
        }

        reason = EntityId.Check(text) switch
        {
            EntityIdFault.None => null,
            EntityIdFault.Empty => $"{Describe(field, source)} is empty",
            EntityIdFault.TooLong => $"{Describe(field, source)} is longer than {EntityId.MaxLength} characters ({text.Length})",
            _ => $"{Describe(field, source)} contains a control character",
        };
        if (reason is not null)
        {
            return false;
        }

        id = _ids.Get(text);
        return true;
    }

    /// <summary>The stored id of a pooled user id (one digest per distinct id and validator).</summary>
    private string Pseudonym(string user)
    {
        if (_pseudonyms is null)
        {
            return user;
        }

        if (!_pseudonyms.TryGetValue(user, out var pseudonym))
        {
            pseudonym = _users.Apply(user);
            _pseudonyms.Add(user, pseudonym);
        }

        return pseudonym;
    }

    private bool TryType(scoped in RawEventRow row, out EventTypeRule rule, out string? reason)
    {
        reason = null;
        if (row.TypeSource is null)
        {
            rule = row.ValueIsRating ? _ratingType : _defaultType;
            return true;
        }

        var text = row.Type.Trim(' ');
        if (_typeLookup.TryGetValue(text, out var found))
        {
            rule = found;
            return true;
        }

        rule = _defaultType;
        reason = text.IsEmpty
            ? $"{Describe(EventField.Type, row.TypeSource)} is empty"
            : $"{Describe(EventField.Type, row.TypeSource)} '{Cut(text)}' is not a known event type ({_knownTypes})";
        return false;
    }

    private static bool TryValue(scoped in RawEventRow row, out double? value, out string? reason)
    {
        value = null;
        reason = null;
        var text = row.Value.Trim(' ');
        if (row.ValueSource is null || text.IsEmpty)
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            value = number;
            return true;
        }

        reason = $"{Describe(EventField.Value, row.ValueSource)} '{Cut(text)}' is not a finite number";
        return false;
    }

    private static bool TryWeight(scoped in RawEventRow row, EventTypeRule rule, double? value, out float weight, out string? reason)
    {
        reason = null;
        weight = rule.Weight;
        if (!rule.IsRating || value is null)
        {
            return true;
        }

        if (value.Value > 0 && value.Value <= float.MaxValue)
        {
            weight = (float)value.Value;
            return true;
        }

        reason = $"{Describe(EventField.Value, row.ValueSource)} must be a positive number for {rule.Name} events (was {value.Value.ToString(CultureInfo.InvariantCulture)})";
        return false;
    }

    private bool TryTimestamp(scoped in RawEventRow row, out DateTimeOffset timestamp, out string? reason)
    {
        reason = null;
        if (row.TimestampSource is null)
        {
            timestamp = _missingTimestamp;
            return true;
        }

        var text = row.Timestamp.Trim(' ');
        if (text.IsEmpty)
        {
            timestamp = default;
            reason = $"{Describe(EventField.Timestamp, row.TimestampSource)} is empty";
            return false;
        }

        if (!EventTimestamp.TryParse(text, out timestamp))
        {
            reason = $"{Describe(EventField.Timestamp, row.TimestampSource)} '{Cut(text)}' is neither ISO 8601 nor Unix seconds or milliseconds";
            return false;
        }

        if (timestamp < DateTimeOffset.UnixEpoch)
        {
            reason = $"{Describe(EventField.Timestamp, row.TimestampSource)} '{Cut(text)}' is before 1970";
            return false;
        }

        if (timestamp > _latest)
        {
            reason = $"{Describe(EventField.Timestamp, row.TimestampSource)} '{Cut(text)}' is in the future (after {_latest:O})";
            return false;
        }

        return true;
    }

    /// <summary>The optional recommendation id: absent or empty is none; otherwise the id rule applies.</summary>
    private bool TryRecommendation(scoped in RawEventRow row, out string? recommendation, out string? reason)
    {
        recommendation = null;
        var text = row.Recommendation.Trim(' ');
        if (row.RecommendationSource is null || text.IsEmpty)
        {
            reason = null;
            return true;
        }

        reason = EntityId.Check(text) switch
        {
            EntityIdFault.None => null,
            EntityIdFault.TooLong => $"{Describe(EventField.Recommendation, row.RecommendationSource)} is longer than {EntityId.MaxLength} characters ({text.Length})",
            _ => $"{Describe(EventField.Recommendation, row.RecommendationSource)} contains a control character",
        };
        if (reason is not null)
        {
            return false;
        }

        recommendation = _ids.Get(text);
        return true;
    }

    private EventTypeRule Rule(string type, string setting) =>
        _types.TryGetValue(type, out var rule)
            ? rule
            : throw new ArgumentException($"{EventOptions.Section}:{setting} '{type}' is not a key of {EventOptions.Section}:Weights.", nameof(type));

    private static string Describe(EventField field, string? source) =>
        $"{EventColumns.Name(field)} (column '{source ?? EventColumns.Name(field)}')";

    private static string Cut(ReadOnlySpan<char> text) => text.Length <= 64 ? new string(text) : string.Concat(text[..64], "…");

    private sealed record EventTypeRule(string Name, float Weight, bool IsRating);
}
