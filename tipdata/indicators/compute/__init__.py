"""The computations of the indicator catalogue, registered by name, one module per section.

Importing this package registers every computation in ``base.COMPUTATIONS``.
"""

from tipdata.indicators.compute import lineage, prevention, prosecution, protection
from tipdata.indicators.compute.base import COMPUTATIONS, Context, Dimension, Measure

__all__ = [
    "COMPUTATIONS",
    "Context",
    "Dimension",
    "Measure",
    "lineage",
    "prevention",
    "prosecution",
    "protection",
]
