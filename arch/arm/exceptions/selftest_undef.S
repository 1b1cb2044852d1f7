/* SPDX-License-Identifier: MIT */
/* An undefined instruction the kernel executes on purpose
 * (CONFIG_SELFTEST_UNDEF): the boot tests check the report names it and
 * its address. */
	.syntax unified
	.arm
	.text

/* void arch_selftest_undefined_instruction(void) */
	.global	arch_selftest_undefined_instruction
	.global	arch_selftest_undef_insn
arch_selftest_undefined_instruction:
arch_selftest_undef_insn:
	udf	#0
	bx	lr
