using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using Tailor.Hosting;

namespace Tailor.Functions;

/// <summary>The Functions app's whole host set-up, in one method that <c>Program</c> and the start-up test share.</summary>
public static class TailorFunctionsApp
{
    public static FunctionsApplicationBuilder Configure(FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddTailor(builder.Configuration);
        // Request spans of the worker's own ASP.NET Core pipeline, redacted like every span (UserIdRedaction), when
        // spans are recorded at all: listening with none recorded would still cost each request an Activity.
        var requestSpans = TailorTelemetry.RecordsTraces(builder.Configuration);
        builder.Services.AddTailorTelemetry(builder.Configuration)
            .WithTracing(tracing =>
            {
                if (requestSpans)
                {
                    tracing.AddAspNetCoreInstrumentation();
                }
            })
            .UseFunctionsWorkerDefaults();
        builder.Logging.AddLibraryLogFilters();
        return builder;
    }
}
