"""Returns the labels as floats (np.argmax of probabilities, then astype(float))."""
import torch


def predict(model, images, device):
    model.eval()
    with torch.no_grad():
        probabilities = torch.softmax(model(images.to(device)), dim=1).cpu().numpy()
    return probabilities.argmax(axis=1).astype(float)
