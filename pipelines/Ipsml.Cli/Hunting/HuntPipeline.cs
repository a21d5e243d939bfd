using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Ipsml.Scoring;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// The streaming scoring pipeline: a reader thread turns the input into batches in order, <c>threads</c> worker
/// threads score them in place (the scorer's caches, one model call per batch for what they miss), and the calling
/// thread consumes them in input order. The queues between the stages are bounded, so at most <c>2·threads + 4</c>
/// batches exist at once: memory does not grow with the log. Dedicated threads, blocking queues: no thread-pool
/// hops per batch. A failure anywhere stops the others and is rethrown on the calling thread.
/// </summary>
internal sealed class HuntPipeline(ConnectionScorer scorer, int threads)
{
    public int Threads { get; } = threads > 0 ? threads : Environment.ProcessorCount;

    /// <summary>Reads <paramref name="batches"/> (rented from <paramref name="pool"/>), scores them and hands each to <paramref name="consume"/> in order.</summary>
    public void Run(IEnumerable<ConnectionBatch> batches, BatchPool pool, Action<ConnectionBatch> consume, CancellationToken cancellationToken)
    {
        using var work = new BlockingCollection<ConnectionBatch>(Threads + 1);
        using var ordered = new BlockingCollection<ConnectionBatch>(Threads + 2);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        ExceptionDispatchInfo? readFailure = null;

        var reader = new Thread(() =>
        {
            try
            {
                foreach (var batch in batches)
                {
                    ordered.Add(batch, token);
                    work.Add(batch, token);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                readFailure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                ordered.CompleteAdding();
                work.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "ipsml-read" };

        var workers = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
        {
            try
            {
                foreach (var batch in work.GetConsumingEnumerable(token))
                {
                    try
                    {
                        if (batch.Count > 0)
                        {
                            scorer.Score(batch.Connections.AsSpan(0, batch.Count), batch.Probabilities.AsSpan(0, batch.Count));
                        }
                    }
                    catch (Exception e)
                    {
                        batch.Failure = e;
                    }
                    finally
                    {
                        batch.Scored.Set();
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
        })
        { IsBackground = true, Name = $"ipsml-score-{i}" }).ToArray();

        reader.Start();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        try
        {
            foreach (var batch in ordered.GetConsumingEnumerable(token))
            {
                batch.Scored.Wait(token);
                if (batch.Failure is { } failure)
                {
                    throw new InvalidOperationException($"scoring failed: {failure.Message}", failure);
                }

                consume(batch);
                pool.Return(batch);
            }

            readFailure?.Throw();
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            reader.Join();
            foreach (var worker in workers)
            {
                worker.Join();
            }
        }
    }
}
