"""Upload safety: size limits, and zip archives checked for escaping paths and links.

Zip archives are also checked for encryption and zip bombs.
"""

from __future__ import annotations

import io
import lzma
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from geo.errors import Problem, UnsafeInputError
from geo.i18n import format_number
from geo.vocab import Lang

#: The unit of every size limit and of every message about one: one mebibyte, 2^20 bytes, written "MiB"
#: (Streamlit's ``server.maxUploadSize`` counts in the same unit).
MIB = 1024 * 1024
#: The upload limit in MiB: the Import page, ``cli.py import --max-mib`` and every message use this one
#: number.
MAX_UPLOAD_MIB = 200


@dataclass(frozen=True)
class UploadLimits:
    """Caps applied to every upload: bytes, and the time and memory to parse it.

    The compression ratio a zip may claim or show is capped too.
    """

    max_upload_bytes: int = MAX_UPLOAD_MIB * MIB
    max_unzipped_bytes: int = 1024 * MIB
    max_ratio: float = 200.0
    max_members: int = 5000
    #: wall-clock seconds the parse of one upload may take (geo.sandbox stops it after that)
    max_seconds: float = 120.0
    #: memory in MiB the parse of one upload may take beyond what the reader holds at start
    max_memory_mib: float = 2048.0


DEFAULT_LIMITS = UploadLimits()
#: What reading a damaged or unusual zip can raise (a version or compression Python does not support
#: included).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    lzma.LZMAError,
)


def format_mib(size_bytes: float, lang: Lang, *, decimals: int = 1) -> str:
    """Return ``size_bytes`` in MiB with the unit, in the number format of ``lang``.

    For example ``1.234,5 MiB`` / ``1,234.5 MiB``.  Whole numbers are written without decimals (``200 MiB``).
    """
    value = size_bytes / MIB
    return f"{format_number(value, lang, decimals=0 if float(value).is_integer() else decimals)} MiB"


def check_upload_size(name: str, size: int, *, limits: UploadLimits = DEFAULT_LIMITS) -> None:
    """Raise :class:`UnsafeInputError` when an upload of ``size`` bytes exceeds the limit."""
    if size > limits.max_upload_bytes:
        raise UnsafeInputError(
            Problem(
                vi=f"tệp quá lớn ({format_mib(size, 'vi')}, giới hạn "
                f"{format_mib(limits.max_upload_bytes, 'vi')}); "
                "hãy cắt dữ liệu theo ranh giới tỉnh hoặc chia nhỏ tệp.",
                en=f"file too large ({format_mib(size, 'en')}, limit "
                f"{format_mib(limits.max_upload_bytes, 'en')}); "
                "clip the data to the province or split the file.",
                file=name,
            )
        )


def is_zip(data: bytes) -> bool:
    """Return True when ``data`` starts like a zip archive (also .xlsx, .kmz)."""
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def _unsafe(name: str, member: str, vi: str, en: str) -> Problem:
    return Problem(vi=vi, en=en, file=name, value=member)


def check_zip(name: str, data: bytes, *, limits: UploadLimits = DEFAULT_LIMITS) -> list[str]:
    """Return the member names of a safe zip; raise :class:`UnsafeInputError` listing every unsafe member.

    Refused: members whose path leaves the archive's folder (absolute, ``..``, drive letters), symbolic links,
    encrypted members, more than ``max_members`` members, and zip bombs — a total unpacked size over
    ``max_unzipped_bytes`` or a compression ratio over ``max_ratio``, both as declared and as actually
    inflated.
    """
    check_upload_size(name, len(data), limits=limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except ZIP_ERRORS as exc:
        raise UnsafeInputError(
            Problem(
                vi=f"tệp zip bị hỏng hoặc không đọc được ({type(exc).__name__}); hãy nén lại tệp.",
                en=f"the zip file is damaged or unreadable ({type(exc).__name__}); zip it again.",
                file=name,
            )
        ) from exc
    problems: list[Problem] = []
    if len(infos) > limits.max_members:
        problems.append(
            Problem(
                vi=f"tệp zip có quá nhiều tệp con ({format_number(len(infos), 'vi')}); giới hạn "
                f"{format_number(limits.max_members, 'vi')}.",
                en=f"the zip holds too many members ({format_number(len(infos), 'en')}); the limit is "
                f"{format_number(limits.max_members, 'en')}.",
                file=name,
            )
        )
        raise UnsafeInputError(problems)
    declared = 0
    for info in infos:
        member = info.filename
        parts = PurePosixPath(member.replace("\\", "/")).parts
        if member.startswith(("/", "\\")) or ".." in parts or (len(member) > 1 and member[1] == ":"):
            problems.append(
                _unsafe(
                    name,
                    member,
                    "đường dẫn thoát ra ngoài thư mục của tệp zip; tệp bị từ chối.",
                    "path escapes the zip's folder; the file is refused.",
                )
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            problems.append(
                _unsafe(
                    name,
                    member,
                    "là liên kết (symlink); tệp zip chứa liên kết bị từ chối.",
                    "is a link (symlink); zips containing links are refused.",
                )
            )
        if info.flag_bits & 0x1:
            problems.append(
                _unsafe(
                    name,
                    member,
                    "được mã hóa bằng mật khẩu; hãy nén lại không đặt mật khẩu.",
                    "is password-encrypted; zip it again without a password.",
                )
            )
        declared += info.file_size
        if (
            info.compress_size
            and info.file_size / info.compress_size > limits.max_ratio
            and info.file_size > MIB
        ):
            problems.append(
                _unsafe(
                    name,
                    member,
                    "tỷ lệ nén bất thường (zip bomb); tệp bị từ chối.",
                    "abnormal compression ratio (zip bomb); the file is refused.",
                )
            )
    if declared > limits.max_unzipped_bytes:
        problems.append(
            Problem(
                vi=f"dung lượng giải nén quá lớn ({format_mib(declared, 'vi')}, giới hạn "
                f"{format_mib(limits.max_unzipped_bytes, 'vi')}); tệp bị từ chối.",
                en=f"unpacked size too large ({format_mib(declared, 'en')}, limit "
                f"{format_mib(limits.max_unzipped_bytes, 'en')}); the file is refused.",
                file=name,
            )
        )
    if problems:
        raise UnsafeInputError(problems)
    _inflate_with_caps(name, archive, infos, limits)
    return [info.filename for info in infos if not info.is_dir()]


def _inflate_with_caps(
    name: str, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: UploadLimits
) -> None:
    """Inflate every member in chunks, stopping as soon as the real size breaks a cap (headers can lie)."""
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        inflated = 0
        try:
            with archive.open(info) as stream:
                while chunk := stream.read(MIB):
                    inflated += len(chunk)
                    total += len(chunk)
                    if total > limits.max_unzipped_bytes or (
                        inflated > MIB and inflated / max(info.compress_size, 1) > limits.max_ratio
                    ):
                        raise UnsafeInputError(
                            _unsafe(
                                name,
                                info.filename,
                                "giải nén vượt giới hạn an toàn (zip bomb); tệp bị từ chối.",
                                "inflates beyond the safety limits (zip bomb); the file is refused.",
                            )
                        )
        except ZIP_ERRORS as exc:
            raise UnsafeInputError(
                _unsafe(
                    name,
                    info.filename,
                    f"tệp con bị hỏng ({type(exc).__name__}); hãy nén lại.",
                    f"damaged member ({type(exc).__name__}); zip it again.",
                )
            ) from exc
