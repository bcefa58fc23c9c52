"""The identity up to t / 2, then a tanh that starts with slope 1/2: continuous and below t,
but with a kink (the slope jumps from 1 to 1/2) at t / 2, so it is not smooth."""
import torch


def soft_clip(x, threshold):
    half = threshold / 2
    return torch.where(x < half, x, half + half * torch.tanh((x - half) / threshold))
