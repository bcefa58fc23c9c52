"""One helper per layer type, then the sum."""


def two_conv_param_count(in_channels, height, width, num_classes):
    def conv(c_in, c_out, k=3):
        return c_out * (c_in * k * k + 1)

    def linear(m, c):
        return c * (m + 1)

    return conv(in_channels, 16) + conv(16, 32) + linear(32 * height * width, num_classes)
