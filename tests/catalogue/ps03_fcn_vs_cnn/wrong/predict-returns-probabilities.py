"""Returns the softmax probabilities (N, 10) instead of the predicted labels."""
import torch


def predict(model, images, device):
    model.eval()
    with torch.no_grad():
        return torch.softmax(model(images.to(device)), dim=1).cpu().numpy()
