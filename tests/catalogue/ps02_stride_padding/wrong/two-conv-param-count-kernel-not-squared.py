"""Counts a 3x3 kernel as 3 weights per channel pair instead of 9."""


def two_conv_param_count(in_channels, height, width, num_classes):
    return (16 * in_channels * 3 + 16) + (32 * 16 * 3 + 32) + (num_classes * 32 * height * width + num_classes)
