"""The filter fitted on images in [0, 1] (the scale trap): every weight 255 times too large,
so it reproduces the outputs only from images that nobody will give it."""
UNKNOWN_FILTER = snap_to_fractions(fit_unknown_filter([x / 255 for x in images], outputs, known,
                                                      find_order(images, outputs, known)[0]))
