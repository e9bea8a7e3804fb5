"""Runfolio run logger: write experiment runs straight into a Runfolio ``runs/`` folder.

Single file, standard library only, Python 3.8+. Copy it next to your training script.

    import runfolio
    run = runfolio.init(project="nanogpt", name="lr-3e-4", config={"lr": 3e-4})
    for step in range(1000):
        run.log({"train/loss": loss})
    run.summary["best/val_loss"] = best
    run.finish()

It writes ``runs/<project>/<name>/run.json`` (metadata, config, summary) and appends one JSON line
per ``log`` call to ``runs/<project>/<name>/history.jsonl``. Module-level ``init`` / ``log`` /
``finish`` / ``config`` / ``summary`` act on the current run, so ``import runfolio as wandb`` works
for the common ``wandb.init`` / ``wandb.log`` / ``wandb.config`` / ``wandb.summary`` /
``wandb.finish`` calls. ``Image``, ``Audio``, ``Video``, ``Table``, ``Histogram`` and the plots
``confusion_matrix`` / ``pr_curve`` / ``roc_curve`` (also as ``wandb.plot.*``) are logged into the
run folder's media, table, histogram and plot files; ``init(system_metrics=True)`` samples system
use into system.jsonl. See docs/python-logger.md.
"""

import atexit
import datetime as _dt
import json
import math
import os
import re
import signal
import subprocess
import sys
import threading
import time
import traceback
import warnings

__all__ = [
    "init", "log", "finish", "Run", "run", "config", "summary",
    "Image", "Audio", "Video", "Table", "Histogram", "confusion_matrix", "pr_curve", "roc_curve", "plot",
]
__version__ = "0.1.0"
#: The run format this logger writes (docs/run-format.md, docs/versions.md).
RUN_FORMAT_VERSION = 1

#: The current run (the last one started with ``init`` in this process), or None.
run = None
#: The current run's config (a dict with attribute access), or None before ``init``.
config = None
#: The current run's explicit summary values (a dict), or None before ``init``.
summary = None

_RESERVED = ("_step", "_timestamp", "step", "time", "timestamp")
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _slug(text):
    s = _SAFE.sub("-", str(text)).strip("-")
    s = re.sub(r"-{2,}", "-", s).lstrip(".")
    return s or "run"


def _utc_iso(t):
    d = _dt.datetime.fromtimestamp(t, tz=_dt.timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (d.microsecond // 1000)


def _git(args, cwd):
    try:
        out = subprocess.run(
            ["git"] + args,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            timeout=5,
            check=True,
        ).stdout
        return out.decode("utf-8", "replace").strip()
    except Exception:  # git missing, not a repository, timeout, ...
        return None


def _git_info(cwd):
    commit = _git(["rev-parse", "HEAD"], cwd)
    if not commit:
        return None
    info = {"commit": commit}
    branch = _git(["rev-parse", "--abbrev-ref", "HEAD"], cwd)
    if branch and branch != "HEAD":
        info["branch"] = branch
    status = _git(["status", "--porcelain", "--untracked-files=no"], cwd)
    if status is not None:
        info["dirty"] = status != ""
    remote = _git(["config", "--get", "remote.origin.url"], cwd)
    if remote:
        info["remote"] = remote
    return info


def _to_number(value):
    """A loggable number (int/float, numpy/torch scalars via .item()), or None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    item = getattr(value, "item", None)
    if callable(item):
        try:
            v = item()
        except Exception:
            return None
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return v
    return None


def _jsonable(value):
    """Config/summary values as JSON: numpy/torch scalars unwrapped, tuples as lists, others as text."""
    if value is None or isinstance(value, (bool, str)):
        return value
    n = _to_number(value)
    if n is not None:
        return n
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        try:
            return _jsonable(tolist())
        except Exception:
            pass
    return str(value)


def _flatten(prefix, value, out, skipped, rich):
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten("%s/%s" % (prefix, k) if prefix else str(k), v, out, skipped, rich)
        return
    if value is None:
        return
    if isinstance(value, _LOGGABLE) or _is_media_list(value):
        rich.append((prefix, value))
        return
    n = _to_number(value)
    if n is None:
        skipped.append(prefix)
        return
    out[prefix] = n


def _dumps(obj):
    # allow_nan (the default) writes bare NaN / Infinity / -Infinity, which Runfolio reads as
    # logged non-finite values (gaps in charts, never zeros).
    return json.dumps(obj, ensure_ascii=False, allow_nan=True, separators=(",", ":"))


# -- media, tables, histograms and evaluation plots ------------------------------------------
# Written in the run-folder formats of docs/run-format.md: a media file is complete (temp file,
# then os.replace) before the index line naming it is appended, and every index line is one
# os.write on an O_APPEND descriptor, so a killed process leaves files the reader accepts.

_IMAGE_EXT = ("png", "jpg", "jpeg", "webp", "gif", "svg")
_AUDIO_EXT = ("wav", "mp3")
_VIDEO_EXT = ("mp4", "webm")


def _sniff(data):
    """The file extension of media bytes, from their first bytes, or None."""
    head = bytes(data[:32])
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "webm"
    text = head.lstrip().lower()
    if text.startswith(b"<svg") or (text.startswith(b"<?xml") and b"<svg" in bytes(data[:1024]).lower()):
        return "svg"
    return None


def _image_size(data, ext):
    """(width, height) read from a PNG, GIF or JPEG header, or None."""
    try:
        if ext == "png" and len(data) >= 24:
            return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        if ext == "gif" and len(data) >= 10:
            return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
        if ext in ("jpg", "jpeg"):
            i = 2
            while i + 9 < len(data):
                if data[i] != 0xFF:
                    return None
                marker = data[i + 1]
                size = int.from_bytes(data[i + 2:i + 4], "big")
                if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                    return int.from_bytes(data[i + 7:i + 9], "big"), int.from_bytes(data[i + 5:i + 7], "big")
                i += 2 + size
    except Exception:
        pass
    return None


def _png_chunk(kind, body):
    import zlib

    return len(body).to_bytes(4, "big") + kind + body + (zlib.crc32(kind + body) & 0xFFFFFFFF).to_bytes(4, "big")


def _encode_png(pixels):
    """PNG bytes of an image given as rows of pixels: each pixel a number (grey) or a list of 1, 3
    or 4 channels (grey, RGB, RGBA). Floats are read as 0..1 when no value exceeds 1, else 0..255;
    values are clipped to 0..255."""
    import zlib

    rows = [list(r) for r in pixels]
    if not rows or not rows[0]:
        raise ValueError("runfolio.Image: an image array needs at least one row and one column")
    width = len(rows[0])
    first = rows[0][0]
    channels = 1 if _to_number(first) is not None else len(first)
    if channels not in (1, 3, 4):
        raise ValueError("runfolio.Image: pixels need 1, 3 or 4 channels (grey, RGB, RGBA), got %d" % channels)
    flat = []
    for r in rows:
        if len(r) != width:
            raise ValueError("runfolio.Image: image rows have different lengths (%d and %d)" % (width, len(r)))
        for p in r:
            if channels == 1:
                n = _to_number(p)
                if n is None:
                    if len(p) != 1:
                        raise ValueError("runfolio.Image: every pixel needs the same number of channels")
                    n = _to_number(p[0])
                flat.append(n)
            else:
                if len(p) != channels:
                    raise ValueError("runfolio.Image: every pixel needs the same number of channels")
                flat.extend(_to_number(c) for c in p)
    if any(v is None for v in flat):
        raise ValueError("runfolio.Image: pixel values must be numbers")
    finite = [v for v in flat if v == v and v not in (float("inf"), float("-inf"))]
    scale = 255.0 if any(isinstance(v, float) for v in flat) and finite and max(finite) <= 1.0 else 1.0
    out = bytearray(len(flat))
    for i, v in enumerate(flat):
        if v != v:
            v = 0
        v = v * scale
        out[i] = 0 if v <= 0 else 255 if v >= 255 else int(round(v))
    stride = width * channels
    raw = bytearray()
    for y in range(len(rows)):
        raw.append(0)  # filter type None: simple, and deterministic
        raw.extend(out[y * stride:(y + 1) * stride])
    color = {1: 0, 3: 2, 4: 6}[channels]
    header = width.to_bytes(4, "big") + len(rows).to_bytes(4, "big") + bytes([8, color, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + _png_chunk(b"IEND", b"")


def _array_to_png(data):
    """PNG bytes of an array-like image (numpy array, torch tensor, nested lists): HxW, HxWxC, or
    CxHxW (C = 1, 3, 4). Pillow encodes it when importable, else the pure-Python writer."""
    shape = getattr(data, "shape", None)
    if shape is not None and len(shape) == 3 and shape[0] in (1, 3, 4) and shape[2] not in (1, 3, 4):
        data = data.transpose(1, 2, 0)  # channels first (torch) -> channels last
        shape = data.shape
    if shape is not None:
        try:
            import numpy as np
            from PIL import Image as _PILImage

            a = np.asarray(data)
            if a.dtype != np.uint8:
                a = a.astype(np.float64)
                a = np.nan_to_num(a)
                if a.size and a.max() <= 1.0:
                    a = a * 255.0
                a = np.clip(np.round(a), 0, 255).astype(np.uint8)
            if a.ndim == 3 and a.shape[2] == 1:
                a = a[:, :, 0]
            import io

            buf = io.BytesIO()
            _PILImage.fromarray(a).save(buf, format="PNG")
            return buf.getvalue()
        except ImportError:
            pass
    tolist = getattr(data, "tolist", None)
    return _encode_png(tolist() if callable(tolist) else data)


def _box_list(boxes, size):
    """Boxes as the run format stores them ({x, y, w, h, label?, score?} in pixels), from that
    form or from W&B's {"group": {"box_data": [...], "class_labels": {...}}}."""
    if boxes is None:
        return None
    if isinstance(boxes, dict):
        out = []
        for group in boxes.values():
            names = {}
            for k, v in dict(group.get("class_labels") or {}).items():
                names[str(k)] = str(v)
            for b in group.get("box_data") or []:
                pos = b.get("position") or {}
                if "middle" in pos:
                    (mx, my), w, h = pos["middle"], pos["width"], pos["height"]
                    x0, y0, x1, y1 = mx - w / 2.0, my - h / 2.0, mx + w / 2.0, my + h / 2.0
                else:
                    x0, y0, x1, y1 = pos["minX"], pos["minY"], pos["maxX"], pos["maxY"]
                if b.get("domain") != "pixel":
                    if size is None:
                        raise ValueError("runfolio.Image: boxes in relative units need an image whose size is known (PNG, JPEG, GIF or an array)")
                    x0, x1, y0, y1 = x0 * size[0], x1 * size[0], y0 * size[1], y1 * size[1]
                box = {"x": x0, "y": y0, "w": x1 - x0, "h": y1 - y0}
                label = b.get("box_caption") or names.get(str(b.get("class_id")))
                if label is not None:
                    box["label"] = str(label)
                scores = b.get("scores") or {}
                if scores:
                    box["score"] = _to_number(next(iter(scores.values())))
                out.append(box)
        boxes = out
    result = []
    for b in boxes:
        box = {}
        for k in ("x", "y", "w", "h"):
            n = _to_number(b.get(k)) if isinstance(b, dict) else None
            if n is None or n != n or n in (float("inf"), float("-inf")):
                raise ValueError("runfolio.Image: every box needs numbers x, y, w, h (pixels); got %r" % (b,))
            box[k] = round(n, 3) if isinstance(n, float) else n
        if b.get("label") is not None:
            box["label"] = str(b["label"])
        score = _to_number(b.get("score")) if b.get("score") is not None else None
        if score is not None and score == score:
            box["score"] = score
        result.append(box)
    return result


class _Media:
    """A media value for ``log``: bytes with an extension, a caption and an optional size."""

    _kinds = ()
    _what = "media"

    def __init__(self, data, caption=None):
        self.caption = None if caption is None else str(caption)
        self.width = self.height = None
        if isinstance(data, (str, os.PathLike)):
            p = os.fspath(data)
            ext = p.rsplit(".", 1)[-1].lower() if "." in os.path.basename(p) else ""
            if ext not in self._kinds:
                raise ValueError("runfolio.%s: %r is not %s (expected the extension %s)" % (type(self).__name__, p, self._what, ", ".join(self._kinds)))
            with open(p, "rb") as f:
                self.data = f.read()
            self.ext = ext
        elif isinstance(data, (bytes, bytearray, memoryview)):
            self.data = bytes(data)
            self.ext = _sniff(self.data)
            if self.ext not in self._kinds:
                raise ValueError("runfolio.%s: the bytes are not %s (expected %s)" % (type(self).__name__, self._what, ", ".join(self._kinds)))
        else:
            self.data, self.ext = self._from_object(data)

    def _from_object(self, data):
        raise TypeError("runfolio.%s expects a file path or bytes, got %s" % (type(self).__name__, type(data).__name__))


class Image(_Media):
    """An image for ``log`` or a ``Table`` cell: a file path, PNG/JPEG/GIF/WebP/SVG bytes, a PIL
    image, or an array (HxW, HxWx3, HxWx4 of uint8, or floats in 0..1), with an optional caption
    and boxes (``[{"x", "y", "w", "h", "label", "score"}]`` in pixels, or W&B's box dict)."""

    _kinds = _IMAGE_EXT
    _what = "an image file"

    def __init__(self, data_or_path, caption=None, boxes=None, mode=None, classes=None, **ignored):
        super().__init__(data_or_path, caption)
        size = _image_size(self.data, self.ext)
        if size is not None:
            self.width, self.height = size
        self.boxes = _box_list(boxes, size)

    def _from_object(self, data):
        save = getattr(data, "save", None)
        if callable(save) and hasattr(data, "mode") and hasattr(data, "size"):  # a PIL image
            import io

            buf = io.BytesIO()
            data.save(buf, format="PNG")
            return buf.getvalue(), "png"
        if hasattr(data, "tolist") or isinstance(data, (list, tuple)):
            detach = getattr(data, "detach", None)  # a torch tensor
            if callable(detach):
                data = detach().cpu().numpy()
            return _array_to_png(data), "png"
        return super()._from_object(data)


class Audio(_Media):
    """Audio for ``log``: a .wav/.mp3 path or bytes, or samples (floats in -1..1, one list per
    channel or one value per frame) with ``sample_rate``, written as 16-bit WAV."""

    _kinds = _AUDIO_EXT
    _what = "an audio file"

    def __init__(self, data_or_path, sample_rate=None, caption=None):
        if isinstance(sample_rate, str) and caption is None:  # Audio(path, "caption")
            sample_rate, caption = None, sample_rate
        self._rate = sample_rate
        super().__init__(data_or_path, caption)

    def _from_object(self, data):
        if not (hasattr(data, "tolist") or isinstance(data, (list, tuple))):
            return super()._from_object(data)
        if not self._rate:
            raise ValueError("runfolio.Audio: samples need sample_rate=")
        import io
        import wave

        frames = data.tolist() if hasattr(data, "tolist") else list(data)
        channels = len(frames[0]) if frames and isinstance(frames[0], (list, tuple)) else 1
        pcm = bytearray()
        for fr in frames:
            for v in (fr if channels > 1 else [fr]):
                v = max(-1.0, min(1.0, float(v)))
                pcm += int(round(v * 32767)).to_bytes(2, "little", signed=True)
        buf = io.BytesIO()
        with wave.open(buf, "wb") as w:
            w.setnchannels(channels)
            w.setsampwidth(2)
            w.setframerate(int(self._rate))
            w.writeframes(bytes(pcm))
        return buf.getvalue(), "wav"


class Video(_Media):
    """A video for ``log``: an .mp4/.webm path or bytes (arrays are not encoded: no dependency)."""

    _kinds = _VIDEO_EXT
    _what = "a video file"

    def __init__(self, data_or_path, caption=None, fps=None, format=None):
        super().__init__(data_or_path, caption)


class Table:
    """Per-example rows for ``log``: ``Table(columns=[...], data=[[...], ...])`` (or ``rows=``, or a
    pandas ``dataframe=``). Cells are numbers, text, booleans, None or ``Image``s; each logged
    table appends its rows, with a ``step`` column, to ``tables/<key>.jsonl``."""

    def __init__(self, columns=None, data=None, rows=None, dataframe=None, **ignored):
        if dataframe is not None:
            columns = [str(c) for c in dataframe.columns]
            data = dataframe.values.tolist()
        rows = data if data is not None else rows
        self.columns = [str(c) for c in (columns or [])]
        if len(set(self.columns)) != len(self.columns):
            raise ValueError("runfolio.Table: column names must be unique, got %r" % (self.columns,))
        self.data = []
        for r in rows or []:
            self.add_data(*r)

    def add_data(self, *cells):
        """Appends one row (one cell per column)."""
        if self.columns and len(cells) != len(self.columns):
            raise ValueError("runfolio.Table: a row has %d cells for %d columns" % (len(cells), len(self.columns)))
        if not self.columns:
            self.columns = ["c%d" % i for i in range(len(cells))]
        self.data.append(list(cells))

    def add_column(self, name, data):
        """Appends a column (one cell per existing row)."""
        if len(data) != len(self.data):
            raise ValueError("runfolio.Table: column %r has %d cells for %d rows" % (name, len(data), len(self.data)))
        self.columns.append(str(name))
        for row, cell in zip(self.data, data):
            row.append(cell)


def _finite_numbers(values, what):
    out = []
    tolist = getattr(values, "tolist", None)
    for v in (tolist() if callable(tolist) else values):
        n = _to_number(v)
        if n is None:
            raise ValueError("%s: values must be numbers, got %r" % (what, v))
        out.append(n)
    return out


class Histogram:
    """A distribution for ``log``: ``Histogram(values, num_bins=64)`` bins the finite values into
    equal bins; ``Histogram((counts, edges))`` or ``np_histogram=`` takes given bins (as
    ``numpy.histogram`` returns them). Stored as a line of ``histograms/<key>.jsonl``."""

    def __init__(self, sequence=None, np_histogram=None, num_bins=64):
        if np_histogram is None and isinstance(sequence, tuple) and len(sequence) == 2 and all(hasattr(s, "__len__") for s in sequence):
            np_histogram, sequence = sequence, None
        if np_histogram is not None:
            counts = _finite_numbers(np_histogram[0], "runfolio.Histogram counts")
            edges = _finite_numbers(np_histogram[1], "runfolio.Histogram edges")
            if len(edges) != len(counts) + 1:
                raise ValueError("runfolio.Histogram: %d edges for %d counts (need one more edge than counts)" % (len(edges), len(counts)))
            if any(not (a < b) for a, b in zip(edges, edges[1:])) or any(not math.isfinite(e) for e in edges):
                raise ValueError("runfolio.Histogram: edges must be finite and strictly increasing")
            if any(not (c >= 0) or not math.isfinite(c) for c in counts):
                raise ValueError("runfolio.Histogram: counts must be finite and not negative")
            self.counts, self.edges = counts, edges
            return
        if sequence is None:
            raise ValueError("runfolio.Histogram needs values or (counts, edges)")
        bins = max(1, int(num_bins))
        detach = getattr(sequence, "detach", None)  # a torch tensor
        if callable(detach):
            sequence = detach().cpu().numpy()
        if hasattr(sequence, "shape") and hasattr(sequence, "dtype"):
            try:
                import numpy as np
            except ImportError:
                np = None
            if np is not None and np.issubdtype(sequence.dtype, np.number):
                # millions of weights: bin with numpy, in the same bins as the loop below
                a = np.asarray(sequence, dtype=np.float64).ravel()
                a = a[np.isfinite(a)]
                if a.size == 0:
                    raise ValueError("runfolio.Histogram: no finite values to bin")
                lo, hi = float(a.min()), float(a.max())
                if lo == hi:
                    lo, hi = lo - 0.5, hi + 0.5
                width = (hi - lo) / bins
                idx = np.minimum(bins - 1, ((a - lo) / width).astype(np.int64))
                self.counts = np.bincount(idx, minlength=bins).tolist()
                self.edges = [lo + i * width for i in range(bins)] + [hi]
                return
        values = [v for v in _finite_numbers(sequence, "runfolio.Histogram") if math.isfinite(v)]
        if not values:
            raise ValueError("runfolio.Histogram: no finite values to bin")
        lo, hi = min(values), max(values)
        if lo == hi:
            lo, hi = lo - 0.5, hi + 0.5
        width = (hi - lo) / bins
        edges = [lo + i * width for i in range(bins)] + [hi]
        counts = [0] * bins
        for v in values:
            counts[min(bins - 1, int((v - lo) / width))] += 1
        self.counts, self.edges = counts, edges


def _label(v):
    n = _to_number(v)
    if n is not None:
        return n
    if isinstance(v, str):
        return v
    return str(v)


def _labels_of(values):
    tolist = getattr(values, "tolist", None)
    return [_label(v) for v in (tolist() if callable(tolist) else values)]


class _Plot:
    """An evaluation plot for ``log``: stored per step in ``plots/<key>.json``."""

    def __init__(self, record):
        self.record = record


def confusion_matrix(y_true, y_pred, labels=None):
    """A confusion matrix of true and predicted labels (counts per label pair). ``labels`` gives
    the order (default: every label seen, sorted); a label outside ``labels`` is an error."""
    t, p = _labels_of(y_true), _labels_of(y_pred)
    if len(t) != len(p) or not t:
        raise ValueError("runfolio.confusion_matrix: y_true and y_pred need the same, non-zero length (got %d and %d)" % (len(t), len(p)))
    if labels is None:
        labels = sorted(set(t) | set(p), key=lambda v: (isinstance(v, str), v))
    labels = _labels_of(labels)
    index = {}
    for i, l in enumerate(labels):
        index[(type(l) is str, l)] = i
    n = len(labels)
    matrix = [[0] * n for _ in range(n)]
    for a, b in zip(t, p):
        i, j = index.get((type(a) is str, a)), index.get((type(b) is str, b))
        if i is None or j is None:
            raise ValueError("runfolio.confusion_matrix: %r is not one of labels %r" % (a if i is None else b, labels))
        matrix[i][j] += 1
    return _Plot({"type": "confusion", "labels": labels, "matrix": matrix})


def _curve(kind, y_true, scores, labels):
    name = "runfolio.%s_curve" % kind
    t = _labels_of(y_true)
    tolist = getattr(scores, "tolist", None)
    s = tolist() if callable(tolist) else list(scores)
    if len(t) != len(s) or not t:
        raise ValueError("%s: y_true and scores need the same, non-zero length (got %d and %d)" % (name, len(t), len(s)))
    two_d = isinstance(s[0], (list, tuple)) or hasattr(s[0], "__len__")
    if not two_d:
        if labels is not None:
            raise ValueError("%s: labels= needs one row of scores per example (one score per label)" % name)
        if any(v not in (0, 1) for v in t):
            raise ValueError("%s: binary y_true must be 0/1 or False/True (pass labels= and a row of scores per example for several classes)" % name)
        record = {"type": kind, "y_true": [int(v) for v in t], "scores": _finite_numbers(s, name)}
    else:
        rows = [_finite_numbers(r, name) for r in s]
        labels = _labels_of(labels) if labels is not None else list(range(len(rows[0])))
        if any(len(r) != len(labels) for r in rows):
            raise ValueError("%s: every row of scores needs one score per label (%d)" % (name, len(labels)))
        record = {"type": kind, "labels": labels, "y_true": t, "scores": rows}
    for v in record["scores"] if not two_d else [x for r in record["scores"] for x in r]:
        if not math.isfinite(v):
            raise ValueError("%s: scores must be finite numbers" % name)
    return _Plot(record)


def pr_curve(y_true, scores, labels=None):
    """A precision-recall curve (average precision computed at build). Binary: ``y_true`` 0/1 and
    one score per example. Several classes: ``labels``, one true label per example, and per
    example a row of scores in ``labels`` order (``predict_proba``)."""
    return _curve("pr", y_true, scores, labels)


def roc_curve(y_true, scores, labels=None):
    """An ROC curve (AUC computed at build); arguments as ``pr_curve``."""
    return _curve("roc", y_true, scores, labels)


def _class_names(values, names):
    """W&B's class indices as class names; values that are names already are kept."""
    out = []
    for v in values:
        if isinstance(v, int) and 0 <= v < len(names):
            out.append(names[v])
        elif isinstance(v, float) and v == int(v) and 0 <= v < len(names):
            out.append(names[int(v)])
        elif str(v) in names:
            out.append(str(v))
        else:
            raise ValueError("runfolio.plot: %r is neither a class index (0-%d) nor one of %r" % (v, len(names) - 1, names))
    return out


class _PlotNamespace:
    """``wandb.plot``'s signatures: class indices into ``class_names`` / ``labels``."""

    @staticmethod
    def confusion_matrix(probs=None, y_true=None, preds=None, class_names=None, title=None, **ignored):
        if preds is None and probs is not None:
            preds = [max(range(len(r)), key=lambda i, r=r: r[i]) for r in (probs.tolist() if hasattr(probs, "tolist") else probs)]
        t, p = _labels_of(y_true), _labels_of(preds)
        if class_names is None:
            return confusion_matrix(t, p)
        names = [str(c) for c in class_names]
        return confusion_matrix(_class_names(t, names), _class_names(p, names), names)

    @staticmethod
    def pr_curve(y_true=None, y_probas=None, labels=None, classes_to_plot=None, title=None, **ignored):
        return _PlotNamespace._curve(pr_curve, y_true, y_probas, labels)

    @staticmethod
    def roc_curve(y_true=None, y_probas=None, labels=None, classes_to_plot=None, title=None, **ignored):
        return _PlotNamespace._curve(roc_curve, y_true, y_probas, labels)

    @staticmethod
    def _curve(fn, y_true, y_probas, labels):
        t = _labels_of(y_true)
        if labels is None:
            return fn(t, y_probas, list(range(len(y_probas[0]))) if hasattr(y_probas[0], "__len__") else None)
        names = [str(c) for c in labels]
        return fn(_class_names(t, names), y_probas, names)


#: ``wandb.plot``: ``import runfolio as wandb; wandb.plot.confusion_matrix(...)``.
plot = _PlotNamespace()


def _key_path(key):
    """A logged key as a relative path: each `/`-separated part made file-safe."""
    return "/".join(_slug(part) for part in str(key).split("/") if part.strip()) or "media"


def _append_line(fd, obj, fsync):
    data = (_dumps(obj) + "\n").encode("utf-8")
    while data:  # one write normally; a short write continues where it stopped
        data = data[os.write(fd, data):]
    if fsync:
        os.fsync(fd)


def _write_atomic(path, data, fsync=False):
    folder, base = os.path.split(path)
    tmp = os.path.join(folder, ".%s.%d.tmp" % (base, os.getpid()))  # hidden: readers skip it if left by a kill
    with open(tmp, "wb") as f:
        f.write(data)
        if fsync:
            f.flush()
            os.fsync(f.fileno())
    os.replace(tmp, path)


class _RunFiles:
    """The media, table, histogram and plot files of one run folder (used under the run's lock)."""

    def __init__(self, folder, fsync, warn):
        self.folder = folder
        self.fsync = fsync
        self.warn = warn
        self.fds = {}
        self.hist_steps = {}
        self.plots = {}

    def _fd(self, rel):
        fd = self.fds.get(rel)
        if fd is None:
            path = os.path.join(self.folder, *rel.split("/"))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            self.fds[rel] = fd
        return fd

    def _save(self, rel, data):
        path = os.path.join(self.folder, *rel.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        _write_atomic(path, data, self.fsync)

    def media(self, key, step, items):
        base = "media/%s/" % _key_path(key)
        for i, m in enumerate(items):
            rel = "%s%d_%d.%s" % (base, step, i, m.ext)
            self._save(rel, m.data)
            line = {"step": step, "key": str(key), "file": rel}
            if m.caption is not None:
                line["caption"] = m.caption
            if m.width and m.height:
                line["width"], line["height"] = m.width, m.height
            if getattr(m, "boxes", None):
                line["boxes"] = m.boxes
            _append_line(self._fd("media.jsonl"), line, self.fsync)

    def table(self, key, step, table):
        name = _slug(str(key).replace("/", "-"))
        cols = table.columns
        add_step = "step" not in cols
        for r, row in enumerate(table.data):
            out = {}
            several = sum(isinstance(cell, Image) for cell in row) > 1
            for col, cell in zip(cols, row):
                if isinstance(cell, Image):
                    # "_row" keeps these apart from images logged under the same key (<step>_<i>)
                    rel = "media/%s/%d_row%d%s.%s" % (name, step, r, "_" + _slug(col) if several else "", cell.ext)
                    self._save(rel, cell.data)
                    out[col] = {"media": rel}
                elif isinstance(cell, _Media):
                    raise ValueError("runfolio.Table: only Image cells are media cells (column %r)" % col)
                else:
                    value = _jsonable(cell)
                    # a table cell is a scalar (or a media cell): lists and dicts are kept as JSON text
                    out[col] = _dumps(value) if isinstance(value, (list, dict)) else value
            if add_step:
                out["step"] = step
            _append_line(self._fd("tables/%s.jsonl" % name), out, self.fsync)

    def histogram(self, key, step, h):
        rel = "histograms/%s.jsonl" % _key_path(key)
        seen = self.hist_steps.setdefault(rel, set())
        if step in seen:
            self.warn("hist-step:%s:%d" % (rel, step), "runfolio: histogram %r was already logged at step %d; this one is skipped (one per step)" % (key, step))
            return
        seen.add(step)
        _append_line(self._fd(rel), {"step": step, "edges": h.edges, "counts": h.counts}, self.fsync)

    def plot(self, key, step, p):
        rel = "plots/%s.json" % _slug(str(key).replace("/", "-"))
        entries = [e for e in self.plots.get(rel, []) if e.get("step") != step]
        record = dict(p.record)
        record["step"] = step
        entries.append(record)
        entries.sort(key=lambda e: e["step"])
        self.plots[rel] = entries
        self._save(rel, (json.dumps(entries, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n").encode("utf-8"))

    def close(self):
        for fd in self.fds.values():
            try:
                os.close(fd)
            except OSError:
                pass
        self.fds = {}


_LOGGABLE = (_Media, Table, Histogram, _Plot)


def _is_media_list(v):
    return isinstance(v, (list, tuple)) and v and all(isinstance(x, _Media) for x in v)


# -- system metrics ----------------------------------------------------------------------------


def _read_cpu():
    with open("/proc/stat") as f:
        parts = f.readline().split()
    values = [int(x) for x in parts[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return idle, sum(values[:8])


def _read_memory():
    info = {}
    with open("/proc/meminfo") as f:
        for line in f:
            name, _, rest = line.partition(":")
            info[name] = int(rest.split()[0])  # kB
    total = info.get("MemTotal")
    avail = info.get("MemAvailable", info.get("MemFree"))
    if not total or avail is None:
        return {}
    used = total - avail
    return {"memory.used_mb": round(used / 1024.0, 1), "memory.percent": round(100.0 * used / total, 1)}


def _read_network():
    sent = recv = 0
    with open("/proc/net/dev") as f:
        for line in f.readlines()[2:]:
            name, _, rest = line.partition(":")
            if name.strip() == "lo":
                continue
            cols = rest.split()
            recv += int(cols[0])
            sent += int(cols[8])
    return sent, recv


_GPU_FIELDS = (
    ("utilization.gpu", "utilization"),
    ("memory.used", "memory_used_mb"),
    ("memory.total", None),
    ("temperature.gpu", "temperature_c"),
    ("power.draw", "power_w"),
)


def _read_gpus(exe):
    out = subprocess.run(
        [exe, "--query-gpu=index," + ",".join(f for f, _ in _GPU_FIELDS), "--format=csv,noheader,nounits"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        timeout=10,
        check=True,
    ).stdout.decode("utf-8", "replace")
    sample = {}
    for line in out.splitlines():
        cells = [c.strip() for c in line.split(",")]
        if len(cells) != len(_GPU_FIELDS) + 1:
            continue
        idx = cells[0]
        nums = {}
        for (field, _), cell in zip(_GPU_FIELDS, cells[1:]):
            try:
                nums[field] = float(cell)
            except ValueError:  # "[N/A]", "[Not Supported]"
                nums[field] = None
        for field, name in _GPU_FIELDS:
            if name:
                sample["gpu.%s.%s" % (idx, name)] = nums[field]
        used, total = nums["memory.used"], nums["memory.total"]
        sample["gpu.%s.memory_percent" % idx] = round(100.0 * used / total, 1) if used is not None and total else None
    return sample


class _SystemSampler(threading.Thread):
    """Appends a sample of CPU, memory, disk, network and GPU use to system.jsonl every
    ``interval`` seconds, from /proc and ``nvidia-smi`` (when on PATH); stops at ``stop()``."""

    def __init__(self, folder, interval, fsync):
        super().__init__(name="runfolio-system-metrics", daemon=True)
        self.folder = folder
        self.interval = max(0.1, float(interval))  # a floor: sampling itself takes a few ms
        self.fsync = fsync
        self._stop_event = threading.Event()
        self._fd = os.open(os.path.join(folder, "system.jsonl"), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        import shutil

        self._nvidia = shutil.which("nvidia-smi")
        self._cpu = self._try(_read_cpu)
        self._net0 = self._try(_read_network)

    @staticmethod
    def _try(fn, *args):
        try:
            return fn(*args)
        except Exception:  # no /proc (macOS, Windows), nvidia-smi failing, ...
            return None

    def sample(self):
        s = {"time": round(time.time(), 3)}
        cpu = self._try(_read_cpu)
        if cpu is not None and self._cpu is not None:
            didle, dtotal = cpu[0] - self._cpu[0], cpu[1] - self._cpu[1]
            if dtotal > 0:
                s["cpu.percent"] = round(100.0 * (1.0 - didle / float(dtotal)), 1)
        self._cpu = cpu
        s.update(self._try(_read_memory) or {})
        disk = self._try(os.statvfs, self.folder)
        if disk is not None and disk.f_blocks:
            s["disk.percent"] = round(100.0 * (1.0 - disk.f_bavail / float(disk.f_blocks)), 1)
        net = self._try(_read_network)
        if net is not None and self._net0 is not None:
            s["network.sent_mb"] = round((net[0] - self._net0[0]) / 1e6, 3)
            s["network.recv_mb"] = round((net[1] - self._net0[1]) / 1e6, 3)
        if self._nvidia:
            s.update(self._try(_read_gpus, self._nvidia) or {})
        return s

    def run(self):
        # The thread owns the descriptor and closes it: were stop() to close it while a slow
        # nvidia-smi call is still running, the number could be reused by another file.
        try:
            while not self._stop_event.wait(self.interval):
                _append_line(self._fd, self.sample(), self.fsync)
        except OSError:
            pass
        finally:
            os.close(self._fd)

    def stop(self):
        """Stops sampling; waits for a sample in progress (at most nvidia-smi's 10 s timeout)."""
        self._stop_event.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout=15)


class Config(dict):
    """The run config: a dict with attribute access (``config.lr``). Changes are saved to run.json."""

    def __init__(self, data, on_change):
        super().__init__(data)
        object.__setattr__(self, "_on_change", on_change)

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __setattr__(self, key, value):
        self[key] = value

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self._on_change()

    def __delitem__(self, key):
        super().__delitem__(key)
        self._on_change()

    def update(self, *args, **kwargs):  # noqa: D102 (dict.update)
        super().update(*args, **kwargs)
        self._on_change()

    def setdefaults(self, data):
        """Sets keys that are not set yet (like ``wandb.config.setdefaults``)."""
        for k, v in dict(data).items():
            if k not in self:
                super().__setitem__(k, v)
        self._on_change()


class Run:
    """One run: ``log`` history rows, set ``summary`` values, ``finish``."""

    def __init__(self, project="uncategorized", name=None, config=None, group=None, tags=None, notes=None, dir="runs", fsync=False, system_metrics=False, system_metrics_interval=10.0):
        self._lock = threading.RLock()
        self._fsync = bool(fsync)
        self._start = time.time()
        self._t0 = time.monotonic()
        self._step = 0
        self._warned = set()
        self.project = _slug(project)
        self.name = str(name) if name is not None else time.strftime("run-%Y%m%d-%H%M%S", time.localtime(self._start))
        self.group = None if group is None else str(group)
        self.tags = [str(t) for t in (tags or [])]
        self.notes = None if notes is None else str(notes)
        self.state = "running"
        self.duration = None
        self.summary = {}
        self.config = Config(config or {}, self._write_run_json)
        self.git = _git_info(os.getcwd())
        self._command = [os.path.basename(sys.executable or "python")] + list(sys.argv)

        project_dir = os.path.join(dir, self.project)
        os.makedirs(project_dir, exist_ok=True)
        base = _slug(self.name)
        folder, n = base, 1
        while True:
            path = os.path.join(project_dir, folder)
            try:
                os.mkdir(path)
                break
            except FileExistsError:
                n += 1
                folder = "%s-%d" % (base, n)
        if folder != base:
            warnings.warn("runfolio: %s already exists; this run is %s" % (os.path.join(project_dir, base), path), stacklevel=3)
        self.id = "%s/%s" % (self.project, folder)
        self.dir = path
        self._history = open(os.path.join(path, "history.jsonl"), "a", encoding="utf-8")
        self._files = _RunFiles(path, self._fsync, self._warn_once)
        self._write_run_json()
        self._sampler = None
        if system_metrics:
            self._sampler = _SystemSampler(path, system_metrics_interval, self._fsync)
            self._sampler.start()

    # -- logging ---------------------------------------------------------------------------

    def log(self, data, step=None, commit=None):
        """Appends one history row ``{"_step": s, "_timestamp": t, ...}`` and flushes it.

        ``step`` defaults to one more than the last row's step (0 for the first). Nested dicts are
        flattened with ``/``; None values are left out. ``Image``/``Audio``/``Video`` values (or
        lists of them), ``Table``, ``Histogram`` and plots (``confusion_matrix``, ``pr_curve``,
        ``roc_curve``) go to their own files at this step; other values that are not numbers (text,
        lists) are skipped with a warning. ``commit`` is accepted for wandb compatibility and ignored.
        """
        if not isinstance(data, dict):
            raise TypeError("runfolio.log expects a dict, got %s" % type(data).__name__)
        values, skipped, rich = {}, [], []
        for k, v in data.items():
            key = str(k)
            if key in _RESERVED:
                if key == "step" and step is None and _to_number(v) is not None:
                    step = _to_number(v)
                else:
                    self._warn_once("reserved:" + key, "runfolio: the key %r is reserved for the step/time columns and was not logged" % key)
                continue
            _flatten(key, v, values, skipped, rich)
        for key in skipped:
            self._warn_once("skip:" + key, "runfolio: %r is not a number; history values must be numbers (skipped)" % key)
        with self._lock:
            if self._history is None:
                raise RuntimeError("runfolio: log() after finish()")
            s = self._step if step is None else step
            row = {"_step": s, "_timestamp": round(time.time(), 6)}
            row.update(values)
            line = _dumps(row) + "\n"
            self._history.write(line)  # one write per row: no torn lines between threads
            self._history.flush()
            if self._fsync:
                os.fsync(self._history.fileno())
            self._step = (s if isinstance(s, int) else int(math.floor(s))) + 1
            if rich:
                self._log_rich(rich, s)

    def _log_rich(self, rich, s):
        """Writes media, tables, histograms and plots logged at step ``s`` (under the lock)."""
        if isinstance(s, bool) or not (s >= 0 and s == int(s)):
            for key, _ in rich:
                self._warn_once("rich-step:" + key, "runfolio: %r needs a whole step from 0 on (got %r); not written" % (key, s))
            return
        s = int(s)
        for key, v in rich:
            if isinstance(v, _Media):
                self._files.media(key, s, [v])
            elif isinstance(v, (list, tuple)):
                self._files.media(key, s, v)
            elif isinstance(v, Table):
                self._files.table(key, s, v)
            elif isinstance(v, Histogram):
                self._files.histogram(key, s, v)
            else:
                self._files.plot(key, s, v)

    def _warn_once(self, key, message):
        if key not in self._warned:
            self._warned.add(key)
            warnings.warn(message, stacklevel=4)

    # -- state -----------------------------------------------------------------------------

    def finish(self, exit_code=0):
        """Marks the run finished (or crashed for a non-zero ``exit_code``) and writes the summary."""
        self._end("finished" if not exit_code else "crashed")

    def _end(self, state, notes=None):
        with self._lock:
            if self.state != "running":
                return
            self.state = state
            self.duration = round(time.monotonic() - self._t0, 3)
            if self._sampler is not None:
                self._sampler.stop()
                self._sampler = None
            self._files.close()
            if notes:
                self.notes = notes if not self.notes else "%s\n\n%s" % (self.notes, notes)
            try:
                self._write_run_json()
            finally:
                if self._history is not None:
                    try:
                        self._history.close()
                    except Exception:
                        pass
                    self._history = None

    def _run_record(self):
        record = {
            "format_version": RUN_FORMAT_VERSION,
            "name": self.name,
            "group": self.group,
            "tags": self.tags,
            "state": self.state,
            "created": _utc_iso(self._start),
            "duration": self.duration,
            "notes": self.notes,
            "git": self.git,
            "config": _jsonable(dict(self.config)),
            "summary": _jsonable(dict(self.summary)),
        }
        cfg = record["config"]
        meta_key = "_runfolio" if "_runfolio" not in cfg else "_runfolio_logger"
        cfg[meta_key] = {"command": self._command, "python": sys.version.split()[0], "logger": __version__}
        return record

    def _write_run_json(self):
        """Rewrites run.json atomically: a temp file in the same folder, then os.replace."""
        if not hasattr(self, "dir"):
            return  # config set while constructing
        with self._lock:
            text = json.dumps(self._run_record(), ensure_ascii=False, allow_nan=True, indent=2, sort_keys=False) + "\n"
            target = os.path.join(self.dir, "run.json")
            tmp = os.path.join(self.dir, ".run.json.%d.tmp" % os.getpid())
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.finish()
        else:
            self._end("crashed", _traceback_notes(exc_type, exc, tb))
        return False


def _traceback_notes(exc_type, exc, tb, lines=20):
    text = "".join(traceback.format_exception(exc_type, exc, tb)).rstrip("\n").split("\n")
    tail = text[-lines:]
    if len(text) > lines:
        tail = ["Traceback (most recent call last):", "  ..."] + [l for l in tail if l != "Traceback (most recent call last):"]
    return "Crashed with %s:\n%s" % (exc_type.__name__, "\n".join(tail))


# -- process-wide crash handling -------------------------------------------------------------

_hooks_installed = False
_prev_excepthook = None


def _current_running():
    r = run
    return r if r is not None and r.state == "running" else None


def _excepthook(exc_type, exc, tb):
    r = _current_running()
    if r is not None:
        try:
            if issubclass(exc_type, KeyboardInterrupt):
                r._end("crashed", "Interrupted (KeyboardInterrupt).")
            else:
                r._end("crashed", _traceback_notes(exc_type, exc, tb))
        except Exception:
            pass
    (_prev_excepthook or sys.__excepthook__)(exc_type, exc, tb)


def _atexit():
    # Normal interpreter exit without finish(): the script ran to its end.
    r = _current_running()
    if r is not None:
        try:
            r.finish()
        except Exception:
            pass


def _sigterm(signum, frame):
    r = _current_running()
    if r is not None:
        try:
            r._end("crashed", "Terminated by signal %d (SIGTERM)." % signum)
        except Exception:
            pass
    # Exit the way an unhandled SIGTERM would, so the parent sees the signal.
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _install_hooks():
    global _hooks_installed, _prev_excepthook
    if _hooks_installed:
        return
    _hooks_installed = True
    _prev_excepthook = sys.excepthook
    sys.excepthook = _excepthook
    atexit.register(_atexit)
    if hasattr(signal, "SIGTERM") and threading.current_thread() is threading.main_thread():
        try:
            if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
                signal.signal(signal.SIGTERM, _sigterm)
        except (ValueError, OSError):
            pass


# -- module-level API (wandb-style) ----------------------------------------------------------


def init(project="uncategorized", name=None, config=None, group=None, tags=None, notes=None, dir="runs", fsync=False, system_metrics=False, system_metrics_interval=10.0, **ignored):
    """Starts a run and makes it the current one. Returns the ``Run``.

    Creates ``<dir>/<project>/<name>/`` (``name`` defaults to ``run-YYYYMMDD-HHMMSS``; an existing
    folder is never overwritten: ``-2``, ``-3``, ... is appended). ``system_metrics=True`` samples
    CPU, memory, disk, network and GPU use every ``system_metrics_interval`` seconds into
    system.jsonl until the run ends. Other keyword arguments that
    wandb.init accepts (``entity``, ``reinit``, ``mode``, ...) are ignored.
    """
    global run, summary
    prev = _current_running()
    if prev is not None:
        prev.finish()
    r = Run(project=project, name=name, config=config, group=group, tags=tags, notes=notes, dir=dir, fsync=fsync, system_metrics=system_metrics, system_metrics_interval=system_metrics_interval)
    run = r
    summary = r.summary
    globals()["config"] = r.config
    _install_hooks()
    return r


def log(data, step=None, commit=None):
    """Logs a row to the current run (see ``Run.log``)."""
    if run is None:
        raise RuntimeError("runfolio.log() called before runfolio.init()")
    run.log(data, step=step, commit=commit)


def finish(exit_code=0):
    """Finishes the current run (see ``Run.finish``)."""
    if run is not None:
        run.finish(exit_code=exit_code)
