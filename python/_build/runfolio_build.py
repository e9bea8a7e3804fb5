"""A PEP 517 build backend in the standard library only, for the one-module ``runfolio`` package.

pip runs it from ``backend-path`` with ``--no-build-isolation``, so ``pip install ./python`` needs no
network and no setuptools. It builds a pure-Python wheel holding ``runfolio.py`` and an sdist of
this folder. Metadata comes from pyproject.toml's ``[project]`` table (read with tomllib on 3.11+,
else with the small reader below, which understands the flat ``key = "string"`` lines used there).
"""

import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile

_HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_MODULE = "runfolio.py"
# Fixed timestamps: the same sources give the same wheel bytes.
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def _project():
    with open(os.path.join(_HERE, "pyproject.toml"), "rb") as f:
        raw = f.read()
    try:
        import tomllib

        return tomllib.loads(raw.decode("utf-8"))["project"]
    except ImportError:
        project, table = {}, None
        for line in raw.decode("utf-8").splitlines():
            line = line.strip()
            if line.startswith("["):
                table = line.strip("[]")
            elif table == "project":
                m = re.match(r'^([\w-]+)\s*=\s*"(.*)"$', line)
                if m:
                    project[m.group(1)] = m.group(2).replace('\\"', '"')
        return project


def _dist_name(project):
    return re.sub(r"[-_.]+", "_", project["name"]).lower()


def _metadata(project):
    lines = [
        "Metadata-Version: 2.1",
        "Name: %s" % project["name"],
        "Version: %s" % project["version"],
        "Summary: %s" % project.get("description", ""),
        "License: %s" % project.get("license", ""),
        "Requires-Python: %s" % project.get("requires-python", ">=3.8"),
    ]
    readme = project.get("readme")
    body = ""
    if readme and os.path.exists(os.path.join(_HERE, readme)):
        lines.append("Description-Content-Type: text/markdown")
        with open(os.path.join(_HERE, readme), encoding="utf-8") as f:
            body = "\n" + f.read()
    return "\n".join(lines) + "\n" + body


def _wheel_name(project):
    return "%s-%s-py3-none-any.whl" % (_dist_name(project), project["version"])


def _dist_info(project):
    return "%s-%s.dist-info" % (_dist_name(project), project["version"])


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    project = _project()
    info = os.path.join(metadata_directory, _dist_info(project))
    os.makedirs(info, exist_ok=True)
    with open(os.path.join(info, "METADATA"), "w", encoding="utf-8") as f:
        f.write(_metadata(project))
    with open(os.path.join(info, "WHEEL"), "w", encoding="utf-8") as f:
        f.write(_wheel_file())
    return os.path.basename(info)


def _wheel_file():
    return "Wheel-Version: 1.0\nGenerator: runfolio_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return "%s,sha256=%s,%d" % (name, digest, len(data))


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    project = _project()
    info = _dist_info(project)
    with open(os.path.join(_HERE, _MODULE), "rb") as f:
        module = f.read()
    files = [
        (_MODULE, module),
        (info + "/METADATA", _metadata(project).encode("utf-8")),
        (info + "/WHEEL", _wheel_file().encode("utf-8")),
    ]
    record = "".join(_record_line(n, d) + "\n" for n, d in files) + info + "/RECORD,,\n"
    files.append((info + "/RECORD", record.encode("utf-8")))
    name = _wheel_name(project)
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w", zipfile.ZIP_DEFLATED) as z:
        for arcname, data in files:
            entry = zipfile.ZipInfo(arcname, date_time=_ZIP_TIME)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(entry, data)
    return name


def build_sdist(sdist_directory, config_settings=None):
    project = _project()
    base = "%s-%s" % (_dist_name(project), project["version"])
    name = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for rel in ("pyproject.toml", "README.md", _MODULE, os.path.join("_build", "runfolio_build.py")):
            with open(os.path.join(_HERE, rel), "rb") as f:
                data = f.read()
            entry = tarfile.TarInfo(base + "/" + rel.replace(os.sep, "/"))
            entry.size = len(data)
            entry.mode = 0o644
            entry.mtime = 1577836800
            tar.addfile(entry, io.BytesIO(data))
        pkg_info = _metadata(project).encode("utf-8")
        entry = tarfile.TarInfo(base + "/PKG-INFO")
        entry.size = len(pkg_info)
        entry.mtime = 1577836800
        tar.addfile(entry, io.BytesIO(pkg_info))
    return name
