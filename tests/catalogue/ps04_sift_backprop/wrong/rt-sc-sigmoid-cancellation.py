"""WRONG (soft_clip): t * (2 * sigmoid(2x / t) - 1) - mathematically t * tanh(x / t), but 2 sigmoid - 1
cancels catastrophically near 0: in float32 sigmoid(z) ~ 0.5 carries an absolute error ~3e-8, so the
output has an absolute error ~6e-8 * t. For |x| ~ 1e-6 t the result is 7 % off (19 % at 1e-7 t), not
within 1 % of x; with t = 100, x = 1e-4 is off by 7e-6, more than the test's 1 % + 1e-7 slack.

At t = 0.2 the visible values (x = +-0.02, 0) are accurate to ~1e-8, so it passes; a hidden grid over
|x| <= 0.1 t with spacing >= 1e-4 t (e.g. linspace with 2001 points) also passes.
"""
import torch


def soft_clip(x, threshold):
    return threshold * (2 * torch.sigmoid(2 * x / threshold) - 1)
