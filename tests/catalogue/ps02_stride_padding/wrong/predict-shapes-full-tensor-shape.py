"""Writes the whole output tensor's shape (batch, channels, H, W) instead of (H, W)."""
shape_s1p1 = (1, 2, 5, 5)
shape_s2p0 = (1, 2, 2, 2)
shape_s2p2 = (1, 2, 4, 4)
