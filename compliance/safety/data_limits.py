"""Bounded reading of user files, YAML without alias bombs, and XML-illegal character reports.

The generator loads user data (YAML/JSON) and writes it into XML (.docx). Three things can go
wrong with hostile or careless input: a file too big to hold, a YAML "billion laughs" whose
aliases expand to billions of nodes when the data is walked, and control characters that XML 1.0
cannot hold (the generator must report them, not drop them silently).
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from ..errors import ComplianceError, InputError

# A data file for one form, or a batch of a few thousand rows, is well under 1 MB; 10 MB leaves
# room for batches while keeping the parsed structure (several times the text size) small.
MAX_DATA_BYTES = 10 * 1024 * 1024

# Nodes that aliases may add on top of the nodes written out in the text. Anchors and merge keys
# (`<<: *defaults`) in real data add a few hundred; a billion-laughs document adds billions.
MAX_ALIAS_EXPANSION = 100_000

# Nesting deeper than this is not data anyone wrote by hand; it is checked before Python's own
# recursion limit turns it into a RecursionError deep inside PyYAML.
MAX_YAML_DEPTH = 200


def _show(path: Path | str) -> str:
    return Path(path).name  # messages name the file; the caller's finding carries the full path


def open_bounded(path: Path, limit: int, error: type[ComplianceError] = InputError) -> BinaryIO:
    """Open a regular file for reading after checking its size against `limit` bytes.

    O_NONBLOCK makes opening a FIFO or a device return at once instead of blocking for ever;
    the type is then checked on the open descriptor, so a swap after a check cannot fool it.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise error(f"无法打开文件 {_show(path)}：{exc.strerror}", f"cannot open {_show(path)}: {exc.strerror}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{_show(path)} 不是普通文件（设备、管道或目录），已拒绝读取",
                        f"{_show(path)} is not a regular file (device, pipe or directory); refused")
        if info.st_size > limit:
            raise error(f"{_show(path)} 过大（{info.st_size} 字节，上限 {limit} 字节）",
                        f"{_show(path)} is too large ({info.st_size} bytes, limit {limit} bytes)")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: Path, limit: int = MAX_DATA_BYTES, error: type[ComplianceError] = InputError) -> bytes:
    """Read a whole regular file, never more than `limit` bytes even if it grows while read."""
    with open_bounded(path, limit, error) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise error(f"{_show(path)} 过大（超过 {limit} 字节）", f"{_show(path)} is too large (more than {limit} bytes)")
    return data


def _expansion_error(where: str, zh: str, en: str) -> InputError:
    return InputError(f"{where}：{zh}，已拒绝读取", f"{where}: {en}; refused")


def _check_expansion(root: yaml.Node, where: str) -> None:
    """Count the nodes the document has once aliases are expanded, without expanding them.

    PyYAML shares an aliased node instead of copying it, so composing a billion-laughs document is
    cheap; the blow-up comes later, when the data is walked or written out. Sizes are computed
    bottom-up once per distinct node (iteratively, so depth cannot exhaust the C stack).
    """
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 0, False)]
    while stack:
        node, depth, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            children = _children(node)
            size[key] = 1 + sum(size[id(child)] for child in children)
            continue
        if key in size:
            continue
        if key in on_path:
            raise _expansion_error(where, "含有引用自身的别名（递归锚点）", "an alias refers to itself (recursive anchor)")
        if depth > MAX_YAML_DEPTH:
            raise _expansion_error(where, f"嵌套超过 {MAX_YAML_DEPTH} 层", f"nested more than {MAX_YAML_DEPTH} levels deep")
        on_path.add(key)
        stack.append((node, depth, True))
        for child in _children(node):
            if id(child) in on_path:
                raise _expansion_error(where, "含有引用自身的别名（递归锚点）", "an alias refers to itself (recursive anchor)")
            if id(child) not in size:
                stack.append((child, depth + 1, False))
    expanded, distinct = size[id(root)], len(size)
    if expanded - distinct > MAX_ALIAS_EXPANSION:
        raise _expansion_error(
            where,
            f"别名（*锚点）展开后节点过多（{expanded} 个，疑似“十亿笑”攻击）",
            f"aliases expand to {expanded} nodes (a 'billion laughs' alias bomb?)",
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


class _TooDeep(yaml.YAMLError):
    pass


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader (pure Python: the C loader recurses without a depth check) that stops `[[[[...`
    in the scanner, long before the composer's recursion would."""

    def fetch_flow_collection_start(self, TokenClass: type) -> None:
        if self.flow_level >= MAX_YAML_DEPTH:
            raise _TooDeep()
        super().fetch_flow_collection_start(TokenClass)


_INT, _FLOAT, _BOOL, _TIMESTAMP = (f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "timestamp"))


def _as_written(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """A scalar as its text, for the field it fills to read: that field's own coercion then names
    the field, its label and the value when the value is wrong."""
    return loader.construct_scalar(node)  # type: ignore[arg-type]


def _or_as_written(tag: str):
    """YAML's own reading of an int, float, bool or timestamp, or the text when that reading
    fails: `2026-13-45` is a timestamp to YAML, and its ValueError ('month must be in 1..12')
    would name no field."""
    construct = yaml.SafeLoader.yaml_constructors[tag]

    def constructor(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError, KeyError, TypeError):
            return _as_written(loader, node)

    return constructor


_yaml_int, _yaml_float = _or_as_written(_INT), _or_as_written(_FLOAT)


def _int_or_as_written(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """YAML 1.1 reads `0574` as octal (380) and `9:30` as 570 (base 60): nobody filling a form
    means either, so such a scalar stays as written, for the field to read as text or figures."""
    digits = str(node.value).replace("_", "").lstrip("+-")
    if ":" in digits or (len(digits) > 1 and digits[0] == "0" and digits[1].isdigit()):
        return _as_written(loader, node)
    return _yaml_int(loader, node)


def _float_or_as_written(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if ":" in str(node.value):  # 1:30.5 is a base-60 float to YAML 1.1
        return _as_written(loader, node)
    return _yaml_float(loader, node)


_BoundedLoader.add_constructor(_INT, _int_or_as_written)
_BoundedLoader.add_constructor(_FLOAT, _float_or_as_written)
_BoundedLoader.add_constructor(_BOOL, _or_as_written(_BOOL))
_BoundedLoader.add_constructor(_TIMESTAMP, _or_as_written(_TIMESTAMP))


def load_yaml_safely(text: str, where: str) -> Any:
    """Parse YAML (or JSON) with SafeLoader, refusing alias bombs, recursion and deep nesting.

    Raises InputError naming `where`, with the line and column for syntax errors.
    """
    if len(text) > MAX_DATA_BYTES:
        raise InputError(f"{where} 过大（超过 {MAX_DATA_BYTES} 字符）", f"{where} is too large (more than {MAX_DATA_BYTES} characters)")
    try:
        # The reader refuses characters YAML cannot hold (raw control characters) as soon as it
        # is built, so building it belongs inside the try.
        loader = _BoundedLoader(text)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise InputError(f"{where}（第 {line} 行第 {column} 列）含有 YAML 不允许的字符 {char}",
                         f"{where} (line {line}, column {column}) holds a character YAML does not allow: {char}") from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expansion(node, where)
        return loader.construct_document(node)
    except (_TooDeep, RecursionError) as exc:  # the composer also recurses once per block level
        raise _expansion_error(where, f"嵌套超过 {MAX_YAML_DEPTH} 层", f"nested more than {MAX_YAML_DEPTH} levels deep") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"（第 {mark.line + 1} 行第 {mark.column + 1} 列）" if mark else ""
        at_en = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"{where} 不是有效的 YAML{at}：{problem}", f"{where} is not valid YAML{at_en}: {problem}") from exc
    finally:
        loader.dispose()


# XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _join(path: str, key: object) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def find_xml_illegal_chars(data: Any) -> list[tuple[str, str]]:
    """Every (path, character) pair where a string holds a character XML 1.0 cannot hold.

    Paths read like `items[2].summary`; keys are checked as well as values. Each character is
    reported once per path, in order of first appearance, so a string of 10,000 NULs gives one line.
    """
    found: list[tuple[str, str]] = []
    stack: list[tuple[str, Any]] = [("", data)]
    seen: set[int] = set()  # shared containers (YAML aliases) are walked once
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            chars = dict.fromkeys(_XML_ILLEGAL.findall(value))
            found.extend((path or "(root)", char) for char in chars)
        elif isinstance(value, (dict, list, tuple)):
            if id(value) in seen:
                continue
            seen.add(id(value))
            items = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
            for key, item in reversed(items):  # reversed: the stack pops them in document order
                stack.append((_join(path, key), item))
                if isinstance(key, str) and _XML_ILLEGAL.search(key):  # a key is text in XML too
                    stack.append((_join(path, repr(key)), key))
    return found


def describe_char(char: str) -> str:
    """A visible name for an invisible character, for messages: U+0001."""
    return f"U+{ord(char):04X}"
