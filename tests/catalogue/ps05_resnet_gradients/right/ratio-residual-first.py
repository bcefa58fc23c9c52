"""The residual network first, then the plain one (each seeded, so the order does not matter); the stem
found as the first parameter with dim() > 1; .to(torch.float64)."""
import torch
import torch.nn.functional as F


def first_layer_grad_ratio(depth, batch, seed=0):
    images, labels = batch[0], batch[1]
    norm = {}
    for residual in (True, False):
        torch.manual_seed(seed)
        net = make_net(depth, residual).to(torch.float64)  # noqa: F821
        loss = F.cross_entropy(net(images.to(torch.float64)), labels, reduction="mean")
        loss.backward()
        stem = next(p for p in net.parameters() if p.dim() > 1)
        norm[residual] = stem.grad.norm().item()
    return float(norm[True] / norm[False])
