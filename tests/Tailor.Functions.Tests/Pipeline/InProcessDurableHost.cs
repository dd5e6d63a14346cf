using Microsoft.AspNetCore.Connections;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Tailor.Testing;

namespace Tailor.Tests.Pipeline;

/// <summary>Starts the in-process Durable Task engine on a free loopback port. Left to itself it picks a random port
/// between 30000 and 40000 without checking, which overlaps the ephemeral range that outgoing connections (Azurite's
/// clients among them) take ports from, so a test could fail to bind.</summary>
internal static class InProcessDurableHost
{
    private const int Attempts = 3;

    public static async Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> register)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DurableTaskTestHost.StartAsync(register, new DurableTaskTestHostOptions { Port = LoopbackPort.Free() });
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException && attempt < Attempts)
            {
                // Another process took the port between choosing and binding it: choose again.
            }
        }
    }
}
