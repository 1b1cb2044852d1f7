// SPDX-License-Identifier: MIT
/* The VMM's device models: GIC distributor, PL011, PSCI. */
#include "unit.h"
#include "pl011.h"
#include "psci.h"
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
		cmocka_unit_test(test_psci),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
