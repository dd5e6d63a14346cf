using System.Globalization;
using Tailor.Events;
using Tailor.Events.Reading;

namespace Tailor.Catalog;

/// <summary>
/// Validates one catalog row: the item id by <see cref="EntityId"/> (after trimming spaces), every category and
/// tag by the same rule, <c>available</c> as true/false (also 1/0, yes/no; empty means true), <c>created</c> in
/// the formats of an event's timestamp. Every reason names the field and the column it came from. Other columns
/// are attributes when their value is a finite number; a column with any other non-empty value is remembered in
/// <see cref="NonNumericColumns"/> (the batch then leaves it out: an attribute is numeric in every row).
/// </summary>
internal sealed class CatalogRowValidator : IRowValidator<CatalogItem>
{
    private readonly StringPool _strings = new();
    private readonly HashSet<string> _nonNumeric = new(StringComparer.OrdinalIgnoreCase);

    public ColumnSet Columns => CatalogColumns.Set;

    /// <summary>Other columns that had a non-numeric value in some row.</summary>
    public IReadOnlySet<string> NonNumericColumns => _nonNumeric;

    public bool TryValidate(IRowCells cells, out CatalogItem value, out string? reason)
    {
        value = null!;
        var idText = cells.Text((int)CatalogField.Item).Trim(' ');
        reason = cells.Source((int)CatalogField.Item) is null ? $"{CatalogColumns.Name(CatalogField.Item)} is missing" : EntityId.Check(idText) switch
        {
            EntityIdFault.None => null,
            EntityIdFault.Empty => $"{Describe(cells, CatalogField.Item)} is empty",
            EntityIdFault.TooLong => $"{Describe(cells, CatalogField.Item)} is longer than {EntityId.MaxLength} characters ({idText.Length})",
            _ => $"{Describe(cells, CatalogField.Item)} contains a control character",
        };
        if (reason is not null
            || !TryList(cells, CatalogField.Categories, out var categories, out reason)
            || !TryList(cells, CatalogField.Tags, out var tags, out reason)
            || !TryAvailable(cells, out var available, out reason)
            || !TryCreated(cells, out var created, out reason))
        {
            return false;
        }

        value = new CatalogItem(
            _strings.Get(idText),
            Text(cells, CatalogField.Title),
            categories,
            tags,
            available,
            created,
            Text(cells, CatalogField.Description),
            Attributes(cells));
        return true;
    }

    private static string? Text(IRowCells cells, CatalogField field)
    {
        var text = cells.Text((int)field).Trim();
        return text.IsEmpty ? null : new string(text);
    }

    private bool TryList(IRowCells cells, CatalogField field, out IReadOnlyList<string> entries, out string? reason)
    {
        reason = null;
        var text = cells.Text((int)field);
        if (text.IsWhiteSpace())
        {
            entries = [];
            return true;
        }

        var list = new List<string>();
        var position = 0;
        foreach (var range in text.Split(CatalogColumns.ListSeparator))
        {
            position++;
            var entry = text[range].Trim();
            if (entry.IsEmpty)
            {
                continue;
            }

            var fault = EntityId.Check(entry);
            if (fault != EntityIdFault.None)
            {
                entries = [];
                reason = $"{Describe(cells, field)} entry {position} " + (fault == EntityIdFault.TooLong
                    ? $"is longer than {EntityId.MaxLength} characters ({entry.Length})"
                    : "contains a control character");
                return false;
            }

            var shared = _strings.Get(entry);
            if (!list.Contains(shared))
            {
                list.Add(shared);
            }
        }

        entries = list;
        return true;
    }

    private static bool TryAvailable(IRowCells cells, out bool available, out string? reason)
    {
        reason = null;
        available = true;
        var text = cells.Text((int)CatalogField.Available).Trim();
        if (text.IsEmpty)
        {
            return true;
        }

        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text.SequenceEqual("1"))
        {
            return true;
        }

        if (text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase) || text.SequenceEqual("0"))
        {
            available = false;
            return true;
        }

        reason = $"{Describe(cells, CatalogField.Available)} '{Cut(text)}' is not true or false";
        return false;
    }

    private static bool TryCreated(IRowCells cells, out DateTimeOffset? created, out string? reason)
    {
        reason = null;
        created = null;
        var text = cells.Text((int)CatalogField.Created).Trim(' ');
        if (text.IsEmpty)
        {
            return true;
        }

        if (!EventTimestamp.TryParse(text, out var timestamp))
        {
            reason = $"{Describe(cells, CatalogField.Created)} '{Cut(text)}' is neither ISO 8601 nor Unix seconds or milliseconds";
            return false;
        }

        created = timestamp;
        return true;
    }

    private Dictionary<string, double> Attributes(IRowCells cells)
    {
        var attributes = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < cells.OtherCount; i++)
        {
            var text = cells.OtherText(i).Trim();
            if (text.IsEmpty)
            {
                continue;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                attributes[cells.OtherName(i)] = number;
            }
            else
            {
                _nonNumeric.Add(cells.OtherName(i));
            }
        }

        return attributes;
    }

    private static string Describe(IRowCells cells, CatalogField field) =>
        $"{CatalogColumns.Name(field)} (column '{cells.Source((int)field) ?? CatalogColumns.Name(field)}')";

    private static string Cut(ReadOnlySpan<char> text) => text.Length <= 64 ? new string(text) : string.Concat(text[..64], "…");
}
