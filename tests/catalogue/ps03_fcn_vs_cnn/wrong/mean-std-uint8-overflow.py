"""E[x^2] - E[x]^2 with the squares taken in uint8, which wraps around at 256."""
import numpy as np


def mnist_mean_std(images):
    mean = images.mean() / 255.0
    mean_of_squares = (images ** 2).mean() / 255.0**2
    return float(mean), float(np.sqrt(max(mean_of_squares - mean**2, 0.0)))
