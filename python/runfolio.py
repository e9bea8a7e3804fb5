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
``wandb.finish`` calls. See docs/python-logger.md.
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

__all__ = ["init", "log", "finish", "Run", "run", "config", "summary"]
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


def _flatten(prefix, value, out, skipped):
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten("%s/%s" % (prefix, k) if prefix else str(k), v, out, skipped)
        return
    if value is None:
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

    def __init__(self, project="uncategorized", name=None, config=None, group=None, tags=None, notes=None, dir="runs", fsync=False):
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
        self._write_run_json()

    # -- logging ---------------------------------------------------------------------------

    def log(self, data, step=None, commit=None):
        """Appends one history row ``{"_step": s, "_timestamp": t, ...}`` and flushes it.

        ``step`` defaults to one more than the last row's step (0 for the first). Nested dicts are
        flattened with ``/``; None values are left out; values that are not numbers (text, media,
        lists) are skipped with a warning. ``commit`` is accepted for wandb compatibility and ignored.
        """
        if not isinstance(data, dict):
            raise TypeError("runfolio.log expects a dict, got %s" % type(data).__name__)
        values, skipped = {}, []
        for k, v in data.items():
            key = str(k)
            if key in _RESERVED:
                if key == "step" and step is None and _to_number(v) is not None:
                    step = _to_number(v)
                else:
                    self._warn_once("reserved:" + key, "runfolio: the key %r is reserved for the step/time columns and was not logged" % key)
                continue
            _flatten(key, v, values, skipped)
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


def init(project="uncategorized", name=None, config=None, group=None, tags=None, notes=None, dir="runs", fsync=False, **ignored):
    """Starts a run and makes it the current one. Returns the ``Run``.

    Creates ``<dir>/<project>/<name>/`` (``name`` defaults to ``run-YYYYMMDD-HHMMSS``; an existing
    folder is never overwritten: ``-2``, ``-3``, ... is appended). Other keyword arguments that
    wandb.init accepts (``entity``, ``reinit``, ``mode``, ...) are ignored.
    """
    global run, summary
    prev = _current_running()
    if prev is not None:
        prev.finish()
    r = Run(project=project, name=name, config=config, group=group, tags=tags, notes=notes, dir=dir, fsync=fsync)
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
