"""Helpers shared by the course notebooks: checks, data, images, plotting, seeding, device.

Nothing here is the answer to an exercise. Students import it from their
notebooks (``from course_utils import check_close``); instructors' hidden tests
use the same checks so that every failure explains itself.
"""

from course_utils.checks import (
    ForbiddenCallError,
    check_close,
    check_dtype,
    check_plain,
    check_returns,
    check_shape,
    check_type,
    forbid,
    rel_error,
)
from course_utils.data import (
    PATTERN_CLASSES,
    MnistNotFoundError,
    SyntheticPatterns,
    load_mnist,
    mnist_loader,
    normalize_images,
)
from course_utils.images import list_images, load_image, make_view_pair
from course_utils.plotting import show_images
from course_utils.runtime import get_device, seed_everything
from course_utils.simulated_cuda import SimulatedCuda

__all__ = [
    "ForbiddenCallError",
    "MnistNotFoundError",
    "PATTERN_CLASSES",
    "SimulatedCuda",
    "SyntheticPatterns",
    "check_close",
    "check_dtype",
    "check_plain",
    "check_returns",
    "check_shape",
    "check_type",
    "forbid",
    "get_device",
    "list_images",
    "load_image",
    "load_mnist",
    "make_view_pair",
    "mnist_loader",
    "normalize_images",
    "rel_error",
    "seed_everything",
    "show_images",
]
