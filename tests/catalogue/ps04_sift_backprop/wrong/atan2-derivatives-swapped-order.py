"""Returns (d theta / d dx, d theta / d dy): the two derivatives in the wrong order."""


def atan2_derivatives(dy, dx):
    r2 = dx**2 + dy**2
    return -dy / r2, dx / r2
