"""Finds the device from the model's parameters and builds the array from .tolist()."""
import numpy as np
import torch


def predict(model, images, device):
    model_device = next(model.parameters()).device
    model.eval()
    with torch.no_grad():
        predicted = model(images.to(model_device)).argmax(1)
    return np.array(predicted.tolist(), dtype=np.int64)
