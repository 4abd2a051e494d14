#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that the message catalogues meson built load, through the C
# library's own gettext, as the app loads them:
#   - every language of po/LINGUAS has BUILD/po/LANG/LC_MESSAGES/kapija.mo,
#     with the same messages as po/LANG.po compiled afresh;
#   - with LANGUAGE=LANG in a UTF-8 locale, glibc's dgettext() gives every
#     translation of the catalogue (context included) and dngettext() the
#     plural form that the catalogue's Plural-Forms picks, for n = 0…130;
#     the expected values come from Python's own .mo reader, an
#     implementation independent of glibc;
#   - sr@latin loads as itself (glibc falls back from sr@latin to sr when
#     sr@latin.mo is missing, which would show Cyrillic) and sr as Cyrillic.
# The app binds the domain to LOCALEDIR from config.h, the installed path,
# so this binds it to the build's po/ instead, as the app would after
# `meson install`.
#
# Usage: po/check-mo.py SOURCE_ROOT BUILD_ROOT

import ctypes
import ctypes.util
import gettext
import locale
import os
import re
import subprocess
import sys
import tempfile

DOMAIN = 'kapija'
CYRILLIC = re.compile('[\u0400-\u04ff]')


def languages(srcdir):
    with open(os.path.join(srcdir, 'po', 'LINGUAS'), encoding='utf-8') as f:
        return [w for line in f for w in line.split('#', 1)[0].split()]


def load_mo(path):
    with open(path, 'rb') as f:
        return gettext.GNUTranslations(f)


def check_language(srcdir, builddir, lang):
    """Runs in a child process with LANGUAGE=lang; returns a list of problems."""
    problems = []
    built = os.path.join(builddir, 'po', lang, 'LC_MESSAGES', DOMAIN + '.mo')
    if not os.path.isfile(built):
        return [f'{lang}: {built} was not built (is {lang} in po/LINGUAS at configure time?)']

    with tempfile.TemporaryDirectory() as tmp:
        fresh = os.path.join(tmp, lang + '.mo')
        subprocess.run(['msgfmt', '--check', '-o', fresh,
                        os.path.join(srcdir, 'po', lang + '.po')], check=True)
        expected = load_mo(fresh)
    actual = load_mo(built)
    if expected._catalog != actual._catalog:
        problems.append(f'{lang}: the built {DOMAIN}.mo differs from po/{lang}.po; rebuild')

    # glibc ignores LANGUAGE in the C locale; C.UTF-8 is always there.
    locale.setlocale(locale.LC_ALL, 'C.UTF-8')
    libc = ctypes.CDLL(ctypes.util.find_library('c'))
    libc.bindtextdomain.restype = ctypes.c_char_p
    libc.bind_textdomain_codeset.restype = ctypes.c_char_p
    libc.dgettext.restype = ctypes.c_char_p
    libc.dgettext.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.dngettext.restype = ctypes.c_char_p
    libc.dngettext.argtypes = [ctypes.c_char_p, ctypes.c_char_p,
                               ctypes.c_char_p, ctypes.c_ulong]
    domain = DOMAIN.encode()
    libc.bindtextdomain(domain, os.path.join(builddir, 'po').encode())
    libc.bind_textdomain_codeset(domain, b'UTF-8')

    singular = 0
    plural = 0
    for key, value in expected._catalog.items():
        if key == '':
            continue        # the header
        if isinstance(key, tuple):
            msgid, index = key
            if index != 0:
                continue
            plural += 1
            missing = b'\x01not translated'
            for n in range(131):
                want = expected._catalog[(msgid, expected.plural(n))]
                got = libc.dngettext(domain, msgid.encode(), missing, n).decode()
                if got != want:
                    problems.append(f'{lang}: dngettext({msgid!r}, {n}) gave {got!r}, not {want!r}')
                    break
        else:
            singular += 1
            # Python keeps a context as "CONTEXT\x04MSGID", which is also
            # the key pgettext() looks up in glibc.
            got = libc.dgettext(domain, key.encode()).decode()
            if got != value:
                problems.append(f'{lang}: dgettext({key!r}) gave {got!r}, not {value!r}')

    commands = libc.dgettext(domain, b'Commands:').decode()
    if lang == 'sr' and not CYRILLIC.search(commands):
        problems.append(f'sr: “Commands:” is {commands!r}, not in Cyrillic')
    if lang == 'sr@latin' and CYRILLIC.search(commands):
        problems.append(f'sr@latin: “Commands:” is {commands!r}: sr@latin.mo did not load')

    print(f'# {lang}: {singular} messages and {plural} plural messages load through glibc')
    return problems


def main(argv):
    if len(argv) == 4 and argv[1] == '--language':
        # The child: argv = [self, --language, SRCDIR, BUILDDIR], LANGUAGE set.
        problems = check_language(argv[2], argv[3], os.environ['LANGUAGE'])
        for p in problems[:20]:
            print(p, file=sys.stderr)
        return 1 if problems else 0
    if len(argv) != 3:
        print('Usage: check-mo.py SOURCE_ROOT BUILD_ROOT', file=sys.stderr)
        return 2
    srcdir, builddir = argv[1], argv[2]
    langs = languages(srcdir)
    print(f'1..{len(langs)}')
    failed = 0
    for i, lang in enumerate(langs, 1):
        env = dict(os.environ, LANGUAGE=lang, LC_ALL='C.UTF-8')
        env.pop('LANG', None)
        status = subprocess.run([sys.executable, argv[0], '--language', srcdir, builddir],
                                env=env).returncode
        print(('ok' if status == 0 else 'not ok') + f' {i} /po/{lang}/load')
        failed += status != 0
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
