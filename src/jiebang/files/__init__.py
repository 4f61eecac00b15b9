"""Register I/O: parsing YAML, locating values, finding the register, keeping paths inside it."""
