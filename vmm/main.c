// SPDX-License-Identifier: MIT
/* The VMM: one process per guest. It builds the guest (memory, VCPU,
 * stage-2 address space; on the SVC kernel the paravirtual VCPU's address
 * space and state page), loads Linux or an ELF guest from the boot archive, and then
 * serves the guest's exits: the GIC distributor, PL011 and virtio console
 * it emulates,
 * PSCI over HVC, and an external abort for anything else. */
#include <l4/l4.h>
#include <l4/vmm_start.h>
#include <tern/cpio.h>
#include <tern/kconfig.h>
#include <tern/string.h>
#include "bench_device.h"
#include "channel.h"
#include "console.h"
#include "elf_boot.h"
#include "framebuffer.h"
#include "guest_map.h"
#include "linux_boot.h"
#include "pl011.h"
#include "psci.h"
#include "pv_cpu.h"
#include "ratelimit.h"
#include "vgic_dist.h"
#include "virtio_console.h"

#define GUEST_PRIORITY 150
#define IRQ_PRIORITY 0xa0
#define CONSOLE_BADGE 1
#define MAX_EC 64

static const struct l4_vmm_start *start;
static unsigned next_slot;
static l4_cptr_t vcpu, guest_tcb, exit_ep;
static struct vgic_dist dist;
static struct pl011 uart;
static struct guest_ram guest_ram;
static struct virtio_console vcon;
static unsigned exits_by_class[MAX_EC];
static unsigned unmapped_accesses;
static struct bench_device bench;

static l4_cptr_t new_object(unsigned type, unsigned size_bits, unsigned count)
{
	l4_cptr_t first = next_slot;
	if (l4_untyped_retype(L4_VMM_CAP_UNTYPED, type, size_bits, L4_VMM_CAP_CNODE, first, count))
		return 0;
	next_slot += count;
	return first;
}

/* Tells the supervisor (the root task) that the guest stopped and why. */
static void report_stop(unsigned kind)
{
	if (!start->has_supervisor)
		return;
	struct l4_msg m = {.info = l4_msginfo(kind, 0, 0, 0)};
	m.word = L4_VMM_CAP_SUPERVISOR;
	l4_sys_send(&m);
}

static __attribute__((noreturn)) void stop(const char *what, const char *why)
{
	l4_printf("%s: %s: %s\n", start->guest, what, why);
	report_stop(L4_GUEST_START_FAILED);
	for (;;)
		l4_tcb_suspend(L4_VMM_CAP_TCB);
}

/* ---- what the VMM prints for its guest, under rate limits
 *
 * The console is shared: a guest must not drown the others' output, nor
 * make its VMM print without end (a guest looping on a faulting access
 * made it print thousands of lines a second). Two token buckets per
 * guest: one for the guest's console lines (console.c), one for the VMM's
 * own messages about exits the guest can cause again and again. Nothing
 * is dropped silently: dropped lines are counted and said in one line
 * when output resumes, and when the guest stops.
 *
 * Their clock is the count of the guest's exits, not the generic timer's
 * counter. The counter would be the guest's virtual time (CNTVOFF is 0),
 * but a native thread may read it at PL0 only while CNTKCTL.PL0VCTEN is
 * set, and the kernel leaves the last guest's CNTKCTL loaded while native
 * threads run (arch/arm/hyp/vcpu/switch.c): 0 out of reset, until Linux's
 * timer driver sets it (after earlycon's first lines), and whatever a
 * guest writes later. A read would then be an undefined instruction in
 * the VMM, one that any guest could cause. Exits are the VMM's own count:
 * deterministic, and a guest gets more only by running, each costing it a
 * trip through the kernel and the VMM. So the limits are lines per exits:
 *
 * - Diagnostics: a faulting access is one exit and was one line, an
 *   amplification cut to one line per DIAG_EXITS after a burst. The count
 *   of what was dropped is said as soon as a line could go out again.
 * - Console: output costs the guest an exit per byte at least (the write
 *   to the data register, and Linux reads the flag register before each),
 *   so ordinary output (a boot is some 150 exits a line) never meets the
 *   limit, while a flood of short or empty lines does, after a burst
 *   longer than a boot's log. Not exempt, but every dropped line and byte
 *   is counted in the report. Runs of CONSOLE_RUN: a refusal ends soon
 *   after a flood does (a typed command earns it), as an idle guest earns
 *   nothing. */
#define DIAG_BURST 20
#define DIAG_RUN 1
#define DIAG_EXITS 100000
#define CONSOLE_BURST 1000
#define CONSOLE_RUN 4
#define CONSOLE_EXITS 32

static uint64_t exits; /* the rate limits' clock */
static struct ratelimit diag_limit;
static struct console console;

static void diag_report(void)
{
	uint64_t n = ratelimit_take_suppressed(&diag_limit);
	if (n)
		l4_printf("%s: %llu VMM messages suppressed (rate limit)\n", start->guest, n);
}

/* Whether a message about something the guest can repeat (an exit it
 * caused) may be printed now; says first what was suppressed. */
static bool diag_allowed(void)
{
	if (!ratelimit_allow(&diag_limit, exits))
		return false;
	diag_report();
	return true;
}

static void console_line(void *ctx, const char *text, unsigned length)
{
	l4_printf("%s: ", start->guest);
	for (unsigned i = 0; i < length; i++)
		l4_debug_putchar(text[i]);
	l4_debug_putchar('\n');
}

static void console_suppressed(void *ctx, uint64_t lines, uint64_t bytes)
{
	l4_printf("%s: %llu lines (%llu bytes) of console output suppressed (rate limit)\n",
		  start->guest, lines, bytes);
}

/* Output through the virtio console costs an exit per buffer, not per
 * byte: its bytes count as the PL011's exits would, so ordinary output
 * still never meets the limit and a flood of short lines still does. */
static uint64_t virtio_output_bytes;
/* Input follows output: to the virtio console once the guest's console
 * writes there (console=hvc0), to the PL011 while it writes there only
 * (console=ttyAMA0: Linux's virtio driver runs the device all the same). */
static bool console_on_virtio;

static uint64_t console_clock(void *ctx)
{
	return exits + virtio_output_bytes;
}

static const struct console_ops console_ops = {
	.line = console_line, .suppressed = console_suppressed, .now = console_clock};

static void uart_irq(void *ctx, bool level)
{
	vgic_dist_set_level(&dist, GUEST_UART_IRQ, level);
}

static void inject(void *ctx, unsigned irq, bool level)
{
	int err = l4_vcpu_inject_irq(vcpu, irq, IRQ_PRIORITY, level ? L4_VCPU_IRQ_LEVEL : 0);
	if (err && diag_allowed())
		l4_printf("%s: cannot inject interrupt %u (error %d)\n", start->guest, irq, err);
}

static void lower(void *ctx, unsigned irq)
{
	int err = l4_vcpu_ack_irq(vcpu, irq);
	if (err && diag_allowed())
		l4_printf("%s: cannot lower interrupt %u (error %d)\n", start->guest, irq, err);
}

static const struct vgic_dist_ops dist_ops = {.inject = inject, .lower = lower};

static void vcon_output(void *ctx, const uint8_t *bytes, uint32_t length)
{
	for (uint32_t i = 0; i < length; i++)
		console_put(&console, bytes[i]);
	virtio_output_bytes += length;
	console_on_virtio = true;
}

static void vcon_irq(void *ctx, bool level)
{
	vgic_dist_set_level(&dist, GUEST_VIRTIO_CONSOLE_IRQ, level);
}

static void vcon_error(void *ctx, const char *what)
{
	if (diag_allowed())
		l4_printf("%s: %s\n", start->guest, what);
}

static const struct virtio_console_ops vcon_ops = {
	.output = vcon_output, .irq = vcon_irq, .error = vcon_error};

/* Console input waits here while the guest has no room for it (pasted
 * text, or typing before the guest's driver reads): the virtio console's
 * receive buffers once the guest's console is there, else the UART's
 * 32-byte FIFO. */
static uint8_t input[4096];
static unsigned input_head, input_count;

static void feed_input(void)
{
	while (input_count && console_on_virtio && virtio_console_live(&vcon)) {
		unsigned run = sizeof(input) - input_head < input_count ? sizeof(input) - input_head
									  : input_count;
		uint32_t n = virtio_console_receive(&vcon, input + input_head, run);
		if (!n)
			return;
		input_head = (input_head + n) % sizeof(input);
		input_count -= n;
	}
	while (input_count && pl011_receive(&uart, input[input_head])) {
		input_head = (input_head + 1) % sizeof(input);
		input_count--;
	}
}

static const char *stopped_reason; /* the guest has stopped, why */

static void console_input(void)
{
	int c;
	while ((c = l4_debug_getchar()) >= 0) {
		if (stopped_reason && (c == '\r' || c == '\n'))
			l4_printf("%s: the guest has stopped (%s); nothing reads this console\n",
				  start->guest, stopped_reason);
		else if (!stopped_reason && input_count < sizeof(input))
			input[(input_head + input_count++) % sizeof(input)] = (uint8_t)c;
	}
	feed_input();
	l4_irq_handler_ack(L4_VMM_CAP_CONSOLE_IRQ);
}

/* ---- building the guest */
/* A page directory for vaddr's GiB, where the kernel has them (HYP's
 * LPAE; the SVC kernel's first-level table covers the whole space). */
static bool directory_for(l4_cptr_t vspace, uint32_t vaddr)
{
	if (!L4_HAS_PAGE_DIRECTORY)
		return true;
	l4_cptr_t pd = new_object(L4_OBJ_PAGE_DIRECTORY, 0, 1);
	return pd && !l4_page_table_map(pd, vspace, vaddr);
}

static void map_archive(void)
{
	if (!directory_for(L4_VMM_CAP_VSPACE, L4_VMM_ARCHIVE_VADDR))
		stop("start", "cannot map the boot archive");
	for (unsigned i = 0; i < start->archive_frames; i++)
		if (l4_frame_map(L4_VMM_CAP_ARCHIVE + i, L4_VMM_CAP_VSPACE,
				 L4_VMM_ARCHIVE_VADDR + i * L4_FRAME_2M_SIZE, L4_RIGHT_READ, 0))
			stop("start", "cannot map the boot archive");
}

/* Guest RAM: 2 MiB frames mapped at the same address in the guest (IPA)
 * and in the VMM, which loads the images there. One retype per frame: the
 * kernel zeroes each without a pause, so the pauses stay short. */
static l4_cptr_t ram_frames[L4_VMM_MAX_RAM_MIB / 2];

static void make_ram(l4_cptr_t guest_vspace)
{
	unsigned frames = start->ram_bytes / L4_FRAME_2M_SIZE;
	if (start->ram_bytes < GUEST_RAM_MIN || start->ram_bytes % L4_FRAME_2M_SIZE)
		stop("start", "guest RAM must be at least 4 MiB, in 2 MiB frames");
	if (GUEST_RAM_LIMIT && start->ram_bytes > GUEST_RAM_LIMIT - GUEST_RAM_BASE)
		stop("start", "guest RAM would reach Tern's window (at most 512 MiB on this kernel)");
	if (frames > ARRAY_SIZE(ram_frames) || !directory_for(guest_vspace, GUEST_RAM_BASE) ||
	    !directory_for(L4_VMM_CAP_VSPACE, GUEST_RAM_BASE))
		stop("start", "not enough memory for the guest's RAM");
	for (unsigned i = 0; i < frames; i++) {
		l4_cptr_t frame = new_object(L4_OBJ_FRAME_2M, 0, 1);
		if (!frame)
			stop("start", "not enough memory for the guest's RAM");
		l4_cptr_t copy = next_slot++;
		uint32_t at = GUEST_RAM_BASE + i * L4_FRAME_2M_SIZE;
		if (l4_frame_map(frame, guest_vspace, at, L4_RIGHT_READ | L4_RIGHT_WRITE,
				 L4_FRAME_EXECUTABLE) ||
		    l4_cnode_copy(L4_VMM_CAP_CNODE, copy, frame, L4_RIGHT_READ | L4_RIGHT_WRITE) ||
		    l4_frame_map(copy, L4_VMM_CAP_VSPACE, at, L4_RIGHT_READ | L4_RIGHT_WRITE, 0))
			stop("start", "cannot map the guest's RAM");
		ram_frames[i] = frame;
	}
}

/* The guest starts with its MMU and caches off: what the VMM wrote through
 * its cached mapping must reach memory first. */
static void clean_guest_ram(uint32_t offset, uint32_t length)
{
	while (length) {
		uint32_t in_frame = offset % L4_FRAME_2M_SIZE;
		uint32_t n = L4_FRAME_2M_SIZE - in_frame < length ? L4_FRAME_2M_SIZE - in_frame : length;
		if (l4_frame_clean(ram_frames[offset / L4_FRAME_2M_SIZE], in_frame, n))
			stop("start", "cannot clean the guest's RAM");
		offset += n;
		length -= n;
	}
}

/* The guest's GIC CPU interface is the hardware's virtual one. */
static void map_gicv(l4_cptr_t guest_vspace)
{
	if (!start->has_gicv)
		stop("start", "no GIC virtual CPU interface was given");
	l4_cptr_t pd = new_object(L4_OBJ_PAGE_DIRECTORY, 0, 1);
	l4_cptr_t pt = new_object(L4_OBJ_PAGE_TABLE, 0, 1);
	if (!pd || !pt || l4_page_table_map(pd, guest_vspace, GUEST_GICC_BASE & ~0x3fffffffu) ||
	    l4_page_table_map(pt, guest_vspace, GUEST_GICC_BASE & ~(L4_FRAME_2M_SIZE - 1)) ||
	    l4_frame_map(L4_VMM_CAP_GICV, guest_vspace, GUEST_GICC_BASE,
			 L4_RIGHT_READ | L4_RIGHT_WRITE, L4_FRAME_UNCACHED) ||
	    l4_frame_map(L4_VMM_CAP_GICV + 1, guest_vspace, GUEST_GICC_BASE + L4_PAGE_SIZE,
			 L4_RIGHT_READ | L4_RIGHT_WRITE, L4_FRAME_UNCACHED))
		stop("start", "cannot map the GIC virtual CPU interface");
}

static const void *archive_file(const char *name, size_t *size, bool required)
{
	struct cpio_entry e;
	int err = cpio_find((const void *)L4_VMM_ARCHIVE_VADDR, start->archive_bytes, name, &e);
	if (err) {
		if (required)
			stop(name, cpio_strerror(err));
		return NULL;
	}
	*size = e.size;
	return e.data;
}

static void build_guest(void)
{
	map_archive();
	struct linux_images img = {.bootargs = start->bootargs, .ram_base = GUEST_RAM_BASE,
				   .ram_bytes = start->ram_bytes};
	img.zimage = archive_file(start->kernel, &img.zimage_size, true);
	img.dtb = archive_file(start->dtb, &img.dtb_size, true);
	img.initrd = archive_file(start->initrd, &img.initrd_size, false);
	bool elf = elf_boot_is_elf(img.zimage, img.zimage_size);
	const char *bad = elf ? NULL : linux_check_zimage(img.zimage, img.zimage_size);
	if (bad)
		stop(start->kernel, bad);

	l4_cptr_t guest_vspace = new_object(L4_OBJ_GUEST_VSPACE, 0, 1);
	vcpu = new_object(L4_OBJ_VCPU, 0, 1);
	guest_tcb = new_object(L4_OBJ_TCB, 0, 1);
	exit_ep = new_object(L4_OBJ_ENDPOINT, 0, 1);
	/* the root task's when the guest has channels: their doorbells signal it */
	l4_cptr_t ntfn = start->notification ? start->notification : new_object(L4_OBJ_NOTIFICATION, 0, 1);
	if (!guest_vspace || !vcpu || !guest_tcb || !exit_ep || !ntfn)
		stop("start", "not enough memory for the guest's objects");
	if (l4_vspace_id_assign(L4_VMM_CAP_VSPACE_ID_POOL, guest_vspace))
		stop("start", "no VSpace id for the guest (the VMM's pool)");
	make_ram(guest_vspace);
	/* the GIC's CPU interface: the hardware's virtual one (HYP), or on the
	 * SVC kernel the paravirtual CPU's state page (pv_cpu.c, below) */
	if (!IS_ENABLED(CONFIG_ARM_SVC))
		map_gicv(guest_vspace);

	uint32_t entry, dtb, image_offset = GUEST_ZIMAGE_OFFSET, image_bytes = (uint32_t)img.zimage_size;
	if (elf)
		bad = elf_boot_load(&img, (uint8_t *)GUEST_RAM_BASE, &entry, &dtb, &image_offset,
				    &image_bytes);
	else
		bad = linux_load(&img, (uint8_t *)GUEST_RAM_BASE, &entry, &dtb);
	if (bad)
		stop("cannot boot", bad);
	bench_device_init(&bench, img.dtb, img.dtb_size, &dist);
	if (bench.present) {
		l4_printf("%s: bench device at 0x%08x\n", start->guest, GUEST_BENCH_BASE);
		unsigned below_guest = (start->guest_priority ? start->guest_priority : GUEST_PRIORITY) - 1;
		if ((bad = bench_device_start_helper(&bench, new_object(L4_OBJ_TCB, 0, 1),
						     new_object(L4_OBJ_NOTIFICATION, 0, 1), next_slot++,
						     vcpu, below_guest)))
			l4_printf("%s: bench device helper: %s\n", start->guest, bad);
	}
	if (IS_ENABLED(CONFIG_ARM_SVC) &&
	    (bad = pv_cpu_attach(start, vcpu, guest_vspace, (void *)dtb, &next_slot)))
		stop("cannot boot", bad);
	if ((bad = framebuffer_attach(start, guest_vspace, (void *)dtb, &next_slot)))
		l4_printf("%s: display: %s; booting without it\n", start->guest, bad);
	if ((bad = channel_attach(start, guest_vspace, (void *)dtb, &dist, &next_slot)))
		l4_printf("%s: inter-VM channels: %s; booting without them\n", start->guest, bad);
	if ((bad = virtio_mmio_describe((void *)dtb, GUEST_VIRTIO_CONSOLE_BASE,
					GUEST_VIRTIO_CONSOLE_IRQ - 32)))
		l4_printf("%s: virtio console: %s; booting without it\n", start->guest, bad);
	clean_guest_ram(image_offset, image_bytes);
	clean_guest_ram(guest_dtb_offset(start->ram_bytes), GUEST_DTB_MAX);
	if (img.initrd)
		clean_guest_ram(GUEST_INITRD_OFFSET, (uint32_t)img.initrd_size);

	vgic_dist_init(&dist, 128, &dist_ops, NULL);
	ratelimit_init(&diag_limit, DIAG_BURST, DIAG_RUN, DIAG_EXITS, exits);
	console_init(&console, &console_ops, NULL, CONSOLE_BURST, CONSOLE_RUN, CONSOLE_EXITS);
	pl011_init(&uart, console_put, uart_irq, &console);
	guest_ram = (struct guest_ram){.base = GUEST_RAM_BASE, .size = start->ram_bytes,
				       .host = (uint8_t *)GUEST_RAM_BASE};
	virtio_console_init(&vcon, &vcon_ops, NULL, &guest_ram);
	if (l4_tcb_bind_notification(L4_VMM_CAP_TCB, ntfn))
		stop("start", "cannot bind the VMM's notification");
	if (start->has_console_irq) {
		l4_cptr_t badged = next_slot++;
		if (l4_cnode_mint(L4_VMM_CAP_CNODE, badged, ntfn, L4_RIGHTS_ALL, CONSOLE_BADGE) ||
		    l4_irq_handler_set_notification(L4_VMM_CAP_CONSOLE_IRQ, badged) ||
		    l4_irq_handler_ack(L4_VMM_CAP_CONSOLE_IRQ))
			l4_printf("%s: console input is not available\n", start->guest);
	}

	/* the boot protocol: SVC mode, MMU off, interrupts masked, r0 = 0,
	 * r1 = machine type ~0 (device tree only), r2 = the DTB */
	unsigned regs[L4_REG_COUNT] = {0};
	regs[L4_REG_PC] = entry;
	regs[L4_REG_R1] = 0xffffffffu;
	regs[L4_REG_R2] = dtb;
	regs[L4_REG_CPSR] = 0x1d3; /* SVC, A I F masked */
	if (l4_vcpu_set_tcb(vcpu, guest_tcb) ||
	    l4_tcb_configure(guest_tcb, L4_VMM_CAP_CNODE, guest_vspace, exit_ep, 0) ||
	    l4_tcb_set_priority(guest_tcb, start->guest_priority ? start->guest_priority : GUEST_PRIORITY,
				L4_VMM_CAP_TCB) ||
	    l4_tcb_write_all_registers(guest_tcb, regs, L4_REG_COUNT, 1))
		stop("start", "cannot start the guest's VCPU");
	l4_printf("%s: booting %s (%u KiB) with %s, %u MiB of RAM at 0x%08x\n", start->guest,
		  start->kernel, (unsigned)(img.zimage_size >> 10), start->dtb,
		  start->ram_bytes >> 20, GUEST_RAM_BASE);
}

/* ---- exits */
static const char *class_name(unsigned ec)
{
	switch (ec) {
	case L4_EC_WFI_WFE: return "WFI/WFE";
	case L4_EC_CP15_32: case L4_EC_CP15_64: return "CP15 access";
	case L4_EC_CP14_32: return "CP14 access";
	case L4_EC_HVC: return "HVC";
	case L4_EC_SMC: return "SMC";
	case L4_EC_PREFETCH_ABORT: return "prefetch abort";
	case L4_EC_DATA_ABORT: return "data abort (MMIO)";
	default: return "other";
	}
}

static void print_exit_counts(void)
{
	unsigned stats[L4_VCPU_STATS_COUNT] = {0};
	l4_vcpu_stats(vcpu, stats);
	l4_printf("%s: exits to the VMM:", start->guest);
	for (unsigned ec = 0; ec < MAX_EC; ec++)
		if (exits_by_class[ec])
			l4_printf(" %s %u,", class_name(ec), exits_by_class[ec]);
	l4_printf(" total %u\n", stats[0]);
	l4_printf("%s: handled in the kernel: WFI %u, virtual timer interrupts %u; "
		  "interrupts injected %u; VFP taken %u times\n", start->guest, stats[1], stats[2],
		  stats[3], stats[4]);
}

static void guest_stopped(const char *reason, unsigned kind)
{
	stopped_reason = reason;
	console_flush(&console);
	diag_report();
	l4_printf("%s: guest stopped: %s\n", start->guest, reason);
	print_exit_counts();
	report_stop(kind);
}

/* A guest in big-endian state (CPSR.E) puts the bytes of its registers on
 * the bus in reverse order: the devices see, and give, little-endian data. */
static uint32_t bus_order(uint32_t value, unsigned size, uint32_t cpsr)
{
	if (!(cpsr & (1u << 9)))
		return value;
	if (size == 2)
		return (uint32_t)__builtin_bswap16((uint16_t)value);
	return size == 4 ? __builtin_bswap32(value) : value;
}

/* MMIO: returns the reply's actions, *value the load's result. */
static unsigned mmio(const unsigned *mr, unsigned *value)
{
	uint32_t hsr = mr[1], ipa = mr[2];
	if (!L4_HSR_DABT_ISV(hsr)) {
		if (diag_allowed())
			l4_printf("%s: access to 0x%08x at pc %08x has no syndrome (e.g. LDM): "
				  "external abort\n", start->guest, ipa, mr[0]);
		return L4_VM_REPLY_ABORT;
	}
	unsigned size = L4_HSR_DABT_SIZE(hsr);
	bool write = L4_HSR_DABT_WRITE(hsr), ok = false;
	uint32_t page = ipa & ~(GUEST_DEVICE_PAGE - 1), offset = ipa - page;
	uint32_t data = write ? bus_order(mr[3], size, mr[4]) : 0;
	*value = 0;
	if (page == GUEST_GICD_BASE)
		ok = write ? vgic_dist_write(&dist, offset, size, data)
			   : vgic_dist_read(&dist, offset, size, value);
	else if (page == GUEST_UART_BASE) {
		ok = write ? pl011_write(&uart, offset, size, data)
			   : pl011_read(&uart, offset, size, value);
		feed_input();
	} else if (page == GUEST_VIRTIO_CONSOLE_BASE) {
		ok = write ? virtio_mmio_write(&vcon.mmio, offset, size, data)
			   : virtio_mmio_read(&vcon.mmio, offset, size, value);
		feed_input();
	} else if (bench.present && page == GUEST_BENCH_BASE) {
		ok = write ? bench_device_write(&bench, offset, size, data)
			   : bench_device_read(&bench, offset, size, value);
	} else {
		unmapped_accesses++;
		if (diag_allowed())
			l4_printf("%s: %s of unmapped guest physical address 0x%08x at pc %08x: "
				  "external abort\n", start->guest, write ? "write" : "read", ipa, mr[0]);
		return L4_VM_REPLY_ABORT;
	}
	if (!ok)
		return L4_VM_REPLY_ABORT;
	*value = bus_order(*value, size, mr[4]);
	return L4_VM_REPLY_STEP | (write ? 0 : L4_VM_REPLY_SET);
}

/* Handles one exit; false when the guest stays stopped (no reply). */
static bool handle_exit(struct l4_msg *m)
{
	const unsigned *mr = m->mr;
	unsigned ec = L4_HSR_EC(mr[1]), actions = 0, value = 0;
	exits++;
	exits_by_class[ec < MAX_EC ? ec : 0]++;
	if (diag_limit.suppressed && ratelimit_ready(&diag_limit, exits))
		diag_report(); /* the guest stopped repeating itself */
	switch (ec) {
	case L4_EC_DATA_ABORT:
		actions = mmio(mr, &value);
		break;
	case L4_EC_HVC: {
		/* the inter-VM channel's doorbell (SMCCC vendor hypervisor call, HVC #0) */
		if (!(mr[1] & 0xffffu) && channel_is_call(mr[2])) {
			value = channel_call(mr[2], mr[3]);
			actions = L4_VM_REPLY_SET;
			break;
		}
		/* A guest with strict hypercalls (the system description says so,
		 * for a small RTOS that makes known calls only) that makes any
		 * other call (SMCCC calls are HVC #0) has lost its way: stopped */
		if (start->strict_hypercalls && ((mr[1] & 0xffffu) || !psci_implemented(mr[2]))) {
			guest_stopped("a hypercall it has no business making (strict hypercalls)",
				      L4_GUEST_FATAL);
			return false;
		}
		switch (psci_handle(mr[2], mr[3], mr[4], mr[5], &value)) {
		case PSCI_SYSTEM_OFF:
			guest_stopped("powered off (PSCI SYSTEM_OFF)", L4_GUEST_POWERED_OFF);
			return false;
		case PSCI_SYSTEM_RESET:
			guest_stopped("asked for a reset (PSCI SYSTEM_RESET: a reboot, or a panic)",
				      L4_GUEST_RESET);
			return false;
		default:
			actions = L4_VM_REPLY_SET;
		}
		break;
	}
	case L4_EC_SMC:
		value = 0xffffffffu; /* NOT_SUPPORTED: there is no secure firmware */
		actions = L4_VM_REPLY_SET | L4_VM_REPLY_STEP;
		break;
	case L4_EC_CP15_32:
	case L4_EC_CP15_64:
	case L4_EC_CP14_32:
		/* implementation-defined registers: read as zero, writes ignored */
		actions = L4_VM_REPLY_SET | L4_VM_REPLY_STEP;
		break;
	case L4_EC_WFI_WFE:
		actions = L4_VM_REPLY_STEP;
		break;
	case L4_EC_PREFETCH_ABORT:
		if (diag_allowed())
			l4_printf("%s: instruction fetch from unmapped 0x%08x at pc %08x: external "
				  "abort\n", start->guest, mr[2], mr[0]);
		actions = L4_VM_REPLY_ABORT;
		break;
	default:
		if (diag_allowed())
			l4_printf("%s: unexpected exit (HSR %08x) at pc %08x: undefined "
				  "instruction injected\n", start->guest, mr[1], mr[0]);
		actions = L4_VM_REPLY_UNDEF;
		break;
	}
	m->info = l4_msginfo(0, 0, 0, 3);
	m->mr[0] = actions;
	m->mr[1] = value;
	m->mr[2] = 0;
	return true;
}

int main(void *arg)
{
	start = arg;
	if (start->magic != L4_VMM_START_MAGIC)
		return 1;
	next_slot = start->first_free_slot;
	build_guest();

	struct l4_msg m;
	l4_recv(exit_ep, &m);
	for (;;) {
		unsigned label = l4_msginfo_label(m.info);
		if (label == L4_FAULT_VM_EXIT) {
			/* the exit's cost to the VMM, for the bench device (only
			 * where threads may read the cycle counter) */
			unsigned received = IS_ENABLED(CONFIG_USER_CYCLE_COUNTER) ? l4_cycles() : 0;
			bool resume = handle_exit(&m);
			if (IS_ENABLED(CONFIG_USER_CYCLE_COUNTER))
				bench.vmm_cycles += l4_cycles() - received;
			if (resume)
				l4_reply_recv(exit_ep, &m);
			else
				l4_recv(exit_ep, &m);
		} else if (label != 0 && l4_msginfo_length(m.info) == 0 && m.word == 0) {
			/* not a message but the kernel's error for the receive: the
			 * exit endpoint is gone, the supervisor is taking the guest
			 * back. Waiting again would fail again at once, a loop
			 * that would keep a lower-priority supervisor from
			 * finishing. */
			l4_printf("%s: the VMM's exit endpoint is gone (error %u): the VMM stops\n",
				  start->guest, label);
			for (;;)
				l4_tcb_suspend(L4_VMM_CAP_TCB);
		} else {
			if (label == 0)
				channel_doorbells(m.word);
			if (label == 0 && (m.word & CONSOLE_BADGE))
				console_input();
			else if (label != 0 && diag_allowed())
				l4_printf("%s: unexpected message (label %u) from the guest's thread\n",
					  start->guest, label);
			l4_recv(exit_ep, &m);
		}
	}
}
