"""corr2d: values are exact, but for an integer image and integer kernel the result is an
INTEGER tensor: it builds the output by torch.stack of the window sums, whose dtype follows
the inputs. Statement: "Return a floating-point tensor, even when X holds integers";
contract: "-> float tensor"."""
import torch


def corr2d(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    kh, kw = K.shape
    rows = []
    for i in range(X.shape[0] - kh + 1):
        rows.append(torch.stack([(X[i:i + kh, j:j + kw] * K).sum() for j in range(X.shape[1] - kw + 1)]))
    return torch.stack(rows)
