"""Seeding and device choice, so that every notebook runs the same on CPU and CUDA."""

from __future__ import annotations

import os
import random

import numpy as np
import torch

__all__ = ["get_device", "seed_everything"]


def seed_everything(seed: int = 0) -> torch.Generator:
    """Seed Python, NumPy and PyTorch (CPU and CUDA) and return a seeded CPU generator.

    The returned ``torch.Generator`` is handy for drawing test inputs that do not
    depend on how many random numbers earlier cells consumed.
    """
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)  # also seeds every CUDA device
    os.environ["PYTHONHASHSEED"] = str(seed)
    return torch.Generator().manual_seed(seed)


def get_device(prefer: str | None = None) -> torch.device:
    """Return the device to compute on: ``prefer`` if given, else CUDA when present, else CPU.

    ``prefer`` may also come from the environment variable ``COURSE_DEVICE``
    (``cpu`` or ``cuda``), so a whole class can be graded on the CPU.
    """
    name = prefer or os.environ.get("COURSE_DEVICE")
    if name:
        device = torch.device(name)
        if device.type == "cuda" and not torch.cuda.is_available():
            raise RuntimeError(
                f"device {name!r} was asked for but CUDA is not available here; "
                "use get_device('cpu') or unset COURSE_DEVICE"
            )
        return device
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")
