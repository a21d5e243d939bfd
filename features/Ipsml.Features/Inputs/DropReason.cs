namespace Ipsml.Features.Inputs;

/// <summary>Why a line or an address did not become an observation. Every drop is counted by reason.</summary>
public enum DropReason
{
    // Syntax: the reader could not use the line.
    Malformed,
    WrongColumnCount,
    BadAddress,
    BadNetwork,
    BadTime,
    BadValue,

    // Address space: a valid address that is not a public unicast address.
    Unspecified,
    Loopback,
    Private,
    LinkLocal,
    SharedAddressSpace,
    Multicast,
    Documentation,
    Reserved,
    Bogon,

    // Policy.
    NetworkTooLarge,
    Conflict,

    /// <summary>A labelled log row whose label is neither malicious nor benign (e.g. Stratosphere "Background").</summary>
    Unlabelled,

    /// <summary>A line longer than the reader's limit (<see cref="FeedReadContext.MaxLineLength"/>): read through, not kept, not parsed.</summary>
    LineTooLong,
}
