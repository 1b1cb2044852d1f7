// SPDX-License-Identifier: MIT
/* Every byte the guest sends is either printed or counted in a report:
 *
 * - A line longer than the buffer goes out in pieces of CONSOLE_LINE
 *   bytes, each with the guest's name; the byte that finds the buffer full
 *   starts the next piece.
 * - '\r' is dropped: the guest ends its lines with CR LF, and the VMM ends
 *   each with its own newline. (A bare CR would also let the guest write
 *   over the name in front of its line.)
 * - The rate limit counts in lines, pieces included. Ordinary console
 *   output is not exempt, but gets a generous burst and rate (main.c);
 *   what is refused is counted, lines and bytes, and reported in one line
 *   before the next line that goes out, or when the guest stops
 *   (console_flush), so that no output disappears without a trace. */
#include "console.h"

void console_init(struct console *c, const struct console_ops *ops, void *ctx, uint32_t burst,
		  uint32_t run, uint64_t interval)
{
	*c = (struct console){.ops = ops, .ctx = ctx};
	ratelimit_init(&c->limit, burst, run, interval, ops->now(ctx));
}

static void report(struct console *c)
{
	uint64_t lines = ratelimit_take_suppressed(&c->limit);
	if (lines)
		c->ops->suppressed(c->ctx, lines, c->suppressed_bytes);
	c->suppressed_bytes = 0;
}

static void emit(struct console *c)
{
	if (ratelimit_allow(&c->limit, c->ops->now(c->ctx))) {
		report(c);
		c->ops->line(c->ctx, c->line, c->length);
	} else {
		c->suppressed_bytes += c->length;
	}
	c->length = 0;
}

void console_put(void *console, uint8_t byte)
{
	struct console *c = console;
	if (byte == '\r')
		return;
	if (byte == '\n') {
		emit(c);
		return;
	}
	if (c->length == sizeof(c->line))
		emit(c);
	c->line[c->length++] = (char)byte;
}

void console_flush(struct console *c)
{
	if (c->length)
		emit(c);
	report(c);
}
