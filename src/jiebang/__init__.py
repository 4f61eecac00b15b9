"""jiebang: run a 揭榜挂帅 programme from a register of YAML files kept under git."""

__version__ = "0.1.0"
