"""lakse: the Disdukcapil online service desk core (Rust), for Python.

Pure functions (`parse_nik`, `parse_niks`, `parse_kk`, `normalize_phone`,
`mask_nik`, `next_status`, `verify_coupon`) need no handle; everything else is
a method of `Lakse`, opened on a data folder. Errors are `LakseError`
subclasses with a stable `.code`. The names below are written by
`python/generate.py` from `tests/vectors/api.json` and `errors.json`; the
types are in `__init__.pyi`.
"""

from ._generated import *  # noqa: F403
from ._generated import __all__, __version__  # noqa: F401
