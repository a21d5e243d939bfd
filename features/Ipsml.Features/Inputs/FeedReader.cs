namespace Ipsml.Features.Inputs;

/// <summary>
/// Base of every reader: checks the options before reading (an unknown option or a bad value is a configuration
/// error and throws <see cref="ArgumentException"/> at once, not a drop), then reads.
/// </summary>
internal abstract class FeedReader : IFeedReader
{
    public abstract string Format { get; }

    /// <summary>The option names this format accepts.</summary>
    public virtual IReadOnlyCollection<string> OptionNames => [];

    public IEnumerable<FeedItem> Read(TextReader text, FeedReadContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        ValidateOptions(context.Options);
        return ReadValidated(text, context);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first unknown option or bad value.</summary>
    public void ValidateOptions(IReadOnlyDictionary<string, string> options)
    {
        foreach (var key in options.Keys)
        {
            if (!OptionNames.Contains(key))
            {
                var known = OptionNames.Count == 0 ? "none" : string.Join(", ", OptionNames);
                throw new ArgumentException($"format '{Format}' has no option '{key}' (known: {known})", nameof(options));
            }
        }

        CheckOptionValues(options);
    }

    /// <summary>Checks option values; throws <see cref="ArgumentException"/> for a bad one.</summary>
    protected virtual void CheckOptionValues(IReadOnlyDictionary<string, string> options)
    {
    }

    protected abstract IEnumerable<FeedItem> ReadValidated(TextReader text, FeedReadContext context);
}
