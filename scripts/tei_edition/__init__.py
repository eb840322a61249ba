"""TEI P5 scholarly digital edition: validation, transformation and packaging."""

__version__ = "0.1.0"
