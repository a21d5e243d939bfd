using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ipsml.Features;
using Ipsml.Pipelines.Runs;

namespace Ipsml.Pipelines.Experiments;

/// <summary>
/// An experiment file (<c>experiments/*.json</c>): a name, a seed, and one section per stage. A stage receives
/// only its own section (plus the seed), so changing a training setting never invalidates the dataset.
/// </summary>
public sealed partial class Experiment
{
    public static readonly IReadOnlyList<string> Sections = ["observations", "dataset", "train", "evaluate", "publish"];

    private Experiment(string path, string name, string? description, int seed, IReadOnlyDictionary<string, JsonObject> sections, string sha256)
    {
        Path = path;
        Name = name;
        Description = description;
        Seed = seed;
        this.sections = sections;
        Sha256 = sha256;
    }

    private readonly IReadOnlyDictionary<string, JsonObject> sections;

    public string Path { get; }

    public string Name { get; }

    public string? Description { get; }

    public int Seed { get; }

    /// <summary>SHA-256 of the file's bytes.</summary>
    public string Sha256 { get; }

    /// <summary>A stage's section (empty when the file leaves it out), as a fresh copy.</summary>
    public JsonObject Section(string name) =>
        sections.TryGetValue(name, out var s) ? (JsonObject)s.DeepClone() : [];

    /// <summary>
    /// Binds a section to an options type. Unknown keys and wrong types are refused naming the file, the section, the
    /// key and what was expected: <c>FILE: section 'dataset': unknown key 'maxAsnz' (known: …)</c>,
    /// <c>FILE: section 'dataset': maxRowsPerAddress: "many" is not a whole number</c>.
    /// </summary>
    public T Bind<T>(string section)
        where T : new()
    {
        var node = Section(section);
        if (SectionCheck.Problem(typeof(T), node, BindOptions) is { } problem)
        {
            throw new InvalidDataException($"{Path}: section '{section}': {problem}");
        }

        try
        {
            return node.Deserialize<T>(BindOptions) ?? new T();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Path}: section '{section}': {(e.Path is { Length: > 2 } at ? at[2..] + ": " : "")}{JsonProblem.Reason(e)}", e);
        }
    }

    private static readonly JsonSerializerOptions BindOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Loads and checks an experiment file; throws <see cref="InvalidDataException"/> naming the file, line and reason.</summary>
    public static Experiment Load(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: experiment file not found");
        }

        var bytes = File.ReadAllBytes(path);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new InvalidDataException($"{path}: line 1: an experiment is a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {JsonProblem.Describe(e)}", e);
        }

        var known = new HashSet<string>(Sections) { "name", "description", "seed" };
        foreach (var (key, _) in root)
        {
            if (!known.Contains(key))
            {
                throw new InvalidDataException($"{path}: unknown key '{key}' (an experiment has {string.Join(", ", known)})");
            }
        }

        var name = Text(root, "name", path) ?? throw new InvalidDataException($"{path}: 'name' is required");
        if (!NamePattern().IsMatch(name))
        {
            throw new InvalidDataException($"{path}: name '{name}' must be lower-case kebab-case");
        }

        int seed;
        try
        {
            seed = root["seed"]?.GetValue<int>() ?? throw new InvalidDataException($"{path}: 'seed' is required (runs must be repeatable)");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: seed: {root["seed"]!.ToJsonString()} is not a whole number", e);
        }

        var sections = new Dictionary<string, JsonObject>();
        foreach (var s in Sections)
        {
            if (root[s] is { } node)
            {
                sections[s] = node as JsonObject ?? throw new InvalidDataException($"{path}: section '{s}' must be an object");
            }
        }

        return new Experiment(path, name, Text(root, "description", path), seed, sections, Hashing.Sha256(bytes));
    }

    private static string? Text(JsonObject root, string key, string path)
    {
        var node = root[key];
        return node is null ? null
            : node is JsonValue v && v.TryGetValue<string>(out var text) ? text
            : throw new InvalidDataException($"{path}: {key}: {node.ToJsonString()} is not a string");
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex NamePattern();
}
