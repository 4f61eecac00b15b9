"""The register in memory and how it is built from files: records, the loader, the lifecycle table."""
