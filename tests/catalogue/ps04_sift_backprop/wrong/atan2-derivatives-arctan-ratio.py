"""Differentiates arctan(dy / dx) through the ratio: the values are right for dx != 0,
but at dx = 0 the ratio is infinite and the result nan."""
import torch


def atan2_derivatives(dy, dx):
    t = dy / dx
    common = 1 / (1 + t**2)
    return common / dx, -common * dy / dx**2
