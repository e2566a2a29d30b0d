#!/usr/bin/env python3
"""Import cycles between the files of each crate.

Reads every `crates/*/src/**/*.rs`, maps each file to its module path, and draws an edge from a
file to every module of the same crate it names (`use crate::a::b`, `crate::a::f()`,
`super::x`, `self::x`). A file naming one of its own ancestors (`use super::*` in a child) is
not counted: a module and the submodules it declares are one room. Any other strongly connected
group of files is a cycle and is printed; the exit status is 1 when there is one.

    python3 scripts/module-cycles.py            # every crate
    python3 scripts/module-cycles.py icp-check  # one crate
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def module_of(src: Path, f: Path) -> tuple:
    rel = f.relative_to(src).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] in ("lib", "main", "mod"):
        parts = parts[:-1]
    return tuple(parts)


PATH = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*|::\{)+)")


def strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(line.split("//")[0] if "//" in line and '"' not in line else line
                     for line in text.split("\n"))


def refs(text: str, me: tuple, is_mod_file: bool):
    """Module paths (tuples) named by the file, before resolution to files."""
    here = me if is_mod_file else me  # `self` is the file's own module either way
    for m in PATH.finditer(strip_comments(text)):
        head, tail = m.group(1), m.group(2)
        names = [n for n in tail.split("::") if n and n != "{"]
        if head == "crate":
            base = ()
        elif head == "self":
            base = here
        else:
            base = here[:-1]
            # `super::super::x`
            while names and names[0] == "super":
                base = base[:-1]
                names = names[1:]
        yield base + tuple(names)
        # `use crate::{a, b::c}` names each of a, b
        brace = text[m.end():m.end() + 400] if tail.endswith("{") else ""
        if brace:
            depth, inner = 1, []
            for ch in brace:
                if ch == "{":
                    depth += 1
                elif ch == "}":
                    depth -= 1
                    if depth == 0:
                        break
                inner.append(ch)
            for item in re.split(r"[,\s]+", "".join(inner)):
                first = item.split("::")[0].strip()
                if first and first not in ("self", "*") and re.match(r"[A-Za-z_]", first):
                    yield base + tuple(names) + (first,)


def sccs(graph):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)

    sys.setrecursionlimit(10000)
    for v in list(graph):
        if v not in index:
            visit(v)
    return out


def crate_cycles(crate: Path):
    src = crate / "src"
    files = {module_of(src, f): f for f in src.rglob("*.rs")}
    graph = {}
    for mod, f in files.items():
        text = f.read_text(encoding="utf-8", errors="replace")
        is_mod_file = f.stem in ("lib", "main", "mod")
        edges = set()
        for path in refs(text, mod, is_mod_file):
            # the longest prefix that is a file of the crate
            target = next((path[:i] for i in range(len(path), -1, -1) if path[:i] in files), None)
            if target is None or target == mod:
                continue
            if mod[:len(target)] == target:  # an ancestor: the same room
                continue
            edges.add(target)
        graph[mod] = edges
    found = []
    for comp in sccs(graph):
        if len(comp) > 1:
            found.append(sorted(str(files[m].relative_to(ROOT)) for m in comp))
    return found


def main():
    only = set(sys.argv[1:])
    bad = 0
    for crate in sorted((ROOT / "crates").iterdir()):
        if only and crate.name not in only or not (crate / "src").is_dir():
            continue
        for comp in crate_cycles(crate):
            bad += 1
            print(f"{crate.name}: cycle between " + ", ".join(comp))
    if bad:
        sys.exit(1)
    print("no import cycles between the files of a crate")


if __name__ == "__main__":
    main()
