"""WRONG: returns int32 labels (".int()" to save memory); contract: NumPy int64."""
import numpy as np
import torch


def predict(model, images, device) -> np.ndarray:
    model.eval()
    with torch.no_grad():
        return model(images.to(device)).argmax(1).int().cpu().numpy()
