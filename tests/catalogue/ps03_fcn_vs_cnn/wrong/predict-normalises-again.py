"""Normalises the (already normalised) images a second time with the MNIST constants."""
import torch


def predict(model, images, device):
    model.eval()
    with torch.no_grad():
        x = (images - 0.1307) / 0.3081
        return model(x.to(device)).argmax(dim=1).cpu().numpy()
