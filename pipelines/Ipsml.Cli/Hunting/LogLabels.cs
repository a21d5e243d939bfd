namespace Ipsml.Cli.Hunting;

/// <summary>
/// Stratosphere-style labels of labelled logs, read as classes. The label is split into words at '-', '_', '=', '/',
/// spaces and dots; a word <c>malicious</c> or <c>botnet</c> makes it malicious (Zeek "Malicious", CTU-13
/// "From-Botnet-V42-TCP-CC6"), else a word <c>benign</c> or <c>normal</c> makes it benign ("Benign",
/// "From-Normal-V42-Grill"); anything else (Background, Unknown, none) is unlabelled and left out of the metrics.
/// Case is ignored.
/// </summary>
internal static class LogLabels
{
    private static readonly char[] Separators = ['-', '_', '=', '/', ' ', '.', '\t'];

    /// <summary>True: malicious; false: benign; null: unlabelled.</summary>
    public static bool? ClassOf(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        var words = label.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(w => w.Equals("malicious", StringComparison.OrdinalIgnoreCase) || w.Equals("botnet", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        if (words.Any(w => w.Equals("benign", StringComparison.OrdinalIgnoreCase) || w.Equals("normal", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return null;
    }

    public static string ClassName(bool? value) => value switch
    {
        true => "malicious",
        false => "benign",
        null => "unlabelled",
    };
}
