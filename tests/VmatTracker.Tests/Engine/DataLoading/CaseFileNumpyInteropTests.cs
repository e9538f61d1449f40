using System.Text.Json.Nodes;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.DataLoading;

/// <summary>Case files crossing the numpy boundary in both directions.</summary>
public sealed class CaseFileNumpyInteropTests
{
    // Loads our file WITHOUT allow_pickle and reports what numpy sees.
    private const string LoadScript = """
        import json, sys
        import numpy as np
        with np.load(sys.argv[1]) as f:
            keys = sorted(f.files)
            out = dict(keys=keys,
                       shapes={k: list(f[k].shape) for k in keys},
                       dtypes={k: f[k].dtype.str for k in keys},
                       ct_1_2_3=float(f['ct'][1, 2, 3]),
                       dose_sum=float(f['dose'].astype(np.float64).sum()),
                       masks_sum=int(f['masks'].sum()),
                       sdf_2_1_0_4=float(f['masks_sdf'][2, 1, 0, 4]),
                       constraints=[float(v) for v in f['constraints']],
                       metadata=f['metadata_json'][()])
        print(json.dumps(out))
        """;

    // A reference-style case: savez_compressed with a pickled metadata dict, float64 Fortran-order CT, bool masks.
    private const string ReferenceScript = """
        import io, sys, zipfile
        import numpy as np
        path, variant = sys.argv[1], sys.argv[2]
        Y, X, Z, C = 5, 6, 7, 3
        y, x, z = np.meshgrid(np.arange(Y), np.arange(X), np.arange(Z), indexing='ij')
        ct = np.asfortranarray((y * 100 + x * 10 + z) / 1000.0)
        dose = ((y + x + z) / 10.0).astype(np.float32)
        masks = np.stack([(y + c) % 2 == 0 for c in range(C)])
        sdf = np.stack([(z - c) / 10.0 for c in range(C)]).astype('>f4')
        metadata = {
            'case_id': 'prostate70gy_0005',
            'voxel_spacing_mm': (np.float64(1.171875), 1.171875, np.float32(2.5)),
            'normalization_dose_gy': np.float32(70.0),
            'sdf_clip_mm': np.float64(50.0),
            'n_voxels': np.int64(123456789012),
            'small_int': np.int32(-7),
            'has_ptv56': np.bool_(True),
            'volume_shape': np.array([Y, X, Z], dtype=np.int64),
            'prescription_info': {'primary_dose': 70.0, 'fractions': 28, 'source': 'DoseReference'},
            'structure_channels': {0: 'PTV70', 1: 'PTV56', 2: 'Prostate'},
            'validation': None,
            'notes': ['a', 1, 2.5, False],
        }
        arrays = dict(ct=ct, dose=dose, masks=masks, masks_sdf=sdf,
                      constraints=np.array([1, 0.8, 0, 0.5], dtype=np.float32),
                      beam0_mlc_a=np.zeros((4, 60), np.float32), metadata=metadata)
        if variant == 'savez_compressed':
            np.savez_compressed(path, **arrays)
        elif variant == 'savez':
            np.savez(path, **arrays)
        else:
            # Pickle protocols other than numpy's default, and numpy 2's module spelling.
            with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as zf:
                for key, value in arrays.items():
                    buf = io.BytesIO()
                    np.lib.format.write_array(buf, np.asanyarray(value), allow_pickle=True)
                    data = buf.getvalue()
                    if key == 'metadata':
                        import pickle
                        obj = np.asanyarray(value)
                        start = len(data) - len(pickle.dumps(obj, protocol=3))
                        proto = {'protocol2': 2, 'protocol4': 4, 'numpy2_names': 3}[variant]
                        body = pickle.dumps(obj, protocol=proto)
                        if variant == 'numpy2_names':
                            assert b'numpy.core.multiarray' in body
                            body = body.replace(b'numpy.core.multiarray', b'numpy._core.multiarray')
                        data = data[:start] + body
                    zf.writestr(key + '.npy', data)
        """;

    [Fact]
    public void Write_ThenNumpyLoadsWithoutPickle_SeesOurKeysShapesDtypesAndValues()
    {
        // Arrange
        using var dir = new TempFolder();
        var path = dir.File("case_0007.npz");
        var volume = TestCases.Make("case_0007", new VolumeShape(4, 5, 6), 3);

        // Act
        CaseFile.Write(path, volume);
        var seen = JsonNode.Parse(NumpyPython.Run(LoadScript, path))!;

        // Assert
        string[] keys = ["constraints", "ct", "dose", "masks", "masks_sdf", "metadata_json"];
        Assert.Equal(keys, seen["keys"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal("[4,5,6]", seen["shapes"]!["ct"]!.ToJsonString());
        Assert.Equal("[3,4,5,6]", seen["shapes"]!["masks_sdf"]!.ToJsonString());
        Assert.Equal("[13]", seen["shapes"]!["constraints"]!.ToJsonString());
        Assert.Equal("<f4", seen["dtypes"]!["ct"]!.GetValue<string>());
        Assert.Equal("|u1", seen["dtypes"]!["masks"]!.GetValue<string>());
        Assert.Equal(volume.Ct[volume.Shape.IndexOf(1, 2, 3)], (float)seen["ct_1_2_3"]!.GetValue<double>());
        Assert.Equal(volume.Dose.Sum(v => (double)v), seen["dose_sum"]!.GetValue<double>(), 6);
        Assert.Equal(volume.Masks.Sum(m => m), seen["masks_sum"]!.GetValue<int>());
        Assert.Equal(volume.Sdf[(2 * volume.Shape.VoxelCount) + volume.Shape.IndexOf(1, 0, 4)],
            (float)seen["sdf_2_1_0_4"]!.GetValue<double>());
        Assert.Equal(volume.Constraints, seen["constraints"]!.AsArray().Select(v => (float)v!.GetValue<double>()));
        var metadata = JsonNode.Parse(seen["metadata"]!.GetValue<string>())!;
        Assert.True(JsonNode.DeepEquals(volume.Metadata.Values, metadata), metadata.ToJsonString());
    }

    [Theory]
    [InlineData("savez_compressed")]
    [InlineData("savez")]
    [InlineData("protocol2")]
    [InlineData("protocol4")]
    [InlineData("numpy2_names")]
    public void Read_NumpyReferenceCaseWithPickledMetadata_GivesValuesAndResolvedSpacing(string variant)
    {
        // Arrange
        using var dir = new TempFolder();
        var path = dir.File("prostate70gy_0005.npz");
        NumpyPython.Run(ReferenceScript, path, variant);

        // Act
        var volume = CaseFile.Read(path);

        // Assert: arrays
        Assert.Equal("prostate70gy_0005", volume.CaseId);
        Assert.Equal(new VolumeShape(5, 6, 7), volume.Shape);
        Assert.Equal(3, volume.ChannelCount);
        Assert.Equal((float)(((4 * 100) + (2 * 10) + 3) / 1000.0), volume.Ct[volume.Shape.IndexOf(4, 2, 3)]);
        Assert.Equal((float)((1 + 5 + 6) / 10.0), volume.Dose[volume.Shape.IndexOf(1, 5, 6)]);
        Assert.Equal(1, volume.MaskChannel(1)[volume.Shape.IndexOf(1, 0, 0)]);
        Assert.Equal(0, volume.MaskChannel(1)[volume.Shape.IndexOf(2, 0, 0)]);
        Assert.Equal((float)((5 - 2) / 10.0), volume.SdfChannel(2)[volume.Shape.IndexOf(0, 0, 5)]);
        float[] constraints = [1f, 0.8f, 0f, 0.5f];
        Assert.Equal(constraints, volume.Constraints);

        // Assert: metadata
        var values = volume.Metadata.Values;
        Assert.Equal(new VoxelSpacing(1.171875, 1.171875, 2.5), volume.Spacing);
        Assert.Equal(SpacingSource.VoxelSpacingMm, volume.Metadata.SpacingSource);
        Assert.Equal("prostate70gy_0005", volume.Metadata.CaseId);
        Assert.Equal(70.0, values["normalization_dose_gy"]!.GetValue<double>());
        Assert.Equal(50.0, values["sdf_clip_mm"]!.GetValue<double>());
        Assert.Equal(123456789012L, values["n_voxels"]!.GetValue<long>());
        Assert.Equal(-7L, values["small_int"]!.GetValue<long>());
        Assert.True(values["has_ptv56"]!.GetValue<bool>());
        Assert.Equal("[5,6,7]", values["volume_shape"]!.ToJsonString());
        Assert.Equal(28L, values["prescription_info"]!["fractions"]!.GetValue<long>());
        Assert.Equal("DoseReference", values["prescription_info"]!["source"]!.GetValue<string>());
        Assert.Null(values["validation"]);
        Assert.True(values.ContainsKey("validation"));
        Assert.Equal("[\"a\",1,2.5,false]", values["notes"]!.ToJsonString());
        string[] channels = ["PTV70", "PTV56", "Prostate"];
        Assert.Equal(channels, volume.Metadata.StructureChannels);
    }
}
