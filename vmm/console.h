/* SPDX-License-Identifier: MIT */
/* The guest's console output as its VMM prints it on the shared console:
 * the UART's bytes gathered into lines, each printed with the guest's name
 * in front, under a rate limit. */
#ifndef VMM_CONSOLE_H
#define VMM_CONSOLE_H

#include <tern/types.h>
#include "ratelimit.h"

#define CONSOLE_LINE 256 /* bytes printed at once: a longer line goes out in pieces */

struct console_ops {
	/* One line (or piece of a long one) of the guest's output: length
	 * bytes, without the line's end. */
	void (*line)(void *ctx, const char *text, unsigned length);
	/* Output the rate limit dropped: lines (pieces) and their bytes. */
	void (*suppressed)(void *ctx, uint64_t lines, uint64_t bytes);
	/* The rate limit's clock, in the unit of console_init's interval. */
	uint64_t (*now)(void *ctx);
};

struct console {
	const struct console_ops *ops;
	void *ctx;
	struct ratelimit limit;
	uint64_t suppressed_bytes;
	unsigned length;
	char line[CONSOLE_LINE];
};

/* The rate limit: burst lines at once, then one per interval ticks of
 * ops->now, in runs of run lines after a refusal (ratelimit.h). */
void console_init(struct console *c, const struct console_ops *ops, void *ctx, uint32_t burst,
		  uint32_t run, uint64_t interval);
/* One byte the guest sent (a pl011_tx_fn, the console as its context). */
void console_put(void *console, uint8_t byte);
/* Prints a partial line, and says what was suppressed if nothing has since
 * (the guest has stopped). */
void console_flush(struct console *c);

#endif
