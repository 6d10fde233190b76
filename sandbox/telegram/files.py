"""Uploaded files: ids, paths and bytes, so getFile and downloads return what was sent."""

from __future__ import annotations

import mimetypes
import secrets
from dataclasses import dataclass
from typing import Any

PHOTO_SIZES = ((320, 240), (1280, 960))
FOLDERS = {"photo": "photos", "document": "documents"}


@dataclass
class StoredFile:
    """One file as Telegram keeps it; `kind` is "photo" or "document"."""

    file_id: str
    file_unique_id: str
    file_path: str
    kind: str
    data: bytes
    mime_type: str | None = None
    file_name: str | None = None
    width: int = 0
    height: int = 0

    def to_file(self) -> dict[str, Any]:
        """The File object getFile answers with."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }

    def to_photo_size(self) -> dict[str, Any]:
        """The PhotoSize object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "width": self.width,
            "height": self.height,
            "file_size": len(self.data),
        }

    def to_document(self) -> dict[str, Any]:
        """The Document object."""
        document: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }
        if self.file_name is not None:
            document["file_name"] = self.file_name
        if self.mime_type is not None:
            document["mime_type"] = self.mime_type
        return document


class FileStore:
    """All files of one emulator, found by file_id or by download path."""

    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._photo_sets: dict[str, list[StoredFile]] = {}
        self._count = 0

    def add_document(self, data: bytes, file_name: str, mime_type: str | None) -> StoredFile:
        """Store a document; the MIME type is guessed from the name when not given."""
        guessed = mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        suffix = "." + file_name.rsplit(".", 1)[1] if "." in file_name else ""
        return self._add("document", data, suffix, file_name=file_name, mime_type=guessed)

    def add_photo(self, data: bytes) -> list[StoredFile]:
        """Store a photo in two sizes, small first, as Telegram lists them.

        The sandbox does not resize images: both sizes hold the uploaded bytes.
        """
        sizes = [self._add("photo", data, ".jpg", width=w, height=h) for w, h in PHOTO_SIZES]
        for size in sizes:
            self._photo_sets[size.file_id] = sizes
        return sizes

    def list_photo_sizes(self, file_id: str) -> list[StoredFile]:
        """All sizes of the photo that this file_id is one size of."""
        return self._photo_sets.get(file_id, [])

    def get(self, file_id: str) -> StoredFile | None:
        """The file with this file_id, if any."""
        return self._by_id.get(file_id)

    def find_by_path(self, file_path: str) -> StoredFile | None:
        """The file served at this download path, if any."""
        return self._by_path.get(file_path)

    def _add(self, kind: str, data: bytes, suffix: str, **details: Any) -> StoredFile:
        self._count += 1
        prefix = "AgAC" if kind == "photo" else "BQAC"
        stored = StoredFile(
            file_id=prefix + secrets.token_urlsafe(30),
            file_unique_id="AQAD" + secrets.token_urlsafe(9),
            file_path=f"{FOLDERS[kind]}/file_{self._count}{suffix}",
            kind=kind,
            data=data,
            **details,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored
