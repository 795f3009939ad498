"""factcheck: catch numbers that disagree across articles about the same story."""

__version__ = "0.1.0"

__all__ = ["__version__"]
