#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest without building it (that needs the runtime):

  build-aux/check-flatpak-manifest.py flatpak/io.github.rapportcrm.Rapport.json

It must parse as JSON, name the app and its command, build on the GNOME
Platform and SDK of one version, and build Rapport with meson from this
project's directory, with no module for what the GNOME runtime already has.
"""
import json
import pathlib
import sys

APP_ID = "io.github.rapportcrm.Rapport"
COMMAND = "rapport"
RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
# Module names that would build again what the GNOME runtime carries.
IN_RUNTIME = {
    "gtk", "gtk4", "gtk-4", "libadwaita", "libadwaita-1", "adwaita",
    "glib", "glib2", "glib-2.0", "sqlite", "sqlite3",
}


def split_ref(ref, default_branch):
    """'org.gnome.Sdk' or 'org.gnome.Sdk/x86_64/51' -> (name, branch)."""
    parts = str(ref).split("/")
    branch = parts[2] if len(parts) > 2 and parts[2] else default_branch
    return parts[0], branch


def all_modules(modules, base, problems):
    """Yields every module, nested ones and those in included files too."""
    for module in modules or []:
        if isinstance(module, str):
            path = base / module
            try:
                module = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                problems.append(f"module file {module} cannot be read: {error}")
                continue
            yield module
            yield from all_modules(module.get("modules"), path.parent, problems)
        elif isinstance(module, dict):
            yield module
            yield from all_modules(module.get("modules"), base, problems)
        else:
            problems.append(f"module {module!r} is neither an object nor a file name")


def is_this_project(source, base):
    """Whether a source is the directory holding this project's meson.build."""
    if not isinstance(source, dict) or source.get("type") != "dir":
        return False
    root = (base / source.get("path", "")).resolve()
    try:
        build = (root / "meson.build").read_text(encoding="utf-8")
    except OSError:
        return False
    return "project('rapport'" in build


def check(path):
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [f"cannot be read as JSON: {error}"]
    if not isinstance(manifest, dict):
        return ["is not a JSON object"]

    problems = []
    app_id = manifest.get("app-id", manifest.get("id"))
    if app_id != APP_ID:
        problems.append(f"app-id is {app_id!r}, not {APP_ID!r}")
    if manifest.get("command") != COMMAND:
        problems.append(f"command is {manifest.get('command')!r}, not {COMMAND!r}")

    version = manifest.get("runtime-version")
    runtime, runtime_version = split_ref(manifest.get("runtime"), version)
    sdk, sdk_version = split_ref(manifest.get("sdk"), version)
    if runtime != RUNTIME:
        problems.append(f"runtime is {runtime!r}, not {RUNTIME!r}")
    if sdk != SDK:
        problems.append(f"sdk is {sdk!r}, not {SDK!r}")
    if not runtime_version:
        problems.append("runtime-version is missing")
    elif not str(runtime_version).isdigit():
        problems.append(f"runtime version is {runtime_version!r}, not a GNOME release such as '51'")
    elif runtime_version != sdk_version:
        problems.append(f"runtime is version {runtime_version} but sdk is version {sdk_version}")

    base = path.parent
    modules = list(all_modules(manifest.get("modules"), base, problems))
    rapport = [m for m in modules if m.get("name") == "rapport"]
    if len(rapport) != 1:
        problems.append(f"{len(rapport)} modules are named rapport, not one")
    else:
        if rapport[0].get("buildsystem") != "meson":
            problems.append("module rapport is not built with meson")
        if not any(is_this_project(s, base) for s in rapport[0].get("sources", [])):
            problems.append("module rapport has no source of type dir naming this project's directory")
    for module in modules:
        name = str(module.get("name", ""))
        if name.lower() in IN_RUNTIME:
            problems.append(f"module {name} builds what the GNOME runtime already has")
    return problems


def main():
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} MANIFEST.json")
    path = pathlib.Path(sys.argv[1])
    problems = check(path)
    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    if not problems:
        print(f"{path}: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
