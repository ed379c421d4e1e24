"""Writes a synthetic Vault snapshot of about SIZE_GIB GiB: a gzipped tar (gzip level 0, so the
bytes on the wire are as many as the content) whose last entry is a non-empty SHA256SUMS.sealed,
at DIR/v1/sys/storage/raft/snapshot, for `python3 -m http.server --directory DIR` to serve.

    synthetic_snapshot.py DIR SIZE_GIB
"""
import io
import os
import sys
import tarfile


class Repeat(io.RawIOBase):
    """Reads `size` bytes by repeating one random block (gzip level 0 stores it as is)."""

    def __init__(self, size):
        self.left = size
        self.block = os.urandom(4 << 20)

    def readable(self):
        return True

    def readinto(self, b):
        n = min(len(b), self.left, len(self.block))
        b[:n] = self.block[:n]
        self.left -= n
        return n


def main():
    root, gib = sys.argv[1], float(sys.argv[2])
    size = int(gib * (1 << 30))
    target = os.path.join(root, "v1", "sys", "storage", "raft")
    os.makedirs(target, exist_ok=True)
    path = os.path.join(target, "snapshot")
    with tarfile.open(path, "w:gz", compresslevel=0) as tar:
        for name, data in (("meta.json", b'{"ID":"synthetic","Index":1}'),):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        info = tarfile.TarInfo("state.bin")
        info.size = size
        tar.addfile(info, io.BufferedReader(Repeat(size), 1 << 20))
        for name, data in (("SHA256SUMS", b"0" * 64 + b"  state.bin\n"), ("SHA256SUMS.sealed", os.urandom(96))):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    print(os.path.getsize(path))


if __name__ == "__main__":
    main()
