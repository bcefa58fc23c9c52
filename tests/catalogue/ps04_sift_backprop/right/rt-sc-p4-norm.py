"""RIGHT (soft_clip): x / (1 + (x / t)^4)^(1/4), a smooth p = 4 "soft minimum" of |x| and t: identity to
0.0025 % at |x| = 0.1 t, strictly increasing (derivative (1 + u^4)^(-5/4) > 0), strictly below t
(0.99960 t at x = 5 t, distinguishable from t in float32), odd, any shape.
"""
import torch


def soft_clip(x, threshold):
    u = x / threshold
    return x / (1 + u ** 4) ** 0.25
