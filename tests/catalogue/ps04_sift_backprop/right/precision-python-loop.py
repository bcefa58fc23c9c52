"""A plain Python loop with math.hypot, one match at a time."""
import math


def match_precision(kp1, kp2, matches, H, tol_px=3.0):
    correct = 0
    for m in matches:
        x, y = kp1[m.queryIdx].pt
        u = H[0][0] * x + H[0][1] * y + H[0][2]
        v = H[1][0] * x + H[1][1] * y + H[1][2]
        w = H[2][0] * x + H[2][1] * y + H[2][2]
        qx, qy = kp2[m.trainIdx].pt
        if math.hypot(u / w - qx, v / w - qy) <= tol_px:
            correct += 1
    return correct / len(matches) if matches else 0.0
