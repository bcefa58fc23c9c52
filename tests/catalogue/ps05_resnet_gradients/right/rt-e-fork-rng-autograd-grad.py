"""RIGHT (first_layer_grad_ratio): torch.random.fork_rng around each build, torch.autograd.grad for the
stem weight only.

Inside fork_rng, torch.manual_seed(seed) gives the same weights as a bare manual_seed, and
the caller's random state is restored afterwards (a harmless extra). autograd.grad of the
mean cross-entropy with respect to the stem's weight is the same gradient that backward()
stores in .grad. float64 throughout, on the CPU. A test that checks the global RNG state
after the call (expecting it to be the state right after seeding and building the residual
net) would reject it; the statement only asks to seed before each build. Uses the notebook's
make_net.
"""
import torch
import torch.nn.functional as F


def first_layer_grad_ratio(depth: int, batch, seed: int = 0) -> float:
    images, labels = batch
    x = images.to(torch.float64)
    norms = []
    for residual in (False, True):
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            net = make_net(depth, residual)
        net = net.to(torch.float64)
        stem_weight = [p for p in net.parameters() if p.dim() > 1][0]
        (grad,) = torch.autograd.grad(F.cross_entropy(net(x), labels, reduction="mean"), stem_weight)
        norms.append(torch.linalg.vector_norm(grad).item())
    return float(norms[1] / norms[0])
