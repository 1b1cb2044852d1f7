// SPDX-License-Identifier: MIT
/* Checks of what the kernel and the VMM make of the guest's exits: the
 * register a trapped access reads or writes (in every mode's bank), the
 * instruction stepped over (ARM, Thumb, inside IT blocks, failed
 * conditions), results of HVC and SMC, sign extension, and the guest's
 * system registers across an exit. The reference is always the same
 * access done the plain way (r0, SVC mode), so the checks hold whatever
 * the VMM's device models answer. Each returns false with a detail when
 * the emulation got it wrong. */
#include <tern/printf.h>
#include "hostile.h"

extern char _start[];

#define GICD_TYPER 0x004
#define GICD_IPRIORITYR_SPI64 0x440 /* priorities of SPIs 64-67: nobody's */
#define UART_FR 0x018
#define UART_CR 0x030
#define UART_CR_ENABLED 0x301u /* UARTEN, TXE, RXE */
#define UART_CR_CTSEN 0x8000u
#define PSCI_VERSION 0x84000000u
#define PSCI_VERSION_1_0 0x00010000u
#define PSCI_NOT_SUPPORTED 0xffffffffu

extern const struct action __start_actions_banked_load[], __stop_actions_banked_load[];
extern const struct action __start_actions_banked_store[], __stop_actions_banked_store[];
extern const struct action __start_actions_banked_mrc[], __stop_actions_banked_mrc[];

static const struct action *pick(const struct action *begin, const struct action *end)
{
	return begin + rng_below((uint32_t)(end - begin));
}

static uint32_t priority_register(void)
{
	return board.gicd + GICD_IPRIORITYR_SPI64;
}

static uint32_t pmcr_plain(void)
{
	return CP15_READ(0, c9, c12, 0);
}

static bool check_banked_load(char *detail, size_t size)
{
	const struct action *a = pick(__start_actions_banked_load, __stop_actions_banked_load);
	uint32_t reg = priority_register();
	mmio_write32(reg, rng_next());
	uint32_t expected = mmio_read32(reg);
	uint32_t got = a->run(reg, 0, 0, 0);
	ksnprintf(detail, size, "%s: loaded %08x, the plain load %08x", a->name, got, expected);
	return got == expected;
}

static bool check_banked_store(char *detail, size_t size)
{
	const struct action *a = pick(__start_actions_banked_store, __stop_actions_banked_store);
	uint32_t reg = priority_register(), value = rng_next();
	mmio_write32(reg, value);
	uint32_t expected = mmio_read32(reg);
	mmio_write32(reg, ~value);
	a->run(reg, value, 0, 0);
	uint32_t got = mmio_read32(reg);
	ksnprintf(detail, size, "%s of %08x: the device holds %08x, a plain store gives %08x", a->name,
		  value, got, expected);
	return got == expected;
}

static bool check_banked_mrc(char *detail, size_t size)
{
	const struct action *a = pick(__start_actions_banked_mrc, __stop_actions_banked_mrc);
	uint32_t expected = pmcr_plain();
	uint32_t got = a->run(~expected, 0, 0, 0); /* the register starts as anything else */
	ksnprintf(detail, size, "%s: PMCR read %08x, the plain read %08x", a->name, got, expected);
	return got == expected;
}

/* A Thumb sequence around a trapped load of GICD_TYPER (constant). */
static bool check_thumb(const char *name, uint32_t (*run)(uint32_t, uint32_t *), uint32_t marker,
			bool loads, char *detail, size_t size)
{
	uint32_t addr = board.gicd + GICD_TYPER, expected = loads ? mmio_read32(addr) : pmcr_plain();
	uint32_t value = ~expected;
	uint32_t got = run(addr, &value);
	ksnprintf(detail, size, "%s: marker %x (expected %x), value %08x (expected %08x)", name, got,
		  marker, value, expected);
	return got == marker && value == expected;
}

static bool check_it_then_else(char *detail, size_t size)
{
	return check_thumb("IT then-else around a load", hostile_it_then_else, 0, true, detail, size);
}

static bool check_it_then_then(char *detail, size_t size)
{
	return check_thumb("IT then-then around a load", hostile_it_then_then, 1, true, detail, size);
}

static bool check_it_four(char *detail, size_t size)
{
	return check_thumb("ITETE around a load", hostile_it_four, 0x11, true, detail, size);
}

static bool check_it_mrc(char *detail, size_t size)
{
	return check_thumb("IT then-else around an MRC", hostile_it_mrc, 1, false, detail, size);
}

static bool check_thumb_ldr16(char *detail, size_t size)
{
	return check_thumb("16-bit Thumb load", hostile_thumb_ldr16_count, 1, true, detail, size);
}

static bool check_cond_mrc(char *detail, size_t size)
{
	uint32_t marker = rng_next();
	uint32_t got = hostile_cond_mrc_fails(marker);
	ksnprintf(detail, size, "MRCNE with Z set: register %08x, was %08x", got, marker);
	return got == marker;
}

static bool check_cond_mcr(char *detail, size_t size)
{
	uint32_t got = hostile_cond_mcr_passes_over();
	ksnprintf(detail, size, "MCRNE with Z set: the next instruction ran %u times", got);
	return got == 1;
}

static bool check_mrc_flags(char *detail, size_t size)
{
	uint32_t expected = pmcr_plain() & 0xf0000000u;
	uint32_t got = hostile_mrc_to_flags();
	ksnprintf(detail, size, "MRC PMCR to APSR_nzcv: flags %08x, expected %08x", got, expected);
	return got == expected;
}

static bool check_hvc(char *detail, size_t size)
{
	uint32_t out[4];
	uint32_t ran = hostile_hvc_step(out);
	ksnprintf(detail, size, "HVC PSCI_VERSION: next instruction ran %u times, r0-r3 %08x %08x %08x %08x",
		  ran, out[0], out[1], out[2], out[3]);
	return ran == 1 && out[0] == PSCI_VERSION_1_0 && out[1] == 0x11111111u &&
	       out[2] == 0x22222222u && out[3] == 0x33333333u;
}

/* SMC traps to the VMM, which answers NOT_SUPPORTED, on a CPU with the
 * Security Extensions; without them (QEMU's secure=off) it is the guest's
 * undefined instruction: r0 unchanged. */
static bool check_smc(char *detail, size_t size)
{
	uint32_t out[4];
	uint32_t undefs = class_stats[CLASS_EXITCHECK].exceptions[EXC_UNDEF];
	uint32_t ran = hostile_smc_step(out);
	bool undefined = class_stats[CLASS_EXITCHECK].exceptions[EXC_UNDEF] != undefs;
	ksnprintf(detail, size, "SMC%s: next instruction ran %u times, r0-r3 %08x %08x %08x %08x",
		  undefined ? " (undefined)" : "", ran, out[0], out[1], out[2], out[3]);
	return ran == 1 && out[0] == (undefined ? PSCI_VERSION : PSCI_NOT_SUPPORTED) &&
	       out[1] == 0x11111111u && out[2] == 0x22222222u && out[3] == 0x33333333u;
}

/* LDRSB from a byte register (a priority: the GIC takes bytes and words,
 * not halfwords), LDRSH from a halfword one (the UART's control register,
 * which keeps bit 15). */
static bool check_sign_extension(char *detail, size_t size)
{
	uint32_t priority = priority_register() + rng_below(4), control = board.uart + UART_CR;
	uint8_t byte_value = 0x80 | (uint8_t)rng_next();
	*(volatile uint8_t *)priority = byte_value;
	mmio_write32(control, UART_CR_CTSEN | UART_CR_ENABLED);
	uint32_t byte = *(volatile uint8_t *)priority, half = *(volatile uint16_t *)control;
	int32_t sbyte = *(volatile int8_t *)priority, shalf = *(volatile int16_t *)control;
	mmio_write32(control, UART_CR_ENABLED);
	ksnprintf(detail, size, "LDRSB %08x of byte %02x, LDRSH %08x of halfword %04x", (uint32_t)sbyte,
		  byte, (uint32_t)shalf, half);
	return sbyte == (int8_t)byte && shalf == (int16_t)half && (byte & 0x80) && (half & 0x8000);
}

static uint32_t byte_swap(uint32_t v)
{
	return v >> 24 | (v >> 8 & 0xff00u) | (v << 8 & 0xff0000u) | v << 24;
}

/* With CPSR.E set, a word goes to the device in big-endian byte order:
 * a byte-addressed register (priorities) shows the bytes swapped. */
static bool check_big_endian(char *detail, size_t size)
{
	uint32_t reg = priority_register(), value = rng_next();
	mmio_write32(reg, value);
	uint32_t plain = mmio_read32(reg);
	uint32_t loaded = hostile_load_big_endian(reg);
	hostile_store_big_endian(reg, value);
	uint32_t stored = mmio_read32(reg);
	ksnprintf(detail, size, "big-endian load of %08x gave %08x, store of %08x left %08x "
		  "(expected %08x, %08x)", plain, loaded, value, stored, byte_swap(plain), byte_swap(plain));
	return loaded == byte_swap(plain) && stored == byte_swap(plain);
}

/* The guest's own system registers, written, then an exit (the VMM, a
 * native thread, runs in between), then read back: the world switch keeps
 * them. The reference is the value read right after the write (some bits
 * are fixed). */
static bool check_registers_across_exit(char *detail, size_t size)
{
	static const char *const names[] = {"TPIDRURW", "TPIDRURO", "TPIDRPRW", "CONTEXTIDR",
					    "PAR", "DFAR", "IFAR", "AMAIR0", "CSSELR", "CNTKCTL",
					    "CNTV_CVAL", "FCSEIDR"};
	uint32_t before[ARRAY_SIZE(names)], after[ARRAY_SIZE(names)];
	uint32_t v[ARRAY_SIZE(names)];
	for (unsigned i = 0; i < ARRAY_SIZE(v); i++)
		v[i] = rng_next();
	v[8] &= 0xfu;         /* CSSELR: level and InD */
	v[9] &= 0x3ffu;       /* CNTKCTL */
	v[11] = 0;            /* FCSEIDR: written (non-zero) by the cp15 class only */
	CP15_WRITE(0, c13, c0, 2, v[0]);
	CP15_WRITE(0, c13, c0, 3, v[1]);
	CP15_WRITE(0, c13, c0, 4, v[2]);
	CP15_WRITE(0, c13, c0, 1, v[3]);
	CP15_WRITE(0, c7, c4, 0, v[4]);
	CP15_WRITE(0, c6, c0, 0, v[5]);
	CP15_WRITE(0, c6, c0, 2, v[6]);
	CP15_WRITE(0, c10, c3, 0, v[7]);
	CP15_WRITE(2, c0, c0, 0, v[8]);
	CP15_WRITE(0, c14, c1, 0, v[9]);
	CP15_WRITE(0, c14, c3, 1, 0); /* CNTV off before its compare value moves */
	CP15_WRITE64(3, c14, (uint64_t)v[10] << 32);
	CP15_WRITE(0, c13, c0, 0, v[11]);
#define READ_ALL(a)                                  \
	do {                                         \
		a[0] = CP15_READ(0, c13, c0, 2);     \
		a[1] = CP15_READ(0, c13, c0, 3);     \
		a[2] = CP15_READ(0, c13, c0, 4);     \
		a[3] = CP15_READ(0, c13, c0, 1);     \
		a[4] = CP15_READ(0, c7, c4, 0);      \
		a[5] = CP15_READ(0, c6, c0, 0);      \
		a[6] = CP15_READ(0, c6, c0, 2);      \
		a[7] = CP15_READ(0, c10, c3, 0);     \
		a[8] = CP15_READ(2, c0, c0, 0);      \
		a[9] = CP15_READ(0, c14, c1, 0);     \
		uint64_t cval_;                      \
		__asm__ volatile("mrrc p15, 3, %Q0, %R0, c14" : "=r"(cval_)); \
		a[10] = (uint32_t)(cval_ >> 32);     \
		a[11] = CP15_READ(0, c13, c0, 0);    \
	} while (0)
	READ_ALL(before);
	unsigned exit_kind = rng_below(3);
	switch (exit_kind) {
	case 0:
		__asm__ volatile("mov r0, %0\n\thvc #0" ::"r"(PSCI_VERSION) : "r0", "r1", "r2", "r3", "memory");
		break;
	case 1:
		(void)mmio_read32(board.uart + UART_FR);
		break;
	default: /* the compare value is the wake-up's: not compared below */
		CP15_WRITE64(3, c14, hostile_counter() + timer_frequency() / 2000);
		CP15_WRITE(0, c14, c3, 1, 1);
		__asm__ volatile("dsb\n\twfi" ::: "memory"); /* the kernel blocks the VCPU */
		CP15_WRITE(0, c14, c3, 1, 0);
		gic_recover(); /* take nothing: end what the timer left pending */
		break;
	}
	READ_ALL(after);
#undef READ_ALL
	if (exit_kind == 2)
		after[10] = before[10];
	for (unsigned i = 0; i < ARRAY_SIZE(names); i++)
		if (before[i] != after[i]) {
			ksnprintf(detail, size, "%s was %08x before an exit, %08x after", names[i],
				  before[i], after[i]);
			return false;
		}
	ksnprintf(detail, size, "registers kept");
	return true;
}

/* LDR PC from a device: the PC gets the loaded value (a branch), exactly
 * it; the VMM refusing (no syndrome: an abort) is acceptable too. */
uint32_t hostile_ldr_pc(uint32_t addr);
uint32_t hostile_ldr_pc_landing(void);
static bool check_ldr_pc(char *detail, size_t size)
{
	uint32_t reg = priority_register();
	mmio_write32(reg, (uint32_t)(uintptr_t)hostile_ldr_pc_landing);
	if (mmio_read32(reg) != (uint32_t)(uintptr_t)hostile_ldr_pc_landing) {
		ksnprintf(detail, size, "the priority register does not hold an address: not run");
		return true;
	}
	uint32_t got = hostile_ldr_pc(reg);
	ksnprintf(detail, size, "LDR PC from a device: %s (%x)",
		  got == 3 ? "landed" : got == 0x99 ? "refused" : got == 2 ? "landed 4 bytes late"
									  : "went elsewhere",
		  got);
	return got == 3 || got == 0x99;
}

/* STR PC to a device stores the instruction's address + 8 (ARM state). */
uint32_t hostile_str_pc(uint32_t addr);
static bool check_str_pc(char *detail, size_t size)
{
	uint32_t reg = priority_register();
	mmio_write32(reg, 0);
	uint32_t at = hostile_str_pc(reg); /* the STR's own address */
	uint32_t got = mmio_read32(reg);
	ksnprintf(detail, size, "STR PC at %08x stored %08x (expected %08x)", at, got, at + 8);
	return got == at + 8 || got == 0; /* 0: refused (aborted) */
}

/* An IPA above 4 GiB names nothing the guest has: an access there is an
 * external abort, never the 32-bit address below it (a device register or
 * the guest's own RAM, read through the LPAE window). */
static bool check_ipa_above_4g(char *detail, size_t size)
{
	bool ram = rng_below(2);
	uint32_t below = ram ? (uint32_t)(uintptr_t)_start + 0x24 /* the zImage magic */
			     : board.gicd + GICD_TYPER;
	uint64_t ipa = (uint64_t)(1 + rng_below(255)) << 32 | below;
	uint32_t expected_alias = mmio_read32(below);
	bool was_on = mmu_enabled();
	if (!was_on)
		mmu_enable();
	uint32_t va = mmu_window(ipa, !ram);
	uint32_t aborts = class_stats[CLASS_EXITCHECK].exceptions[EXC_DABT];
	uint32_t got = ~expected_alias;
	__asm__ volatile("ldr %0, [%1]" : "+r"(got) : "r"(va) : "memory");
	bool aborted = class_stats[CLASS_EXITCHECK].exceptions[EXC_DABT] != aborts;
	mmu_window_identity();
	if (!was_on)
		mmu_disable();
	if (aborted)
		ksnprintf(detail, size, "a load from IPA %llx aborted", ipa);
	else
		ksnprintf(detail, size, "a load from IPA %llx returned %08x%s (at %08x: %08x)", ipa,
			  got, got == expected_alias ? ", an alias of the address below 4 GiB" : "",
			  below, expected_alias);
	return aborted && got == ~expected_alias;
}

const struct exit_check exit_checks[] = {
	{"banked_load", check_banked_load},
	{"banked_store", check_banked_store},
	{"banked_mrc", check_banked_mrc},
	{"it_then_else", check_it_then_else},
	{"it_then_then", check_it_then_then},
	{"it_four", check_it_four},
	{"it_mrc", check_it_mrc},
	{"thumb_ldr16", check_thumb_ldr16},
	{"cond_mrc", check_cond_mrc},
	{"cond_mcr", check_cond_mcr},
	{"mrc_to_flags", check_mrc_flags},
	{"hvc_result", check_hvc},
	{"smc_result", check_smc},
	{"sign_extension", check_sign_extension},
	{"big_endian", check_big_endian},
	{"registers_across_exit", check_registers_across_exit},
	{"ldr_pc", check_ldr_pc},
	{"str_pc", check_str_pc},
	{"ipa_above_4g", check_ipa_above_4g},
};
const unsigned exit_check_count = ARRAY_SIZE(exit_checks);
