"""WRONG (atan2_derivatives): divides in place (dx.div_(r2), dy.div_(r2).neg_()), returning the caller's
own tensors, now overwritten with the derivatives.

Values are right. The visible test builds fresh tensors for the worked examples and passes
dy.detach(), dx.detach() for the random ones, then compares with dy.grad/dx.grad, which in-place
changes of the detached data do not touch - so it passes; the caller's dy, dx are destroyed.
"""
import torch


def atan2_derivatives(dy, dx):
    r2 = dx * dx + dy * dy
    return dx.div_(r2), dy.div_(r2).neg_()
