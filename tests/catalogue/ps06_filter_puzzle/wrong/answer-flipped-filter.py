"""The fitted filter turned by 180 degrees: the answer a true-convolution convention gives."""
UNKNOWN_FILTER = snap_to_fractions(
    fit_unknown_filter(images, outputs, known, find_order(images, outputs, known)[0]))[::-1, ::-1]
