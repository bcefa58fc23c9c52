"""A CUDA device simulated on the CPU, so that device bugs show on a machine without a GPU.

Code that works on the CPU can still break on a GPU: a batch left on the CPU while
the model lives on the GPU, or ``.numpy()`` called on a GPU tensor (the bug of one
of this course's origin notebooks). Inside ``with SimulatedCuda() as cuda:``
everything is computed on the CPU, bit for bit as usual, but with CUDA's rules:

* moving a tensor or a module to ``"cuda"`` (``.to``, ``.cuda()``, ``device=``,
  ``cuda.move(module)``) marks the result as living on ``cuda:0``; the original stays
  on the CPU, as with a real copy; ``.cpu()`` gives an unmarked copy;
* ``.device``, ``.is_cuda`` and ``.get_device()`` report ``cuda:0`` for marked tensors;
* an operation mixing a marked tensor with a CPU tensor (0-d ones aside) raises
  PyTorch's "Expected all tensors to be on the same device" error;
* ``.numpy()`` (and ``np.asarray``) on a marked tensor raises the error a real GPU
  gives; ``.tolist()``, ``.item()`` and ``.numpy(force=True)`` work, as they do there.

It does not cover CUDA-only calls such as ``torch.cuda.synchronize()`` or autocast.
Hidden tests use it; students may too::

    with SimulatedCuda() as cuda:
        cuda.move(model)
        labels = predict(model, images, torch.device("cuda"))
"""

from __future__ import annotations

import torch
from torch.overrides import TorchFunctionMode

__all__ = ["SimulatedCuda"]


class SimulatedCuda(TorchFunctionMode):
    """Computes on the CPU but keeps CUDA's rules, so that device bugs show without a GPU:
    a tensor moved to "cuda" is tracked as living there, an operation may not mix it with
    CPU tensors (0-d ones aside), and .numpy() on it raises the error a real GPU gives."""

    @staticmethod
    def on(t: object) -> bool:
        """Whether ``t`` is a tensor that lives on the simulated GPU."""
        return isinstance(t, torch.Tensor) and t.__dict__.get("_simulated_cuda", False)

    @staticmethod
    def put(t: object, flag: bool = True) -> object:
        """Mark tensor ``t`` as living on the simulated GPU (or, with ``flag=False``, on the CPU)."""
        if isinstance(t, torch.Tensor):
            t.__dict__["_simulated_cuda"] = flag
        return t

    def move(self, module: torch.nn.Module) -> torch.nn.Module:
        """Put every parameter and buffer of ``module`` on the simulated GPU, in place."""
        for t in [*module.parameters(), *module.buffers()]:
            self.put(t)
        return module

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs, on, put = dict(kwargs or {}), self.on, self.put
        me = args[0] if args else None
        name = getattr(func, "__name__", "")
        attr = getattr(getattr(func, "__self__", None), "__name__", "")
        if name == "__get__" and attr in ("device", "is_cuda", "is_cpu"):
            real = func(*args)
            return {"device": torch.device("cuda", 0), "is_cuda": True, "is_cpu": False}[attr] if on(me) else real
        if name == "__set__" and attr == "data":
            func(*args)
            put(me, on(args[1]))
            return None
        if func in (torch.Tensor.numpy, torch.Tensor.__array__) and on(me) and not kwargs.get("force"):
            raise TypeError("can't convert cuda:0 device type tensor to numpy. "
                            "Use Tensor.cpu() to copy the tensor to host memory first.")
        if func is torch.Tensor.get_device:
            return 0 if on(me) else -1
        is_device = lambda a: isinstance(a, (str, torch.device)) or (isinstance(a, int) and not isinstance(a, bool))
        kind = lambda a: ("cuda" if on(a) else "cpu") if isinstance(a, torch.Tensor) else torch.device(a).type
        if func in (torch.Tensor.to, torch.Tensor.cuda, torch.Tensor.cpu):
            target = {torch.Tensor.cuda: "cuda", torch.Tensor.cpu: "cpu"}.get(func)
            out = me
            if func is torch.Tensor.to:
                rest = list(args[1:])
                for i, a in enumerate(rest):
                    if is_device(a) or isinstance(a, torch.Tensor):
                        target, rest[i] = kind(a), "cpu" if is_device(a) else a
                        break
                if kwargs.get("device") is not None:
                    target, kwargs["device"] = kind(kwargs["device"]), "cpu"
                if isinstance(kwargs.get("other"), torch.Tensor):
                    target = kind(kwargs["other"])
                out = func(me, *rest, **kwargs)
            target = target or ("cuda" if on(me) else "cpu")
            if out is me and on(me) != (target == "cuda"):
                out = me.clone()  # a real move makes a new tensor and leaves the original where it was
            return put(out, target == "cuda")
        to_cuda = kwargs.get("device") is not None and kind(kwargs["device"]) == "cuda"
        if to_cuda:
            kwargs["device"] = "cpu"

        def leaves(obj):
            if isinstance(obj, (list, tuple)):
                return [leaf for item in obj for leaf in leaves(item)]
            if isinstance(obj, dict):
                return [leaf for item in obj.values() for leaf in leaves(item)]
            return [obj] if isinstance(obj, torch.Tensor) else []

        tensors = leaves((args, kwargs))
        flags = [on(t) for t in tensors]
        exempt = (name.startswith("_") and not name.startswith("__")) or name in (
            "__get__", "__set__", "__getitem__", "__setitem__", "copy_")
        if any(flags) and not exempt and any(not f and t.dim() > 0 for t, f in zip(tensors, flags)):
            raise RuntimeError(f"{name}: Expected all tensors to be on the same device, "
                               "but found at least two devices, cuda:0 and cpu!")
        out = func(*args, **kwargs)
        if to_cuda or any(flags):
            for t in leaves(out):
                put(t)
        return out
