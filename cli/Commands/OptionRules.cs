using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Tailor.Events;

namespace Tailor.Cli.Commands;

/// <summary>Checks that run in the parse step, so a mistake is one parse error naming the option, before any work.</summary>
public static class OptionRules
{
    public static Option<int> AtLeast(this Option<int> option, int minimum)
    {
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out int value) && value < minimum)
            {
                result.AddError(Invariant($"{option.Name} must be at least {minimum} (got {value})."));
            }
        });
        return option;
    }

    public static Option<long> AtLeast(this Option<long> option, long minimum)
    {
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out long value) && value < minimum)
            {
                result.AddError(Invariant($"{option.Name} must be at least {minimum} (got {value})."));
            }
        });
        return option;
    }

    public static Option<int?> AtLeast(this Option<int?> option, int minimum)
    {
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out int? value) && value < minimum)
            {
                result.AddError(Invariant($"{option.Name} must be at least {minimum} (got {value})."));
            }
        });
        return option;
    }

    public static Option<long?> AtLeast(this Option<long?> option, long minimum)
    {
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out long? value) && value < minimum)
            {
                result.AddError(Invariant($"{option.Name} must be at least {minimum} (got {value})."));
            }
        });
        return option;
    }

    public static Option<int> Between(this Option<int> option, int minimum, int maximum)
    {
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out int value) && (value < minimum || value > maximum))
            {
                result.AddError(Invariant($"{option.Name} must be between {minimum} and {maximum} (got {value})."));
            }
        });
        return option;
    }

    public static Option<double?> Positive(this Option<double?> option)
    {
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out double? given) && given is { } value && !(value > 0))
            {
                result.AddError(Invariant($"{option.Name} must be more than 0 seconds (got {value})."));
            }
        });
        return option;
    }

    /// <summary>The file exists, can be opened, and its name says an event format.</summary>
    public static Option<FileInfo> ExistingEventFile(this Option<FileInfo> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<FileInfo>() is { } file && EventFileProblem(file) is { } problem)
            {
                result.AddError($"{option.Name}: {problem}");
            }
        });
        return option;
    }

    /// <summary>The file exists, can be opened, and its name says an event format.</summary>
    public static Argument<FileInfo> ExistingEventFile(this Argument<FileInfo> argument)
    {
        argument.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<FileInfo>() is { } file && EventFileProblem(file) is { } problem)
            {
                result.AddError($"{argument.Name}: {problem}");
            }
        });
        return argument;
    }

    /// <summary>Every file exists, can be opened, and its name says an event format.</summary>
    public static Argument<FileInfo[]> ExistingEventFiles(this Argument<FileInfo[]> argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var file in result.GetValueOrDefault<FileInfo[]>() ?? [])
            {
                if (EventFileProblem(file) is { } problem)
                {
                    result.AddError($"{argument.Name}: {problem}");
                    return;
                }
            }
        });
        return argument;
    }

    /// <summary>The file to write goes into a folder that exists.</summary>
    public static Option<FileInfo?> InExistingFolder(this Option<FileInfo?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<FileInfo?>() is { } file && file.Directory is { Exists: false } folder)
            {
                result.AddError($"{option.Name}: the folder '{folder.FullName}' does not exist.");
            }
        });
        return option;
    }

    /// <summary>Why <paramref name="file"/> cannot be read as events, or null when it can be opened.</summary>
    internal static string? EventFileProblem(FileInfo file)
    {
        if (!file.Exists)
        {
            return Directory.Exists(file.FullName) ? $"'{file.FullName}' is a folder, not a file." : $"no such file '{file.FullName}'.";
        }

        if (!EventFileFormat.TryFromName(file.Name, out _))
        {
            return $"unsupported file extension of '{file.Name}': expected .csv, .jsonl or .parquet, each optionally .gz.";
        }

        try
        {
            using var stream = file.OpenRead();
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot read '{file.FullName}': {ex.Message}";
        }
    }

    /// <summary>The option's value; false when its text does not convert, an error the parser reports itself.</summary>
    private static bool TryGetValue<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
