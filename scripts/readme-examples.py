#!/usr/bin/env python3
"""Fills each ```console block of README.md that starts with `$ gaizao ...` with the real output
of that command (stdout, then stderr, as a terminal shows them). crates/cli/tests/readme.rs checks that the
README matches; run this after changing output on purpose."""
import subprocess, pathlib

root = pathlib.Path(__file__).resolve().parent.parent
readme = root / "README.md"
binary = root / "target" / "debug" / "gaizao"
subprocess.run(["cargo", "build", "--quiet", "-p", "gaizao-cli"], cwd=root, check=True)

def run(args):
    p = subprocess.run([str(binary)] + args, cwd=root, capture_output=True, text=True)
    return (p.stdout + p.stderr).rstrip("\n").split("\n")

lines = readme.read_text().split("\n")
out, i = [], 0
while i < len(lines):
    line = lines[i]
    if line == "```console" and i + 1 < len(lines) and lines[i + 1].startswith("$ gaizao "):
        cmd = lines[i + 1]
        out += [line, cmd] + run(cmd[len("$ gaizao "):].split()) + ["```"]
        i += 2
        while i < len(lines) and lines[i] != "```":
            i += 1
        i += 1
    else:
        out.append(line)
        i += 1
text = "\n".join(out)
changed = text != readme.read_text()
readme.write_text(text)
print("README.md examples updated" if changed else "README.md examples already current")
