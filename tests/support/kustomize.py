"""The part of kustomize that deploy/kubernetes uses, in Python, so its overlays render on a machine without kubectl.

Supported: `resources` (files and directories), `components`, `namespace`, `images`, `labels` (metadata only)
and `patches` given as JSON 6902 operations (add, replace, remove) with a target. Anything else raises, so the
rendering never silently differs from kustomize's; where kubectl is installed, a test compares the two.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

Resource = dict[str, Any]

KNOWN_KEYS = {"apiVersion", "kind", "resources", "components", "namespace", "images", "labels", "patches"}
#: Kinds kustomize leaves without a namespace (the ones deploy/kubernetes could use).
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass"}


def _documents(path: Path) -> list[Resource]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def render(directory: Path) -> list[Resource]:
    """The resources `kubectl kustomize directory` prints, in file order."""
    spec = _documents(directory / "kustomization.yaml")[0]
    unknown = set(spec) - KNOWN_KEYS
    if unknown:
        raise NotImplementedError(f"{directory}: kustomization keys {sorted(unknown)} are not supported here")
    resources: list[Resource] = []
    for entry in spec.get("resources", []):
        path = (directory / entry).resolve()
        resources += render(path) if path.is_dir() else _documents(path)
    for entry in spec.get("components", []):
        resources = _apply_component(resources, (directory / entry).resolve())
    return _transform(resources, spec, directory)


def _apply_component(resources: list[Resource], directory: Path) -> list[Resource]:
    spec = _documents(directory / "kustomization.yaml")[0]
    assert spec["kind"] == "Component", directory
    resources = resources + [doc for entry in spec.get("resources", []) for doc in _documents(directory / entry)]
    return _transform(resources, {**spec, "resources": []}, directory)


def _transform(resources: list[Resource], spec: dict[str, Any], where: Path) -> list[Resource]:
    resources = copy.deepcopy(resources)
    for patch in spec.get("patches", []):
        if "path" in patch or set(patch) != {"target", "patch"}:
            raise NotImplementedError(f"{where}: only inline JSON 6902 patches with a target are supported")
        operations = yaml.safe_load(patch["patch"])
        if not isinstance(operations, list):
            raise NotImplementedError(f"{where}: strategic-merge patches are not supported here")
        matched = [r for r in resources if _matches(r, patch["target"])]
        if not matched:
            raise ValueError(f"{where}: patch target {patch['target']} matches nothing")
        for resource in matched:
            for operation in operations:
                _json_patch(resource, operation)
    for image in spec.get("images", []):
        for resource in resources:
            _set_image(resource, image)
    for label in spec.get("labels", []):
        if set(label) - {"pairs"}:
            raise NotImplementedError(f"{where}: labels with {sorted(set(label) - {'pairs'})}")
        for resource in resources:
            resource.setdefault("metadata", {}).setdefault("labels", {}).update(label["pairs"])
    if "namespace" in spec:
        for resource in resources:
            if resource["kind"] not in CLUSTER_SCOPED:
                resource["metadata"]["namespace"] = spec["namespace"]
    return resources


def _matches(resource: Resource, target: dict[str, str]) -> bool:
    group, _, version = resource["apiVersion"].rpartition("/")
    actual = {"group": group, "version": version, "kind": resource["kind"], "name": resource["metadata"]["name"]}
    return all(actual[key] == value for key, value in target.items())


def _json_patch(document: Resource, operation: dict[str, Any]) -> None:
    op, path = operation["op"], operation["path"]
    *parents, last = [part.replace("~1", "/").replace("~0", "~") for part in path.lstrip("/").split("/")]
    node: Any = document
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if op == "remove":
        del node[int(last) if isinstance(node, list) else last]
    elif op == "replace":
        if isinstance(node, list):
            node[int(last)] = operation["value"]
        else:
            if last not in node:
                raise KeyError(f"replace {path}: nothing there")
            node[last] = operation["value"]
    elif op == "add":
        if isinstance(node, list):
            node.insert(len(node) if last == "-" else int(last), operation["value"])
        else:
            node[last] = operation["value"]
    else:
        raise NotImplementedError(f"JSON patch op {op}")


def _set_image(node: Any, image: dict[str, str]) -> None:
    if isinstance(node, dict):
        for key in ("containers", "initContainers"):
            for container in node.get(key, []) if isinstance(node.get(key), list) else []:
                name, _, tag = container["image"].partition(":")
                if name == image["name"]:
                    container["image"] = f"{image.get('newName', name)}:{image.get('newTag', tag)}"
        for value in node.values():
            _set_image(value, image)
    elif isinstance(node, list):
        for value in node:
            _set_image(value, image)
