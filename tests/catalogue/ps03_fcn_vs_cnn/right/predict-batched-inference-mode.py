"""Predicts in chunks of 256 under torch.inference_mode(), then concatenates on the CPU."""
import numpy as np
import torch


def predict(model, images, device):
    model.eval()
    chunks = []
    with torch.inference_mode():
        for start in range(0, len(images), 256):
            logits = model(images[start:start + 256].to(device))
            chunks.append(logits.argmax(dim=1).to("cpu"))
    return torch.cat(chunks).numpy().astype(np.int64)
