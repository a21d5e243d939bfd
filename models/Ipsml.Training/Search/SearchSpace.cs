using System.Text.Json.Nodes;

namespace Ipsml.Training.Search;

/// <summary>The hyper-parameters of one trainer, with their ranges and defaults.</summary>
internal sealed class SearchSpace
{
    public SearchSpace(string trainer, params SearchParameter[] parameters)
    {
        var duplicate = parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"search space '{trainer}': parameter '{duplicate.Key}' twice");
        }

        Trainer = trainer;
        Parameters = parameters;
    }

    public string Trainer { get; }

    public IReadOnlyList<SearchParameter> Parameters { get; }

    /// <summary>Every parameter at its default.</summary>
    public SearchConfiguration Default() => new(Trainer, Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal));

    /// <summary>Every parameter sampled, in declaration order (so a seed fixes the values).</summary>
    public SearchConfiguration Sample(Random random)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in Parameters)
        {
            values[p.Name] = p.Sample(random);
        }

        return new SearchConfiguration(Trainer, values);
    }

    /// <summary>The configuration's values as JSON, in declaration order: integers, numbers and choice names.</summary>
    public JsonObject Describe(SearchConfiguration configuration)
    {
        var json = new JsonObject();
        foreach (var p in Parameters)
        {
            json[p.Name] = p.Render(configuration.Values[p.Name]);
        }

        return json;
    }

    public SearchParameter this[string name] =>
        Parameters.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"search space '{Trainer}' has no parameter '{name}'");
}
