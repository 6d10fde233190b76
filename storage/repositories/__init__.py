"""SQL implementations of the repository ports; none of them ever commits."""
