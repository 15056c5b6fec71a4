using Cchc.Notifications.V1;
using Grpc.Core;

namespace Cchc.Console.Gateway;

/// <summary>
/// One live <c>WatchInbox</c> stream per signed-in circuit: the unread count in the app bar and the
/// inbox page both follow it. The stream is opened again after a break (the gateway closes idle
/// streams after ten minutes) and closed with the circuit.
/// </summary>
public sealed class InboxWatch(InboxService.InboxServiceClient inbox, ILogger<InboxWatch> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public int Unread { get; private set; }

    /// <summary>Raised (on a background thread) when an item arrives or the unread count changes.</summary>
    public event Func<InboxItem?, Task>? Changed;

    public void Start()
    {
        _loop ??= Task.Run(() => RunAsync(_stop.Token));
    }

    public async Task RefreshCountAsync()
    {
        try
        {
            Unread = (await inbox.GetUnreadCountAsync(new GetUnreadCountRequest(), cancellationToken: _stop.Token)).Unread;
            await RaiseAsync(null);
        }
        catch (RpcException e)
        {
            logger.LogDebug(e, "Unread count not available");
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await RefreshCountAsync();
                using var call = inbox.WatchInbox(new WatchInboxRequest(), cancellationToken: stop);
                await foreach (var item in call.ResponseStream.ReadAllAsync(stop))
                {
                    delay = TimeSpan.FromSeconds(1);
                    Unread = (await inbox.GetUnreadCountAsync(new GetUnreadCountRequest(), cancellationToken: stop)).Unread;
                    await RaiseAsync(item);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.PermissionDenied or StatusCode.Unauthenticated)
            {
                // This official has no inbox (or the session ended): nothing to follow.
                return;
            }
            catch (RpcException e)
            {
                logger.LogDebug(e, "Inbox stream broke; opening it again in {Delay}", delay);
            }
            try
            {
                await Task.Delay(delay, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
        }
    }

    private async Task RaiseAsync(InboxItem? item)
    {
        if (Changed is { } handlers)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Func<InboxItem?, Task>>())
            {
                await handler(item);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
        _stop.Dispose();
    }
}
