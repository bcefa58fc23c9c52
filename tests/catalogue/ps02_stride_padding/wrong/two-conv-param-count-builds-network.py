"""two_conv_param_count that builds nn layers and counts their parameters.

WRONG per the statement: "Do not build the network (it may be large)". Values are right, but for a
large image (e.g. 1000 x 1000 pixels, 1000 classes: a 32e9-weight linear layer) it allocates the weights.
"""
import torch.nn as nn


def two_conv_param_count(in_channels, height, width, num_classes):
    layers = [nn.Conv2d(in_channels, 16, 3, padding=1), nn.Conv2d(16, 32, 3, padding=1),
              nn.Linear(32 * height * width, num_classes)]
    return sum(p.numel() for layer in layers for p in layer.parameters())
