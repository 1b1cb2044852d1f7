// SPDX-License-Identifier: MIT
/* The virtio console as a guest driver sees it: the virtio-mmio registers,
 * the split virtqueues in guest RAM, output and input; and every way a
 * driver can break the protocol, each refused with a message, the device
 * stopped (DEVICE_NEEDS_RESET) and nothing touched outside guest RAM (the
 * RAM is a heap block of its exact size: AddressSanitizer catches any
 * access beyond it). */
#include "unit.h"
#include <tern/fdt.h>
#include "fdt_edit.h"
#include "virtio_console.h"

#define RAM_BASE 0x80000000u
#define RAM_SIZE 0x10000u
#define DESC(q) (RAM_BASE + 0x1000u + (q) * 0x2000u)
#define AVAIL(q) (RAM_BASE + 0x1400u + (q) * 0x2000u)
#define USED(q) (RAM_BASE + 0x1800u + (q) * 0x2000u)
#define BUF(n) (RAM_BASE + 0x8000u + (n) * 0x100u)
#define RX 0
#define TX 1

enum {
	MAGIC = 0x000, VERSION = 0x004, DEVICE_ID = 0x008, DEVICE_FEATURES = 0x010,
	DEVICE_FEATURES_SEL = 0x014, DRIVER_FEATURES = 0x020, DRIVER_FEATURES_SEL = 0x024,
	QUEUE_SEL = 0x030, QUEUE_NUM_MAX = 0x034, QUEUE_NUM = 0x038, QUEUE_READY = 0x044,
	QUEUE_NOTIFY = 0x050, INTERRUPT_STATUS = 0x060, INTERRUPT_ACK = 0x064, STATUS = 0x070,
	QUEUE_DESC_LOW = 0x080, QUEUE_DESC_HIGH = 0x084, QUEUE_DRIVER_LOW = 0x090,
	QUEUE_DEVICE_LOW = 0x0a0, CONFIG = 0x100,
};

static struct guest_ram ram;
static struct virtio_console vc;
static char output[1024];
static unsigned output_len;
static bool irq_level;
static char errors[8][256];
static unsigned n_errors;

static void record_output(void *ctx, const uint8_t *bytes, uint32_t length)
{
	assert_true(output_len + length <= sizeof(output));
	memcpy(output + output_len, bytes, length);
	output_len += length;
}

static void record_irq(void *ctx, bool level)
{
	irq_level = level;
}

static void record_error(void *ctx, const char *what)
{
	if (n_errors < 8)
		snprintf(errors[n_errors], sizeof(errors[0]), "%s", what);
	n_errors++;
}

static const struct virtio_console_ops ops = {
	.output = record_output, .irq = record_irq, .error = record_error};

static uint8_t *at(uint32_t gpa)
{
	return ram.host + (gpa - RAM_BASE);
}

static uint32_t rd(uint32_t offset)
{
	uint32_t v = 0xdeadbeef;
	assert_true(virtio_mmio_read(&vc.mmio, offset, 4, &v));
	return v;
}

static void wr(uint32_t offset, uint32_t value)
{
	assert_true(virtio_mmio_write(&vc.mmio, offset, 4, value));
}

static int setup(void **state)
{
	free(ram.host); /* a test that starts afresh part-way */
	ram = (struct guest_ram){.base = RAM_BASE, .size = RAM_SIZE, .host = calloc(1, RAM_SIZE)};
	output_len = n_errors = 0;
	irq_level = false;
	virtio_console_init(&vc, &ops, NULL, &ram);
	return 0;
}

static int teardown(void **state)
{
	free(ram.host);
	ram.host = NULL;
	return 0;
}

static void set_desc(unsigned q, unsigned i, uint64_t addr, uint32_t len, uint16_t flags,
		     uint16_t next)
{
	uint8_t *d = at(DESC(q)) + 16 * i;
	memcpy(d, &addr, 8);
	memcpy(d + 8, &len, 4);
	memcpy(d + 12, &flags, 2);
	memcpy(d + 14, &next, 2);
}

static uint16_t le16_at(uint32_t gpa)
{
	uint16_t v;
	memcpy(&v, at(gpa), 2);
	return v;
}

static uint32_t le32_at(uint32_t gpa)
{
	uint32_t v;
	memcpy(&v, at(gpa), 4);
	return v;
}

/* Makes the chain at head available on queue q (size entries). */
static void make_available(unsigned q, unsigned size, uint16_t head)
{
	uint16_t idx = le16_at(AVAIL(q) + 2);
	memcpy(at(AVAIL(q) + 4 + 2 * (idx % size)), &head, 2);
	idx++;
	memcpy(at(AVAIL(q) + 2), &idx, 2);
}

static void setup_queue(unsigned q, uint32_t size)
{
	wr(QUEUE_SEL, q);
	assert_int_equal(rd(QUEUE_READY), 0);
	assert_int_equal(rd(QUEUE_NUM_MAX), VIRTQ_MAX_SIZE);
	wr(QUEUE_NUM, size);
	wr(QUEUE_DESC_LOW, DESC(q));
	wr(QUEUE_DESC_HIGH, 0);
	wr(QUEUE_DRIVER_LOW, AVAIL(q));
	wr(QUEUE_DEVICE_LOW, USED(q));
	wr(QUEUE_READY, 1);
}

static void negotiate(void)
{
	wr(STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	wr(STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	wr(DRIVER_FEATURES_SEL, 1);
	wr(DRIVER_FEATURES, 1); /* VIRTIO_F_VERSION_1 */
	wr(STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK);
	assert_true(rd(STATUS) & VIRTIO_STATUS_FEATURES_OK);
}

/* Linux's order: status, features, queues, DRIVER_OK. */
static void bring_up(uint32_t size)
{
	negotiate();
	setup_queue(RX, size);
	setup_queue(TX, size);
	wr(STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK |
			   VIRTIO_STATUS_DRIVER_OK);
	assert_true(virtio_console_live(&vc));
	assert_int_equal(n_errors, 0);
}

static bool broken_with(const char *what)
{
	return (rd(STATUS) & VIRTIO_STATUS_DEVICE_NEEDS_RESET) && n_errors == 1 &&
	       strstr(errors[0], what) && strstr(errors[0], "virtio-console: ") &&
	       !virtio_console_live(&vc);
}

static void send(unsigned size, uint16_t head)
{
	make_available(TX, size, head);
	wr(QUEUE_NOTIFY, TX);
}

static void test_identifies_as_a_virtio_1_console(void **state)
{
	uint32_t v;
	assert_int_equal(rd(MAGIC), 0x74726976);
	assert_int_equal(rd(VERSION), 2);
	assert_int_equal(rd(DEVICE_ID), 3);
	wr(DEVICE_FEATURES_SEL, 0);
	assert_int_equal(rd(DEVICE_FEATURES), 0);
	wr(DEVICE_FEATURES_SEL, 1);
	assert_int_equal(rd(DEVICE_FEATURES), 1); /* VERSION_1 only */
	wr(QUEUE_SEL, 2);
	assert_int_equal(rd(QUEUE_NUM_MAX), 0);   /* no third queue */
	assert_true(virtio_mmio_read(&vc.mmio, CONFIG + 2, 2, &v)); /* config: bytes and halves */
	assert_int_equal(v, 0);
	/* registers are 32-bit, aligned, inside the transport's 0x200 bytes */
	assert_false(virtio_mmio_read(&vc.mmio, STATUS, 2, &v));
	assert_false(virtio_mmio_read(&vc.mmio, STATUS + 1, 4, &v));
	assert_false(virtio_mmio_write(&vc.mmio, QUEUE_NOTIFY, 1, 1));
	assert_false(virtio_mmio_read(&vc.mmio, 0x200, 4, &v));
	assert_false(virtio_console_live(&vc));
}

static void test_output_one_doorbell_per_buffer(void **state)
{
	bring_up(8);
	memcpy(at(BUF(0)), "hello, ", 7);
	memcpy(at(BUF(1)), "world\n", 6);
	set_desc(TX, 3, BUF(0), 7, VIRTQ_DESC_F_NEXT, 5);
	set_desc(TX, 5, BUF(1), 6, 0, 0);
	send(8, 3);
	assert_int_equal(output_len, 13);
	assert_memory_equal(output, "hello, world\n", 13);
	assert_int_equal(le16_at(USED(TX) + 2), 1);     /* used idx */
	assert_int_equal(le32_at(USED(TX) + 4), 3);     /* id: the head */
	assert_int_equal(le32_at(USED(TX) + 8), 0);     /* nothing written */
	assert_true(irq_level);
	assert_int_equal(rd(INTERRUPT_STATUS), VIRTIO_INT_USED_BUFFER);
	wr(INTERRUPT_ACK, VIRTIO_INT_USED_BUFFER);
	assert_false(irq_level);
	/* two chains at one doorbell, the ring wrapping past its size */
	for (unsigned i = 0; i < 7; i++) {
		memcpy(at(BUF(2)), "x", 1);
		set_desc(TX, 0, BUF(2), 1, 0, 0);
		make_available(TX, 8, 0);
	}
	set_desc(TX, 1, BUF(2), 1, 0, 0);
	send(8, 1);
	assert_int_equal(output_len, 21);
	assert_int_equal(le16_at(USED(TX) + 2), 9);
	assert_int_equal(le32_at(USED(TX) + 4), 1); /* the ninth went to slot 0 */
	/* the driver may ask for no interrupt */
	wr(INTERRUPT_ACK, VIRTIO_INT_USED_BUFFER);
	uint16_t no_interrupt = VIRTQ_AVAIL_F_NO_INTERRUPT;
	memcpy(at(AVAIL(TX)), &no_interrupt, 2);
	send(8, 1);
	assert_int_equal(output_len, 22);
	assert_false(irq_level);
	assert_int_equal(n_errors, 0);
}

static void test_input_fills_posted_buffers(void **state)
{
	/* before the driver runs the device, input stays with the caller */
	assert_int_equal(virtio_console_receive(&vc, (const uint8_t *)"ab", 2), 0);
	bring_up(4);
	assert_int_equal(virtio_console_receive(&vc, (const uint8_t *)"ab", 2), 0); /* no buffer */
	set_desc(RX, 0, BUF(0), 4, VIRTQ_DESC_F_WRITE, 0);
	set_desc(RX, 1, BUF(1), 4, VIRTQ_DESC_F_WRITE, 0);
	make_available(RX, 4, 0);
	make_available(RX, 4, 1);
	wr(QUEUE_NOTIFY, RX);
	assert_int_equal(virtio_console_receive(&vc, (const uint8_t *)"echo hi\n", 9), 8);
	assert_memory_equal(at(BUF(0)), "echo", 4);
	assert_memory_equal(at(BUF(1)), " hi\n", 4);
	assert_int_equal(le16_at(USED(RX) + 2), 2);
	assert_int_equal(le32_at(USED(RX) + 8), 4);  /* bytes written */
	assert_true(irq_level);
	assert_int_equal(n_errors, 0);
}

static void test_refuses_features_not_offered(void **state)
{
	wr(STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	wr(DRIVER_FEATURES_SEL, 0);
	wr(DRIVER_FEATURES, 1u << 1); /* VIRTIO_CONSOLE_F_MULTIPORT */
	wr(DRIVER_FEATURES_SEL, 1);
	wr(DRIVER_FEATURES, 1);
	wr(STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK);
	assert_false(rd(STATUS) & VIRTIO_STATUS_FEATURES_OK);
	assert_int_equal(n_errors, 1);
	assert_non_null(strstr(errors[0], "features not offered"));
	/* a legacy driver (no VERSION_1) is refused too */
	wr(STATUS, 0);
	wr(STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK);
	assert_false(rd(STATUS) & VIRTIO_STATUS_FEATURES_OK);
	assert_non_null(strstr(errors[1], "VIRTIO_F_VERSION_1"));
	/* and DRIVER_OK without FEATURES_OK breaks the device */
	n_errors = 0;
	wr(STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_DRIVER_OK);
	assert_true(broken_with("DRIVER_OK without FEATURES_OK"));
}

static void test_notify_before_driver_ok(void **state)
{
	negotiate();
	setup_queue(TX, 8);
	set_desc(TX, 0, BUF(0), 1, 0, 0);
	send(8, 0);
	assert_true(broken_with("queue 1 notified before the driver set DRIVER_OK"));
	assert_int_equal(output_len, 0);
}

static void test_notify_of_a_queue_not_there(void **state)
{
	bring_up(8);
	wr(QUEUE_NOTIFY, 7);
	assert_true(broken_with("queue 7 notified, which does not exist"));
}

static void test_bad_queue_sizes(void **state)
{
	const uint32_t sizes[] = {0, 3, 12, VIRTQ_MAX_SIZE * 2};
	for (unsigned i = 0; i < 4; i++) {
		setup(state);
		negotiate();
		wr(QUEUE_SEL, TX);
		wr(QUEUE_NUM, sizes[i]);
		wr(QUEUE_DESC_LOW, DESC(TX));
		wr(QUEUE_DRIVER_LOW, AVAIL(TX));
		wr(QUEUE_DEVICE_LOW, USED(TX));
		wr(QUEUE_READY, 1);
		assert_int_equal(rd(QUEUE_READY), 0);
		assert_true(broken_with("is not a power of two from 1 to 64"));
		teardown(state);
	}
	setup(state);
}

/* One area of queue TX placed at addr: the queue must not become ready. */
static void expect_bad_area(uint32_t reg, uint64_t addr, const char *what)
{
	negotiate();
	wr(QUEUE_SEL, TX);
	wr(QUEUE_NUM, 8);
	wr(QUEUE_DESC_LOW, DESC(TX));
	wr(QUEUE_DRIVER_LOW, AVAIL(TX));
	wr(QUEUE_DEVICE_LOW, USED(TX));
	wr(reg, (uint32_t)addr);
	wr(reg + 4, (uint32_t)(addr >> 32));
	wr(QUEUE_READY, 1);
	assert_int_equal(rd(QUEUE_READY), 0);
	if (!broken_with(what))
		fail_msg("expected \"%s\", got \"%s\"", what, errors[0]);
}

static void test_bad_queue_areas(void **state)
{
	expect_bad_area(QUEUE_DESC_LOW, DESC(TX) + 8, "misaligned");
	setup(state);
	expect_bad_area(QUEUE_DEVICE_LOW, USED(TX) + 2, "misaligned");
	setup(state);
	expect_bad_area(QUEUE_DESC_LOW, RAM_BASE + RAM_SIZE - 0x40, "descriptor table (128 bytes");
	setup(state);
	expect_bad_area(QUEUE_DRIVER_LOW, 0x1c090000u, "available ring");
	setup(state);
	expect_bad_area(QUEUE_DEVICE_LOW, 0x180000000ull, "used ring");
	setup(state);
	expect_bad_area(QUEUE_DESC_LOW, 0xfffffffffffffff0ull, "outside guest RAM");
}

static void test_reconfigured_while_ready(void **state)
{
	bring_up(8);
	wr(QUEUE_SEL, TX);
	wr(QUEUE_DESC_LOW, RAM_BASE);
	assert_true(broken_with("queue 1 set up again while ready"));
}

/* A malformed transmit chain: refused with `what`, nothing printed. */
static void expect_bad_chain(void (*make)(void), const char *what)
{
	bring_up(8);
	make();
	assert_int_equal(output_len, 0);
	if (!broken_with(what))
		fail_msg("expected \"%s\", got \"%s\"", what, n_errors ? errors[0] : "no error");
	assert_int_equal(le16_at(USED(TX) + 2), 0); /* nothing used */
	assert_true(irq_level);                      /* configuration change */
	assert_true(rd(INTERRUPT_STATUS) & VIRTIO_INT_CONFIG_CHANGE);
}

static void head_beyond_queue(void) { send(8, 8); }
static void next_beyond_queue(void)
{
	set_desc(TX, 0, BUF(0), 1, VIRTQ_DESC_F_NEXT, 200);
	send(8, 0);
}
static void chain_loops(void)
{
	set_desc(TX, 0, BUF(0), 1, VIRTQ_DESC_F_NEXT, 1);
	set_desc(TX, 1, BUF(0), 1, VIRTQ_DESC_F_NEXT, 2);
	set_desc(TX, 2, BUF(0), 1, VIRTQ_DESC_F_NEXT, 0);
	send(8, 0);
}
static void self_loop(void)
{
	set_desc(TX, 4, BUF(0), 1, VIRTQ_DESC_F_NEXT, 4);
	send(8, 4);
}
static void buffer_outside_ram(void)
{
	set_desc(TX, 0, 0x1c090000u, 16, 0, 0);
	send(8, 0);
}
static void buffer_past_ram_end(void)
{
	set_desc(TX, 0, RAM_BASE + RAM_SIZE - 8, 9, 0, 0);
	send(8, 0);
}
static void buffer_overflowing(void)
{
	set_desc(TX, 0, 0xfffffffffffffff0ull, 0x20, 0, 0);
	send(8, 0);
}
static void indirect(void)
{
	set_desc(TX, 0, BUF(0), 16, VIRTQ_DESC_F_INDIRECT, 0);
	send(8, 0);
}
static void writable_output(void)
{
	set_desc(TX, 0, BUF(0), 16, VIRTQ_DESC_F_WRITE, 0);
	send(8, 0);
}
static void readable_after_writable(void)
{
	set_desc(TX, 0, BUF(0), 16, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
	set_desc(TX, 1, BUF(1), 16, 0, 0);
	send(8, 0);
}
static void index_too_far_ahead(void)
{
	uint16_t idx = 9;
	memcpy(at(AVAIL(TX) + 2), &idx, 2);
	wr(QUEUE_NOTIFY, TX);
}

static void test_malformed_chains(void **state)
{
	static const struct {
		void (*make)(void);
		const char *what;
	} cases[] = {
		{head_beyond_queue, "available-ring entry names descriptor 8, beyond the queue's 8"},
		{next_beyond_queue, "descriptor 0's next index 200 lies beyond the queue"},
		{chain_loops, "chain from 0 loops or is longer than the queue"},
		{self_loop, "chain from 4 loops"},
		{buffer_outside_ram, "descriptor 0's buffer (0x1c090000, 16 bytes) is not in guest RAM"},
		{buffer_past_ram_end, "is not in guest RAM"},
		{buffer_overflowing, "(0xfffffffffffffff0, 32 bytes) is not in guest RAM"},
		{indirect, "indirect (VIRTIO_F_INDIRECT_DESC was not offered)"},
		{writable_output, "an output buffer is device-writable"},
		{readable_after_writable, "device-readable, follows a device-writable one"},
		{index_too_far_ahead, "9 entries ahead, more than the queue's 8"},
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		setup(state);
		expect_bad_chain(cases[i].make, cases[i].what);
		teardown(state);
	}
	setup(state);
}

static void test_readable_input_buffer(void **state)
{
	bring_up(4);
	set_desc(RX, 0, BUF(0), 4, 0, 0);
	make_available(RX, 4, 0);
	assert_int_equal(virtio_console_receive(&vc, (const uint8_t *)"x", 1), 0);
	assert_true(broken_with("queue 0: an input buffer is device-readable"));
}

static void test_broken_until_reset(void **state)
{
	bring_up(8);
	send(8, 9);
	assert_int_equal(n_errors, 1);
	/* said once; nothing moves until the reset */
	set_desc(TX, 0, BUF(0), 1, 0, 0);
	send(8, 0);
	wr(QUEUE_SEL, TX);
	wr(QUEUE_NUM, 3);
	assert_int_equal(n_errors, 1);
	assert_int_equal(output_len, 0);
	assert_int_equal(virtio_console_receive(&vc, (const uint8_t *)"x", 1), 0);
	/* a driver that resets the device brings it up again */
	wr(STATUS, 0);
	assert_int_equal(rd(STATUS), 0);
	assert_false(irq_level);
	memset(at(AVAIL(TX)), 0, 4 + 2 * 8);
	n_errors = 0;
	bring_up(8);
	memcpy(at(BUF(0)), "ok", 2);
	set_desc(TX, 0, BUF(0), 2, 0, 0);
	send(8, 0);
	assert_int_equal(output_len, 2);
}

static void test_guest_ram_range(void **state)
{
	assert_ptr_equal(guest_ram_range(&ram, RAM_BASE, RAM_SIZE), ram.host);
	assert_ptr_equal(guest_ram_range(&ram, RAM_BASE + RAM_SIZE, 0), ram.host + RAM_SIZE);
	assert_null(guest_ram_range(&ram, RAM_BASE + RAM_SIZE, 1));
	assert_null(guest_ram_range(&ram, RAM_BASE - 1, 1));
	assert_null(guest_ram_range(&ram, RAM_BASE + 1, 0xffffffffu));
	assert_null(guest_ram_range(&ram, RAM_BASE + 0x100000000ull, 1));
	assert_null(guest_ram_range(&ram, ~0ull, 2));
}

static void test_device_tree_node(void **state)
{
	static uint8_t buf[65536];
	size_t size;
	void *blob = load_dtb("guest-linux-a15", &size);
	assert_int_equal(fdt_edit_open(buf, sizeof(buf), blob, size), 0);
	free(blob);
	assert_null(virtio_mmio_describe(buf, 0x1c130000u, 40));
	struct fdt f;
	uint64_t base, sz;
	uint32_t len;
	assert_int_equal(fdt_open(&f, buf, sizeof(buf)), 0);
	int node = fdt_find_compatible(&f, -1, "virtio,mmio");
	assert_true(node >= 0);
	assert_string_equal(fdt_node_name(&f, node), "virtio@1c130000");
	assert_int_equal(fdt_reg(&f, node, 0, &base, &sz), 0);
	assert_int_equal(base, 0x1c130000u);
	assert_int_equal(sz, 0x200);
	const uint8_t *irq = fdt_prop(&f, node, "interrupts", &len);
	assert_int_equal(len, 12);
	assert_int_equal(irq[7], 40); /* SPI 40, big-endian cells */
	assert_int_equal(irq[11], 4); /* level-high */
	assert_string_equal(virtio_mmio_describe(buf, 0x1c130000u, 40),
			    fdt_edit_strerror(-FDT_EDIT_ERR_EXISTS));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_identifies_as_a_virtio_1_console, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_one_doorbell_per_buffer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_input_fills_posted_buffers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_features_not_offered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notify_before_driver_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notify_of_a_queue_not_there, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_queue_sizes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_queue_areas, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reconfigured_while_ready, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed_chains, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readable_input_buffer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_broken_until_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guest_ram_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_device_tree_node, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
