#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when the files of one folder include each other in a circle
# (core/HACKING.md: "if a.c includes b.h, b.c must not include a.h"), or
# in a longer one (a → b → c → a). A .c file, its header and its
# *-private.h are one node (kap-store.c, kap-store.h and
# kap-store-private.h are "kap-store"); a header without a .c of its own
# (kap-expr-parser-private.h, shared by the lexer and the parser) stands
# for what it includes. Only #include "..." of a file in the same folder
# counts: the folders' order is the layering's business, not this check's.
#
# Usage: check-include-circles.py FOLDER...   (each folder and every folder
# below it is checked on its own)

import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def owner_of(folder, name):
    """The .c file's node a file belongs to, or None for a header of no
    .c file (or anything else)."""
    stem, ext = os.path.splitext(name)
    if ext == '.c':
        return stem
    if ext != '.h':
        return None
    for candidate in (stem, stem[:-len('-private')] if stem.endswith('-private') else None):
        if candidate and os.path.isfile(os.path.join(folder, candidate + '.c')):
            return candidate
    return None


def includes_of(folder, name):
    with open(os.path.join(folder, name), encoding='utf-8', errors='replace') as f:
        text = f.read()
    return [i for i in INCLUDE.findall(text)
            if '/' not in i and os.path.isfile(os.path.join(folder, i))]


def graph_of(folder):
    """node → the nodes its files include, through headers of no node."""
    edges = {}

    def reach(name, seen, targets):
        for included in includes_of(folder, name):
            if included in seen:
                continue
            seen.add(included)
            owner = owner_of(folder, included)
            if owner is not None:
                targets.add(owner)
            elif included.endswith('.h'):
                reach(included, seen, targets)

    for name in sorted(os.listdir(folder)):
        node = owner_of(folder, name)
        if node is None or not os.path.isfile(os.path.join(folder, name)):
            continue
        targets = edges.setdefault(node, set())
        reach(name, {name}, targets)
        targets.discard(node)
    for targets in list(edges.values()):
        for target in targets:
            edges.setdefault(target, set())
    return edges


def circles(edges):
    """The strongly connected components with more than one node (Tarjan)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def main(folders):
    if not folders:
        print('Usage: check-include-circles.py FOLDER...', file=sys.stderr)
        return 2
    status = 0
    checked = 0
    for root in folders:
        if not os.path.isdir(root):
            print(f'{root}: not a folder', file=sys.stderr)
            return 2
        for folder, dirs, _ in os.walk(root):
            dirs.sort()
            checked += 1
            edges = graph_of(folder)
            for component in circles(edges):
                status = 1
                lines = [f'  {a} includes {b}' for a in component
                         for b in sorted(edges[a]) if b in component]
                print(f'{folder}: files include each other in a circle: '
                      + ', '.join(component) + '\n' + '\n'.join(lines))
    if status == 0:
        print(f'no include circles in {checked} folders')
    return status


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
