using System.Text.Json.Nodes;
using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Tests.Infrastructure;

/// <summary>Small synthetic cases with position-dependent values, so a transposed or shifted array shows.</summary>
internal static class TestCases
{
    public static CaseVolume Make(string caseId, VolumeShape shape, int channels, JsonObject? metadata = null)
    {
        var voxels = shape.VoxelCount;
        var ct = new float[voxels];
        var dose = new float[voxels];
        for (var i = 0; i < voxels; i++)
        {
            ct[i] = 0.25f + (i % 1000 / 1000f);
            dose[i] = i % 777 / 700f;
        }

        var masks = new byte[channels * voxels];
        var sdf = new float[channels * voxels];
        for (var i = 0; i < masks.Length; i++)
        {
            masks[i] = (byte)((i / 7 % 3 == 0) ? 1 : 0);
            sdf[i] = ((i % 2001) - 1000) / 1000f;
        }

        var values = metadata ?? new JsonObject
        {
            ["case_id"] = caseId,
            ["voxel_spacing_mm"] = new JsonArray(1.2, 1.2, 2.5),
            ["site"] = "prostate",
        };
        return new CaseVolume
        {
            CaseId = caseId,
            Shape = shape,
            Ct = ct,
            Dose = dose,
            Masks = masks,
            Sdf = sdf,
            ChannelCount = channels,
            Constraints = [1f, 0.8f, 0f, 0.5f, 0.35f, 0.2f, 1.0714f, 0.5f, 0.35f, 0.25f, 0.1f, 0.39f, 0.642857f],
            Metadata = CaseMetadata.FromValues(values, caseId + ".npz"),
        };
    }
}
