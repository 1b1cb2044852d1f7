// SPDX-License-Identifier: MIT
/* The VMM's device models: GIC distributor, PL011, PSCI; and what it
 * prints for its guest: the console's lines, under a rate limit. */
#include "unit.h"
#include "console.h"
#include "pl011.h"
#include "psci.h"
#include "ratelimit.h"
#include "vgic_dist.h"

static unsigned injected[16], n_injected, lowered[16], n_lowered;
static bool injected_level[16];

static void record_inject(void *ctx, unsigned irq, bool level)
{
	if (n_injected < 16) {
		injected[n_injected] = irq;
		injected_level[n_injected] = level;
	}
	n_injected++;
}

static void record_lower(void *ctx, unsigned irq)
{
	if (n_lowered < 16)
		lowered[n_lowered] = irq;
	n_lowered++;
}

static const struct vgic_dist_ops recording_ops = {.inject = record_inject,
						   .lower = record_lower};

static void new_dist(struct vgic_dist *d)
{
	n_injected = n_lowered = 0;
	vgic_dist_init(d, 128, &recording_ops, NULL);
}

static void test_typer_and_bad_accesses(void **state)
{
	struct vgic_dist d;
	uint32_t v = 0;
	new_dist(&d);
	assert_true(vgic_dist_read(&d, 0x004, 4, &v));
	assert_int_equal(v, 3); /* 128 lines, one CPU */
	assert_false(vgic_dist_read(&d, 0x1000, 4, &v));
	assert_false(vgic_dist_read(&d, 0x102, 4, &v));
	assert_false(vgic_dist_write(&d, 0x100, 1, 0xff)); /* enable bits are word-only */
	assert_true(vgic_dist_write(&d, 0x401, 1, 0x80)); /* priorities are byte-accessible */
	assert_true(vgic_dist_read(&d, 0x400, 4, &v));
	assert_int_equal(v, 0x8000);
}

static void test_level_line_raised_at_the_vcpu_until_it_falls(void **state)
{
	struct vgic_dist d;
	uint32_t v = 0;
	new_dist(&d);
	vgic_dist_set_level(&d, 37, true);
	assert_int_equal(n_injected, 0); /* distributor and line disabled */
	vgic_dist_write(&d, 0x104, 4, 1u << 5);
	assert_int_equal(n_injected, 0); /* distributor still off */
	vgic_dist_write(&d, 0x000, 4, 1);
	assert_int_equal(n_injected, 1);
	assert_int_equal(injected[0], 37);
	assert_true(injected_level[0]);
	vgic_dist_set_level(&d, 37, true);
	vgic_dist_write(&d, 0x104, 4, 1u << 5);
	assert_int_equal(n_injected, 1); /* the VCPU raises it again itself */
	vgic_dist_set_level(&d, 37, false);
	assert_int_equal(n_lowered, 1);
	assert_int_equal(lowered[0], 37);
	vgic_dist_set_level(&d, 37, true);
	assert_int_equal(n_injected, 2);

	/* masked while high: lowered at the VCPU, pending here, raised again
	 * when unmasked */
	vgic_dist_write(&d, 0x184, 4, 1u << 5); /* ICENABLER */
	assert_int_equal(n_lowered, 2);
	assert_true(vgic_dist_read(&d, 0x204, 4, &v));
	assert_int_equal(v, 1u << 5);
	vgic_dist_write(&d, 0x104, 4, 1u << 5);
	assert_int_equal(n_injected, 3);
	vgic_dist_write(&d, 0x000, 4, 0); /* the distributor off */
	assert_int_equal(n_lowered, 3);
	vgic_dist_write(&d, 0x000, 4, 1);
	assert_int_equal(n_injected, 4);

	/* falling while masked: nothing to lower, nothing left pending */
	vgic_dist_write(&d, 0x184, 4, 1u << 5);
	vgic_dist_set_level(&d, 37, false);
	assert_int_equal(n_lowered, 4);
	vgic_dist_write(&d, 0x104, 4, 1u << 5);
	assert_int_equal(n_injected, 4);
}

static void test_sgi_to_self(void **state)
{
	struct vgic_dist d;
	new_dist(&d);
	vgic_dist_write(&d, 0x000, 4, 1);
	vgic_dist_write(&d, 0x100, 4, 0xffff);
	vgic_dist_write(&d, 0xf00, 4, 2u << 24 | 3);
	assert_int_equal(n_injected, 1);
	assert_int_equal(injected[0], 3);
	assert_false(injected_level[0]); /* an SGI is an edge */
	vgic_dist_write(&d, 0xf00, 4, 0u << 24 | 0x02u << 16 | 4); /* another CPU only */
	assert_int_equal(n_injected, 1);
}

static uint8_t sent[64];
static unsigned n_sent;
static bool irq_level;
static void tx(void *ctx, uint8_t b) { sent[n_sent++ % 64] = b; }
static void irq(void *ctx, bool level) { irq_level = level; }

static void test_pl011_transmit_and_receive(void **state)
{
	struct pl011 u;
	uint32_t v;
	n_sent = 0;
	pl011_init(&u, tx, irq, NULL);
	assert_true(pl011_read(&u, 0x018, 4, &v));
	assert_int_equal(v & 0x90, 0x90); /* TXFE, RXFE */
	assert_true(pl011_write(&u, 0x000, 2, 'A'));
	assert_int_equal(n_sent, 1);
	assert_int_equal(sent[0], 'A');
	assert_true(pl011_write(&u, 0x038, 2, 1u << 4)); /* RX interrupt on */
	assert_false(irq_level);
	for (int i = 0; i < 32; i++)
		assert_true(pl011_receive(&u, (uint8_t)('a' + i % 26)));
	assert_false(pl011_receive(&u, 'x')); /* FIFO full */
	assert_true(irq_level);
	for (int i = 0; i < 32; i++) {
		assert_true(pl011_read(&u, 0x000, 4, &v));
		assert_int_equal(v, 'a' + i % 26);
	}
	assert_false(irq_level);
	assert_true(pl011_read(&u, 0x018, 4, &v));
	assert_true(v & 0x10);
	assert_true(pl011_read(&u, 0xfe0, 4, &v));
	assert_int_equal(v, 0x11);
	assert_true(pl011_read(&u, 0xff0, 4, &v));
	assert_int_equal(v, 0x0d);
	assert_false(pl011_read(&u, 0x1000, 4, &v));
	assert_false(pl011_write(&u, 0x002, 4, 0));
}

/* ---- the console: the UART's output as lines, rate-limited */
static char printed[8192];
static unsigned n_printed, n_lines, line_length[64];
static char last_line[CONSOLE_LINE + 1];
static unsigned n_reports;
static uint64_t dropped_lines, dropped_bytes, clock_now;

static void print_line(void *ctx, const char *text, unsigned length)
{
	assert_true(length <= CONSOLE_LINE);
	assert_true(n_printed + length <= sizeof(printed));
	memcpy(printed + n_printed, text, length);
	n_printed += length;
	memcpy(last_line, text, length);
	last_line[length] = 0;
	if (n_lines < 64)
		line_length[n_lines] = length;
	n_lines++;
}

static void print_suppressed(void *ctx, uint64_t lines, uint64_t bytes)
{
	n_reports++;
	dropped_lines += lines;
	dropped_bytes += bytes;
}

static uint64_t read_clock(void *ctx) { return clock_now; }

static const struct console_ops console_ops = {
	.line = print_line, .suppressed = print_suppressed, .now = read_clock};

static void new_console(struct console *c, uint32_t burst, uint32_t run, uint64_t interval)
{
	n_printed = n_lines = n_reports = 0;
	dropped_lines = dropped_bytes = clock_now = 0;
	console_init(c, &console_ops, NULL, burst, run, interval);
}

static void send(struct pl011 *u, const char *s)
{
	while (*s)
		assert_true(pl011_write(u, 0x000, 2, (uint8_t)*s++));
}

/* A line longer than the VMM's buffer goes out in pieces, each byte once:
 * the VMM used to drop the byte that found its buffer full, one per 255. */
static void test_pl011_long_line_arrives_whole(void **state)
{
	struct console c;
	struct pl011 u;
	char text[1000];
	new_console(&c, 1000, 1, 1);
	pl011_init(&u, console_put, irq, &c);
	for (unsigned i = 0; i < sizeof(text); i++)
		text[i] = (char)('!' + i * 7 % 94); /* printable, never repeating at 255 or 256 */
	for (unsigned i = 0; i < sizeof(text); i++)
		assert_true(pl011_write(&u, 0x000, 2, (uint8_t)text[i]));
	assert_int_equal(n_lines, 3); /* three full pieces went out, the rest waits */
	assert_true(pl011_write(&u, 0x000, 2, '\n'));
	assert_int_equal(n_printed, 1000);
	assert_memory_equal(printed, text, 1000);
	assert_int_equal(n_lines, 4);
	for (unsigned i = 0; i < 3; i++)
		assert_int_equal(line_length[i], CONSOLE_LINE);
	assert_int_equal(line_length[3], 1000 - 3 * CONSOLE_LINE);

	/* a line that just fills the buffer is one line; CR LF ends a line */
	new_console(&c, 1000, 1, 1);
	for (unsigned i = 0; i < CONSOLE_LINE; i++)
		console_put(&c, (uint8_t)text[i]);
	console_put(&c, '\r');
	console_put(&c, '\n');
	assert_int_equal(n_lines, 1);
	assert_int_equal(n_printed, CONSOLE_LINE);
	send(&u, "\n"); /* an empty line is one too */
	assert_int_equal(n_lines, 2);
	assert_int_equal(line_length[1], 0);
	/* a partial line goes out on flush */
	console_put(&c, 'z');
	console_flush(&c);
	assert_int_equal(n_lines, 3);
	assert_string_equal(last_line, "z");
	console_flush(&c);
	assert_int_equal(n_lines, 3);
}

/* A guest printing without end: a burst goes out, then, once a run's worth
 * is earned, a run; what is dropped is counted, lines and bytes, and said
 * once when output resumes or at the end. */
static void test_console_flood_is_limited_and_counted(void **state)
{
	struct console c;
	struct pl011 u;
	new_console(&c, 10, 5, 100); /* 10 lines, then one per 100 ticks, in runs of 5 */
	pl011_init(&u, console_put, irq, &c);
	for (unsigned i = 0; i < 1000; i++)
		send(&u, "flood\r\n");
	assert_int_equal(n_lines, 10);
	assert_int_equal(n_printed, 50);
	assert_int_equal(n_reports, 0); /* nothing went out since: nothing said yet */

	clock_now = 499; /* not yet a run's worth: still refused */
	send(&u, "early\n");
	assert_int_equal(n_lines, 10);
	clock_now = 500;
	send(&u, "resumed\n");
	assert_int_equal(n_reports, 1);
	assert_int_equal(dropped_lines, 991);
	assert_int_equal(dropped_bytes, 990 * 5 + 5);
	assert_int_equal(n_lines, 11);
	assert_string_equal(last_line, "resumed");
	for (unsigned i = 0; i < 4; i++)
		send(&u, "more\n"); /* the rest of the five */
	send(&u, "dropped\n");
	send(&u, "partial, dropped");
	assert_int_equal(n_lines, 15);
	assert_int_equal(n_reports, 1);
	console_flush(&c); /* the guest stopped: the count is said anyway */
	assert_int_equal(n_reports, 2);
	assert_int_equal(dropped_lines, 993);
	assert_int_equal(dropped_bytes, 990 * 5 + 5 + 7 + 16);
	assert_int_equal(n_lines, 15);
	console_flush(&c);
	assert_int_equal(n_reports, 2);
	/* every byte printed or counted */
	assert_int_equal(n_printed + dropped_bytes, 1000 * 5 + 5 + 7 + 4 * 4 + 7 + 16);

	/* a long line's pieces count as lines, each byte once */
	new_console(&c, 2, 1, 100);
	for (unsigned i = 0; i < 3 * CONSOLE_LINE + 5; i++)
		console_put(&c, 'x');
	console_put(&c, '\n');
	console_flush(&c);
	assert_int_equal(n_lines, 2);
	assert_int_equal(dropped_lines, 2);
	assert_int_equal(n_printed + dropped_bytes, 3 * CONSOLE_LINE + 5);
}

static void test_ratelimit_burst_excess_and_refill(void **state)
{
	struct ratelimit r;
	ratelimit_init(&r, 4, 2, 10, 1000); /* 4 lines, then one per 10 ticks, in runs of 2 */
	for (int i = 0; i < 4; i++)
		assert_true(ratelimit_allow(&r, 1000)); /* the burst */
	assert_false(ratelimit_allow(&r, 1000));
	assert_false(ratelimit_allow(&r, 1010)); /* a line's worth, but refusing until a run's */
	assert_false(ratelimit_allow(&r, 1019));
	assert_int_equal(ratelimit_take_suppressed(&r), 3);
	assert_int_equal(ratelimit_take_suppressed(&r), 0);
	assert_true(ratelimit_allow(&r, 1020)); /* a run: two lines */
	assert_true(ratelimit_allow(&r, 1020));
	assert_false(ratelimit_allow(&r, 1020));
	assert_false(ratelimit_allow(&r, 1039));
	assert_true(ratelimit_allow(&r, 1040));
	assert_int_equal(ratelimit_take_suppressed(&r), 2);
	/* without a refusal, each line's worth goes out as it is earned */
	assert_true(ratelimit_allow(&r, 1050)); /* 10 left at 1040, 10 earned since */
	assert_true(ratelimit_allow(&r, 1050));
	assert_true(ratelimit_allow(&r, 1065)); /* 15 ticks: one line, 5 left over */
	assert_true(ratelimit_allow(&r, 1070)); /* the 5 left over count */
	assert_false(ratelimit_allow(&r, 1070));
	assert_int_equal(ratelimit_take_suppressed(&r), 1);

	/* a long quiet spell fills the bucket to the burst, no more */
	for (int i = 0; i < 4; i++)
		assert_true(ratelimit_allow(&r, 1000000));
	assert_false(ratelimit_allow(&r, 1000000));
	/* a clock that goes back earns nothing, and costs nothing later */
	assert_false(ratelimit_allow(&r, 5));
	assert_true(ratelimit_allow(&r, 1000020));
	/* nor does the end of the clock's range overflow the credit */
	ratelimit_init(&r, 2, 1, 10, 0);
	assert_true(ratelimit_allow(&r, 0));
	assert_true(ratelimit_allow(&r, 0));
	assert_false(ratelimit_allow(&r, 0));
	assert_true(ratelimit_allow(&r, UINT64_MAX));
	assert_true(ratelimit_allow(&r, UINT64_MAX));
	assert_false(ratelimit_allow(&r, UINT64_MAX));
	assert_int_equal(ratelimit_take_suppressed(&r), 2);
	/* runs of one: a plain token bucket */
	ratelimit_init(&r, 1, 1, 10, 0);
	assert_true(ratelimit_allow(&r, 0));
	assert_false(ratelimit_allow(&r, 9));
	assert_true(ratelimit_allow(&r, 10));
	/* a run longer than the burst is the burst (else no refusal would end) */
	ratelimit_init(&r, 2, 5, 10, 0);
	assert_true(ratelimit_allow(&r, 0));
	assert_true(ratelimit_allow(&r, 0));
	assert_false(ratelimit_allow(&r, 0));
	assert_false(ratelimit_allow(&r, 19));
	assert_true(ratelimit_allow(&r, 1000)); /* credit stops at 2 lines: the run is 2 */
	assert_true(ratelimit_allow(&r, 1000));
	assert_false(ratelimit_allow(&r, 1000));
	assert_int_equal(ratelimit_take_suppressed(&r), 3);
	/* asking whether a line would go out takes and counts nothing */
	ratelimit_init(&r, 1, 1, 10, 0);
	assert_true(ratelimit_ready(&r, 0));
	assert_true(ratelimit_ready(&r, 0));
	assert_true(ratelimit_allow(&r, 0));
	assert_false(ratelimit_ready(&r, 0));
	assert_int_equal(ratelimit_take_suppressed(&r), 0);
	assert_false(ratelimit_allow(&r, 5));
	assert_false(ratelimit_ready(&r, 9));
	assert_int_equal(r.suppressed, 1);
	assert_true(ratelimit_ready(&r, 10)); /* the refusal ended: the caller may report */
	assert_int_equal(ratelimit_take_suppressed(&r), 1);
	assert_true(ratelimit_allow(&r, 10));

	/* interval 0: no limit */
	ratelimit_init(&r, 0, 0, 0, 0);
	for (int i = 0; i < 100; i++)
		assert_true(ratelimit_allow(&r, 0));
	assert_int_equal(ratelimit_take_suppressed(&r), 0);
}

static void test_psci(void **state)
{
	uint32_t r;
	assert_int_equal(psci_handle(0x84000000u, 0, 0, 0, &r), PSCI_CONTINUE);
	assert_int_equal(r, 0x00010000);
	assert_int_equal(psci_handle(0x84000003u, 0, 0x80008000u, 0, &r), PSCI_CONTINUE);
	assert_int_equal((int32_t)r, -4); /* CPU 0 is already on */
	psci_handle(0x84000003u, 1, 0, 0, &r);
	assert_int_equal((int32_t)r, -2);
	psci_handle(0x8400000au, 0x84000008u, 0, 0, &r);
	assert_int_equal(r, 0);
	psci_handle(0x8400000au, 0x84000001u, 0, 0, &r);
	assert_int_equal((int32_t)r, -1);
	psci_handle(0x12345678u, 0, 0, 0, &r);
	assert_int_equal((int32_t)r, -1);
	assert_int_equal(psci_handle(0x84000008u, 0, 0, 0, &r), PSCI_SYSTEM_OFF);
	assert_int_equal(psci_handle(0x84000009u, 0, 0, 0, &r), PSCI_SYSTEM_RESET);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typer_and_bad_accesses),
		cmocka_unit_test(test_level_line_raised_at_the_vcpu_until_it_falls),
		cmocka_unit_test(test_sgi_to_self),
		cmocka_unit_test(test_pl011_transmit_and_receive),
		cmocka_unit_test(test_pl011_long_line_arrives_whole),
		cmocka_unit_test(test_console_flood_is_limited_and_counted),
		cmocka_unit_test(test_ratelimit_burst_excess_and_refill),
		cmocka_unit_test(test_psci),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
