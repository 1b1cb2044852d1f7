# SPDX-License-Identifier: MIT
"""What the guest tests share: a tally of named checks ending in
'NAME: N passed, M failed', and running shell commands in a guest through
its console with an end marker."""


class Checks:
    def __init__(self, quiet=False):
        self.passed = self.failed = 0
        self.quiet = quiet  # print failed checks only

    def check(self, name, ok, detail=""):
        self.passed += bool(ok)
        self.failed += not ok
        if ok and self.quiet:
            return
        print(f"  {'pass' if ok else 'FAIL'}  {name}{'' if ok else ': ' + str(detail)[-400:]}")

    def finish(self, name, results=None, key=None):
        """Prints 'name: N passed, M failed', writes 'key N M' (key defaults
        to name) to the results file if given; returns the exit status."""
        if results:
            with open(results, "w") as f:
                f.write(f"{key or name} {self.passed} {self.failed}\n")
        print(f"{name}: {self.passed} passed, {self.failed} failed")
        return 0 if self.failed == 0 else 1


def shell(child, prefix="", default_timeout=60):
    """A function running a command in the guest's shell and returning its
    output up to an end marker. With a prefix (a VMM's console lines), only
    the lines carrying it, without it."""
    marks = iter(range(1, 1000))

    def run(cmd, timeout=None):
        timeout = timeout or default_timeout
        n = next(marks)
        # the shell computes the marker, so the echoed command line cannot match it
        child.sendline(f"{cmd}; echo __done_$((1000 + {n}))__")
        if not prefix:
            child.expect_exact(f"__done_{1000 + n}__", timeout=timeout)
            return child.before.replace("\r", "")
        child.expect(rf"{prefix}(.*)__done_{1000 + n}__", timeout=timeout)
        text = (child.before + child.match.group(0)).replace("\r", "")
        return "\n".join(l[len(prefix):] for l in text.split("\n") if l.startswith(prefix))

    return run
