"""One pass over the images with integer sums of p and p^2 (no overflow in int64), then the formulas."""
import math

import numpy as np


def mnist_mean_std(images):
    values = np.asarray(images).astype(np.int64)
    n = values.size
    total, total_sq = int(values.sum()), int((values * values).sum())
    mean = total / n
    variance = total_sq / n - mean**2
    return mean / 255, math.sqrt(max(variance, 0.0)) / 255
