"""Sizes the linear layer with the first convolution's 16 channels instead of the second's 32."""


def two_conv_param_count(in_channels, height, width, num_classes):
    return (16 * in_channels * 9 + 16) + (32 * 16 * 9 + 32) + (num_classes * 16 * height * width + num_classes)
