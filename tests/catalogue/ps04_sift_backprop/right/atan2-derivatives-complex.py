"""theta is the imaginary part of log(z), z = dx + i dy, and d log z / dz = 1 / z: so
d theta / d dy = Re(1 / z) and d theta / d dx = Im(1 / z)."""
import torch


def atan2_derivatives(dy, dx):
    inverse = 1 / torch.complex(dx, dy)
    return inverse.real, inverse.imag
