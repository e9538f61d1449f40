using VmatTracker.Engine.Sites;

namespace VmatTracker.Engine.Losses;

/// <summary>Which channels the losses treat as targets and organs at risk, read from the site definition.</summary>
public sealed record StructureRoles
{
    /// <summary>Target channels with their prescriptions in Gy, in channel order.</summary>
    public required IReadOnlyList<(int Channel, string Name, double PrescriptionGy)> Targets { get; init; }

    /// <summary>Organ-at-risk channels, in channel order.</summary>
    public required IReadOnlyList<(int Channel, string Name)> OrgansAtRisk { get; init; }

    /// <summary>Other channels (e.g. the prostate CTV): neither weighted as target nor as organ.</summary>
    public required IReadOnlyList<(int Channel, string Name)> Others { get; init; }

    /// <summary>The site's dose that 1.0 stands for.</summary>
    public required double PrescriptionGy { get; init; }

    /// <summary>The site the roles come from.</summary>
    public required TreatmentSite Site { get; init; }

    /// <summary>How many of the site's channels the data has.</summary>
    public required int ChannelCount { get; init; }

    /// <summary>The channel named <paramref name="name"/> if the data has it, else null.</summary>
    public int? ChannelOf(string name) => Site.IndexOf(name) is var index && index >= 0 && index < ChannelCount ? index : null;

    /// <summary>Roles of the first <paramref name="channelCount"/> channels of <paramref name="site"/>.</summary>
    public static StructureRoles For(TreatmentSite site, int channelCount)
    {
        ArgumentNullException.ThrowIfNull(site);
        var channels = site.Channels.Take(channelCount).Select((c, i) => (c, i)).ToList();
        return new StructureRoles
        {
            Targets = [.. channels.Where(x => x.c.Role == StructureRole.Target).Select(x => (x.i, x.c.Name, x.c.PrescriptionGy!.Value))],
            OrgansAtRisk = [.. channels.Where(x => x.c.Role == StructureRole.OrganAtRisk).Select(x => (x.i, x.c.Name))],
            Others = [.. channels.Where(x => x.c.Role == StructureRole.Other).Select(x => (x.i, x.c.Name))],
            PrescriptionGy = site.PrescriptionGy,
            Site = site,
            ChannelCount = Math.Min(channelCount, site.Channels.Count),
        };
    }
}
