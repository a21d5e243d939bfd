using System.Text.RegularExpressions;

namespace Ipsml.Pipelines.Runs;

public static partial class RunIds
{
    public static void Validate(string id)
    {
        if (!Pattern().IsMatch(id))
        {
            throw new ArgumentException($"run id '{id}' may only hold letters, digits, '.', '_' and '-'");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex Pattern();
}
