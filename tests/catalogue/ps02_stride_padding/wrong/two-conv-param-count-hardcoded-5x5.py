"""The seed mistake in closed form: the flattened size is 32 * 5 * 5 whatever the image size."""


def two_conv_param_count(in_channels, height, width, num_classes):
    return (16 * in_channels * 9 + 16) + (32 * 16 * 9 + 32) + (num_classes * 32 * 5 * 5 + num_classes)
