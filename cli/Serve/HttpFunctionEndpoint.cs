using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Functions.Http;

namespace Tailor.Cli.Serve;

/// <summary>
/// One HTTP function as a request delegate: checks the key its auth level asks for, creates the function's
/// class from the request's services (as the worker does, one instance per invocation), binds the
/// <c>[HttpTrigger]</c> <see cref="HttpRequest"/>, route values (string parameters named like a route
/// placeholder) and the cancellation token, invokes the method and executes the <see cref="IActionResult"/>
/// it returns. A <c>[DurableClient]</c> parameter gets the server's <see cref="DurableTaskClient"/>
/// (<see cref="ServeDurablePipeline"/>).
/// </summary>
public sealed class HttpFunctionEndpoint
{
    private readonly Func<HttpContext, object?>[] _arguments;
    private readonly ObjectFactory? _create;
    private readonly MethodInvoker _invoker;

    /// <summary>The action every result of this function executes in (one per function, as MVC has one per action).</summary>
    private readonly ActionDescriptor _action;

    public HttpFunctionEndpoint(HttpFunctionBinding binding)
    {
        Binding = binding;
        var method = binding.Method;
        if (method.ReturnType != typeof(Task<IActionResult>) && method.ReturnType != typeof(IActionResult))
        {
            throw new NotSupportedException($"Function {binding.Name} returns {method.ReturnType.Name}; the local server runs functions that return IActionResult or Task<IActionResult>.");
        }

        _arguments = [.. method.GetParameters().Select(p => Bind(binding, p))];
        // Resolved once here, so a request pays neither constructor lookup nor reflection's argument checks.
        _create = method.IsStatic ? null : ActivatorUtilities.CreateFactory(method.DeclaringType!, Type.EmptyTypes);
        _invoker = MethodInvoker.Create(method);
        _action = new ActionDescriptor { DisplayName = binding.Name };
    }

    public HttpFunctionBinding Binding { get; }

    public async Task InvokeAsync(HttpContext context)
    {
        var result = Authorize(context) ?? await RunAsync(context).ConfigureAwait(false);
        if (result is IResult direct)
        {
            // A result that writes itself from the HttpContext (JsonResponse) needs no ActionContext and route data copy.
            await direct.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), _action)).ConfigureAwait(false);
    }

    private IActionResult? Authorize(HttpContext context)
    {
        var keys = context.RequestServices.GetRequiredService<FunctionKeys>();
        if (keys.Allows(Binding.AuthLevel, context.Request))
        {
            return null;
        }

        var which = Binding.AuthLevel == AuthorizationLevel.Function ? "a function key" : "the admin key";
        return Problem.Unauthorized($"{Binding.Name} needs {which} in the '{FunctionKeys.HeaderName}' header or the '{FunctionKeys.QueryName}' query parameter.");
    }

    private async ValueTask<IActionResult> RunAsync(HttpContext context)
    {
        var instance = _create?.Invoke(context.RequestServices, null);
        var returned = _arguments.Length switch
        {
            // The invoker's fixed-arity overloads need no argument array.
            0 => _invoker.Invoke(instance),
            1 => _invoker.Invoke(instance, _arguments[0](context)),
            2 => _invoker.Invoke(instance, _arguments[0](context), _arguments[1](context)),
            3 => _invoker.Invoke(instance, _arguments[0](context), _arguments[1](context), _arguments[2](context)),
            _ => _invoker.Invoke(instance, Arguments(context).AsSpan()),
        };
        return returned is Task<IActionResult> pending ? await pending.ConfigureAwait(false) : (IActionResult)returned!;
    }

    private object?[] Arguments(HttpContext context)
    {
        var arguments = new object?[_arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = _arguments[i](context);
        }

        return arguments;
    }

    private static Func<HttpContext, object?> Bind(HttpFunctionBinding binding, ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is not null)
        {
            return parameter.ParameterType == typeof(HttpRequest)
                ? context => context.Request
                : throw Unsupported(binding, parameter, "an [HttpTrigger] parameter must be an HttpRequest");
        }

        if (parameter.ParameterType == typeof(DurableTaskClient))
        {
            return context => context.RequestServices.GetRequiredService<DurableTaskClient>();
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context => context.RequestAborted;
        }

        if (parameter.ParameterType == typeof(string)
            && (binding.Route.Contains('{' + parameter.Name + '}', StringComparison.Ordinal) || binding.Route.Contains("{*" + parameter.Name + '}', StringComparison.Ordinal)))
        {
            var name = parameter.Name!;
            return context => context.Request.RouteValues[name] as string;
        }

        throw Unsupported(binding, parameter, "the local server binds the HttpRequest, route placeholders, a DurableTaskClient and a CancellationToken");
    }

    private static NotSupportedException Unsupported(HttpFunctionBinding binding, ParameterInfo parameter, string rule) =>
        new($"Function {binding.Name}: cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}): {rule}.");
}
