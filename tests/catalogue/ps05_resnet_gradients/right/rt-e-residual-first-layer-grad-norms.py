"""RIGHT (first_layer_grad_ratio): builds the residual network first, then the plain one, each after
torch.manual_seed(seed), and reads the stem with layer_grad_norms.

Because the seed is re-applied before each build, the order of the two builds does not change
either network's weights. Uses the notebook's make_net and layer_grad_norms.
"""
import torch
import torch.nn.functional as F


def first_layer_grad_ratio(depth: int, batch, seed: int = 0) -> float:
    images, labels = batch

    def stem_gradient_norm(residual: bool) -> float:
        torch.manual_seed(seed)
        net = make_net(depth, residual).double()
        net.zero_grad(set_to_none=True)
        F.cross_entropy(net(images.double()), labels).backward()
        return next(iter(layer_grad_norms(net).values()))

    residual_norm = stem_gradient_norm(True)
    plain_norm = stem_gradient_norm(False)
    return residual_norm / plain_norm
