"""The data layer: the published Data Package, loaded once and validated, and queries over it."""

from .package import DataError, DataPackage, Problem, Resource, load_package

__all__ = ["DataError", "DataPackage", "Problem", "Resource", "load_package"]
