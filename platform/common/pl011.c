// SPDX-License-Identifier: MIT
#include <platform/pl011.h>
#include <tern/bits.h>

struct pl011_regs {
	uint32_t dr;        /* 0x00 data */
	uint32_t rsr;       /* 0x04 receive status */
	uint32_t res0[4];
	uint32_t fr;        /* 0x18 flags */
	uint32_t res1;
	uint32_t ilpr;      /* 0x20 */
	uint32_t ibrd;      /* 0x24 integer baud divisor */
	uint32_t fbrd;      /* 0x28 fractional baud divisor */
	uint32_t lcr_h;     /* 0x2c line control */
	uint32_t cr;        /* 0x30 control */
	uint32_t ifls;      /* 0x34 */
	uint32_t imsc;      /* 0x38 interrupt mask */
	uint32_t ris;       /* 0x3c raw interrupt status */
	uint32_t mis;       /* 0x40 masked interrupt status */
	uint32_t icr;       /* 0x44 interrupt clear */
};
_Static_assert(__builtin_offsetof(struct pl011_regs, imsc) == 0x38, "PL011 layout");

#define FR_RXFE BIT(4)
#define FR_TXFF BIT(5)
#define INT_RX BIT(4)
#define INT_RT BIT(6)
#define LCR_H_FEN BIT(4)
#define LCR_H_WLEN_8 (3u << 5)
#define CR_UARTEN BIT(0)
#define CR_TXE BIT(8)
#define CR_RXE BIT(9)

static volatile struct pl011_regs *regs(uintptr_t base)
{
	return (volatile struct pl011_regs *)base;
}

void pl011_init(uintptr_t base)
{
	/* The baud rate is left as the boot loader (or QEMU) set it. */
	/* Receive interrupts only: whoever holds the console's IRQ handler cap
	 * is told of input; output is polled. */
	regs(base)->imsc = INT_RX | INT_RT;
	regs(base)->lcr_h = LCR_H_FEN | LCR_H_WLEN_8;
	regs(base)->cr = CR_UARTEN | CR_TXE | CR_RXE;
}

void pl011_putc(uintptr_t base, char c)
{
	while (regs(base)->fr & FR_TXFF)
		;
	regs(base)->dr = (uint8_t)c;
}

int pl011_getc(uintptr_t base)
{
	/* Clear the receive interrupt before looking at the FIFO, not after
	 * finding it empty: a character arriving between the two would have its
	 * interrupt cleared unseen, and (QEMU raises RX only as the FIFO goes
	 * from empty to one character) no later one would come: console input
	 * stopped for good with the FIFO full. Cleared first, a character that
	 * arrives after the check raises it again. */
	regs(base)->icr = INT_RX | INT_RT;
	if (regs(base)->fr & FR_RXFE)
		return -1;
	return (int)(regs(base)->dr & 0xffu);
}
