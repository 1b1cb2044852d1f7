# SPDX-License-Identifier: MIT
"""The benchmark budget: under QEMU -icount shift=0 every figure is an exact
count of executed instructions, the same on every run and host, so each is
held to a budget like any other deterministic output. tests/bench/budget.txt
has one line per figure: 'board variant row budget'. A figure more than
MARGIN above its budget fails; one well below it asks for the budget to be
lowered (in the commit that earned it). A budget written with '%' (like
'2.0%') is a ceiling on an overhead in percent, not a count: a figure above
it fails, with no margin (bench-guest's overhead of Linux on Tern)."""
import os

BUDGET_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "budget.txt")
MARGIN = 0.01          # 1 %, and at least one instruction
LOWER_HINT = 0.05      # a figure 5 % under its budget: time to lower it


def load(path=BUDGET_FILE):
    """{(board, variant, row): budget}; a malformed line is an error naming it."""
    budgets = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            step = 1
            if len(parts) == 5 and parts[4].startswith("step=") and parts[4][5:].isdigit():
                step = int(parts[4][5:])
                parts = parts[:4]
            percent = len(parts) == 4 and parts[3].endswith("%") and \
                parts[3][:-1].replace(".", "", 1).isdigit()
            if len(parts) != 4 or not (percent or parts[3].replace(",", "").isdigit()):
                raise SystemExit(f"{path}:{n}: expected 'board variant row budget [step=N]' "
                                 f"(budget a count, or a percentage like 2.0%), got {line!r}")
            key = tuple(parts[:3])
            if key in budgets:
                raise SystemExit(f"{path}:{n}: {' '.join(key)} has a budget already")
            budgets[key] = (Percent(parts[3][:-1]) if percent else int(parts[3].replace(",", "")),
                            step)
    return budgets


class Percent(float):
    """A ceiling on an overhead in percent: the figure may reach it, no more."""


def allowed(budget, step=1):
    """A figure measured in steps of `step` instructions (a counter that
    ticks once per 16, say) may land one step higher for reasons of phase
    alone; otherwise MARGIN, at least one instruction."""
    if isinstance(budget, Percent):
        return budget
    return budget + max(1, int(budget * MARGIN), step)


def check(board, variant, figures, path=BUDGET_FILE):
    """Compares figures {row: value} with their budgets, prints one line per
    row and returns (passed, failed). A row without a budget fails: every
    figure a benchmark prints is held to one."""
    budgets = load(path)
    passed = failed = 0
    print(f"budget check: {board}, {variant} (margin {MARGIN:.0%}, file {os.path.relpath(path)})")
    for row, value in figures.items():
        budget, step = budgets.get((board, variant, row), (None, 1))
        if budget is None:
            failed += 1
            print(f"  FAIL  {row}: {value} has no budget (add '{board} {variant} {row} {value}')")
        elif isinstance(budget, Percent):
            ok = value <= allowed(budget)
            passed, failed = passed + ok, failed + (not ok)
            print(f"  {'pass' if ok else 'FAIL'}  {row}: {value:+.2f} %, ceiling {budget:.2f} %")
        elif value > allowed(budget, step):
            failed += 1
            print(f"  FAIL  {row}: {value} instructions, budget {budget} "
                  f"(+{value - budget}, {100.0 * (value - budget) / budget:+.1f} %)")
        else:
            passed += 1
            hint = "  (well under: lower the budget)" if value < budget * (1 - LOWER_HINT) else ""
            print(f"  pass  {row}: {value} instructions, budget {budget}{hint}")
    return passed, failed


def write_result(results, name, passed, failed):
    if results:
        with open(results, "w") as f:
            f.write(f"{name} {passed} {failed}\n")
