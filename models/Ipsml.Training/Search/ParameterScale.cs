namespace Ipsml.Training.Search;

/// <summary>How a hyper-parameter is sampled.</summary>
internal enum ParameterScale
{
    /// <summary>Uniform between the bounds.</summary>
    Linear,

    /// <summary>Uniform in the logarithm: each decade between the bounds is equally likely (learning rates, regularisation, sizes).</summary>
    Log,

    /// <summary>One of a list of named choices, each equally likely.</summary>
    Choice,
}
