"""RIGHT (corner_error): pure Python: each corner mapped by each H with the division by w written out,
math.dist for the Euclidean distance, statistics-free mean; returns a Python float.
"""
import math


def corner_error(H_est, H_true, shape):
    height, width = shape[0], shape[1]

    def apply(H, x, y):
        u = H[0][0] * x + H[0][1] * y + H[0][2]
        v = H[1][0] * x + H[1][1] * y + H[1][2]
        w = H[2][0] * x + H[2][1] * y + H[2][2]
        return float(u / w), float(v / w)

    corners = [(0, 0), (width - 1, 0), (width - 1, height - 1), (0, height - 1)]
    total = sum(math.dist(apply(H_est, x, y), apply(H_true, x, y)) for x, y in corners)
    return total / 4.0
