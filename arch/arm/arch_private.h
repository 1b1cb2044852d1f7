/* SPDX-License-Identifier: MIT */
/* Declarations shared inside arch/arm only (assembly symbols and helpers
 * between arch files); kernel/ uses arch/arm/include/arch/ instead. */
#ifndef ARCH_ARM_PRIVATE_H
#define ARCH_ARM_PRIVATE_H

#include <tern/hwdesc.h>

/* CPSR at the image's first instruction (boot/entry.S). */
extern uint32_t arch_entry_psr;
/* The registers of the thread whose trap (not a system call) or interrupt
 * the kernel handles, as exceptions/vectors.S saved them. */
struct arch_context;
extern struct arch_context *arch_current_context;
/* HYP vector table (hyp/exceptions/vectors.S). */
extern char hyp_vectors[];
/* SVC vector table (svc/exceptions/vectors.S). */
extern char svc_vectors[];
/* The undefined instruction of arch_selftest_undefined_instruction. */
extern char arch_selftest_undef_insn[];

/* boot/secure_probe.S: whether the CPU runs in Secure PL1. */
bool arch_probe_secure_pl1(void);
/* hyp/boot/monitor.S */
void arch_secure_svc_to_hyp(void);

/* gic/gicv2.c: give every interrupt to the Non-secure side before leaving
 * Secure state (only Secure accesses can change interrupt groups). */
void gic_secure_handoff(const struct hw_desc *hw);

/* Registers saved by exceptions/vectors.S; offsets fixed in
 * exceptions/exception_entry.h. */
struct arch_exception_frame {
	uint32_t r[13];
	uint32_t sp;
	uint32_t lr;
	uint32_t elr;
	uint32_t spsr;
	uint32_t pad;
};

/* timer/generic_timer.c: besides the tick, the kernel's timer interrupts
 * at one wakeup deadline (in counter ticks, TIMER_NO_WAKEUP for none),
 * set anew by each timer_wake_at. When it is due, the handler runs in
 * interrupt context (never counted as a tick) and returns the next one.
 * Its one user: the virtual timers of unloaded VCPUs (vcpu/vtimer.c). */
#define TIMER_NO_WAKEUP (~0ull)
void timer_set_wakeup_handler(uint64_t (*handler)(uint64_t now));
void timer_wake_at(uint64_t deadline);

/* mm/kernel_map.c: the kernel's identity map of RAM, the GIC and the console
 * in blocks of block_size, through the variant's kernel_map_block
 * (hyp/mm/hyp_mmu.c, svc/mm/kernel_mmu.c); an error says what overlaps. */
enum kernel_mapping { KERNEL_MAP_RAM, KERNEL_MAP_DEVICE };
const char *kernel_map_block(paddr_t pa, enum kernel_mapping kind);
const char *kernel_map_identity(paddr_t base, uint64_t size, enum kernel_mapping kind,
				uint32_t block_size);
const char *kernel_map_regions(const struct hw_desc *hw, uint32_t block_size);
/* The kernel's address of a device register it drives (GIC, console,
 * timers): the physical one on HYP; on SVC where mm/kernel_mmu.c mapped it
 * (before that, the boot table's one-to-one map). */
#ifdef CONFIG_ARM_SVC
uintptr_t kernel_device_address(paddr_t pa);
#else
static inline uintptr_t kernel_device_address(paddr_t pa)
{
	return (uintptr_t)pa;
}
#endif
#ifdef CONFIG_ARM_SVC
/* svc/mm/kernel_mmu.c: the physical address of TTBR0's table while no user
 * space is loaded (no entries). */
uint32_t kernel_no_user_ttbr0(void);
#endif
/* The page below the kernel stack (boot/entry.S), left unmapped so that an
 * overflow stops with a data abort the report names. */
extern char boot_stack_guard[];
/* mm/kernel_map.c: the address lies in the kernel stack's guard page. */
bool arch_stack_guard_hit(uintptr_t address);
__noreturn void arch_exception_report(struct arch_exception_frame *frame, unsigned vector);
/* exceptions/report_frame.c: the report's head (vector, stack overflow when a
 * data abort's address is in the guard page, mode and PC) and its end (the
 * registers, then the halt); the variant's fault registers go between. */
void arch_exception_report_begin(const struct arch_exception_frame *frame, const char *vector_name,
				 bool data_abort, uintptr_t fault_address);
__noreturn void arch_exception_report_end(const struct arch_exception_frame *frame);
void arch_irq_dispatch(void);
/* hyp/vcpu/switch.c: a guest's HCR and traps are in force (a VCPU thread runs
 * or ran last); false while native threads run. */
extern bool vcpu_guest_active;
/* hyp/vcpu/switch.c: HCR for native threads (at boot). */
void vcpu_set_native_hcr(void);
/* hyp/vcpu/exit.c: a trap from a running guest. */
__noreturn void arch_vcpu_trap(uint32_t hsr);
bool vcpu_guest_running(void);

#endif
