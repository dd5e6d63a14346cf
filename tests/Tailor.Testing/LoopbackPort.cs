using System.Net;
using System.Net.Sockets;

namespace Tailor.Testing;

/// <summary>Loopback ports for servers the tests start.</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on: one the OS hands out for a listener that is then closed. Another process
    /// may still take it before the caller binds, so a caller that can retries on "address in use".</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
