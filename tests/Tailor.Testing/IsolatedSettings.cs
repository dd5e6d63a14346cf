using Tailor.Storage;

namespace Tailor.Testing;

/// <summary>Configuration for a whole app (<c>AddTailor</c>) over containers, tables and a CLI task hub no other test
/// uses, with quick tuning and no quiet period before a run: tests of the pipeline are not tests of the tuner.</summary>
public static class IsolatedSettings
{
    public static Dictionary<string, string?> Create(string? connectionString = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var names = new StorageOptions().WithSuffix(suffix);
        var settings = new Dictionary<string, string?>
        {
            ["Tailor:Storage:EventsContainer"] = names.EventsContainer,
            ["Tailor:Storage:CatalogContainer"] = names.CatalogContainer,
            ["Tailor:Storage:ProcessedContainer"] = names.ProcessedContainer,
            ["Tailor:Storage:QuarantineContainer"] = names.QuarantineContainer,
            ["Tailor:Storage:ModelsContainer"] = names.ModelsContainer,
            ["Tailor:Storage:SnapshotsContainer"] = names.SnapshotsContainer,
            ["Tailor:Storage:DeadLetterContainer"] = names.DeadLetterContainer,
            ["Tailor:Storage:ImpressionsContainer"] = names.ImpressionsContainer,
            ["Tailor:Storage:PoisonQueue"] = names.PoisonQueue,
            ["Tailor:Storage:BatchesTable"] = names.BatchesTable,
            ["Tailor:Storage:ProfilesTable"] = names.ProfilesTable,
            ["Tailor:Storage:FreshTable"] = names.FreshTable,
            ["Tailor:Training:BudgetSeconds"] = "3",
            ["Tailor:Training:Algorithms"] = "popularity,sar,ease",
            ["Tailor:Pipeline:QuietSeconds"] = "0",
            ["Tailor:Cli:TaskHub"] = "hub" + suffix,
        };
        if (connectionString is not null)
        {
            settings["Tailor:Storage:ConnectionString"] = connectionString;
        }

        return settings;
    }
}
