using TorchSharp;
using TorchSharp.Modules;
using VmatTracker.Engine.Training;

namespace VmatTracker.Tests.Engine.Training;

[Collection(TorchCollection.Name)]
public sealed class AdamWOptimizerTests
{
    [Fact]
    public void Step_FirstStep_MatchesPyTorchAdamWByHand()
    {
        // Arrange: p = [1, -2], g = [0.5, -0.25], lr 0.1, λ 0.01. By hand: p·(1 − 0.001), m = 0.1g, v = 0.001g²,
        // m̂ = g, v̂ = g², update = lr·g/(|g| + 1e-8) = ±0.1
        using var parameter = new Parameter(torch.tensor(new[] { 1f, -2f }));
        parameter.grad = torch.tensor(new[] { 0.5f, -0.25f });
        using var optimizer = new AdamWOptimizer([new ParameterGroup([parameter], 0.01)], 0.1);

        // Act
        optimizer.Step();

        // Assert
        var values = parameter.data<float>().ToArray();
        Assert.Equal(0.999 - 0.1, values[0], 5);
        Assert.Equal(-1.998 + 0.1, values[1], 5);
        Assert.Equal(1, optimizer.StepCount);
    }

    [Fact]
    public void Step_SecondStep_UsesBiasCorrectedMoments()
    {
        // Arrange: g1 = 1 then g2 = 3 on p = 0, no decay, lr 0.01
        using var parameter = new Parameter(torch.tensor(new[] { 0f }));
        using var optimizer = new AdamWOptimizer([new ParameterGroup([parameter], 0)], 0.01);
        parameter.grad = torch.tensor(new[] { 1f });
        optimizer.Step();
        parameter.grad = torch.tensor(new[] { 3f });

        // Act
        optimizer.Step();

        // Assert: m = 0.9·0.1 + 0.1·3 = 0.39, v = 0.999·0.001 + 0.001·9 = 0.009999; m̂ = 0.39/0.19, v̂ = 0.009999/0.001999
        var expected = -0.01 - (0.01 * (0.39 / 0.19) / (Math.Sqrt(0.009999 / 0.001999) + 1e-8));
        Assert.Equal(expected, parameter.data<float>()[0], 5);
    }

    [Fact]
    public void SaveLoad_RoundTrip_ContinuesTheSameTrajectory()
    {
        // Arrange
        using var a = new Parameter(torch.tensor(new[] { 0.5f, 1.5f }));
        using var optimizer = new AdamWOptimizer([new ParameterGroup([a], 0.01)], 0.05);
        a.grad = torch.tensor(new[] { 0.2f, -0.7f });
        optimizer.Step();
        using var buffer = new MemoryStream();
        optimizer.Save(new BinaryWriter(buffer));
        using var b = new Parameter(a.detach().clone());
        using var restored = new AdamWOptimizer([new ParameterGroup([b], 0.01)], 0.05);
        buffer.Position = 0;

        // Act
        restored.Load(new BinaryReader(buffer));
        a.grad = torch.tensor(new[] { -0.1f, 0.3f });
        b.grad = torch.tensor(new[] { -0.1f, 0.3f });
        optimizer.Step();
        restored.Step();

        // Assert
        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
        Assert.Equal(2, restored.StepCount);
    }
}
