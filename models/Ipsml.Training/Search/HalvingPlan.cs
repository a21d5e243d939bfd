namespace Ipsml.Training.Search;

/// <summary>
/// The shape of one successive-halving bracket under a trial budget. Rung r trains on N / eta^(R-1-r) rows (the last
/// rung on all N training rows, no rung below <c>minRows</c>), and keeps ceil(n / eta) of the n configurations of the
/// rung before it. The number of rungs R is the largest that the data allows (N / eta^(R-1) ≥ minRows) and that the
/// budget allows with a real cut at every rung (rung 0 has at least eta^(R-1) configurations); rung 0 then gets as
/// many configurations as fit in <c>maxTrials</c>. The total never exceeds <c>maxTrials</c>.
/// </summary>
internal sealed class HalvingPlan
{
    private HalvingPlan(int trainRows, int eta, IReadOnlyList<HalvingRung> rungs)
    {
        TrainRows = trainRows;
        Eta = eta;
        Rungs = rungs;
    }

    public int TrainRows { get; }

    public int Eta { get; }

    public IReadOnlyList<HalvingRung> Rungs { get; }

    /// <summary>Trials the plan runs when no time budget stops it.</summary>
    public int Trials => Rungs.Sum(r => r.Configurations);

    /// <summary>How many of a rung's configurations go on to the next rung.</summary>
    public static int Keep(int configurations, int eta) => (configurations + eta - 1) / eta;

    public static HalvingPlan Create(int trainRows, int maxTrials, int eta, int minRows)
    {
        if (trainRows < 1 || maxTrials < 1 || eta < 2 || minRows < 1)
        {
            throw new ArgumentException($"successive halving needs trainRows ≥ 1, maxTrials ≥ 1, eta ≥ 2, minRows ≥ 1 (got {trainRows}, {maxTrials}, {eta}, {minRows})");
        }

        var byData = 1;
        while (trainRows / Math.Pow(eta, byData) >= minRows)
        {
            byData++;
        }

        for (var count = byData; count >= 1; count--)
        {
            var first = MostConfigurations(count, maxTrials, eta);
            if (count == 1 || first >= Math.Pow(eta, count - 1))
            {
                return new HalvingPlan(trainRows, eta, Build(trainRows, eta, minRows, count, first));
            }
        }

        throw new InvalidOperationException("unreachable: a one-rung plan always fits");
    }

    private static int Cost(int first, int rungs, int eta)
    {
        var total = 0;
        var n = first;
        for (var r = 0; r < rungs; r++)
        {
            total += n;
            n = Keep(n, eta);
        }

        return total;
    }

    private static int MostConfigurations(int rungs, int maxTrials, int eta)
    {
        var n = 0;
        while (Cost(n + 1, rungs, eta) <= maxTrials)
        {
            n++;
        }

        return n;
    }

    private static List<HalvingRung> Build(int trainRows, int eta, int minRows, int count, int first)
    {
        var rungs = new List<HalvingRung>(count);
        var n = first;
        for (var r = 0; r < count; r++)
        {
            var rows = r == count - 1 ? trainRows : Math.Min(trainRows, Math.Max(minRows, (int)Math.Round(trainRows / Math.Pow(eta, count - 1 - r))));
            rungs.Add(new HalvingRung(r, n, rows));
            n = Keep(n, eta);
        }

        return rungs;
    }
}
