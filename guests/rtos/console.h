/* SPDX-License-Identifier: MIT */
/* The console (console.c); say() is in rtos.h. */
#ifndef RTOS_CONSOLE_H
#define RTOS_CONSOLE_H

void console_init(void);
/* Unlocked output, for the boot and a panic. */
void console_write_raw(const char *s);

#endif
