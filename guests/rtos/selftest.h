/* SPDX-License-Identifier: MIT */
/* The self-tests run at boot (selftest.c): one 'rtos: ok NAME' or
 * 'rtos: FAIL NAME: why' line each. Returns how many failed. */
#ifndef RTOS_SELFTEST_H
#define RTOS_SELFTEST_H

unsigned selftest_run(void);

#endif
