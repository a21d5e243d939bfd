using Ipsml.Features.Inputs;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// Reads the inputs of a <see cref="LogInput"/> in order into batches: each data line becomes a connection (remote
/// end, UTC hour, time, local end, label), a skipped row (no public remote end, by the rule of
/// <see cref="ConnectionSides"/>) or a bad line (the reader's reason; also a row with no time). Streams: one batch at
/// a time, whatever the log length. Gzip files are unpacked (by their bytes); stdin is read as text.
/// </summary>
internal sealed class ConnectionSource(LogInput input, TextReader stdin, int defaultHour)
{
    /// <summary>Flush a batch when it holds this many distinct skipped (reason, label) pairs.</summary>
    private const int MaxSkippedKeys = 1024;

    /// <summary>Display name of an input: the path as given, or "stdin".</summary>
    public static string NameOf(string file) => file == "-" ? "stdin" : file;

    public IEnumerable<ConnectionBatch> Read(BatchPool pool, CancellationToken cancellationToken)
    {
        for (var source = 0; source < input.Files.Count; source++)
        {
            var file = input.Files[source];
            var owned = file != "-";
            var text = input.InlineLines is { } inline ? new StringReader(string.Join('\n', inline)) : owned ? FeedFile.OpenText(file) : stdin;
            try
            {
                var batch = pool.Rent(source);
                foreach (var full in input.IsLines ? ReadLines(text, source, batch, pool) : ReadLog(text, source, NameOf(file), batch, pool))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return full;
                }
            }
            finally
            {
                if (owned)
                {
                    text.Dispose();
                }
            }
        }
    }

    private IEnumerable<ConnectionBatch> ReadLog(TextReader text, int source, string name, ConnectionBatch batch, BatchPool pool)
    {
        var context = new FeedReadContext(name, input.Options) { MaxLineLength = ScoringDefaults.MaxLineLength };
        long reportedHeaders = 0;
        var labelsChecked = !input.LabelsRequired;
        foreach (var item in FeedReaders.Get(input.ReaderFormat!).Read(text, context))
        {
            labelsChecked = labelsChecked || CheckLabelColumn(context);
            if (item.Drop is { } drop)
            {
                batch.Bad.Add(new BadLine(source, drop.Line, drop.Reason, drop.Detail));
            }
            else
            {
                var record = item.Record!.Value;
                var remote = record.Address!;
                if (record.SeenAt is not { } seenAt)
                {
                    batch.Bad.Add(new BadLine(source, record.Line, DropReason.BadTime, "no time (a relative ts needs the log's #open line; an empty time field has none)"));
                }
                else if (input.Sides.WhyLocal(remote) is { } why)
                {
                    batch.Skip(why, record.Label);
                }
                else
                {
                    batch.Add(remote, seenAt.UtcDateTime.Hour, record.Line, seenAt.UtcTicks, record.Peer, record.Label);
                }
            }

            if (IsDue(batch))
            {
                batch.HeaderLines = context.SkippedLines - reportedHeaders;
                reportedHeaders = context.SkippedLines;
                yield return batch;
                batch = pool.Rent(source);
            }
        }

        if (!labelsChecked)
        {
            CheckLabelColumn(context);
        }

        batch.HeaderLines = context.SkippedLines - reportedHeaders;
        yield return batch;
    }

    /// <summary>False while the reader has not read a header; true when it has and it holds the label column; throws when it lacks it.</summary>
    /// <exception cref="InvalidDataException">The header has no label column (the message names it and the header's columns).</exception>
    private bool CheckLabelColumn(FeedReadContext context)
    {
        if (context.HasLabelColumn is not { } has)
        {
            return false;
        }

        if (!has)
        {
            var columns = context.Columns ?? [];
            var shown = string.Join(", ", columns.Take(40)) + (columns.Count > 40 ? ", …" : "");
            throw new InvalidDataException($"{context.File}: no label column '{input.LabelColumn}' (--labels); its columns: {shown}");
        }

        return true;
    }

    private IEnumerable<ConnectionBatch> ReadLines(TextReader text, int source, ConnectionBatch batch, BatchPool pool)
    {
        foreach (var item in IpHourLine.Read(text, defaultHour))
        {
            if (item.IsBad)
            {
                batch.Bad.Add(new BadLine(source, item.Line, item.Reason, item.Detail!));
            }
            else if (item.Connection is not { } connection)
            {
                batch.HeaderLines++;
                continue;
            }
            else if (input.Sides.WhyLocal(connection.Address) is { } why)
            {
                batch.Skip(why, null);
            }
            else
            {
                batch.Add(connection.Address, connection.Hour, item.Line, 0, null, null);
            }

            if (IsDue(batch))
            {
                yield return batch;
                batch = pool.Rent(source);
            }
        }

        yield return batch;
    }

    private static bool IsDue(ConnectionBatch batch) =>
        batch.IsFull || batch.Bad.Count >= batch.Capacity || batch.Skipped.Count >= MaxSkippedKeys;
}
