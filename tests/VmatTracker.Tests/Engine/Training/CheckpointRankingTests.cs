using VmatTracker.Engine.Models;
using VmatTracker.Engine.Training;
using VmatTracker.Tests.Infrastructure;
using static TorchSharp.torch;

namespace VmatTracker.Tests.Engine.Training;

[Collection(TorchCollection.Name)]
public sealed class CheckpointRankingTests
{
    [Fact]
    public void OfferBest_EqualValues_EarlierEpochRanksFirstEveryTime()
    {
        // Arrange: a tiny model; five epochs, the middle three tied (a model that predicts zeros scores the same).
        using var folder = new TempFolder("ckpt-rank");
        set_num_threads(1);
        using var model = new BaselineUNet3D(3, baseChannels: 4);
        var store = new CheckpointStore(folder.Path, "val/mae_gy", keepBest: 4);
        var state = new TrainerState();

        // Act
        foreach (var (epoch, value) in new[] { (0, 7.0), (1, 6.373), (2, 6.373), (3, 6.373), (4, 6.5) })
        {
            store.OfferBest(model, epoch, value, state);
        }

        // Assert: value first, then epoch; the worst (epoch 0) dropped with its file.
        Assert.Equal([1, 2, 3, 4], state.Best.Select(b => b.Epoch));
        Assert.Equal(4, Directory.GetFiles(folder.Path, "best-*.dat").Length);
    }

    [Fact]
    public void OfferBest_TieWhenFull_KeepsTheEarlierCheckpoint()
    {
        // Arrange
        using var folder = new TempFolder("ckpt-rank");
        set_num_threads(1);
        using var model = new BaselineUNet3D(3, baseChannels: 4);
        var store = new CheckpointStore(folder.Path, "val/mae_gy", keepBest: 1);
        var state = new TrainerState();
        store.OfferBest(model, 0, 6.373, state);

        // Act
        var offered = store.OfferBest(model, 1, 6.373, state);

        // Assert
        Assert.Null(offered);
        Assert.Equal(0, Assert.Single(state.Best).Epoch);
    }
}
