// SPDX-License-Identifier: MIT
/* The console: the PL011 (under Tern emulated by the VMM, which prints a
 * line at a time with the guest's name). Threads format a whole line
 * first and write it under a lock, so lines never mix; the transmitter is
 * polled, as nothing here waits for output to drain. */
#include <stdarg.h>
#include <tern/printf.h>
#include "board.h"
#include "console.h"
#include "kernel/kernel.h"

#define UART_DR 0x000
#define UART_FR 0x018
#define UART_CR 0x030
#define UART_IMSC 0x038
#define FR_TXFF (1u << 5)
#define CR_UARTEN_TXE (1u << 0 | 1u << 8)
#define LINE_MAX 200

static struct sem console_lock;

void console_init(void)
{
	sem_init(&console_lock, 1);
	mmio_write32(board.uart + UART_IMSC, 0);
	mmio_write32(board.uart + UART_CR, CR_UARTEN_TXE);
}

static void put_raw(char c)
{
	while (mmio_read32(board.uart + UART_FR) & FR_TXFF)
		;
	mmio_write32(board.uart + UART_DR, (uint8_t)c);
}

void console_write_raw(const char *s)
{
	while (*s)
		put_raw(*s++);
}

void say(const char *fmt, ...)
{
	char line[LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* the lock only once threads run: before, there is one flow of control */
	bool locked = kernel_started();
	if (locked)
		sem_take(&console_lock, RTOS_FOREVER);
	console_write_raw("rtos: ");
	console_write_raw(line);
	put_raw('\n');
	if (locked)
		sem_give(&console_lock);
}

__noreturn void kernel_panic(const char *what, uint32_t pc, uint32_t status, uint32_t address)
{
	arch_irq_save();
	char line[LINE_MAX];
	ksnprintf(line, sizeof(line), "rtos: PANIC %s at pc %08x (status %08x, address %08x) in %s\n",
		  what, pc, status, address, current_thread ? current_thread->name : "boot");
	console_write_raw(line);
	arch_halt();
}
