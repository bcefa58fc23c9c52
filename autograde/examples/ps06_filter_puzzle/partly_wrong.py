"""Three wrong answers to ps06_filter_puzzle, spliced into the reference by ``python -m autograde demo``.

The other answers of the notebook stay correct, so this submission must lose some
points, not all.

``load_puzzle``
    The seed's scale confusion (``ps06-load-puzzle-scales-by-256``): ``plt.imread`` gives
    bytes divided by 255, and this answer multiplies them by 256, as the seed's write-up
    suggested. The files are paired and ordered correctly; only the scale test fails.
    Every fitted filter comes out 255/256 of the truth (0.2490 for 1/4), which a correct
    snap to fractions would hide and the three-decimal rounding below does not.
``fit_unknown_filter``
    The seed's gradient descent (``ps06-fit-gd-seed-adam``): Adam at a fixed learning rate
    of 0.0875 for 500 steps, float32, no check that it converged. Close on the puzzle's
    small filter, 0.2 off on a filter with weights 1 and 2. The least-squares branch is right.
``snap_to_fractions``
    The seed's way of recognising the filter (``ps06-snap-three-decimals``): rounding to
    three decimals, which turns 1/3 into 0.333 and, in the final answer, the slightly
    mis-scaled 1/4 into 0.249.

Each function imports what it uses, so it runs whatever the notebook imported (only the
``def`` statements are spliced in, see ``autograde.notebooks.functions_in``).
"""


def load_puzzle(path):
    """(images, outputs, known), WRONG: the images are scaled by 256 instead of 255."""
    from pathlib import Path

    import matplotlib.pyplot as plt
    import numpy as np

    folder = Path(path)
    pngs = sorted((p for p in folder.glob("*.png") if p.stem.isdigit()), key=lambda p: int(p.stem))
    images = [plt.imread(p).astype(np.float64) * 256 for p in pngs]  # should be * 255
    outputs = [np.loadtxt(p.with_suffix(".txt"), ndmin=2) for p in pngs]
    algos = np.loadtxt(folder / "algos.csv", delimiter=",")
    return images, outputs, [algos[:3], algos[3:]]


def fit_unknown_filter(images, outputs, known, order, method="lstsq"):
    """The unknown filter; method="gd" WRONG: the seed's fixed-rate Adam, stopped after 500 steps."""
    import numpy as np
    import torch
    import torch.nn.functional as F

    if method == "gd":
        xs = torch.tensor(np.stack(images), dtype=torch.float32)
        ys = torch.tensor(np.stack(outputs), dtype=torch.float32)
        frozen = [torch.tensor(np.asarray(k), dtype=torch.float32) for k in known]
        theta = (0.01 * torch.randn(3, 3, generator=torch.Generator().manual_seed(0))).requires_grad_()
        optimizer = torch.optim.Adam([theta], lr=0.0875)
        for _ in range(500):  # no convergence check
            optimizer.zero_grad()
            loss = F.mse_loss(apply_chain(xs, [*frozen, theta], order), ys)  # noqa: F821 -- the notebook's
            loss.backward()
            optimizer.step()
        return theta.detach().double().numpy()
    x = np.stack([np.asarray(image, dtype=np.float64) for image in images])
    y = np.stack([np.asarray(output, dtype=np.float64) for output in outputs])
    columns = [apply_chain(x, [known[0], known[1], unit.reshape(3, 3)], order).ravel()  # noqa: F821
               for unit in np.eye(9)]
    theta, *_ = np.linalg.lstsq(np.stack(columns, axis=1), y.ravel(), rcond=None)
    return theta.reshape(3, 3)


def snap_to_fractions(kernel, max_denominator=16):
    """Simple fractions, WRONG: rounds to three decimals instead."""
    import numpy as np

    return np.round(np.asarray(kernel, dtype=np.float64), 3)
