using System.Collections.Concurrent;

namespace Ipsml.Cli.Hunting;

/// <summary>Reuses <see cref="ConnectionBatch"/>es; the pipeline's bounded queues bound how many ever exist.</summary>
internal sealed class BatchPool(int batchSize)
{
    private readonly ConcurrentBag<ConnectionBatch> free = [];
    private int created;

    public int BatchSize => batchSize;

    /// <summary>Batches created so far (the most that were ever in flight at once).</summary>
    public int Created => Volatile.Read(ref created);

    public ConnectionBatch Rent(int source)
    {
        if (!free.TryTake(out var batch))
        {
            batch = new ConnectionBatch(batchSize);
            Interlocked.Increment(ref created);
        }

        batch.Reset(source);
        return batch;
    }

    public void Return(ConnectionBatch batch) => free.Add(batch);
}
