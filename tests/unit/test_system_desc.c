// SPDX-License-Identifier: MIT
/* The root task's reader of the system description (roottask/system.c):
 * the shipped descriptions give the guests they state, and every broken
 * one (tests/unit/system/bad-*.dts, one fault each) is refused with a
 * message naming the node and property. */
#define _GNU_SOURCE /* memmem */
#include "unit.h"
#include <dirent.h>
#include "../../roottask/system.h"

/* The blob in a buffer of exactly its size, so that ASan sees any read
 * past what the reader was given. */
static void *load_exact(const char *name, size_t *size)
{
	void *big = load_dtb(name, size);
	void *blob = malloc(*size);
	memcpy(blob, big, *size);
	free(big);
	return blob;
}

/* The descriptors point into the blob: the caller frees it after. */
static const char *read_fixture(const char *name, struct system_desc *s, void **blob)
{
	size_t size;
	*blob = load_exact(name, &size);
	return system_read(s, *blob, (unsigned)size);
}

static void reads_handset(void **state)
{
	struct system_desc s;
	void *blob;
	const char *problem = read_fixture("system/handset", &s, &blob);
	assert_null(problem);
	assert_int_equal(s.guests, 2);
	assert_int_equal(s.supervisor_priority, 150);

	const struct guest_desc *rtos = &s.guest[0], *lx = &s.guest[1];
	assert_string_equal(rtos->name, "rtos");
	assert_string_equal(rtos->vmm, "vmm");
	assert_string_equal(rtos->kernel, "rtos/rtos.elf");
	assert_string_equal(rtos->dtb, "rtos/guest.dtb");
	assert_null(rtos->initrd);
	assert_null(rtos->bootargs);
	assert_string_equal(rtos->display_window, "bottom");
	assert_int_equal(rtos->ram_mib, 16);
	assert_int_equal(rtos->memory_bits, 25);
	assert_int_equal(rtos->priority, 160);
	assert_false(rtos->console_input);
	assert_true(rtos->restart);
	assert_true(rtos->strict_hypercalls);

	assert_string_equal(lx->name, "linux");
	assert_string_equal(lx->vmm, "vmm");
	assert_string_equal(lx->kernel, "linux/zImage");
	assert_string_equal(lx->dtb, "linux/guest.dtb");
	assert_string_equal(lx->initrd, "linux/initramfs.cpio.gz");
	assert_null(lx->bootargs); /* the build sets it from Kconfig */
	assert_string_equal(lx->display_window, "top");
	assert_int_equal(lx->ram_mib, 128);
	assert_int_equal(lx->memory_bits, 28);
	assert_int_equal(lx->priority, 100);
	assert_true(lx->console_input);
	assert_true(lx->restart);
	assert_false(lx->strict_hypercalls);

	assert_int_equal(s.channels, 1);
	assert_string_equal(s.channel[0].name, "control");
	assert_int_equal(s.channel[0].side[0], 1); /* linux produces into ring 0 */
	assert_int_equal(s.channel[0].side[1], 0);
	assert_int_equal(s.channel[0].frames, 1);
	free(blob);
}

static void reads_linux_alone(void **state)
{
	struct system_desc s;
	void *blob;
	assert_null(read_fixture("system/linux", &s, &blob));
	assert_int_equal(s.guests, 1);
	assert_int_equal(s.channels, 0);
	assert_int_equal(s.supervisor_priority, SYSTEM_SUPERVISOR_PRIORITY_DEFAULT);
	const struct guest_desc *g = &s.guest[0];
	assert_string_equal(g->name, "linux");
	assert_string_equal(g->kernel, "linux/zImage");
	assert_string_equal(g->dtb, "linux/guest.dtb");
	assert_string_equal(g->initrd, "linux/initramfs.cpio.gz");
	assert_string_equal(g->display_window, "top");
	assert_int_equal(g->ram_mib, 128);
	assert_int_equal(g->memory_bits, 28);
	assert_int_equal(g->priority, 100);
	assert_true(g->console_input);
	assert_false(g->restart);
	assert_false(g->strict_hypercalls);
	free(blob);
}

static void takes_defaults_when_only_required_given(void **state)
{
	struct system_desc s;
	void *blob;
	assert_null(read_fixture("system/good-minimal", &s, &blob));
	assert_int_equal(s.guests, 1);
	assert_int_equal(s.channels, 0);
	assert_int_equal(s.supervisor_priority, 255);
	const struct guest_desc *g = &s.guest[0];
	assert_string_equal(g->name, "solo");
	assert_null(g->initrd);
	assert_null(g->bootargs);
	assert_null(g->display_window);
	assert_int_equal(g->ram_mib, 64);
	assert_int_equal(g->memory_bits, 27);
	assert_int_equal(g->priority, 50);
	assert_false(g->console_input);
	assert_false(g->restart);
	assert_false(g->strict_hypercalls);
	free(blob);
}

static void takes_every_limit(void **state)
{
	struct system_desc s;
	void *blob;
	assert_null(read_fixture("system/good-limits", &s, &blob));
	assert_int_equal(s.guests, SYSTEM_MAX_GUESTS);
	assert_int_equal(s.supervisor_priority, 1);
	assert_string_equal(s.guest[0].name, "fifteen-chars-a");
	assert_int_equal(strlen(s.guest[0].bootargs), 127);
	assert_int_equal(s.guest[0].ram_mib, 1022);
	assert_int_equal(s.guest[0].memory_bits, 30);
	assert_int_equal(s.guest[0].priority, 244);
	assert_int_equal(s.guest[1].ram_mib, 2);
	assert_int_equal(s.guest[1].memory_bits, 22);
	assert_int_equal(s.guest[1].priority, 1);
	assert_false(s.guest[1].restart); /* "never" */
	assert_string_equal(s.guest[3].name, "d");
	assert_int_equal(s.channels, SYSTEM_MAX_CHANNELS);
	assert_string_equal(s.channel[0].name, "fifteen-chars-1");
	assert_int_equal(s.channel[0].frames, SYSTEM_MAX_CHANNEL_FRAMES);
	assert_int_equal(s.channel[1].side[0], 1);
	assert_int_equal(s.channel[1].side[1], 0);
	assert_int_equal(s.channel[3].side[1], 3);
	free(blob);
}

static void takes_a_compatible_list_led_by_tern_channel(void **state)
{
	struct system_desc s;
	void *blob;
	assert_null(read_fixture("system/good-channel-compatible-list", &s, &blob));
	assert_int_equal(s.channels, 1);
	free(blob);
}

/* Each broken description and the message the root task prints for it. */
static const struct {
	const char *fixture, *message;
} bad[] = {
	{"bad-no-vmm", "/guests/linux: no 'vmm' property"},
	{"bad-no-kernel", "/guests/linux: no 'kernel' property"},
	{"bad-no-dtb", "/guests/linux: no 'dtb' property"},
	{"bad-no-ram-mib", "/guests/linux: 'ram-mib' missing or not a number from 2 to 1024"},
	{"bad-no-memory-bits", "/guests/linux: 'memory-bits' missing or not a number from 20 to 30"},
	{"bad-no-priority", "/guests/linux: 'priority' missing or not a number from 1 to 244"},
	{"bad-ram-mib-odd", "/guests/linux: 'ram-mib' is odd: guest RAM comes in 2 MiB frames"},
	{"bad-ram-mib-zero", "/guests/linux: 'ram-mib' missing or not a number from 2 to 1024"},
	{"bad-ram-mib-over", "/guests/linux: 'ram-mib' missing or not a number from 2 to 1024"},
	{"bad-ram-mib-string", "/guests/linux: 'ram-mib' missing or not a number from 2 to 1024"},
	{"bad-ram-mib-two-cells", "/guests/linux: 'ram-mib' missing or not a number from 2 to 1024"},
	{"bad-ram-mib-empty", "/guests/linux: 'ram-mib' missing or not a number from 2 to 1024"},
	{"bad-supervisor-priority-empty", "/guests: 'supervisor-priority' not a number from 1 to 255"},
	{"bad-restart-empty", "/guests/linux: 'restart' is not one string of at most 127 characters"},
	{"bad-display-window-empty", "/guests/linux: 'display-window' is not one string of at most 127 characters"},
	{"bad-channel-guests-empty", "/channels/control: 'guests' is not two guest names"},
	{"bad-channel-frames-empty", "/channels/control: 'frames' missing or not a number from 1 to 16"},
	{"bad-memory-bits-low", "/guests/linux: 'memory-bits' missing or not a number from 20 to 30"},
	{"bad-memory-bits-high", "/guests/linux: 'memory-bits' missing or not a number from 20 to 30"},
	{"bad-memory-bits-no-room", "/guests/linux: 'memory-bits' leaves no room beside its RAM"},
	{"bad-memory-bits-no-room-at-max", "/guests/linux: 'memory-bits' leaves no room beside its RAM"},
	{"bad-priority-zero", "/guests/linux: 'priority' missing or not a number from 1 to 244"},
	{"bad-priority-high", "/guests/linux: 'priority' missing or not a number from 1 to 244"},
	{"bad-supervisor-priority-zero", "/guests: 'supervisor-priority' not a number from 1 to 255"},
	{"bad-supervisor-priority-high", "/guests: 'supervisor-priority' not a number from 1 to 255"},
	{"bad-supervisor-priority-string", "/guests: 'supervisor-priority' not a number from 1 to 255"},
	{"bad-display-window", "/guests/linux: 'display-window' is neither \"top\" nor \"bottom\""},
	{"bad-restart", "/guests/linux: 'restart' is neither \"always\" nor \"never\""},
	{"bad-vmm-empty", "/guests/linux: 'vmm' is not one string of at most 127 characters"},
	{"bad-kernel-two-strings", "/guests/linux: 'kernel' is not one string of at most 127 characters"},
	{"bad-kernel-number", "/guests/linux: 'kernel' is not one string of at most 127 characters"},
	{"bad-bootargs-long", "/guests/linux: 'bootargs' is not one string of at most 127 characters"},
	{"bad-guest-name-long", "/guests/abcdefghijklmnop: the name is longer than 15 characters"},
	{"bad-two-console-input", "/guests/linux: 'console-input' is already another guest's"},
	{"bad-too-many-guests", "/guests/g5: more guests than the root task starts"},
	{"bad-no-guests", "no /guests node"},
	{"bad-empty-guests", "/guests: no guest"},
	{"bad-channel-unknown-guest", "/channels/control: 'guests' names a guest that /guests does not have"},
	{"bad-channel-same-guest", "/channels/control: 'guests' names the same guest twice"},
	{"bad-channel-one-guest", "/channels/control: 'guests' is not two guest names"},
	{"bad-channel-one-string", "/channels/control: 'guests' is not two guest names"},
	{"bad-channel-three-guests", "/channels/control: 'guests' is not two guest names"},
	{"bad-channel-no-guests", "/channels/control: 'guests' is not two guest names"},
	{"bad-channel-frames-over", "/channels/control: 'frames' missing or not a number from 1 to 16"},
	{"bad-channel-frames-zero", "/channels/control: 'frames' missing or not a number from 1 to 16"},
	{"bad-channel-no-frames", "/channels/control: 'frames' missing or not a number from 1 to 16"},
	{"bad-channel-compatible", "/channels/control: 'compatible' is not \"tern,channel\""},
	{"bad-channel-no-compatible", "/channels/control: 'compatible' is not \"tern,channel\""},
	{"bad-too-many-channels", "/channels/c4: more channels than the root task sets up"},
	{"bad-channel-name-long", "/channels/abcdefghijklmnop: the name is longer than 15 characters"},
};

static void refuses_each_broken_description(void **state)
{
	unsigned wrong = 0;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char name[96];
		struct system_desc s;
		snprintf(name, sizeof(name), "system/%s", bad[i].fixture);
		void *blob;
		const char *problem = read_fixture(name, &s, &blob);
		if (!problem || strcmp(problem, bad[i].message)) {
			print_error("%s: got \"%s\", want \"%s\"\n", bad[i].fixture,
				    problem ? problem : "(accepted)", bad[i].message);
			wrong++;
		}
		free(blob);
	}
	assert_int_equal(wrong, 0);
}

/* A fixture added without a line above would be compiled and never read. */
static void every_bad_fixture_has_an_expected_message(void **state)
{
	const char *dir = getenv("TERN_TEST_DATA_DIR");
	char path[512];
	snprintf(path, sizeof(path), "%s/dtb/system", dir ? dir : ".");
	DIR *d = opendir(path);
	assert_non_null(d);
	unsigned found = 0, unknown = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (strncmp(e->d_name, "bad-", 4) || len < 5 || strcmp(e->d_name + len - 4, ".dtb"))
			continue;
		found++;
		bool known = false;
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			known |= strlen(bad[i].fixture) == len - 4 &&
				 !strncmp(bad[i].fixture, e->d_name, len - 4);
		if (!known) {
			print_error("%s has no expected message\n", e->d_name);
			unknown++;
		}
	}
	closedir(d);
	assert_int_equal(unknown, 0);
	assert_int_equal(found, sizeof(bad) / sizeof(bad[0]));
}

/* Two guests of one name, made by editing the blob since dtc merges them. */
static void refuses_two_guests_of_one_name(void **state)
{
	size_t size;
	char *blob = load_exact("system/twin-guests", &size);
	char *twin = memmem(blob, size, "linuX", 6);
	assert_non_null(twin);
	twin[4] = 'x';
	struct system_desc s;
	const char *problem = system_read(&s, blob, (unsigned)size);
	assert_non_null(problem);
	assert_string_equal(problem, "/guests/linux: another guest has the same name");
	free(blob);
}

static void refuses_what_is_not_a_device_tree(void **state)
{
	struct system_desc s;
	static const char text[] = "/ { guests { linux { vmm = \"vmm\"; kernel = \"k\"; }; }; };";
	const char *problem = system_read(&s, text, sizeof(text));
	assert_non_null(problem);
	assert_string_equal(problem, "not a device tree: bad magic (not a device tree blob)");
	assert_int_equal(s.guests, 0);

	assert_string_equal(system_read(&s, NULL, 0),
			    "not a device tree: truncated or out-of-bounds block");
	unsigned char zeros[64] = {0};
	assert_string_equal(system_read(&s, zeros, sizeof(zeros)), "not a device tree: bad magic (not a device tree blob)");
}

/* Cut the handset's description anywhere: refused, never read past the
 * end (the buffer is exactly the cut length, under ASan). */
static void refuses_every_truncation(void **state)
{
	size_t size;
	void *whole = load_exact("system/handset", &size);
	for (size_t cut = 0; cut < size; cut++) {
		void *part = malloc(cut ? cut : 1);
		memcpy(part, whole, cut);
		struct system_desc s;
		const char *problem = system_read(&s, part, (unsigned)cut);
		if (!problem)
			fail_msg("accepted the first %zu of %zu bytes", cut, size);
		assert_true(strstr(problem, "not a device tree") == problem);
		free(part);
	}
	free(whole);
}

/* A header that claims less than the blob holds: the reader must keep
 * within what the header claims (the blocks then lie outside it). */
static void refuses_a_header_that_cuts_its_own_blocks(void **state)
{
	size_t size;
	unsigned char *blob = load_exact("system/handset", &size);
	for (uint32_t total = 40; total < size; total += 7) {
		unsigned char *part = malloc(total);
		memcpy(part, blob, total);
		part[4] = total >> 24, part[5] = total >> 16, part[6] = total >> 8, part[7] = total;
		struct system_desc s;
		const char *problem = system_read(&s, part, total);
		if (!problem)
			fail_msg("accepted a header claiming %u of %zu bytes", total, size);
		free(part);
	}
	free(blob);
}

/* Any one byte of the handset's blob changed: read or refused with one of
 * the messages above, never a read out of bounds (ASan/UBSan stop the
 * program, which counts as a failure). */
static void survives_every_corrupted_byte(void **state)
{
	size_t size;
	unsigned char *blob = load_exact("system/handset", &size);
	static const unsigned char values[] = {0x00, 0xff, 0x7f, 0x01};
	for (size_t at = 0; at < size; at++) {
		for (size_t v = 0; v < sizeof(values); v++) {
			unsigned char *copy = malloc(size);
			memcpy(copy, blob, size);
			copy[at] = values[v];
			struct system_desc s;
			const char *problem = system_read(&s, copy, (unsigned)size);
			if (problem && strncmp(problem, "/guests", 7) && strncmp(problem, "/channels/", 10) &&
			    strcmp(problem, "no /guests node") && strncmp(problem, "not a device tree: ", 19))
				fail_msg("byte %zu = %#x: \"%s\"", at, values[v], problem);
			free(copy);
		}
	}
	free(blob);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_handset),
		cmocka_unit_test(reads_linux_alone),
		cmocka_unit_test(takes_defaults_when_only_required_given),
		cmocka_unit_test(takes_every_limit),
		cmocka_unit_test(takes_a_compatible_list_led_by_tern_channel),
		cmocka_unit_test(refuses_each_broken_description),
		cmocka_unit_test(every_bad_fixture_has_an_expected_message),
		cmocka_unit_test(refuses_two_guests_of_one_name),
		cmocka_unit_test(refuses_what_is_not_a_device_tree),
		cmocka_unit_test(refuses_every_truncation),
		cmocka_unit_test(refuses_a_header_that_cuts_its_own_blocks),
		cmocka_unit_test(survives_every_corrupted_byte),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
