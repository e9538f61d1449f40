namespace VmatTracker.Tests.Engine;

/// <summary>TorchSharp tests share process-wide state (seeds, thread count), so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "TorchSharp";
}
