// SPDX-License-Identifier: MIT
/* Console through the guest's PL011, which the VMM emulates: each byte
 * written to the data register is an exit, each line reaches Tern's
 * console with the guest's name in front. */
#include <stdarg.h>
#include <tern/printf.h>
#include "hostile.h"

#define UART_DR 0x000
#define UART_FR 0x018
#define UART_CR 0x030
#define UART_IMSC 0x038
#define UART_ICR 0x044
#define FR_RXFE (1u << 4)
#define CR_UARTEN_TXE_RXE 0x301u
#define INT_RX_RT ((1u << 4) | (1u << 6))
#define UART_IRQ 37 /* SPI 5, as the guest DTB says */

static void put(char c, void *ctx)
{
	mmio_write32(board.uart + UART_DR, (uint8_t)c);
}

void say(const char *fmt, ...)
{
	for (const char *p = "hostile: "; *p; p++)
		put(*p, NULL);
	va_list ap;
	va_start(ap, fmt);
	kformat(put, NULL, fmt, ap);
	va_end(ap);
	put('\n', NULL);
}

/* The campaign writes the UART's registers at random: enabled again, its
 * interrupts masked and cleared, before the guest uses it seriously. */
void console_reset_uart(void)
{
	mmio_write32(board.uart + UART_CR, CR_UARTEN_TXE_RXE);
	mmio_write32(board.uart + UART_IMSC, 0);
	mmio_write32(board.uart + UART_ICR, 0x7ff);
}

/* Polls the receive FIFO; in between, sleeps in WFI until the UART's
 * interrupt (enabled for that) or a 10 ms virtual timer wakes it, so a
 * lost interrupt costs latency, not the answer. */
int console_wait_byte(uint32_t timeout_ms)
{
	uint64_t freq = timer_frequency();
	uint64_t deadline = hostile_counter() + freq * timeout_ms / 1000;
	gic_recover();
	gicd_write(0x100 + 4 * (UART_IRQ / 32), 1u << (UART_IRQ % 32)); /* ISENABLER */
	while (hostile_counter() < deadline) {
		if (!(mmio_read32(board.uart + UART_FR) & FR_RXFE)) {
			int c = (int)(mmio_read32(board.uart + UART_DR) & 0xff);
			mmio_write32(board.uart + UART_IMSC, 0);
			return c;
		}
		mmio_write32(board.uart + UART_IMSC, INT_RX_RT);
		CP15_WRITE64(3, c14, hostile_counter() + freq / 100); /* CNTV_CVAL */
		CP15_WRITE(0, c14, c3, 1, 1);                          /* CNTV_CTL: on */
		__asm__ volatile("dsb\n\twfi" ::: "memory");
		irq_enable(); /* take what woke it: the handler quiets the source */
		__asm__ volatile("nop\n\tnop" ::: "memory");
		irq_disable();
	}
	CP15_WRITE(0, c14, c3, 1, 0);
	mmio_write32(board.uart + UART_IMSC, 0);
	return -1;
}
