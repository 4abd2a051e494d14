#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes the Serbian Latin catalogue from the Cyrillic one, as GNOME's
# Serbian team does: sr@latin.po is never edited by hand, so the two scripts
# cannot drift apart. Only the translations(msgstr) and the translator
# comment lines of the file's header are transliterated; msgids, references
# and flags stay as they are, so the output lines up with sr.po line by line.
#
# Usage: po/sr-latin.py sr.po [sr@latin.po]   (default output: stdout)

import re
import sys

LOWER = {
    'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'д': 'd', 'ђ': 'đ', 'е': 'e',
    'ж': 'ž', 'з': 'z', 'и': 'i', 'ј': 'j', 'к': 'k', 'л': 'l', 'љ': 'lj',
    'м': 'm', 'н': 'n', 'њ': 'nj', 'о': 'o', 'п': 'p', 'р': 'r', 'с': 's',
    'т': 't', 'ћ': 'ć', 'у': 'u', 'ф': 'f', 'х': 'h', 'ц': 'c', 'ч': 'č',
    'џ': 'dž', 'ш': 'š',
}
UPPER = {c.upper(): v.capitalize() for c, v in LOWER.items()}
# The three letters that become two: “Љубав” → “Ljubav” but “ЉУБАВ” → “LJUBAV”.
DIGRAPHS = {'Љ': 'LJ', 'Њ': 'NJ', 'Џ': 'DŽ'}


def transliterate(text):
    out = []
    for i, c in enumerate(text):
        if c in DIGRAPHS:
            nxt = text[i + 1] if i + 1 < len(text) else ''
            prev = text[i - 1] if i > 0 else ''
            # All capitals when the word goes on in capitals, or when the
            # letter ends a word written in capitals (“ЂУЛЉ” is rare, “СЉ” too).
            if nxt.isalpha():
                upper = nxt.isupper()
            else:
                upper = prev.isalpha() and prev.isupper()
            out.append(DIGRAPHS[c] if upper else UPPER[c])
        elif c in UPPER:
            out.append(UPPER[c])
        elif c in LOWER:
            out.append(LOWER[c])
        else:
            out.append(c)
    return ''.join(out)


HEADER_SUBST = [
    (re.compile(r'^# Serbian translation for Kapija\.$'),
     '# Serbian (Latin script) translation for Kapija.\n'
     '# Generated from sr.po by po/sr-latin.py: do not edit, edit sr.po.'),
    (re.compile(r'^"Language: sr\\n"$'), r'"Language: sr@latin\\n"'),
    (re.compile(r'^"Language-Team: Serbian(.*)\\n"$'),
     r'"Language-Team: Serbian (Latin script)\1\\n"'),
]


def convert(lines):
    out = []
    in_msgstr = False
    in_header = True        # until the first entry after the header's msgstr
    header_msgstr_done = False
    for line in lines:
        line = line.rstrip('\n')
        # Obsolete entries (“#~ msgstr …”) are converted like live ones.
        prefix = '#~ ' if line.startswith('#~ ') else ''
        line = line[len(prefix):]
        if line.startswith('msgstr'):
            in_msgstr = True
        elif line.startswith(('msgid', 'msgctxt', '#')) or not line:
            if in_msgstr and in_header:
                header_msgstr_done = True
            in_msgstr = False
        if in_header and header_msgstr_done and not line:
            in_header = False

        if in_header:
            for pattern, repl in HEADER_SUBST:
                if pattern.match(line):
                    line = pattern.sub(repl, line)
                    break
            if line.startswith('#') and not line.startswith(('#,', '#:', '#.', '#|')):
                line = transliterate(line)

        if in_msgstr:
            # The quoted text only, not the keyword.
            start = line.index('"')
            line = line[:start] + transliterate(line[start:])
        out.append(prefix + line)
    return '\n'.join(out) + '\n'


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write('Usage: sr-latin.py sr.po [sr@latin.po]\n')
        return 2
    with open(argv[1], encoding='utf-8') as f:
        text = convert(f.readlines())
    if len(argv) == 3:
        with open(argv[2], 'w', encoding='utf-8') as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
