// SPDX-License-Identifier: MIT
/* PL011 (ARM DDI 0183) as a guest driver sees it. Transmission is
 * instantaneous, so the transmit interrupt is raised by each write and
 * stays until cleared; receive raises RX and RT until the FIFO is read
 * empty. */
#include "pl011.h"

enum {
	DR = 0x000, RSR = 0x004, FR = 0x018, ILPR = 0x020, IBRD = 0x024, FBRD = 0x028,
	LCR_H = 0x02c, CR = 0x030, IFLS = 0x034, IMSC = 0x038, RIS = 0x03c, MIS = 0x040,
	ICR = 0x044, DMACR = 0x048, PERIPH_ID = 0xfe0, PCELL_ID = 0xff0,
};
#define FR_RXFE (1u << 4)
#define FR_RXFF (1u << 6)
#define FR_TXFE (1u << 7)
#define INT_RX (1u << 4)
#define INT_TX (1u << 5)
#define INT_RT (1u << 6)
#define INT_ALL 0x7ffu
#define CR_RESET 0x300u /* TXE | RXE */

static const uint8_t periph_id[4] = {0x11, 0x10, 0x14, 0x00};
static const uint8_t pcell_id[4] = {0x0d, 0xf0, 0x05, 0xb1};

static void update_irq(struct pl011 *u)
{
	if (u->irq)
		u->irq(u->ctx, pl011_irq_level(u));
}

void pl011_init(struct pl011 *u, pl011_tx_fn tx, pl011_irq_fn irq, void *ctx)
{
	*u = (struct pl011){.tx = tx, .irq = irq, .ctx = ctx, .cr = CR_RESET, .ifls = 0x12};
}

bool pl011_irq_level(const struct pl011 *u)
{
	return (u->ris & u->imsc) != 0;
}

bool pl011_receive(struct pl011 *u, uint8_t byte)
{
	if (u->rx_count == PL011_FIFO)
		return false;
	u->rx[(u->rx_head + u->rx_count++) % PL011_FIFO] = byte;
	u->ris |= INT_RX | INT_RT;
	update_irq(u);
	return true;
}

static bool valid(uint32_t offset, unsigned size)
{
	/* Linux's driver uses 16-bit accesses, others 32-bit */
	return offset < 0x1000 && (size == 1 || size == 2 || size == 4) && offset % size == 0;
}

bool pl011_read(struct pl011 *u, uint32_t offset, unsigned size, uint32_t *value)
{
	if (!valid(offset, size))
		return false;
	uint32_t v = 0;
	switch (offset) {
	case DR:
		if (u->rx_count) {
			v = u->rx[u->rx_head];
			u->rx_head = (u->rx_head + 1) % PL011_FIFO;
			u->rx_count--;
		}
		if (!u->rx_count) {
			u->ris &= ~(INT_RX | INT_RT);
			update_irq(u);
		}
		break;
	case FR:
		v = FR_TXFE | (u->rx_count ? 0 : FR_RXFE) | (u->rx_count == PL011_FIFO ? FR_RXFF : 0);
		break;
	case ILPR: v = u->ilpr; break;
	case IBRD: v = u->ibrd; break;
	case FBRD: v = u->fbrd; break;
	case LCR_H: v = u->lcr_h; break;
	case CR: v = u->cr; break;
	case IFLS: v = u->ifls; break;
	case IMSC: v = u->imsc; break;
	case RIS: v = u->ris; break;
	case MIS: v = u->ris & u->imsc; break;
	case DMACR: v = u->dmacr; break;
	default:
		if (offset >= PERIPH_ID && offset < PERIPH_ID + 16)
			v = periph_id[(offset - PERIPH_ID) / 4];
		else if (offset >= PCELL_ID)
			v = pcell_id[(offset - PCELL_ID) / 4];
		break; /* RSR and reserved: zero */
	}
	*value = v;
	return true;
}

bool pl011_write(struct pl011 *u, uint32_t offset, unsigned size, uint32_t value)
{
	if (!valid(offset, size))
		return false;
	switch (offset) {
	case DR:
		/* Sent even before the UART is enabled: early boot output must not
		 * be lost, as on a real board the boot loader left it enabled. */
		if (u->tx)
			u->tx(u->ctx, (uint8_t)value);
		u->ris |= INT_TX;
		break;
	case ILPR: u->ilpr = value & 0xff; break;
	case IBRD: u->ibrd = value & 0xffff; break;
	case FBRD: u->fbrd = value & 0x3f; break;
	case LCR_H: u->lcr_h = value & 0xff; break;
	case CR: u->cr = value & 0xff87; break;
	case IFLS: u->ifls = value & 0x3f; break;
	case IMSC: u->imsc = value & INT_ALL; break;
	case ICR: u->ris &= ~value; break;
	case DMACR: u->dmacr = value & 7; break;
	default:
		return true; /* read-only and reserved: ignored */
	}
	update_irq(u);
	return true;
}
