#!/usr/bin/env python3
"""Code and data of a linked program grouped by the crate each symbol comes from.

Usage: symbol-shares.py NM ELF   (NM: the target's nm, e.g. arm-none-eabi-nm)
Prints bytes per crate, largest first, from `nm -S -C`.
"""
import re
import subprocess
import sys
from collections import Counter


def crate_of(name: str) -> str:
    # `<authcore::x::Y as core::fmt::Display>::fmt` belongs to the type's crate.
    name = name.lstrip("<&*_ ")
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)::", name)
    return m.group(1) if m else "(other: C, runtime, anonymous data)"


def main() -> None:
    nm, elf = sys.argv[1], sys.argv[2]
    out = subprocess.run([nm, "-S", "-C", elf], check=True, capture_output=True, text=True).stdout
    sizes: Counter[str] = Counter()
    for line in out.splitlines():
        parts = line.split(None, 3)
        if len(parts) == 4 and parts[2] in "tTrRdDbB":
            sizes[crate_of(parts[3])] += int(parts[1], 16)
    for crate, size in sizes.most_common():
        print(f"{size:8d}  {crate}")


if __name__ == "__main__":
    main()
