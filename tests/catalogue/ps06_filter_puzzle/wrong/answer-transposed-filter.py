"""The fitted filter transposed (rows and columns swapped, as when the unit kernels are laid
out column by column)."""
UNKNOWN_FILTER = snap_to_fractions(fit_unknown_filter(images, outputs, known, find_order(images, outputs, known)[0])).T
