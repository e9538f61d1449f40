using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Engine.Models;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.Models;

/// <summary>
/// Writes a PyTorch Lightning checkpoint with real PyTorch (Debian's python3-torch) at test time, shaped as the
/// reference's: a dict whose state_dict holds our model's tensors as <c>model.*</c> next to the gradient loss's Sobel
/// buffers and uncertainty weights, with epoch, global_step, a real AdamW optimizer_states, callbacks, loops and
/// hyper_parameters as Lightning's AttributeDict. The weights travel from TorchSharp to Python as an NPZ.
/// </summary>
internal static class LightningCheckpointFile
{
    /// <summary>The state_dict entries that are not the network's.</summary>
    public static readonly string[] LossKeys =
        ["gradient_loss.sobel_x", "gradient_loss.sobel_y", "gradient_loss.sobel_z", "uncertainty_loss.log_sigmas.mse"];

    private const string Script = """
        import sys, types, collections
        import numpy as np
        import torch

        weights, out, with_hparams, patch = sys.argv[1], sys.argv[2], sys.argv[3] == "1", int(sys.argv[4])

        # Lightning's AttributeDict, under the module path Lightning pickles it from (Lightning is not installed here).
        module = types.ModuleType("lightning_fabric.utilities.data")
        class AttributeDict(dict):
            pass
        AttributeDict.__module__ = module.__name__
        module.AttributeDict = AttributeDict
        for name in ["lightning_fabric", "lightning_fabric.utilities", "lightning_fabric.utilities.data"]:
            sys.modules[name] = module

        arrays = np.load(weights)
        state = collections.OrderedDict()
        for key in arrays.files:
            state["model." + key] = torch.from_numpy(arrays[key].copy())
        sobel = torch.tensor([[-1., 0., 1.], [-2., 0., 2.], [-1., 0., 1.]]) / 32.0
        for axis in "xyz":
            state["gradient_loss.sobel_" + axis] = sobel.expand(3, 3, 3).reshape(1, 1, 3, 3, 3).clone()
        state["uncertainty_loss.log_sigmas.mse"] = torch.zeros(1)

        params = [torch.nn.Parameter(t.clone()) for k, t in state.items() if k.startswith("model.")]
        optimizer = torch.optim.AdamW(params, lr=1e-4, weight_decay=0.01)
        sum((p * p).sum() for p in params).backward()
        optimizer.step()

        base, inputs = state["model.enc1.conv1.weight"].shape[:2]
        checkpoint = {
            "epoch": 31,
            "global_step": 2496,
            "pytorch-lightning_version": "2.1.3",
            "state_dict": state,
            "loops": {"fit_loop": {"state_dict": {}, "epoch_progress": {"total": {"ready": 32, "completed": 31}}}},
            "callbacks": {"ModelCheckpoint{'monitor': 'val/mae_gy', 'mode': 'min'}": {
                "best_model_score": torch.tensor(2.911), "best_model_path": "checkpoints/best-epoch=031-val/mae_gy=2.911.ckpt"}},
            "optimizer_states": [optimizer.state_dict()],
            "lr_schedulers": [{"T_max": 200, "eta_min": 1e-6, "base_lrs": [1e-4], "last_epoch": 31}],
        }
        if with_hparams:
            checkpoint["hparams_name"] = "kwargs"
            checkpoint["hyper_parameters"] = AttributeDict(in_channels=int(inputs), base_channels=int(base), constraint_dim=13,
                patch_size=patch, learning_rate=1e-4, rx_dose_gy=70.0, use_gradient_loss=True, exp_name="baseline_unet_run")
        torch.save(checkpoint, out)
        print(len(state))
        """;

    /// <summary>Writes <paramref name="model"/>'s weights into a Lightning checkpoint at <paramref name="path"/>.</summary>
    public static void Write(BaselineUNet3D model, string path, bool withHyperParameters, int patchSize = 32)
    {
        NumpyPython.RequireModule("torch");
        var weights = path + ".weights.npz";
        using (var npz = NpzWriter.Create(weights))
        {
            foreach (var (key, tensor) in model.state_dict())
            {
                npz.Write(key, NpyArray.Create(tensor.data<float>().ToArray(), [.. tensor.shape.Select(d => (int)d)]));
            }
        }

        var written = NumpyPython.Run(Script, weights, path, withHyperParameters ? "1" : "0", patchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Delete(weights);
        Assert.Equal(model.state_dict().Count + LossKeys.Length, int.Parse(written.Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
