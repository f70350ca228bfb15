"""A fast yes/no check for the JSON Schema keywords ``schemas/`` uses, so that the
common case (a valid document) skips jsonschema's error machinery.

``compile_checks`` turns each document schema into plain Python closures. A check answers
exactly what ``Draft202012Validator(...).is_valid`` would; where it cannot be sure (a
keyword it does not know, numbers in ``uniqueItems``) it raises ``Unsure`` or the schema
is not compiled at all, and the caller asks jsonschema. A document the check finds invalid
is always re-validated by jsonschema, which produces the located errors: this path only
decides that there is nothing to report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

Check = Callable[[Any], bool]
Schema = dict[str, Any]

ANNOTATIONS = frozenset(
    {"$schema", "$defs", "$comment", "title", "description", "examples", "default", "x-direction", "x-internal"}
    | {"x-message", "x-unit", "deprecated", "readOnly", "writeOnly", "errorMessage"}
    | {"x-labels", "enumDescriptions", "markdownEnumDescriptions"}
)


class Unsure(Exception):
    """This instance needs the full validator."""


class Unsupported(Exception):
    """The schema uses a keyword this module does not implement."""


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


_TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "number": _is_number,
    "integer": lambda x: (isinstance(x, int) and not isinstance(x, bool)) or (isinstance(x, float) and x.is_integer()),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
}


def _same(a: Any, b: Any) -> bool:
    """jsonschema's equality for ``const``/``enum`` on the scalars our schemas use."""
    if isinstance(b, str) or b is None:
        return type(a) is type(b) and a == b
    if isinstance(b, bool) or isinstance(a, bool):
        return type(a) is type(b) and a == b
    return _is_number(a) and a == b


def _unique(items: list[Any]) -> bool:
    if all(isinstance(x, str) for x in items):
        return len(set(items)) == len(items)
    raise Unsure("uniqueItems on non-strings")


def _all_of(checks: list[Check]) -> Check:
    """Every check holds (a loop: ``all`` over a generator costs a frame per step)."""
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda x: first(x) and second(x)

    def every(x: Any) -> bool:
        for check in checks:  # noqa: SIM110 (a loop, not all() over a generator: a frame per step)
            if not check(x):
                return False
        return True

    return every


class Compiler:
    def __init__(
        self, schemas: dict[str, Schema], checker: FormatChecker, pattern: Callable[[str], re.Pattern[str]]
    ) -> None:
        self.schemas = schemas
        self.checker = checker
        self.pattern = pattern
        self.overridden: frozenset[str] = frozenset()
        self.refs: dict[tuple[str, str], Check] = {}

    def ref(self, ref: str, base: str) -> Check:
        file, _, pointer = ref.partition("#")
        file = file or base
        key = (file, pointer)
        if key not in self.refs:
            slot: list[Check] = []
            self.refs[key] = lambda x: slot[0](x)  # recursion-safe placeholder
            target: Any = self.schemas[file]
            for part in [p for p in pointer.split("/") if p]:
                target = target[part.replace("~1", "/").replace("~0", "~")]
            slot.append(self.node(target, file))
            self.refs[key] = slot[0]  # later references call the check itself, not the placeholder
        return self.refs[key]

    def node(self, schema: Any, base: str) -> Check:
        if schema is True:
            return lambda x: True
        if schema is False:
            return lambda x: False
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        checks: list[Check] = []
        for key, value in schema.items():
            if key in ANNOTATIONS or key in ("then", "else"):
                continue
            checks.append(self.keyword(key, value, schema, base))
        return _all_of(checks)

    def keyword(self, key: str, value: Any, schema: Schema, base: str) -> Check:
        if key in self.overridden:
            raise Unsupported(f"{key} is implemented differently by the validator")
        if key == "$ref":
            return self.ref(value, base)
        if key == "type":
            names = value if isinstance(value, list) else [value]
            tests = [_TYPES[n] for n in names]
            return tests[0] if len(tests) == 1 else (lambda x: any(t(x) for t in tests))
        if key == "properties":
            props = {name: self.node(sub, base) for name, sub in value.items()}

            def properties(x: Any) -> bool:
                if isinstance(x, dict):
                    for k, v in x.items():
                        check = props.get(k)
                        if check is not None and not check(v):
                            return False
                return True

            return properties
        if key == "additionalProperties":
            known = frozenset(schema.get("properties", {}))
            if "patternProperties" in schema:
                raise Unsupported("patternProperties")
            extra = self.node(value, base)
            return lambda x: not isinstance(x, dict) or all(extra(v) for k, v in x.items() if k not in known)
        if key == "required":
            required = tuple(value)
            return lambda x: not isinstance(x, dict) or all(n in x for n in required)
        if key == "items":
            item = self.node(value, base)

            def items(x: Any) -> bool:
                if isinstance(x, list):
                    for v in x:
                        if not item(v):
                            return False
                return True

            return items
        bound = self.bound(key, value)
        if bound is not None:
            return bound
        if key in ("allOf", "anyOf", "oneOf"):
            subs = [self.node(s, base) for s in value]
            if key == "allOf":
                return _all_of(subs)
            if key == "anyOf":
                return lambda x: any(s(x) for s in subs)
            return lambda x: sum(1 for s in subs if s(x)) == 1
        if key == "not":
            inner = self.node(value, base)
            return lambda x: not inner(x)
        if key == "if":
            test = self.node(value, base)
            then = self.node(schema.get("then", True), base)
            other = self.node(schema.get("else", True), base)
            return lambda x: then(x) if test(x) else other(x)
        raise Unsupported(key)

    def bound(self, key: str, value: Any) -> Check | None:
        """The check of a keyword that bounds one value (size, length, pattern, range, constants)."""
        if key == "minProperties":
            return lambda x: not isinstance(x, dict) or len(x) >= value
        if key == "minItems":
            return lambda x: not isinstance(x, list) or len(x) >= value
        if key == "maxItems":
            return lambda x: not isinstance(x, list) or len(x) <= value
        if key == "uniqueItems":
            return (lambda x: not isinstance(x, list) or _unique(x)) if value else (lambda x: True)
        if key == "minLength":
            return lambda x: not isinstance(x, str) or len(x) >= value
        if key == "maxLength":
            return lambda x: not isinstance(x, str) or len(x) <= value
        if key == "pattern":
            search = self.pattern(value).search
            return lambda x: not isinstance(x, str) or search(x) is not None
        if key == "format":
            conforms = self.checker.conforms
            return lambda x: conforms(x, value)
        if key == "minimum":
            return lambda x: not _is_number(x) or x >= value
        if key == "maximum":
            return lambda x: not _is_number(x) or x <= value
        if key in ("const", "enum"):
            options = [value] if key == "const" else list(value)
            if not all(o is None or isinstance(o, str | int | float) for o in options):
                raise Unsupported(f"{key} with structured values")
            if all(type(o) is str for o in options):  # _same: a str equal to one of them
                names = frozenset(options)
                return lambda x: type(x) is str and x in names
            return lambda x: any(_same(x, o) for o in options)
        return None


def compile_checks(
    schemas: dict[str, Schema],
    kinds: tuple[str, ...],
    checker: FormatChecker,
    pattern: Callable[[str], re.Pattern[str]] = re.compile,
    validator: Any = Draft202012Validator,
) -> dict[str, Check]:
    """A check per document kind; a kind whose schema uses an unknown keyword has none.
    ``pattern`` compiles a ``pattern`` keyword exactly as ``validator`` does; any other keyword
    ``validator`` implements differently from Draft 2020-12 is left to it (no quick check)."""
    compiler = Compiler(schemas, checker, pattern)
    standard = Draft202012Validator.VALIDATORS
    compiler.overridden = frozenset(
        k for k, v in validator.VALIDATORS.items() if k != "pattern" and standard.get(k) is not v
    )
    found: dict[str, Check] = {}
    for kind in kinds:
        name = f"{kind}.schema.json"
        try:
            found[kind] = compiler.node(schemas[name], name)
        except Unsupported:
            continue
    return found


def is_valid(check: Check | None, instance: Any) -> bool | None:
    """True or False when the check is sure, None when jsonschema must decide."""
    if check is None:
        return None
    try:
        return check(instance)
    except (Unsure, RecursionError):
        return None
