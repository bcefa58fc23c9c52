"""The right order, as a list instead of the tuple the answer asks for."""
ORDER = list(find_order(images, outputs, known)[0])
