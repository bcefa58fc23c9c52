"""Two loops over the cells, skipping the diagonal; the first largest count wins."""


def most_confused_pair(confusion):
    best, pair = None, None
    for i in range(len(confusion)):
        for j in range(len(confusion[i])):
            if i != j and (best is None or confusion[i][j] > best):
                best, pair = confusion[i][j], (i, j)
    return pair
