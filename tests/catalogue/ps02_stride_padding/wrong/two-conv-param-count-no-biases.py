"""Counts the weights and forgets every bias: 16 + 32 + num_classes too few."""


def two_conv_param_count(in_channels, height, width, num_classes):
    return 16 * in_channels * 9 + 32 * 16 * 9 + num_classes * 32 * height * width
