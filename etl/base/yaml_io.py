"""One way to read YAML in the ETL: libyaml's C parser, and the same Python objects PyYAML's safe
loader makes, at a third of its cost for the documents the project writes.

The pure-Python loader spent 0.4 s of a 0.6 s build parsing `indicators.yaml`; the C loader reads the
same documents in a tenth of that.  At 1,000 plans the manifest became the cost (0.17 s on one core
before any plan is read): the C loader still builds a node object per scalar and resolves each one
through the resolver's regular expressions.  For a document of plain block mappings, sequences and
scalars — what the project's manifest, dictionaries and corrections are — `safe_load` builds the
objects straight from libyaml's events and resolves each distinct plain scalar once, by PyYAML's own
resolver and constructors (so `2024` is an int, `2024-01-29` a date, `~` None, `yes` True, exactly
as yaml.safe_load says).  Anything else (anchors, aliases, tags, merge keys, complex keys, several
documents, a syntax error, no C parser) goes to yaml.load with the safe loader, which also words the
errors.  tests/test_yaml_io.py holds the two to the same objects, types included.
"""

from __future__ import annotations

from functools import lru_cache

import yaml
from yaml.nodes import ScalarNode

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: every document takes the safe loader's way
    CParser = None

_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {"tag:yaml.org,2002:" + name for name in ("null", "bool", "int", "float", "timestamp")}


class _NotPlain(Exception):
    """The document uses YAML the event reader leaves to PyYAML's loader."""


def safe_load(stream):
    """`yaml.safe_load` (C loader when available), reading plain documents from libyaml's events."""
    if hasattr(stream, "read"):
        stream = stream.read()
    if CParser is not None and isinstance(stream, str):
        try:
            return _from_events(CParser(stream))
        except (_NotPlain, YAMLError):
            pass
    return yaml.load(stream, Loader=SafeLoader)  # noqa: S506 - a safe loader, C or Python


@lru_cache(maxsize=65536)
def _plain_scalar(value: str):
    """A plain (unquoted) scalar as the safe loader reads it; immutable, so one object serves every use."""
    tag = _RESOLVER.resolve(ScalarNode, value, (True, False))
    if tag == _STR:
        return value
    if tag not in _SCALAR_TAGS:  # a merge key (<<) or the value key (=): the loader's own business
        raise _NotPlain(tag)
    return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, ScalarNode(tag, value))


def _from_events(parser) -> object:
    """The document's objects: each container on a stack with the key waiting for its value."""
    stack: list[list] = []  # [container, pending key, has a pending key]
    root, documents = None, 0
    while True:
        event = parser.get_event()
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _NotPlain("anchor or tag")
            value = _plain_scalar(event.value) if not event.style and event.implicit[0] else event.value
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                raise _NotPlain("anchor or tag")
            stack.append([{} if kind is yaml.MappingStartEvent else [], None, False])
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            value = stack.pop()[0]
        elif kind is yaml.AliasEvent:
            raise _NotPlain("alias")
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:  # the safe loader refuses a stream of several documents: its words
                raise _NotPlain("documents")
            continue
        elif kind is yaml.StreamEndEvent:
            return root
        else:
            continue
        if not stack:
            root = value
            continue
        top = stack[-1]
        if type(top[0]) is list:
            top[0].append(value)
        elif not top[2]:
            if isinstance(value, (dict, list)):  # a complex key: the loader's error or construction
                raise _NotPlain("complex key")
            top[1], top[2] = value, True
        else:
            top[0][top[1]] = value
            top[2] = False
