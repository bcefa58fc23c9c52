"""The order read backwards: the filter applied last is named first."""
ORDER = tuple(reversed(find_order(images, outputs, known)[0]))
