// SPDX-License-Identifier: MIT
/* Boot of the kernel on the boot CPU: hardware description, kernel mode,
 * address space, interrupts, tick, banner; then idle. */
#include <arch/boot.h>
#include <arch/console.h>
#include <arch/cpu.h>
#include <arch/irq.h>
#include <arch/memory.h>
#include <arch/thread.h>
#include <arch/timer.h>
#include <arch/vcpu.h>
#include <tern/bits.h>
#include <tern/hwdesc.h>
#include <tern/image.h>
#include <tern/irq.h>
#include <tern/kconfig.h>
#include <tern/memregion.h>
#include <tern/printf.h>
#include <tern/roottask.h>
#include <tern/thread.h>

/* A boot loader's device tree is trusted to be no larger than this. */
#define MAX_DTB_SIZE (2u * 1024 * 1024)

struct boot_state {
	struct fdt fdt;
	struct hw_desc hw;
	uintptr_t dtb_addr;          /* the boot loader's, or 0 */
	bool dtb_builtin;
	int dtb_error;               /* why the boot loader's was refused */
	const char *hw_error;        /* why the boot loader's description was refused */
	struct arch_boot_info arch;
	struct memregion_set free_memory;
	struct arch_irq_info irq;
	struct arch_timer_info timer;
	uint64_t boot_counter;
	const char *vcpu_error;      /* why guests cannot run, or NULL */
};

static struct boot_state boot;
static volatile uint32_t ticks;

/* Deep enough to run off any kernel stack (CONFIG_SELFTEST_STACK_OVERFLOW). */
static __attribute__((noinline)) unsigned selftest_recurse(unsigned depth)
{
	volatile unsigned frame[64];
	frame[0] = depth;
	return depth ? selftest_recurse(depth - 1) + frame[0] : 0;
}

void kernel_boot(uintptr_t dtb_addr);

/* The boot loader's device tree if it is valid and describes a usable
 * machine, else the built-in one. */
static void choose_device_tree(struct boot_state *b, uintptr_t dtb_addr)
{
	b->dtb_addr = dtb_addr;
	if (dtb_addr && (!IS_ALIGNED(dtb_addr, 4) || !arch_boot_readable(dtb_addr, MAX_DTB_SIZE)))
		b->dtb_error = -FDT_ERR_BADVALUE;
	else if (dtb_addr)
		b->dtb_error = fdt_open(&b->fdt, (const void *)arch_phys_to_kernel(dtb_addr),
					MAX_DTB_SIZE);
	if (dtb_addr && !b->dtb_error) {
		b->hw_error = hwdesc_parse(&b->fdt, &b->hw);
		if (!b->hw_error)
			return;
	}
	b->dtb_builtin = true;
	if (fdt_open(&b->fdt, builtin_dtb, (size_t)(builtin_dtb_end - builtin_dtb)) ||
	    hwdesc_parse(&b->fdt, &b->hw))
		arch_halt(); /* the build checked it: only a broken image gets here */
}

static void halt_with(const char *what, const char *why)
{
	kprintf("tern: %s: %s\n", what, why);
	kprintf("tern: halted.\n");
	arch_halt();
}

static void build_free_memory(struct boot_state *b)
{
	memregion_init(&b->free_memory);
	for (unsigned i = 0; i < b->hw.ram_count; i++)
		if (memregion_add(&b->free_memory, b->hw.ram[i].base, b->hw.ram[i].size))
			halt_with("memory", "too many RAM banks to track");
	memregion_reserve(&b->free_memory, arch_kernel_to_phys((uintptr_t)__kernel_start),
			  (uintptr_t)__kernel_end - (uintptr_t)__kernel_start);
	/* RAM the kernel cannot reach is nobody's (SVC: past the window) */
	if (arch_kernel_ram_end() < (1ull << 32))
		memregion_reserve(&b->free_memory, arch_kernel_ram_end(),
				  (1ull << 32) - arch_kernel_ram_end());
	if (!b->dtb_builtin)
		memregion_reserve(&b->free_memory, b->dtb_addr, b->fdt.size);
}

static void kernel_tick(void)
{
	ticks++;
	sched_tick();
	if (CONFIG_HEARTBEAT_SECONDS == 0 ||
	    ticks % (CONFIG_TICK_HZ * CONFIG_HEARTBEAT_SECONDS) != 0)
		return;
	uint64_t elapsed = arch_timer_now() - boot.boot_counter;
	uint64_t ms = elapsed * 1000 / boot.timer.frequency_hz;
	kprintf("tick %u: uptime %u.%03u s\n", ticks / CONFIG_TICK_HZ,
		(unsigned)(ms / 1000), (unsigned)(ms % 1000));
}

static void print_banner(const struct boot_state *b)
{
	struct arch_cpu_info cpu;
	arch_cpu_identify(&cpu);

	kprintf("\nTern %s (%s) microkernel and microhypervisor for ARM\n", TERN_VERSION,
		TERN_GIT_REV);
	kprintf("  board   %s (device tree model \"%s\")\n", CONFIG_BOARD_NAME, b->hw.model);
	kprintf("  cpu     %s r%up%u (MIDR %08x)\n", cpu.name, cpu.variant, cpu.revision, cpu.midr);
	kprintf("  mode    %s, entered in %s\n", arch_kernel_mode_name(),
		arch_entry_state_name(b->arch.entry));
	for (unsigned i = 0; i < b->hw.ram_count; i++)
		kprintf("  ram     %u MiB at 0x%llx\n", (unsigned)(b->hw.ram[i].size >> 20),
			(unsigned long long)b->hw.ram[i].base);
	kprintf("  free    %u KiB in %u ranges (kernel image %u KiB at %p)\n",
		(unsigned)(memregion_total(&b->free_memory) >> 10), b->free_memory.count,
		(unsigned)((__kernel_end - __kernel_start) >> 10), (void *)__kernel_start);
	kprintf("  timer   %u Hz counter, %s tick at %u Hz on interrupt %u\n",
		b->timer.frequency_hz, b->timer.name, CONFIG_TICK_HZ, b->timer.intid);
	kprintf("  gic     %s, %u interrupt lines, virtualization interface %s", b->irq.name,
		b->irq.lines, b->irq.has_virt ? "present" : "absent");
	if (b->irq.has_virt)
		kprintf(" (%u list registers)", b->irq.list_registers);
	kprintf("\n  vcpu    %s\n", b->vcpu_error ? b->vcpu_error : ARCH_VCPU_KIND);
	kprintf("  console PL011 at 0x%llx\n", (unsigned long long)b->hw.console.base);
	if (b->dtb_builtin)
		kprintf("  dtb     built-in (%s)\n", CONFIG_BOARD_DTS);
	else
		kprintf("  dtb     from the boot loader at %p (%u bytes)\n", (void *)b->dtb_addr,
			b->fdt.size);
}

void kernel_boot(uintptr_t dtb_addr)
{
	const char *err;

	choose_device_tree(&boot, dtb_addr);
	arch_console_init(&boot.hw);
	if (boot.dtb_error)
		kprintf("tern: warning: ignoring the device tree at %p: %s\n", (void *)dtb_addr,
			fdt_strerror(boot.dtb_error));
	else if (boot.hw_error)
		kprintf("tern: warning: ignoring the device tree at %p: %s\n", (void *)dtb_addr,
			boot.hw_error);

	if ((err = arch_enter_kernel_mode(&boot.hw, &boot.arch)))
		halt_with("cannot start", err);
	arch_exceptions_init();
	build_free_memory(&boot);
	if ((err = arch_mmu_init(&boot.hw)))
		halt_with("address space", err);
	if ((err = arch_irq_init(&boot.hw, &boot.irq)))
		halt_with("interrupt controller", err);
	boot.boot_counter = arch_timer_now();
	if ((err = arch_timer_start_tick(&boot.hw, CONFIG_TICK_HZ, kernel_tick, &boot.timer)))
		halt_with("timer", err);

	arch_cycle_counter_init();
	boot.vcpu_error = arch_vcpu_hw_init(&boot.hw);
	const char *threads_error = arch_threads_init();
	irq_reserve_kernel_lines();
	print_banner(&boot);
	if (IS_ENABLED(CONFIG_SELFTEST_STACK_OVERFLOW)) {
		kprintf("selftest: overflowing the kernel stack\n");
		selftest_recurse(1u << 20);
	}
	if (IS_ENABLED(CONFIG_SELFTEST_UNDEF)) {
		kprintf("selftest: executing an undefined instruction at %p\n",
			(void *)arch_selftest_undefined_instruction);
		arch_selftest_undefined_instruction();
	}

	if (threads_error)
		err = threads_error;
	else
		err = roottask_create(boot_archive, (size_t)(boot_archive_end - boot_archive),
				      &boot.free_memory, &boot.hw, boot.timer.frequency_hz);
	if (err)
		kprintf("tern: no root task started: %s\n", err);
	else
		kprintf("tern: starting the root task\n");
	sched_run_next();
}
