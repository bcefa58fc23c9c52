"""The answer as floats and NumPy ints: the order a tuple of np.int64, the filter a float64 array
equal to the fractions."""
import numpy as np

ORDER = tuple(np.int64(v) for v in find_order(images, outputs, known)[0])
UNKNOWN_FILTER = np.array(snap_to_fractions(fit_unknown_filter(images, outputs, known, ORDER)), dtype=np.float64)
