"""Build configuration that pyproject.toml cannot express: the top-level `ontology/` folder
ships inside the package as `kg.ontology` (a package-dir mapping, not a symlink), and every
other package under `kg/` is discovered automatically so none can be left out of the wheel."""

from setuptools import find_packages, setup

setup(
    packages=sorted(find_packages(include=["kg", "kg.*"]) + ["kg.ontology"]),
    package_dir={"kg.ontology": "ontology"},
)
