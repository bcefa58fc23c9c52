"""Signs the wrong way round: (-dx, dy) / (dx^2 + dy^2)."""


def atan2_derivatives(dy, dx):
    r2 = dx**2 + dy**2
    return -dx / r2, dy / r2
