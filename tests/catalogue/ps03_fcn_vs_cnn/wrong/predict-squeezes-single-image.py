"""squeeze() after argmax: harmless for many images, but one image gives a 0-d array instead of shape (1,)."""
import torch


def predict(model, images, device):
    model.eval()
    with torch.no_grad():
        return model(images.to(device)).argmax(dim=1).squeeze().cpu().numpy()
