"""Detaches but never copies to the CPU: .detach().numpy() still fails on a CUDA tensor."""


def predict(model, images, device):
    model.eval()
    logits = model(images.to(device))
    return logits.detach().argmax(dim=1).numpy()
