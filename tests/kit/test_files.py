"""A file written atomically is the old one or the new one, never a torn one."""

from __future__ import annotations

import os

import pytest
from givefirst_kit.files import write_atomically


def test_the_new_data_replaces_the_old_and_no_temporary_file_is_left(tmp_path):
    path = tmp_path / "folder" / "cached"
    write_atomically(path, b"old")
    write_atomically(path, b"new")
    assert path.read_bytes() == b"new"
    assert os.listdir(path.parent) == ["cached"]


def test_a_write_that_fails_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "cached"
    write_atomically(path, b"old")

    def full_disk(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        write_atomically(path, b"new" * 1000)
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["cached"]
