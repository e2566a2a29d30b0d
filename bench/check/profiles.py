"""The bundled example profiles repeated to SIZE bytes, each copy's icps and schemas suffixed
with the copy's number so no name is defined twice: the input of `analyze_profiles` in
`crates/icp-check/benches/check.rs`, written to stdout for `icpc check`.

Usage: python3 bench/check/profiles.py SIZE REPO_ROOT > profiles.icp
"""
import sys, re
size = int(sys.argv[1]); root = sys.argv[2]
ex = [open(f"{root}/examples/{n}.icp").read() for n in ["borghei-score","devtools-weighted","hr-analytics"]]
out = []; n = 0; copy = 0
while n < size:
    for src in ex:
        for line in src.split('\n')[:-1] if src.endswith('\n') else src.split('\n'):
            t = line.lstrip(); indent = line[:len(line)-len(t)]; r = None
            for kw in ["icp ", "schema ", "uses "]:
                if t.startswith(kw):
                    rest = t[len(kw):]
                    m = re.match(r'[A-Za-z0-9_]*', rest); end = m.end()
                    if end > 0 and (kw == "uses " or indent == ""):
                        r = f"{indent}{kw}{rest[:end]}_{copy}{rest[end:]}"
                    break
            s = (r if r is not None else line) + '\n'
            out.append(s); n += len(s.encode())
        out.append('\n'); n += 1
    copy += 1
sys.stdout.write(''.join(out))
