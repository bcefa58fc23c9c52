"""The right predictions written as a list, a torch.Size and a tuple."""
import torch

shape_s1p1 = [5, 5]
shape_s2p0 = torch.Size([2, 2])
shape_s2p2 = (4, 4)
