"""Predictions that forget the final + 1 of the formula (the window's first position)."""
shape_s1p1 = (4, 4)
shape_s2p0 = (1, 1)
shape_s2p2 = (3, 3)
