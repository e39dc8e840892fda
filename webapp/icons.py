"""The app icon, drawn in code so that no binary file is committed.

A white bone on the app's blue, as PNG: rounded square for `any`, full bleed with the
bone inside the safe circle for `maskable`.
"""
from __future__ import annotations

import math
import struct
import zlib
from functools import cache

BLUE = (11, 79, 108)
WHITE = (255, 255, 255)


def _bone_distance(x: float, y: float) -> float:
    """Signed distance (unit square, negative inside) to a diagonal bone."""
    # Rotate by 45° around the centre so the bone lies on the x axis.
    cx, cy = x - 0.5, y - 0.5
    u, v = (cx + cy) / math.sqrt(2), (cy - cx) / math.sqrt(2)
    shaft = max(abs(u) - 0.2, abs(v) - 0.055)
    knobs = math.hypot(abs(u) - 0.2, abs(v) - 0.065) - 0.075
    return min(shaft, knobs)


def _pixel(x: float, y: float, maskable: bool) -> tuple[int, int, int, int]:
    scale = 1.25 if maskable else 1.0  # keep the bone inside the maskable safe zone
    inside = _bone_distance(0.5 + (x - 0.5) * scale, 0.5 + (y - 0.5) * scale) < 0
    if not maskable:
        corner = max(abs(x - 0.5) - 0.32, 0) ** 2 + max(abs(y - 0.5) - 0.32, 0) ** 2
        if corner > 0.18**2:
            return (0, 0, 0, 0)
    return (*(WHITE if inside else BLUE), 255)


# The icon's only colours, as a palette (PNG colour type 3): a quarter of the bytes of RGBA, the same pixels.
PALETTE = ((*BLUE, 255), (*WHITE, 255), (0, 0, 0, 0))


@cache
def png(size: int, maskable: bool = False) -> bytes:
    rows = bytearray()
    for j in range(size):
        rows.append(0)  # filter: none
        for i in range(size):
            rows.append(PALETTE.index(_pixel((i + 0.5) / size, (j + 0.5) / size, maskable)))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 3, 0, 0, 0)
    colours = b"".join(bytes(rgba[:3]) for rgba in PALETTE)
    alpha = bytes(rgba[3] for rgba in PALETTE)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"PLTE", colours) + chunk(b"tRNS", alpha)
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))
