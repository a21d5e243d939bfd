using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Ipsml.Features.Inputs;
using Ipsml.Pipelines.Runs;

namespace Ipsml.Pipelines.Fetch;

/// <summary>The feed registry file (<c>data/feeds.json</c>), validated on load.</summary>
public sealed partial record FeedRegistry
{
    public static readonly IReadOnlySet<string> Labels = new HashSet<string> { "malicious", "benign", "labelled" };

    public static readonly IReadOnlySet<string> TimeKinds = new HashSet<string> { "row", "header", "none" };

    [JsonPropertyName("feeds")]
    public required IReadOnlyList<FeedDefinition> Feeds { get; init; }

    public IEnumerable<FeedDefinition> Enabled => Feeds.Where(f => f.Enabled);

    private static readonly JsonSerializerOptions Options = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Loads and validates the registry; throws <see cref="InvalidDataException"/> naming the file, line and reason.</summary>
    public static FeedRegistry Load(string path)
    {
        FeedRegistry? registry;
        try
        {
            registry = JsonSerializer.Deserialize<FeedRegistry>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {JsonProblem.Describe(e)}", e);
        }

        if (registry is null)
        {
            throw new InvalidDataException($"{path}: empty feed registry");
        }

        registry.Validate(path);
        return registry;
    }

    private void Validate(string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in Feeds)
        {
            var where = $"{path}: feed '{f.Name}'";
            if (!NamePattern().IsMatch(f.Name))
            {
                throw new InvalidDataException($"{where}: name must be lower-case kebab-case");
            }

            if (!seen.Add(f.Name))
            {
                throw new InvalidDataException($"{where}: name is used twice");
            }

            if (!Labels.Contains(f.Label))
            {
                throw new InvalidDataException($"{where}: label '{f.Label}' is not one of {string.Join(", ", Labels)}");
            }

            if (!TimeKinds.Contains(f.Time))
            {
                throw new InvalidDataException($"{where}: time '{f.Time}' is not one of {string.Join(", ", TimeKinds)}");
            }

            if (f.Format != TopListReader.FormatName && !FeedReaders.Formats.Contains(f.Format))
            {
                throw new InvalidDataException($"{where}: format '{f.Format}' is not one of {TopListReader.FormatName}, {string.Join(", ", FeedReaders.Formats)}");
            }

            try
            {
                FeedReaders.ValidateOptions(f.Format, f.Options);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{where}: {e.Message}", e);
            }

            if (f.Urls.Count == 0 && f.Snapshot.Count == 0)
            {
                throw new InvalidDataException($"{where}: has neither urls nor snapshot paths");
            }

            foreach (var u in f.Urls)
            {
                if (!Uri.TryCreate(u, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    throw new InvalidDataException($"{where}: url '{u}' is not an absolute http(s) address");
                }
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex NamePattern();
}
