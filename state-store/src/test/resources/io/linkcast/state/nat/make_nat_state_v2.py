#!/usr/bin/env python3
"""Writes nat-state-v2.bin: a NAT state record (version 2, only used slots stored) built from the layout
documented in NatStateCodec, independently of the Java codec. It holds the same state as nat-state-v1.bin;
NatStateCodecTest checks that the Java codec writes exactly these bytes and reads them back.
Shape: m1=4, m2=2, d_z=2, d_s=3."""
import struct

def f32(*xs):
    return b"".join(struct.pack(">f", x) for x in xs)

def slot(key, seq, t, z, snap):
    return struct.pack(">qqd", key, seq, t) + f32(*z) + f32(*snap)

rec = b"NATS" + struct.pack(">H", 2)                  # magic + version
rec += struct.pack(">HHHH", 4, 2, 2, 3)               # m1, m2, d_z, d_s
rec += struct.pack(">q", 42)                          # node
rec += f32(0.5, -1.25, 3.0)                           # self
rec += bytes([1]) + struct.pack(">qqd", 7, 11, 1500000000.25) + f32(1.0, 2.0, -0.0)   # previous
rec += bytes([0b1]) + struct.pack(">qqd", 42, 11, 1500000000.25) + f32(0.125, -2.0)   # n0
rec += bytes([0b1010])                                # n1: slots 1 and 3 used, only they follow
rec += slot(7, 11, 1500000000.25, (1.5, -0.5), (1.0, 2.0, -0.0))
rec += slot(9, 5, 1400000000.0, (0.0, 4.0), (0.25, 0.5, 0.75))
rec += bytes([0b01])                                  # n2: slot 0 used
rec += slot(13, 3, 1300000000.5, (-1.0, 1.0), (3.0, 2.0, 1.0))
open("nat-state-v2.bin", "wb").write(rec)
print(len(rec))
