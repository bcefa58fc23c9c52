"""RIGHT (by the statement) (gradient_magnitude_orientation): writes dy as -(L[y-1, x] - L[y+1, x]),
algebraically L[y+1, x] - L[y-1, x]. Every value is identical except that where the two rows are equal
dy is -0.0 instead of +0.0, so on the negative x-axis (dx < 0, dy = 0) atan2 returns -pi instead of +pi.

The statement asks for theta "in [-pi, pi] as torch.atan2 gives it" and both -pi and +pi are in that
closed range and are the same direction. A hidden test comparing theta elementwise with a reference on
integer images with zero and negative gradients (the issue says it tests "inputs with negative or zero
gradients") would see a 2 pi difference and reject this otherwise correct answer; a test comparing
angles modulo 2 pi would not.
"""
import torch


def gradient_magnitude_orientation(L):
    dx = L[1:-1, 2:] - L[1:-1, :-2]
    dy = -(L[:-2, 1:-1] - L[2:, 1:-1])
    return torch.sqrt(dx ** 2 + dy ** 2), torch.atan2(dy, dx)
