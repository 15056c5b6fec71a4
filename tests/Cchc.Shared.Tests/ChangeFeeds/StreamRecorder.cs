using System.Threading.Channels;
using Grpc.Core;

namespace Cchc.Shared.Tests.ChangeFeeds;

/// <summary>A gRPC response stream a test reads from as the client would, one message at a time.</summary>
public sealed class StreamRecorder<T> : IAsyncStreamWriter<T>
{
    private readonly Channel<T> _messages = Channel.CreateUnbounded<T>();

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message) => _messages.Writer.WriteAsync(message).AsTask();

    public Task WriteAsync(T message, CancellationToken cancellationToken) => _messages.Writer.WriteAsync(message, cancellationToken).AsTask();

    /// <summary>The next message written, waiting for it.</summary>
    public Task<T> NextAsync(CancellationToken cancellationToken) => _messages.Reader.ReadAsync(cancellationToken).AsTask();
}
