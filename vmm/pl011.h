/* SPDX-License-Identifier: MIT */
/* An emulated ARM PL011 UART: transmit goes out at once, receive through a
 * 32-byte FIFO, one interrupt line. */
#ifndef VMM_PL011_H
#define VMM_PL011_H

#include <tern/types.h>

typedef void (*pl011_tx_fn)(void *ctx, uint8_t byte);
/* Called with the interrupt line's level whenever it may have changed. */
typedef void (*pl011_irq_fn)(void *ctx, bool level);

#define PL011_FIFO 32

struct pl011 {
	pl011_tx_fn tx;
	pl011_irq_fn irq;
	void *ctx;
	uint8_t rx[PL011_FIFO];
	unsigned rx_head, rx_count;
	uint32_t cr, lcr_h, ibrd, fbrd, ifls, imsc, ris, dmacr, ilpr;
};

void pl011_init(struct pl011 *u, pl011_tx_fn tx, pl011_irq_fn irq, void *ctx);
/* A guest access at offset (in the 4 KiB page), size 1, 2 or 4. False for
 * an access the device cannot take (outside the page, misaligned). */
bool pl011_read(struct pl011 *u, uint32_t offset, unsigned size, uint32_t *value);
bool pl011_write(struct pl011 *u, uint32_t offset, unsigned size, uint32_t value);
/* Input from the console; false when the FIFO is full (the byte is lost). */
bool pl011_receive(struct pl011 *u, uint8_t byte);
bool pl011_irq_level(const struct pl011 *u);

#endif
