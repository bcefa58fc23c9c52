"""Forgets that padding 1 keeps the size: flattens 32 * (H - 4) * (W - 4) features."""


def two_conv_param_count(in_channels, height, width, num_classes):
    flat = 32 * (height - 4) * (width - 4)
    return (16 * in_channels * 9 + 16) + (32 * 16 * 9 + 32) + (num_classes * flat + num_classes)
