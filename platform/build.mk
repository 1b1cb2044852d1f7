# SPDX-License-Identifier: MIT
# Drivers shared by boards, then each board's own code (none needed yet:
# the boards' memory maps and interrupts come from dts/).
platform-y += common/pl011.c
