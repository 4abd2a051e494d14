#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The built app (app/kapija, run from the build folder as
# build-aux/setup-and-run.sh does) shows its own screens in the language
# asked for: started with LANGUAGE=sq and then LANGUAGE=tr, the header's
# buttons say “New Record” and “Main Menu” in Albanian and in Turkish.
# The app is a real process on the display; its widgets are read through
# the accessibility tree (AT-SPI), as a screen reader reads them. What
# they must say comes from the catalogues the build made (po/LANG/
# LC_MESSAGES/kapija.mo, read by Python's own gettext), so a message the
# app leaves in English, or catalogues it does not find, fail the test.
# Without a display the app does not start, and the test fails.
#
# Usage: test-app-locale.py BUILD_ROOT

import gettext
import os
import signal
import subprocess
import sys
import tempfile

import gi
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402

DOMAIN = 'kapija'
# The header's buttons of the records list (ui/records/kap-records-page.ui):
# icons whose tooltip is their accessible description.
MESSAGES = ['New Record', 'Main Menu']


def walk(accessible):
    """Every accessible under @accessible, itself included."""
    stack = [accessible]
    while stack:
        node = stack.pop()
        yield node
        try:
            count = node.get_child_count()
        except GLib.Error:
            continue
        for i in range(count):
            try:
                child = node.get_child_at_index(i)
            except GLib.Error:
                continue
            if child is not None:
                stack.append(child)


def find_app(pid):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except GLib.Error:
            pass
    return None


def buttons_described(app):
    """The descriptions (tooltips) of the app's push buttons."""
    found = set()
    for node in walk(app):
        try:
            if node.get_role() == Atspi.Role.PUSH_BUTTON:
                found.add(node.get_description())
        except GLib.Error:
            pass
    return found


def run_app(builddir, language, expected):
    """Starts the app with LANGUAGE=language and waits until its buttons
    say every text of @expected; returns a list of problems."""
    with tempfile.TemporaryDirectory(prefix='kapija-locale-') as tmp:
        env = dict(os.environ)
        for name in ('DATA', 'CONFIG', 'CACHE', 'STATE'):
            path = os.path.join(tmp, name.lower())
            os.mkdir(path)
            env['XDG_%s_HOME' % name] = path
        env.pop('GTK_A11Y', None)       # the tests' default turns it off
        env.pop('NO_AT_BRIDGE', None)
        env.pop('KAPIJA_STORE', None)
        env.update({
            'LANG': 'C.UTF-8', 'LC_ALL': 'C.UTF-8', 'LANGUAGE': language,
            'GSETTINGS_BACKEND': 'memory',
            'GSETTINGS_SCHEMA_DIR': os.path.join(builddir, 'app', 'data'),
            'KAPIJA_LOCALEDIR': os.path.join(builddir, 'po'),
        })

        loop = GLib.MainLoop()
        state = {'problems': [], 'scan': 0, 'seen': set()}

        def scan():
            state['scan'] = 0
            app = find_app(child.pid)
            if app is None:
                return GLib.SOURCE_REMOVE
            state['seen'] = buttons_described(app)
            # Done when every text is there, or as soon as one shows in
            # English: the catalogue was not found.
            if (all(text in state['seen'] for text in expected.values()) or
                    any(english in state['seen'] for english in MESSAGES)):
                loop.quit()
            return GLib.SOURCE_REMOVE

        def on_event(event):
            # Many events come at once while the window is built: look
            # once they have been handled.
            if state['scan'] == 0:
                state['scan'] = GLib.idle_add(scan)

        def on_exit(pid, status):
            state['problems'].append(f'{language}: the app exited ({status}) before its buttons '
                                     f'said {sorted(expected.values())}; see its output above')
            loop.quit()

        listener = Atspi.EventListener.new(on_event)
        for kind in ('window:', 'object:children-changed', 'object:state-changed',
                     'object:property-change'):
            listener.register(kind)

        child = subprocess.Popen([os.path.join(builddir, 'app', 'kapija')], env=env)
        watch = GLib.child_watch_add(GLib.PRIORITY_DEFAULT, child.pid, on_exit)
        GLib.idle_add(scan)
        loop.run()

        for kind in ('window:', 'object:children-changed', 'object:state-changed',
                     'object:property-change'):
            listener.deregister(kind)
        GLib.source_remove(watch)
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
            child.wait()

        for english in MESSAGES:
            if english in state['seen']:
                state['problems'].append(f'{language}: a button says “{english}”, '
                                         f'not “{expected[english]}”')
        return state['problems']


def main():
    builddir = sys.argv[1]
    languages = ['sq', 'tr']
    Atspi.init()

    print(f'1..{len(languages)}')
    failed = False
    for number, language in enumerate(languages, 1):
        mo = os.path.join(builddir, 'po', language, 'LC_MESSAGES', DOMAIN + '.mo')
        with open(mo, 'rb') as f:
            catalogue = gettext.GNUTranslations(f)
        expected = {english: catalogue.gettext(english) for english in MESSAGES}
        problems = [f'{language}: “{english}” is not translated in {mo}'
                    for english, text in expected.items() if text == english]
        if not problems:
            problems = run_app(builddir, language, expected)

        if problems:
            failed = True
            print(f'not ok {number} /app/locale/{language}')
            for problem in problems:
                print(f'# {problem}')
        else:
            print(f'ok {number} /app/locale/{language} # ' +
                  ', '.join(f'“{t}”' for t in expected.values()))
        sys.stdout.flush()

    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
