"""The seed's bug: .numpy() straight on the model's output, which fails when the model is on a GPU."""
import torch


def predict(model, images, device):
    model.eval()
    with torch.no_grad():
        return model(images.to(device)).argmax(dim=1).numpy()
