"""The runner-up order, the one with the second-smallest residual: its best fit comes close,
but not to rounding error."""
_ranked = sorted(find_order(images, outputs, known)[1].items(), key=lambda item: item[1])
ORDER = _ranked[1][0]
