using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;
using Tailor.Hosting;

namespace Tailor.Functions;

/// <summary>The Functions app's whole host set-up, in one method that <c>Program</c> and the start-up test share.</summary>
public static class TailorFunctionsApp
{
    public static FunctionsApplicationBuilder Configure(FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddTailor(builder.Configuration);
        builder.Services.AddTailorTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();
        builder.Logging.AddLibraryLogFilters();
        return builder;
    }
}
