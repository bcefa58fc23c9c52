"""Does SimulatedCuda make CPU-only machines catch the device bugs a real GPU would?"""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn as nn

from course_utils import SimulatedCuda


def test_a_moved_tensor_reports_cuda_and_the_original_stays_on_the_cpu():
    """Is `.to("cuda")` a marked copy, with device, is_cuda and get_device saying cuda:0?"""
    x = torch.arange(6.0)
    with SimulatedCuda():
        y = x.to("cuda")
        assert y.device == torch.device("cuda", 0) and y.is_cuda and y.get_device() == 0
        assert x.device.type == "cpu" and not x.is_cuda and x.get_device() == -1
        z = y.cpu()
        assert z.device.type == "cpu"
        assert torch.equal(z, x)


@pytest.mark.parametrize("move", [lambda t: t.cuda(), lambda t: t.to(torch.device("cuda")),
                                  lambda t: t.to(device="cuda"), lambda t: torch.zeros(2, device="cuda")])
def test_every_route_to_the_gpu_is_tracked(move):
    """Do .cuda(), .to(device), .to(device=...) and factory functions with device= all land on the GPU?"""
    with SimulatedCuda():
        assert move(torch.ones(2)).is_cuda


def test_numpy_on_a_gpu_tensor_raises_the_real_error():
    """Does .numpy() on a GPU tensor fail as on a GPU, while .cpu().numpy(), .tolist() and .item() work?"""
    with SimulatedCuda():
        y = torch.tensor([1.0, 2.0]).to("cuda")
        with pytest.raises(TypeError, match="can't convert cuda:0 device type tensor to numpy"):
            y.numpy()
        with pytest.raises(TypeError, match="cuda"):
            np.asarray(y)
        assert y.cpu().numpy().tolist() == [1.0, 2.0]
        assert y.tolist() == [1.0, 2.0] and y[0].item() == 1.0


def test_mixing_devices_raises_but_scalars_are_allowed():
    """Does an operation on a GPU tensor and a CPU tensor fail, while a 0-d CPU tensor or a number is fine?"""
    with SimulatedCuda():
        gpu, cpu = torch.ones(3).to("cuda"), torch.ones(3)
        with pytest.raises(RuntimeError, match="Expected all tensors to be on the same device"):
            gpu + cpu
        assert (gpu + torch.tensor(2.0)).is_cuda
        assert (gpu * 2).is_cuda


def test_a_model_on_the_gpu_needs_its_inputs_there():
    """With the model moved, does a CPU batch fail and a moved batch give the CPU's numbers exactly?"""
    torch.manual_seed(0)
    model, x = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2)), torch.randn(5, 4)
    expected = model(x)
    with SimulatedCuda() as cuda:
        cuda.move(model)
        with pytest.raises(RuntimeError, match="same device"):
            model(x)
        got = model(x.to("cuda"))
        assert got.is_cuda
        assert torch.equal(got.cpu(), expected)


def test_outside_the_block_nothing_is_simulated():
    """After the block, is a tensor moved inside just a CPU tensor again?"""
    with SimulatedCuda():
        y = torch.ones(2).to("cuda")
    assert y.device.type == "cpu"
    assert y.numpy().tolist() == [1.0, 1.0]
