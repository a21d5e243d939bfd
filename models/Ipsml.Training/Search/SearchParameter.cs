using System.Globalization;
using System.Text.Json.Nodes;

namespace Ipsml.Training.Search;

/// <summary>
/// One hyper-parameter of a trainer's search space. Values are held as doubles: integers are whole numbers,
/// choices are the index of the choice, reals are rounded to four significant digits so trial logs stay readable.
/// </summary>
internal sealed record SearchParameter
{
    private SearchParameter(string name, ParameterScale scale, double min, double max, double @default, bool integer, IReadOnlyList<string> choices)
    {
        if (scale != ParameterScale.Choice && (min > max || @default < min || @default > max || (scale == ParameterScale.Log && min <= 0)))
        {
            throw new ArgumentException($"search parameter '{name}': bad range {min}..{max} (default {@default})");
        }

        Name = name;
        Scale = scale;
        Min = min;
        Max = max;
        Default = @default;
        Integer = integer;
        Choices = choices;
    }

    public string Name { get; }

    public ParameterScale Scale { get; }

    public double Min { get; }

    public double Max { get; }

    /// <summary>The value tried first (the trainer's usual default), before any random sample.</summary>
    public double Default { get; }

    public bool Integer { get; }

    public IReadOnlyList<string> Choices { get; }

    public static SearchParameter Int(string name, int min, int max, int @default, bool log = true) =>
        new(name, log ? ParameterScale.Log : ParameterScale.Linear, min, max, @default, integer: true, []);

    public static SearchParameter Real(string name, double min, double max, double @default, bool log) =>
        new(name, log ? ParameterScale.Log : ParameterScale.Linear, min, max, @default, integer: false, []);

    public static SearchParameter Choice(string name, string @default, params string[] choices)
    {
        var index = Array.IndexOf(choices, @default);
        return index < 0
            ? throw new ArgumentException($"search parameter '{name}': default '{@default}' is not a choice")
            : new(name, ParameterScale.Choice, 0, choices.Length - 1, index, integer: true, choices);
    }

    /// <summary>Draws one value; consumes exactly one number from <paramref name="random"/>.</summary>
    public double Sample(Random random)
    {
        var u = random.NextDouble();
        switch (Scale)
        {
            case ParameterScale.Choice:
                return Math.Min(Choices.Count - 1, (int)(u * Choices.Count));
            case ParameterScale.Log:
                return Fit(Math.Exp(Math.Log(Min) + (u * (Math.Log(Max) - Math.Log(Min)))));
            default:
                return Fit(Min + (u * (Max - Min)));
        }
    }

    /// <summary>The value as JSON: an integer, a number, or the choice's name.</summary>
    public JsonNode Render(double value) =>
        Scale == ParameterScale.Choice ? JsonValue.Create(Choice(value))
        : Integer ? JsonValue.Create((int)value)
        : JsonValue.Create(value);

    /// <summary>The name of the choice a value stands for.</summary>
    public string Choice(double value) => Choices[(int)value];

    private double Fit(double value)
    {
        var v = Integer ? Math.Round(value) : RoundSignificant(value, 4);
        return Math.Clamp(v, Min, Max);
    }

    private static double RoundSignificant(double value, int digits) =>
        value == 0 ? 0 : double.Parse(value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
